// Bundles the GitHub Action (src/action/entry.ts and everything it imports, dependencies
// included) into action/main.mjs, which is committed: the Action runs it as it is, with no
// install step and nothing taken from the repository it reviews. test/action.test.ts checks
// that the committed file is what this script builds.
//
//   npm run build:action
import { build } from 'esbuild';
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const OUTFILE = 'action/main.mjs';

/**
 * action/main.mjs sits one folder below the root, as src/ and dist/ do, so the paths the code
 * resolves from its own location (../package.json, ../docs/findings) hold in the bundle too.
 */
export const OPTIONS = {
  absWorkingDir: ROOT,
  entryPoints: ['src/action/entry.ts'],
  bundle: true,
  platform: 'node',
  target: 'node24',
  format: 'esm',
  outfile: OUTFILE,
  write: false,
  legalComments: 'inline',
  logLevel: 'warning',
  // Some dependencies are CommonJS and call require(): give the ES module bundle one.
  banner: {
    js:
      "import { createRequire as __i2gRequire } from 'node:module';\n" +
      'const require = __i2gRequire(import.meta.url);',
  },
};

/** The bundle's text, as this script would write it. */
export async function bundle() {
  const result = await build(OPTIONS);
  return result.outputFiles[0].text;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  writeFileSync(new URL(`../${OUTFILE}`, import.meta.url), await bundle());
}
