// One measured phase of the benchmark, in its own process so its peak RSS is its own.
// Usage: node bench/phase.mjs floor|convert|verify <in-dir> <out-dir>
// Prints one JSON line: { phase, ms, maxRssMiB, documents } (for verify: the number of probes).
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { parseAllDocuments, stringify } from 'yaml';

const [phase, inDir, outDir] = process.argv.slice(2);
rmSync(outDir, { recursive: true, force: true });
// A report left by an earlier run must not pass for this run's.
rmSync(join(outDir, '..', `${phase}-report.json`), { force: true });

function walk(dir, out = []) {
  for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) =>
    a.name < b.name ? -1 : 1,
  )) {
    const p = join(dir, e.name);
    if (e.isDirectory()) walk(p, out);
    else if (/\.ya?ml$/.test(e.name)) out.push(p);
  }
  return out;
}

const sink = { write: () => true };
const start = performance.now();
let documents = 0;
if (phase === 'floor') {
  // The floor: the same yaml library reads every file and prints every document, nothing else.
  for (const file of walk(inDir)) {
    const docs = parseAllDocuments(readFileSync(file, 'utf8'));
    const text = docs.map((d) => stringify(d.toJS(), { lineWidth: 0 })).join('---\n');
    documents += docs.length;
    const target = join(outDir, relative(inDir, file));
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, text);
  }
} else if (phase === 'verify') {
  // convert with verification: the verify command converts, then replays every probe through both routers.
  const { main } = await import('../dist/cli/main.js');
  let out = '';
  const code = await main(['verify', inDir, '--format', 'json', '--fail-on', 'none'], {
    stdout: { write: (s) => (out += s) },
    stderr: sink,
    env: {},
    stderrIsTTY: false,
  });
  if (code !== 0 && code !== 1) throw new Error(`verify exited ${code}`);
  documents = JSON.parse(out).probes ?? 0;
} else {
  const { main } = await import('../dist/cli/main.js');
  const args = [
    phase,
    inDir,
    '--out-dir',
    outDir,
    '--no-color',
    '--fail-on',
    'none',
    '--report-file',
    join(outDir, '..', `${phase}-report.json`),
  ];
  const code = await main(args, { stdout: sink, stderr: sink, env: {}, stderrIsTTY: false });
  if (code !== 0 && code !== 1) throw new Error(`${phase} exited ${code}`);
  documents = JSON.parse(readFileSync(join(outDir, '..', `${phase}-report.json`), 'utf8')).summary
    .generated;
}
const ms = performance.now() - start;
console.log(
  JSON.stringify({
    phase,
    ms: Math.round(ms),
    maxRssMiB: Math.round(process.resourceUsage().maxRSS / 1024),
    documents,
  }),
);
