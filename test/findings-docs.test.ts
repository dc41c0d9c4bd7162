import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CATALOG } from '../src/findings/catalog.js';

const DOCS = new URL('../docs/findings/', import.meta.url).pathname;

// Like lint rules: every finding id has one page with its severity and a before/after example.
describe('docs/findings', () => {
  const pages = readdirSync(DOCS).filter(
    (f) => f.endsWith('.md') && f !== 'README.md' && f !== 'TEMPLATE.md',
  );

  it.each([...CATALOG.values()].map((m) => [m.id, m] as const))(
    '%s has a page that matches the catalog',
    (id, meta) => {
      const path = `${DOCS}${id}.md`;
      expect(existsSync(path), `docs/findings/${id}.md is missing`).toBe(true);
      const text = readFileSync(path, 'utf8');
      expect(text.split('\n')[0]).toBe(`# \`${id}\` (${meta.severity})`);
      expect(text).toContain('## Before');
      expect(text).toContain('## After');
    },
  );

  it('has no page for an id the code does not raise', () => {
    expect(pages.map((p) => p.replace(/\.md$/, '')).filter((id) => !CATALOG.has(id))).toEqual([]);
  });
});
