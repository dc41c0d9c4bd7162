// Prints, over ../shared/corpus and samples/, how many VirtualServices have requests whose
// routing changes with no finding to say so. Each file is verified on its own (the corpus files
// are independent examples; a sample with its options.json), then each corpus directory as one
// input, as a repository holding those files would be converted (Gateways of different files
// share pods there).
// Usage: npm run verify:corpus [-- --verbose] [-- --max-probes N]
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

type Lib = typeof import('../src/index.js');
const lib = (await import(new URL('../dist/index.js', import.meta.url).href)) as Lib;

const root = new URL('..', import.meta.url).pathname;
const shared = join(root, '..', 'shared');
const verbose = process.argv.includes('--verbose');
const maxArg = process.argv.indexOf('--max-probes');
const maxProbes = maxArg > 0 ? Number(process.argv[maxArg + 1]) : 20_000;

function walk(dir: string, out: string[] = []): string[] {
  if (!existsSync(dir)) return out;
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p, out);
    else if (/\.(ya?ml|json)$/.test(name) && !name.includes('.expected.')) out.push(p);
  }
  return out;
}

const files = [
  ...walk(join(shared, 'corpus')),
  ...walk(join(root, 'samples')).filter((f) => f.endsWith('input.yaml')),
];
let virtualServices = 0;
let probes = 0;
let changed = 0;
let unexplained = 0;
const silentVs = new Set<string>();
const silentGateways = new Set<string>();
const started = Date.now();
for (const file of files) {
  const name = relative(root, file);
  const text = readFileSync(file, 'utf8');
  if (!/networking\.istio\.io/.test(text)) continue;
  const optionsFile = join(file, '..', 'options.json');
  const sampleOptions =
    file.endsWith('input.yaml') && existsSync(optionsFile)
      ? (JSON.parse(readFileSync(optionsFile, 'utf8')) as Record<string, unknown>)
      : {};
  const r = lib.verify([{ file: name, text }], undefined, { ...sampleOptions, maxProbes });
  virtualServices += (text.match(/^kind:\s*VirtualService\s*$/gm) ?? []).length;
  probes += r.probes;
  changed += r.changes.length;
  for (const c of r.changes) {
    if (c.explainedBy) continue;
    unexplained++;
    const via = c.before.via ?? c.after.via;
    if (via && via.kind === 'VirtualService') silentVs.add(`${name}: ${via.namespace}/${via.name}`);
    else if (c.request.entry.kind === 'gateway')
      silentGateways.add(`${name}: gateway ${c.request.entry.namespace}/${c.request.entry.name}`);
    else silentVs.add(`${name}: mesh ${c.request.entry.host}`);
    if (verbose)
      console.log(
        `${name}: UNEXPLAINED ${c.requestText} → ${lib.describeOutcome(c.before)} → ${lib.describeOutcome(c.after)}`,
      );
  }
}
console.log(
  `${files.length} files, ${virtualServices} VirtualServices, ${probes} probes, ${changed} changed requests, ${unexplained} unexplained (${((Date.now() - started) / 1000).toFixed(1)}s)`,
);
console.log(`VirtualServices with unexplained changes: ${silentVs.size}`);
for (const v of [...silentVs].sort()) console.log(`  ${v}`);
console.log(`Gateways with unexplained changes (no route involved): ${silentGateways.size}`);
for (const g of [...silentGateways].sort()) console.log(`  ${g}`);

// Each corpus directory with several manifests, and the whole corpus, as one input each.
const dirs = new Map<string, string[]>();
for (const f of files.filter((f) => f.startsWith(join(shared, 'corpus')))) {
  const d = join(f, '..');
  dirs.set(d, [...(dirs.get(d) ?? []), f]);
}
const groups: [string, string[]][] = [
  ...[...dirs].filter(([, fs]) => fs.length > 1),
  [join(shared, 'corpus', '(all of it)'), [...dirs.values()].flat()],
];
let dirUnexplained = 0;
for (const [dir, fs] of groups) {
  const inputs = fs.map((f) => ({ file: relative(root, f), text: readFileSync(f, 'utf8') }));
  const r = lib.verify(inputs, undefined, { maxProbes });
  const silent = r.changes.filter((c) => !c.explainedBy).length;
  dirUnexplained += silent;
  if (silent || verbose) console.log(`  ${relative(shared, dir)}: ${silent} unexplained`);
}
console.log(`${groups.length} directories as one input each: ${dirUnexplained} unexplained`);
