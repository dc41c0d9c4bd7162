import { Node, type Expression } from 'ts-morph';
import type { Site } from './find.js';
import type { TypedObject } from './cdk8s-imports.js';
import { type CodeStyle, codeWidth, printValue, type StringCode, stringLiteral } from './print.js';

/** A named import the generated code needs; `placeholder` stands for its local name until imports are settled. */
export interface NeededImport {
  module: string;
  name: string;
  placeholder: string;
}

export interface CodeContext {
  style: CodeStyle;
  code: StringCode;
  /** Indentation of the line the code starts on, and the column it starts at. */
  indent: string;
  column: number;
  /** Records an import and returns the placeholder to write for its local name. */
  use(module: string, name: string): string;
  /** cdk8s: the object as props of the project's imported Gateway API class, when it has one that fits. */
  cdk8sTyped?: (obj: Record<string, unknown>) => TypedObject | undefined;
}

/** The module of a Gateway API (or core) class in kubernetes-models, by apiVersion and kind. */
export function kubernetesModelsModule(apiVersion: string, kind: string): string {
  return apiVersion.includes('/')
    ? `@kubernetes-models/gateway-api/${apiVersion}/${kind}`
    : `kubernetes-models/${apiVersion}/${kind}`;
}

/**
 * Code for one output object in the style of the site: an object literal, a kubernetes-models
 * class, a Pulumi CustomResource, or a cdk8s class from the project's imports (ApiObject without). `nameArg` is the code of the Pulumi
 * resource name or the cdk8s construct id (the site's own for the first object, derived for others).
 */
export function objectCode(
  site: Site,
  obj: Record<string, unknown>,
  nameArg: string,
  ctx: CodeContext,
): string {
  const print = (v: unknown, column: number) =>
    printValue(v, ctx.indent, ctx.style, ctx.code, column, true);
  switch (site.form) {
    case 'object':
      return print(obj, ctx.column);
    case 'kubernetes-models': {
      // The class sets apiVersion and kind; its constructor takes the rest (ModelData omits them).
      const { apiVersion, kind, ...rest } = obj as { apiVersion: string; kind: string };
      const local = ctx.use(kubernetesModelsModule(apiVersion, kind), kind);
      return `new ${local}(${print(rest, ctx.column + local.length + 5)})`;
    }
    case 'pulumi': {
      const node = site.node as Extract<Site['node'], { getArguments(): unknown }>;
      const args = (node as unknown as { getArguments(): Node[] }).getArguments();
      const callee = (node as unknown as { getExpression(): Expression }).getExpression().getText();
      const rest = args
        .slice(2)
        .map((a) => `, ${a.getText()}`)
        .join('');
      return `new ${callee}(${nameArg}, ${print(obj, ctx.column + callee.length + nameArg.length + 7)}${rest})`;
    }
    case 'cdk8s': {
      const args = (site.node as unknown as { getArguments(): Node[] }).getArguments();
      const scope = args[0]!.getText();
      const typed = ctx.cdk8sTyped?.(obj);
      if (typed) {
        // The imported class sets apiVersion and kind; enum-typed fields name the module's enum members.
        const local = ctx.use(typed.module, typed.className);
        const code: StringCode = (s) => {
          const e = typed.enums.get(s);
          return e ? `${ctx.use(typed.module, e.enumName)}.${e.member}` : ctx.code(s);
        };
        const column = ctx.column + codeWidth(local) + scope.length + nameArg.length + 9;
        return `new ${local}(${scope}, ${nameArg}, ${printValue(typed.props, ctx.indent, ctx.style, code, column, true)})`;
      }
      const local = ctx.use('cdk8s', 'ApiObject');
      return `new ${local}(${scope}, ${nameArg}, ${print(obj, ctx.column + codeWidth(local) + scope.length + nameArg.length + 9)})`;
    }
  }
}

/** The Pulumi name or cdk8s id argument of a site, as written. */
export function nameArgument(site: Site): Node | undefined {
  if (site.form !== 'pulumi' && site.form !== 'cdk8s') return undefined;
  const args = (site.node as unknown as { getArguments(): Node[] }).getArguments();
  return site.form === 'pulumi' ? args[0] : args[1];
}

/** `name` with `-suffix` appended, in code: a literal stays a literal, other code becomes a template. */
export function suffixedName(arg: Node, suffix: string, style: CodeStyle): string {
  if (Node.isStringLiteral(arg) || Node.isNoSubstitutionTemplateLiteral(arg))
    return stringLiteral(`${arg.getLiteralValue()}-${suffix}`, style);
  if (Node.isTemplateExpression(arg)) {
    const text = arg.getText();
    return `${text.slice(0, -1)}-${suffix}\``;
  }
  return `\`\${${arg.getText()}}-${suffix}\``;
}
