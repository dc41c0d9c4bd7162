// npm run bench: generates the repositories, then measures the floor (yaml read + print),
// convert --out-dir, and (when available) convert with verification, at 10k and 100k
// VirtualServices. Prints wall time, resources per second, ratio to the floor and peak RSS.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { generate } from './generate.mjs';

const sizes = (process.env.BENCH_SIZES ?? '10000,100000').split(',').map(Number);
const phases = ['floor', 'convert'];
if (existsSync(new URL('../dist/verify/index.js', import.meta.url))) phases.push('verify');

console.log(`machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, node ${process.version}`);
const results = {};
for (const size of sizes) {
  const dir = `.bench/repo-${size}`;
  const gen = generate(dir, size);
  const resources = gen.virtualServices + gen.gateways + gen.destinationRules + gen.serviceEntries;
  console.log(`\n${size} VirtualServices: ${gen.files} files, ${(gen.bytes / 2 ** 20).toFixed(1)} MiB, ${resources} Istio resources`);
  results[size] = {};
  for (const phase of phases) {
    const child = spawnSync(process.execPath, ['bench/phase.mjs', phase, dir, `.bench/out-${size}-${phase}`], { encoding: 'utf8', maxBuffer: 1 << 26 });
    if (child.status !== 0) {
      console.log(`  ${phase}: failed\n${child.stderr}`);
      continue;
    }
    const r = JSON.parse(child.stdout.trim().split('\n').pop());
    results[size][phase] = r;
    const floor = results[size].floor?.ms ?? r.ms;
    console.log(`  ${phase.padEnd(8)} ${String(r.ms).padStart(7)} ms  ${String(Math.round((resources / r.ms) * 1000)).padStart(7)} resources/s  ${(r.ms / floor).toFixed(2)}× floor  peak RSS ${r.maxRssMiB} MiB`);
  }
}
if (sizes.length === 2) {
  const [a, b] = sizes;
  for (const phase of phases) {
    if (results[a][phase] && results[b][phase]) console.log(`growth ${phase}: ${b}/${a} time ratio ${(results[b][phase].ms / results[a][phase].ms).toFixed(2)}`);
  }
}
