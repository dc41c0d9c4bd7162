// Where a finding's page lives, from the package's version and repository: pure, so the browser
// entry (src/browser.ts) links to the same pages as the CLI's reports without reading files.

/** The project's web address from package.json `repository.url` (`git+…`, `….git` removed). */
export function projectUrlOf(repositoryUrl: string): string {
  return repositoryUrl.replace(/^git\+/, '').replace(/\.git$/, '');
}

/** The page documenting finding `id` (docs/findings/<id>.md), for the tag of `version`. */
export function findingPageUrl(projectUrl: string, version: string, id: string): string {
  return `${projectUrl}/blob/v${version}/docs/findings/${encodeURIComponent(id)}.md`;
}
