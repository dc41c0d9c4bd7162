// npm run bench: generates the repositories, then measures the floor (yaml read + print),
// convert --out-dir, and (when available) convert with verification, at 10k and 100k
// VirtualServices. Prints wall time, resources per second, ratio to the floor and peak RSS.
// BENCH_RUNS=N (default 1) repeats the phases in N rounds (floor, convert, verify each round, so a
// slow moment of a shared machine touches every phase) and prints each phase's median run with
// the range of all runs: on 2 cores one run's wall time and peak RSS vary by 20 to 40 %.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { generate } from './generate.mjs';

const sizes = (process.env.BENCH_SIZES ?? '10000,100000').split(',').map(Number);
const phases = ['floor', 'convert'];
if (existsSync(new URL('../dist/verify/index.js', import.meta.url))) phases.push('verify');

console.log(
  `machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, node ${process.version}`,
);
const rounds = Math.max(1, Number(process.env.BENCH_RUNS ?? 1));
/** The run in the middle by `key` (the lower middle for an even count). */
const median = (all, key) =>
  [...all].sort((a, b) => key(a) - key(b))[Math.floor((all.length - 1) / 2)];
const spread = (all, key) => `${Math.min(...all.map(key))}–${Math.max(...all.map(key))}`;
const results = {};
for (const size of sizes) {
  const dir = `.bench/repo-${size}`;
  const gen = generate(dir, size);
  const resources = gen.virtualServices + gen.gateways + gen.destinationRules + gen.serviceEntries;
  console.log(
    `\n${size} VirtualServices: ${gen.files} files, ${(gen.bytes / 2 ** 20).toFixed(1)} MiB, ${resources} Istio resources`,
  );
  results[size] = {};
  const runs = Object.fromEntries(phases.map((p) => [p, []]));
  for (let round = 0; round < rounds; round++) {
    for (const phase of phases) {
      const child = spawnSync(
        process.execPath,
        ['bench/phase.mjs', phase, dir, `.bench/out-${size}-${phase}`],
        { encoding: 'utf8', maxBuffer: 1 << 26 },
      );
      if (child.status !== 0) {
        console.log(`  ${phase}: failed\n${child.stderr}`);
        continue;
      }
      runs[phase].push(JSON.parse(child.stdout.trim().split('\n').pop()));
    }
  }
  for (const phase of phases) {
    const all = runs[phase];
    if (!all.length) continue;
    const r = median(all, (x) => x.ms);
    results[size][phase] = r;
    const floor = results[size].floor?.ms ?? r.ms;
    const range =
      all.length > 1
        ? `  (${all.length} runs: ${spread(all, (x) => x.ms)} ms, ${spread(all, (x) => x.maxRssMiB)} MiB)`
        : '';
    console.log(
      `  ${phase.padEnd(8)} ${String(r.ms).padStart(7)} ms  ${String(Math.round((resources / r.ms) * 1000)).padStart(7)} resources/s  ${(r.ms / floor).toFixed(2)}× floor  peak RSS ${median(all, (x) => x.maxRssMiB).maxRssMiB} MiB${range}`,
    );
  }
}
if (sizes.length === 2) {
  const [a, b] = sizes;
  for (const phase of phases) {
    if (results[a][phase] && results[b][phase])
      console.log(
        `growth ${phase}: ${b}/${a} time ratio ${(results[b][phase].ms / results[a][phase].ms).toFixed(2)}`,
      );
  }
}
