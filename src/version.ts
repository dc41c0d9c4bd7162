import { readFileSync } from 'node:fs';
import { findingPageUrl, projectUrlOf } from './findings/docs-url.js';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
  version: string;
  repository: { url: string };
};

/** This package's version, from its package.json (one level above `src/` and `dist/`). */
export const VERSION: string = pkg.version;

/** Where the project lives (package.json `repository`): the findings' docs pages and the SARIF rules' `helpUri` point here. */
export const PROJECT_URL: string = projectUrlOf(pkg.repository.url);

/** The page documenting finding `id` (docs/findings/<id>.md), for this release's tag. */
export function findingDocsUrl(id: string): string {
  return findingPageUrl(PROJECT_URL, VERSION, id);
}

/** A finding's page (docs/findings/<id>.md) as SARIF rule help: the page, and its "Why". */
export interface FindingHelp {
  /** The page's Markdown, whole. */
  markdown: string;
  /** The first paragraph of its "Why" section, as plain text. */
  why: string;
}

const helpCache = new Map<string, FindingHelp | undefined>();

/** The page of finding `id`, read from the docs shipped beside `src/`, `dist/` or the Action. */
export function findingHelp(id: string): FindingHelp | undefined {
  if (helpCache.has(id)) return helpCache.get(id);
  let help: FindingHelp | undefined;
  try {
    const url = new URL(`../docs/findings/${encodeURIComponent(id)}.md`, import.meta.url);
    const markdown = readFileSync(url, 'utf8');
    const why = /^## Why\s*\n+([\s\S]*?)(?:\n\s*\n|\n#|$)/m.exec(markdown)?.[1] ?? '';
    help = { markdown, why: why.replace(/\s*\n\s*/g, ' ').trim() };
  } catch {
    help = undefined;
  }
  helpCache.set(id, help);
  return help;
}
