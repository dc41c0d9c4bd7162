// What scripts/build-playground.mjs writes into the bundle when it builds the page.
declare module 'playground:data' {
  /** samples/<name>/input.yaml and options.json, read when the page was built. */
  export const EXAMPLES: { name: string; input: string; options: Record<string, unknown> }[];
  /** package.json's version and repository URL, for the links to the findings' pages. */
  export const PACKAGE: { version: string; repository: string };
}
