import { Node, type Expression, type ObjectLiteralExpression, ts } from 'ts-morph';
import { type FieldPath, formatPath } from '../model/resources.js';

/** A piece of a string the source computes: literal text, or the occurrence `id` of an expression. */
export type Part = string | { id: number };

/** A value the source computes (`host`, `` `${app}.example.com` ``, `cfg.port`): its parts. */
export class Computed {
  constructor(
    readonly parts: readonly Part[],
    /** True when the whole value is one expression (not a template with literal text around it). */
    readonly whole: boolean,
  ) {}
}

export type Value =
  string | number | boolean | null | Computed | Value[] | { [key: string]: Value };

/** One expression whose value the source computes, where it stands in the resource. */
export interface Occurrence {
  /** Shared by occurrences that are the same variable or property (`host` twice is one value). */
  id: number;
  node: Expression;
  path: FieldPath;
  /** A `${…}` inside a template literal (its value is turned into a string). */
  inTemplate: boolean;
}

export interface Extracted {
  value: Record<string, Value>;
  /** Each field's property node by its formatted path (`spec.http[0].route`), for locating findings. */
  nodes: Map<string, Node>;
  occurrences: Occurrence[];
  /** Set when the object cannot be read as data: a spread, a computed key, a method. */
  opaque?: { node: Node; reason: string };
}

/** Gives the same id to the same variable or property path, a new one to anything else. */
export class OccurrenceIds {
  private readonly byKey = new Map<string, number>();
  private next = 0;

  idFor(expr: Expression): number {
    const key = keyOf(expr);
    if (key === undefined) return this.next++;
    let id = this.byKey.get(key);
    if (id === undefined) {
      id = this.next++;
      this.byKey.set(key, id);
    }
    return id;
  }
}

/** `a.b.c` rooted at a declared identifier: the declaration's place plus the path; else none. */
function keyOf(expr: Expression): string | undefined {
  let e: Node = expr;
  const names: string[] = [];
  while (Node.isPropertyAccessExpression(e)) {
    names.unshift(e.getName());
    e = e.getExpression();
  }
  if (!Node.isIdentifier(e)) return undefined;
  const decl = e.getSymbol()?.getDeclarations()[0];
  if (!decl) return undefined;
  return `${decl.getSourceFile().getFilePath()}:${decl.getStart()}:${names.join('.')}`;
}

/**
 * Reads an object literal as data. Literals become values; anything the source computes becomes
 * a `Computed` with an occurrence per expression. `renameKey` maps source keys to manifest keys.
 */
export function extractObject(
  obj: ObjectLiteralExpression,
  ids: OccurrenceIds,
  renameKey: (key: string) => string = (k) => k,
): Extracted {
  const out: Extracted = { value: {}, nodes: new Map(), occurrences: [] };
  const fail = (node: Node, reason: string): never => {
    // Opaque is a control-flow signal caught by the extractor, not an error for callers.
    // eslint-disable-next-line @typescript-eslint/only-throw-error
    throw new Opaque(node, reason);
  };

  const readObject = (o: ObjectLiteralExpression, path: FieldPath): Record<string, Value> => {
    const result: Record<string, Value> = {};
    for (const p of o.getProperties()) {
      if (Node.isPropertyAssignment(p)) {
        const nameNode = p.getNameNode();
        if (Node.isComputedPropertyName(nameNode)) fail(p, 'a computed property name');
        const raw =
          Node.isStringLiteral(nameNode) || Node.isNumericLiteral(nameNode)
            ? String(nameNode.getLiteralValue())
            : nameNode.getText();
        const key = renameKey(raw);
        const at = [...path, key];
        out.nodes.set(formatPath(at), p);
        result[key] = read(p.getInitializerOrThrow(), at);
      } else if (Node.isShorthandPropertyAssignment(p)) {
        const key = renameKey(p.getName());
        const at = [...path, key];
        out.nodes.set(formatPath(at), p);
        result[key] = computedWhole(p.getNameNode(), at);
      } else if (Node.isSpreadAssignment(p)) {
        fail(p, `a spread (${p.getText()})`);
      } else {
        fail(p, 'a method or accessor');
      }
    }
    return result;
  };

  const computedWhole = (expr: Expression, path: FieldPath): Computed => {
    const id = ids.idFor(expr);
    out.occurrences.push({ id, node: expr, path, inTemplate: false });
    return new Computed([{ id }], true);
  };

  const read = (expr: Expression, path: FieldPath): Value => {
    // Type assertions and parentheses do not change the value.
    if (
      Node.isAsExpression(expr) ||
      Node.isSatisfiesExpression(expr) ||
      Node.isParenthesizedExpression(expr) ||
      Node.isNonNullExpression(expr)
    ) {
      return read(expr.getExpression(), path);
    }
    if (Node.isStringLiteral(expr) || Node.isNoSubstitutionTemplateLiteral(expr))
      return expr.getLiteralValue();
    if (Node.isNumericLiteral(expr)) return expr.getLiteralValue();
    if (
      Node.isPrefixUnaryExpression(expr) &&
      expr.getOperatorToken() === ts.SyntaxKind.MinusToken &&
      Node.isNumericLiteral(expr.getOperand())
    ) {
      return -Number(expr.getOperand().getText());
    }
    if (Node.isTrueLiteral(expr)) return true;
    if (Node.isFalseLiteral(expr)) return false;
    if (Node.isNullLiteral(expr)) return null;
    if (Node.isObjectLiteralExpression(expr)) return readObject(expr, path);
    if (Node.isArrayLiteralExpression(expr)) {
      return expr.getElements().map((el, i) => {
        if (Node.isSpreadElement(el)) fail(el, `a spread (${el.getText()})`);
        if (Node.isOmittedExpression(el)) fail(expr, 'an array with a hole');
        out.nodes.set(formatPath([...path, i]), el);
        return read(el, [...path, i]);
      });
    }
    if (Node.isTemplateExpression(expr)) {
      const parts: Part[] = [expr.getHead().getLiteralText()];
      for (const span of expr.getTemplateSpans()) {
        const e = span.getExpression();
        const id = ids.idFor(e);
        out.occurrences.push({ id, node: e, path, inTemplate: true });
        parts.push({ id });
        parts.push(span.getLiteral().getLiteralText());
      }
      return new Computed(
        parts.filter((p) => p !== ''),
        false,
      );
    }
    return computedWhole(expr, path);
  };

  try {
    out.value = readObject(obj, []);
  } catch (e) {
    if (!(e instanceof Opaque)) throw e;
    out.opaque = { node: e.node, reason: e.reason };
  }
  return out;
}

class Opaque {
  constructor(
    readonly node: Node,
    readonly reason: string,
  ) {}
}
