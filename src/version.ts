import { readFileSync } from 'node:fs';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string; repository: { url: string } };

/** This package's version, from its package.json (one level above `src/` and `dist/`). */
export const VERSION: string = pkg.version;

/** Where the project lives (package.json `repository`): the findings' docs pages and the SARIF rules' `helpUri` point here. */
export const PROJECT_URL: string = pkg.repository.url.replace(/^git\+/, '').replace(/\.git$/, '');

/** The page documenting finding `id` (docs/findings/<id>.md), for this release's tag. */
export function findingDocsUrl(id: string): string {
  return `${PROJECT_URL}/blob/v${VERSION}/docs/findings/${encodeURIComponent(id)}.md`;
}
