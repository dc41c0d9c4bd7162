import type { SourceFile } from 'ts-morph';

/** How the file writes code, so generated code reads like its neighbours. */
export interface CodeStyle {
  quote: "'" | '"';
  /** One level of indentation. */
  indent: string;
  semicolons: boolean;
  /** A comma after the last element of multi-line objects and arrays. */
  trailingComma: boolean;
}

const MAX_INLINE = 80;

/** The style of `sf`, read from its text: the most common quote, the first indentation, `;` and trailing commas. */
export function styleOf(sf: SourceFile): CodeStyle {
  const text = sf.getFullText();
  const single = (text.match(/'/g) ?? []).length;
  const double = (text.match(/"/g) ?? []).length;
  const indent = /\n( +|\t)\S/.exec(text)?.[1] ?? '  ';
  const lines = text
    .split('\n')
    .map((l) => l.trimEnd())
    .filter((l) => l && !l.trimStart().startsWith('//'));
  const semicolons = lines.filter((l) => l.endsWith(';')).length > 0;
  const withComma = (text.match(/,\n\s*[}\]]/g) ?? []).length;
  const without = (text.match(/[^,{[\s]\n\s*[}\]]/g) ?? []).length;
  const trailingComma = withComma >= without;
  return {
    quote: double > single ? '"' : "'",
    indent: indent.startsWith('\t') ? '\t' : indent.length >= 4 ? '    ' : '  ',
    semicolons,
    trailingComma,
  };
}

/**
 * How wide `code` prints: an import placeholder (`__i2g_import_<name>__<module>__i2g__`) as wide as
 * the name it becomes, so that code naming an imported enum fits on a line as it will read.
 */
export function codeWidth(code: string): number {
  return code.replace(/__i2g_import_([\w$]+?)__\w*?__i2g__/g, '$1').length;
}

/** Code for a string: a literal, or what `code` gives for a string that stands for computed code. */
export type StringCode = (s: string) => string | undefined;

export function stringLiteral(s: string, style: CodeStyle): string {
  const q = style.quote;
  const body = s
    .replace(/\\/g, '\\\\')
    .replace(new RegExp(q, 'g'), `\\${q}`)
    .replace(/\n/g, '\\n')
    .replace(/\r/g, '\\r')
    .replace(/\t/g, '\\t');
  return `${q}${body}${q}`;
}

function keyCode(key: string, style: CodeStyle): string {
  return /^[A-Za-z_$][\w$]*$/.test(key) ? key : stringLiteral(key, style);
}

function isScalar(v: unknown): boolean {
  return v === null || typeof v !== 'object';
}

/** Values nested at most three deep may go on one line when they fit. */
function isFlat(v: unknown, depth = 3): boolean {
  if (isScalar(v)) return true;
  if (depth === 0) return false;
  return (Array.isArray(v) ? v : Object.values(v as object)).every((x) => isFlat(x, depth - 1));
}

/**
 * Code for plain data: objects and arrays over several lines (flat ones on one line when short),
 * keys bare where they can be. `indent` is the indentation of the line the value starts on,
 * `column` where on that line it starts.
 */
export function printValue(
  v: unknown,
  indent: string,
  style: CodeStyle,
  code: StringCode,
  column = 0,
  root = false,
): string {
  if (typeof v === 'string') return code(v) ?? stringLiteral(v, style);
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (v === null || v === undefined) return 'null';
  const pad = indent + style.indent;
  const close = indent;
  const tail = style.trailingComma ? ',' : '';
  if (Array.isArray(v)) {
    if (v.length === 0) return '[]';
    if (isFlat(v)) {
      const inline = `[${v.map((x) => printValue(x, indent, style, code)).join(', ')}]`;
      if (column + codeWidth(inline) <= MAX_INLINE && !inline.includes('\n')) return inline;
    }
    return `[\n${v.map((x) => `${pad}${printValue(x, pad, style, code, pad.length)}`).join(',\n')}${tail}\n${close}]`;
  }
  const entries = Object.entries(v as Record<string, unknown>).filter(([, x]) => x !== undefined);
  if (entries.length === 0) return '{}';
  if (!root && isFlat(v)) {
    const inline = `{ ${entries.map(([k, x]) => `${keyCode(k, style)}: ${printValue(x, indent, style, code)}`).join(', ')} }`;
    if (column + codeWidth(inline) <= MAX_INLINE && !inline.includes('\n')) return inline;
  }
  const lines = entries.map(([k, x]) => {
    const head = `${pad}${keyCode(k, style)}: `;
    return `${head}${printValue(x, pad, style, code, head.length)}`;
  });
  return `{\n${lines.join(',\n')}${tail}\n${close}}`;
}
