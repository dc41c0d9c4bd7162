import { Node, type VariableStatement } from 'ts-morph';
import type { Site } from './find.js';

/** Where the replacement of one resource goes, which decides whether several objects fit. */
export type Placement =
  | { kind: 'array' }
  | { kind: 'variable'; statement: VariableStatement; name: string }
  | { kind: 'statement'; statement: Node }
  | { kind: 'single' };

/** An array element takes several elements; a `const x = …` or a statement takes statements after it; anything else one expression. */
export function placementOf(site: Site): Placement {
  const parent = site.node.getParent();
  if (!parent) return { kind: 'single' };
  if (Node.isArrayLiteralExpression(parent)) return { kind: 'array' };
  if (Node.isExpressionStatement(parent)) return { kind: 'statement', statement: parent };
  if (
    Node.isVariableDeclaration(parent) &&
    parent.getInitializer() === site.node &&
    Node.isIdentifier(parent.getNameNode())
  ) {
    const statement = parent.getVariableStatement();
    if (statement && statement.getDeclarations().length === 1)
      return { kind: 'variable', statement, name: parent.getName() };
  }
  return { kind: 'single' };
}

/** The whitespace that starts the line `node` starts on. */
export function lineIndent(node: Node): string {
  const text = node.getSourceFile().getFullText();
  const lineStart = text.lastIndexOf('\n', node.getStart() - 1) + 1;
  return /^[ \t]*/.exec(text.slice(lineStart))![0];
}

/** Column (0-based) where `node` starts on its line. */
export function columnOf(node: Node): number {
  const text = node.getSourceFile().getFullText();
  return node.getStart() - (text.lastIndexOf('\n', node.getStart() - 1) + 1);
}
