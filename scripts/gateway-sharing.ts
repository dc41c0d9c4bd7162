// Measures how often Istio Gateways share pods (docs/gateway-strategy.md): over ../shared/corpus,
// per file and per directory (a directory converted at once, as a repository is), how many
// inputs have two or more Istio Gateways that select the same pods, and how many Gateways the
// per-gateway and per-workload strategies write for them.
// Usage: npm run build && node scripts/gateway-sharing.ts
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';

type Lib = typeof import('../src/index.js');
const lib = (await import(new URL('../dist/index.js', import.meta.url).href)) as Lib;
const root = new URL('..', import.meta.url).pathname;
const corpus = join(root, '..', 'shared', 'corpus');

function walk(dir: string, out: string[] = []): string[] {
  if (!existsSync(dir)) return out;
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p, out);
    else if (/\.ya?ml$/.test(name) && !name.includes('.expected.')) out.push(p);
  }
  return out;
}

interface Tally {
  inputs: number;
  withGateways: number;
  sharing: number;
  perGateway: number;
  perWorkload: number;
  conflicts: number;
}
const tally = (): Tally => ({
  inputs: 0,
  withGateways: 0,
  sharing: 0,
  perGateway: 0,
  perWorkload: 0,
  conflicts: 0,
});

function measure(files: string[], t: Tally): void {
  const input = files.map((f) => ({ file: relative(corpus, f), text: readFileSync(f, 'utf8') }));
  if (!input.some((f) => /networking\.istio\.io/.test(f.text))) return;
  t.inputs++;
  const run = (o: 'per-gateway' | 'per-workload') => lib.convert(input, { gatewayStrategy: o });
  const gateways = (r: ReturnType<typeof run>) =>
    r.resources.filter((x) => x.kind === 'Gateway').length;
  const a = gateways(run('per-gateway'));
  if (a === 0) return;
  const merged = run('per-workload');
  const b = gateways(merged);
  t.conflicts += merged.findings.filter((f) => f.id === 'gateway-merge-conflict').length;
  t.withGateways++;
  t.perGateway += a;
  t.perWorkload += b;
  if (b < a) t.sharing++;
}

const files = walk(corpus);
const byFile = tally();
for (const f of files) measure([f], byFile);
const dirs = new Map<string, string[]>();
for (const f of files) dirs.set(dirname(f), [...(dirs.get(dirname(f)) ?? []), f]);
const byDir = tally();
for (const list of dirs.values()) measure(list, byDir);
for (const [name, t] of [
  ['per file', byFile],
  ['per directory', byDir],
] as const) {
  console.log(
    `${name}: ${t.inputs} inputs with Istio config, ${t.withGateways} with Gateways; ` +
      `${t.sharing} where Gateways share pods; Gateways written: per-gateway ${t.perGateway}, per-workload ${t.perWorkload} ` +
      `(${t.conflicts} gateway-merge-conflict)`,
  );
}
