// Escaping of text that comes from input (file names, field paths, header names, messages that
// quote them) before it reaches a terminal, a YAML comment or a Markdown comment. Input is
// untrusted: a manifest in a pull request can hold any character in a key or a value.

/**
 * Characters that move the cursor, end a line for some reader, or reorder what is shown:
 * C0 and C1 controls (ESC, CR, LF, NEL U+0085 …), DEL, the Unicode line and paragraph
 * separators (YAML 1.1 and JavaScript end lines on them), and bidirectional overrides
 * (text that reads differently from how it is stored). Tab is not among them.
 */
const UNSAFE =
  /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** `\n`, `\r`, `\x1b`, `\u2028`: the escape a reader can see and type back. */
function visible(c: string): string {
  if (c === '\n') return '\\n';
  if (c === '\r') return '\\r';
  const code = c.charCodeAt(0);
  return code < 0x100
    ? `\\x${code.toString(16).padStart(2, '0')}`
    : `\\u${code.toString(16).padStart(4, '0')}`;
}

/** One line: every control character, line break and bidi override shown as an escape. */
export function escapeControl(s: string): string {
  return s.replace(UNSAFE, visible);
}

/** True when `s` holds a character `escapeControl` would escape. */
export function hasControl(s: string): boolean {
  UNSAFE.lastIndex = 0;
  const found = UNSAFE.test(s);
  UNSAFE.lastIndex = 0;
  return found;
}

// ---- Markdown (GitHub-flavoured) ----------------------------------------------------------

/**
 * ASCII punctuation that Markdown or HTML gives a meaning to: written as numeric character
 * references, which GFM renders as the character itself in text, table cells and inline HTML.
 * `|` as `&#124;`: `\|` still splits a cell inside code spans in some GFM renderers.
 */
const MARKDOWN_SPECIAL = /[&<>|`*_[\]\\~#!()]/g;
const ref = (c: string) => `&#${c.charCodeAt(0)};`;

/**
 * Input text for a Markdown paragraph or table cell: one line (line breaks and control
 * characters shown as escapes), no markup, no HTML, no headings, and `@name` not a mention
 * (a zero-width space after the `@`, so nobody is notified by a manifest's text).
 */
export function markdownText(s: string): string {
  return escapeControl(s)
    .replace(MARKDOWN_SPECIAL, ref)
    .replace(/@(?=[\w-])/g, '@&#8203;');
}

/**
 * Input text shown as code in Markdown, also inside a table cell: `<code>` with the text
 * escaped as in `markdownText`, so backticks and `|` in it cannot close the span or the cell.
 * GitHub does not turn `@name` inside code into a mention, so it is kept as written.
 */
export function markdownCode(s: string): string {
  return `<code>${escapeControl(s).replace(MARKDOWN_SPECIAL, ref)}</code>`;
}

// ---- YAML comments --------------------------------------------------------------------------

/**
 * Text for one `# …` YAML comment line: every line break any YAML reader knows (LF, CR, and
 * NEL, U+2028, U+2029, which YAML 1.1 readers such as kubectl's also break lines on) and every
 * other control character escaped, so the text can never end the comment and start YAML of its
 * own (a `---` and a document) on the next line.
 */
export function yamlCommentText(s: string): string {
  return escapeControl(s);
}
