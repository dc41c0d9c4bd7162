// Builds the playground (src/playground/) into static files any host can serve, or serves it:
//
//   npm run playground:build   # dist/playground/: index.html, playground.js, playground.css
//   npm run playground         # the same, served on http://127.0.0.1:8080, rebuilt on change
//
// One classic script (no ES module, no chunk loaded later), so the page also opens from disk
// (file://) and works offline once loaded. The examples menu is samples/*/input.yaml (with
// options.json), read here and written into the bundle.
import { build, context } from 'esbuild';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SRC = join(ROOT, 'src/playground');
export const OUTDIR = join(ROOT, 'dist/playground');

/** samples/<name>/input.yaml (+ options.json), in name order. */
export function examples() {
  const dir = join(ROOT, 'samples');
  return readdirSync(dir)
    .filter((name) => existsSync(join(dir, name, 'input.yaml')))
    .sort()
    .map((name) => {
      const options = join(dir, name, 'options.json');
      return {
        name,
        input: readFileSync(join(dir, name, 'input.yaml'), 'utf8'),
        options: existsSync(options) ? JSON.parse(readFileSync(options, 'utf8')) : {},
      };
    });
}

/** The module `playground:data` (src/playground/globals.d.ts): examples and package facts. */
const data = {
  name: 'playground-data',
  setup(b) {
    b.onResolve({ filter: /^playground:data$/ }, (args) => ({
      path: args.path,
      namespace: 'data',
    }));
    b.onLoad({ filter: /.*/, namespace: 'data' }, () => {
      const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
      const facts = { version: pkg.version, repository: pkg.repository.url };
      return {
        contents:
          `export const EXAMPLES = ${JSON.stringify(examples())};\n` +
          `export const PACKAGE = ${JSON.stringify(facts)};\n`,
        loader: 'js',
        watchFiles: [join(ROOT, 'package.json')],
        watchDirs: [join(ROOT, 'samples')],
      };
    });
  },
};

/** esbuild's options for the page's script; `write: false` keeps the files in memory. */
export function options(write = true) {
  return {
    absWorkingDir: ROOT,
    entryPoints: ['src/playground/playground.ts', 'src/playground/playground.css'],
    bundle: true,
    // No Node polyfills: a Node built-in on the way fails the build.
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
    minify: true,
    outdir: OUTDIR,
    entryNames: '[name]',
    write,
    legalComments: 'linked',
    logLevel: 'warning',
    plugins: [data],
  };
}

/** The built files, by name (index.html, playground.js, playground.css…), in memory. */
export async function bundle() {
  const result = await build(options(false));
  const files = { 'index.html': readFileSync(join(SRC, 'index.html')) };
  for (const f of result.outputFiles) {
    files[f.path.slice(OUTDIR.length + 1)] = f.contents;
  }
  return files;
}

async function writeAll() {
  mkdirSync(OUTDIR, { recursive: true });
  for (const [name, bytes] of Object.entries(await bundle())) {
    writeFileSync(join(OUTDIR, name), bytes);
  }
}

async function serve() {
  await writeAll();
  const ctx = await context(options());
  await ctx.watch();
  const { hosts, port } = await ctx.serve({ servedir: OUTDIR, host: '127.0.0.1', port: 8080 });
  console.log(`playground on http://${hosts[0]}:${port}/ (Ctrl-C stops it)`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  if (process.argv.includes('--serve')) await serve();
  else {
    await writeAll();
    console.log(`playground written to ${OUTDIR}`);
  }
}
