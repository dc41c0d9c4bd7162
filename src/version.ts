import { readFileSync } from 'node:fs';

/** This package's version, from its package.json (one level above `src/` and `dist/`). */
export const VERSION: string = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;

/** Where the project lives: the findings' docs pages and the SARIF rules' `helpUri` point here. */
export const PROJECT_URL = 'https://github.com/istio2gateway/istio2gateway';

/** The page documenting finding `id` (docs/findings/<id>.md), for this release's tag. */
export function findingDocsUrl(id: string): string {
  return `${PROJECT_URL}/blob/v${VERSION}/docs/findings/${encodeURIComponent(id)}.md`;
}
