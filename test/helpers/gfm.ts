import MarkdownIt from 'markdown-it';
import { expect } from 'vitest';

// GitHub renders comments as GFM with inline HTML allowed (sanitized after); markdown-it with
// `html: true` and its GFM tables is the closest renderer that runs offline. Without linkify:
// markdown-it's escapes an entity inside a bare URL twice, a quirk GitHub's autolinks lack
// (and a bare URL from the input turning into a link is harmless).
const md = new MarkdownIt({ html: true, linkify: false });
type Token = ReturnType<InstanceType<typeof MarkdownIt>['parse']>[number];

export function renderGfm(text: string): string {
  return md.render(text);
}

export interface CommentShape {
  /** Heading texts in order, with their level: `h3 istio2gateway: …`. */
  headings: string[];
  /** Per table: the cell count of every row, header first. */
  tables: number[][];
  /** Texts outside code (where GitHub links mentions and issue numbers). */
  texts: string[];
  html: string;
}

/** The structure of a comment as a GFM renderer sees it. */
export function shapeOf(text: string): CommentShape {
  const tokens = md.parse(text, {});
  const shape: CommentShape = {
    headings: [],
    tables: [],
    texts: [],
    html: md.renderer.render(tokens, md.options, {}),
  };
  let table: number[] | undefined;
  let cells = 0;
  tokens.forEach((t: Token, i: number) => {
    if (t.type === 'heading_open') shape.headings.push(`${t.tag} ${tokens[i + 1]!.content}`);
    if (t.type === 'table_open') shape.tables.push((table = []));
    if (t.type === 'tr_open') cells = 0;
    if (t.type === 'th_open' || t.type === 'td_open') cells++;
    if (t.type === 'tr_close') table!.push(cells);
    if (t.type !== 'inline') return;
    let inCode = false;
    for (const c of t.children ?? []) {
      if (c.type === 'html_inline' && /^<\/?code>$/.test(c.content))
        inCode = !c.content.startsWith('</');
      if (c.type === 'text' && !inCode) shape.texts.push(c.content);
    }
  });
  return shape;
}

/**
 * What every comment must be: tables whose rows all have the header's cell count and at least
 * one body row, `<details>` opened and closed in order, and only our own headings.
 */
export function expectWellFormed(text: string, ownHeadings: readonly string[]): CommentShape {
  const shape = shapeOf(text);
  for (const t of shape.tables) {
    expect(t.length, 'a table without rows').toBeGreaterThan(1);
    for (const n of t) expect(n).toBe(t[0]);
  }
  let depth = 0;
  for (const m of shape.html.matchAll(/<(\/?)details>/g)) {
    depth += m[1] ? -1 : 1;
    expect(depth).toBeGreaterThanOrEqual(0);
    expect(depth).toBeLessThanOrEqual(1);
  }
  expect(depth).toBe(0);
  for (const h of shape.headings) expect(ownHeadings).toContain(h);
  // Escaped twice, a reader would see `&#40;` or `<code>` as text.
  expect(
    /.{0,60}&amp;(#\d+|lt|gt|amp);.{0,30}/.exec(shape.html)?.[0],
    'escaped twice',
  ).toBeUndefined();
  return shape;
}

/** A GitHub mention or issue reference in rendered text: `@name`, `#12`. */
export const MENTION = /(^|[^\w`])@[A-Za-z0-9][\w-]*|(^|\W)#\d+/;
