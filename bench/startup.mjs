#!/usr/bin/env node
// npm run bench:startup — start-up time of the CLI and the library, median of runs, beside
// `node -e 0`. Goals (issue: a package people can start fast): --version <= 100 ms, a small
// convert <= 200 ms. Run on a quiet machine; single runs vary a lot on 2 cores.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const runs = Number(process.env.BENCH_RUNS ?? 15);
const bin = 'bin/istio2gateway.js';
const sample = 'samples/seed-01-httpbin/input.yaml';
const cases = [
  { name: 'node -e 0', args: ['-e', '0'] },
  { name: 'istio2gateway --version', args: [bin, '--version'], goal: 100 },
  { name: 'istio2gateway convert (1 file)', args: [bin, 'convert', sample], goal: 200 },
  {
    name: "import('istio2gateway')",
    args: ['--input-type=module', '-e', "await import('istio2gateway')"],
  },
  {
    name: 'import + convert (1 file)',
    args: [
      '--input-type=module',
      '-e',
      "const { convert } = await import('istio2gateway'); const fs = await import('node:fs');" +
        ` convert([{ file: 'a.yaml', text: fs.readFileSync('${sample}', 'utf8') }]);`,
    ],
  },
];

function once(args) {
  const start = process.hrtime.bigint();
  const r = spawnSync(process.execPath, args, { cwd: root, encoding: 'utf8' });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (r.status !== 0 && r.status !== 1)
    throw new Error(`${args.join(' ')}: exit ${r.status}\n${r.stderr}`);
  return ms;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
console.log(`node ${process.version}, ${runs} runs each (first run warms Node's compile cache)`);
for (const c of cases) {
  once(c.args);
  const times = Array.from({ length: runs }, () => once(c.args));
  const m = median(times);
  const goal = c.goal ? `  goal <= ${c.goal} ms: ${m <= c.goal ? 'met' : 'MISSED'}` : '';
  const range = `${Math.min(...times).toFixed(0)}-${Math.max(...times).toFixed(0)}`;
  console.log(`${c.name.padEnd(34)} ${m.toFixed(0).padStart(5)} ms  (${range})${goal}`);
}
