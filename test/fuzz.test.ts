// Bounded fuzzing of the whole pipeline: real manifests (samples and ../shared/corpus) mutated
// and type-swapped, then converted, rewritten in place with --annotate and validated as kubectl
// reads YAML. `npm test` runs FUZZ_CASES (default 2,000) cases from a fixed seed; `npm run fuzz`
// runs many more from a new seed each time (the seed is printed and named in a failure, so it can
// be replayed: FUZZ_SEED=<n> FUZZ_CASES=<n> npx vitest run test/fuzz.test.ts).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments, stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import { convert, type ConvertResult } from '../src/convert.js';
import type { InputFile } from '../src/parse/documents.js';
import { diff } from '../src/diff.js';
import { toYaml } from '../src/emit/manifests.js';
import { validateManifests } from '../src/check/index.js';
import { HAS_SHARED, listFiles, SHARED } from './helpers/shared.js';

const CASES = Number(process.env.FUZZ_CASES ?? 2000);
const SEED =
  process.env.FUZZ_SEED === 'random' ? Date.now() % 2 ** 31 : Number(process.env.FUZZ_SEED ?? 14);
/** Longest one case may take: far above any real input of this size, so a hang fails loudly. */
const CASE_MS = Number(process.env.FUZZ_CASE_MS ?? 10_000);

/** mulberry32: a small, seedable generator, so every case can be replayed. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Values that change type, meaning or shape when read back, and text that attacks outputs.
const NASTY: unknown[] = [
  'on',
  'no',
  'y',
  'Off',
  '~',
  'null',
  '1:20',
  '1_000',
  '0b101',
  '0o7',
  '0X1F',
  '.inf',
  '2001-12-14',
  '<<',
  '',
  ' ',
  '*',
  '-',
  '---',
  '... ',
  '# x',
  '"',
  "'",
  '\\',
  '|',
  '`',
  '@user',
  '<b>x</b>',
  'a\r---\rkind: Secret',
  'b\n---\nkind: Role',
  'c\u2028d',
  'e\u0085f',
  '\u001b[2J',
  '\u202eevil',
  'x'.repeat(300),
  '/api',
  'GET',
  '*.example.com',
  'istio-system/gw',
  'mesh',
  0,
  -1,
  1.5,
  65536,
  2 ** 53,
  true,
  false,
  null,
  [],
  {},
  [1, 'a'],
  { exact: '/x' },
  { regex: '.*' },
];

type Json = unknown;

/** Every path to a value inside `v` (keys and indexes), the root excluded. */
function paths(
  v: Json,
  at: (string | number)[] = [],
  out: (string | number)[][] = [],
): (string | number)[][] {
  const entries: [string | number, Json][] = Array.isArray(v)
    ? v.map((x, i) => [i, x])
    : v && typeof v === 'object'
      ? Object.entries(v)
      : [];
  for (const [k, x] of entries) {
    out.push([...at, k]);
    paths(x, [...at, k], out);
  }
  return out;
}

function parentOf(root: Json, path: (string | number)[]): Record<string | number, Json> {
  let node = root as Record<string | number, Json>;
  for (const p of path.slice(0, -1)) node = node[p] as Record<string | number, Json>;
  return node;
}

/** One mutation of a document, in place: swap a value's type, drop or rename a key, copy an item. */
function mutate(doc: Json, rnd: () => number): void {
  const all = paths(doc);
  if (all.length === 0) return;
  const path = all[Math.floor(rnd() * all.length)]!;
  const parent = parentOf(doc, path);
  const key = path[path.length - 1]!;
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const r = rnd();
  if (r < 0.55) parent[key] = structuredClone(pick(NASTY));
  else if (r < 0.7 && !Array.isArray(parent)) delete parent[key];
  else if (r < 0.8 && !Array.isArray(parent)) {
    const value = parent[key];
    delete parent[key];
    parent[String(pick(NASTY.filter((x) => typeof x === 'string')))] = value;
  } else if (Array.isArray(parent)) parent.push(structuredClone(parent[key as number]));
  else parent[key] = structuredClone(pick(all.map((p) => parentOf(doc, p)[p[p.length - 1]!])));
}

/** A seed's documents, parsed once. */
function documentsOf(text: string): Json[] {
  return parseAllDocuments(text)
    .map((d) => {
      try {
        return d.toJS({ maxAliasCount: 100 }) as Json;
      } catch {
        return null;
      }
    })
    .filter((d) => d !== null && typeof d === 'object');
}

/** A mutated copy of a seed's documents as text: 1 to 4 mutations, sometimes one in the text. */
function mutant(seedDocs: readonly Json[], rnd: () => number): string {
  const docs = structuredClone(seedDocs) as Json[];
  const n = 1 + Math.floor(rnd() * 4);
  for (let i = 0; i < n && docs.length; i++) mutate(docs[Math.floor(rnd() * docs.length)], rnd);
  let out = docs.map((d) => stringify(d, { lineWidth: 0 })).join('---\n');
  const t = rnd();
  if (t < 0.05)
    out = out.slice(0, Math.floor(rnd() * out.length)); // cut anywhere
  else if (t < 0.1) {
    const at = Math.floor(rnd() * out.length);
    out = out.slice(0, at) + String(pick(rnd, NASTY)) + out.slice(at); // raw text anywhere
  }
  return out;
}

function pick<T>(rnd: () => number, xs: readonly T[]): T {
  return xs[Math.floor(rnd() * xs.length)]!;
}

function seeds(): { name: string; docs: Json[] }[] {
  const root = new URL('..', import.meta.url).pathname;
  const files = [
    ...listFiles(join(root, 'samples')).filter((f) => f.endsWith('input.yaml')),
    ...(HAS_SHARED ? listFiles(join(SHARED, 'corpus')) : []),
  ];
  // Small files only: thousands of cases must run in seconds.
  return files
    .map((f) => ({ name: f, text: readFileSync(f, 'utf8') }))
    .filter((f) => f.text.length < 8_000)
    .map((f) => ({ name: f.name, docs: documentsOf(f.text) }));
}

/** Docs as a YAML 1.1 reader (kubectl) and a YAML 1.2 reader get them. */
function reread(text: string): { v11: unknown[]; v12: unknown[] } {
  const read = (t: string, version: '1.1' | '1.2') =>
    parseAllDocuments(t, { version })
      .map((d) => {
        expect(d.errors.map((e) => e.message)).toEqual([]);
        return d.toJS();
      })
      .filter((d) => d !== null);
  return { v11: read(text.replace(/[\u0085\u2028\u2029]/g, '\n'), '1.1'), v12: read(text, '1.2') };
}

/**
 * `--write --annotate` converts again: deterministic, the same bytes and findings; each rewritten
 * file is YAML holding every generated object (kept documents stay as the user wrote them).
 */
function checkRewrite(name: string, input: InputFile[], first: ConvertResult): void {
  const rewritten = diff(input, { annotate: true });
  const second = rewritten.conversion;
  expect(toYaml(second.resources), name).toBe(toYaml(first.resources));
  expect(JSON.stringify(second.findings), name).toBe(JSON.stringify(first.findings));
  for (const f of rewritten.files) {
    const docs = new Set<string>();
    for (const d of parseAllDocuments(f.after)) {
      expect(
        d.errors.map((e) => e.message),
        name,
      ).toEqual([]);
      const o = d.toJS() as { kind?: unknown; items?: unknown } | null;
      // A `kind: List` is rewritten as one document: its generated objects are items.
      for (const x of o?.kind === 'List' && Array.isArray(o.items) ? [o, ...o.items] : [o])
        docs.add(JSON.stringify(x));
    }
    const converted = second.files.find((o) => o.file === f.path)!;
    for (const e of converted.entries)
      for (const o of e.generated) expect(docs.has(JSON.stringify(o)), name).toBe(true);
  }
}

const TARGET = { gatewayApi: 'v1.6', channel: 'standard', istio: '1.31' } as const;

/** One case; `rewrite`: also `--write --annotate` (a second conversion: the determinism check). */
function oneCase(name: string, text: string, rewrite: boolean): void {
  const input: InputFile[] = [{ file: 'fuzz.yaml', text }];
  const started = Date.now();
  const first = convert(input);
  const yaml = toYaml(first.resources);
  // Written output reads back as emitted, by kubectl and by YAML 1.2 readers.
  const { v11, v12 } = reread(yaml);
  expect(v11, name).toEqual(first.resources);
  expect(v12, name).toEqual(first.resources);
  // validate, reading as kubectl does, finds no more than the conversion's own check reported.
  const invalid = validateManifests([{ file: 'out.yaml', text: yaml }], { target: TARGET }).filter(
    (f) => f.id === 'invalid-manifest',
  );
  const reported = first.findings.filter((f) => f.id === 'invalid-output');
  expect(
    invalid.length,
    `${name}\n${invalid.map((f) => f.message).join('\n')}`,
  ).toBeLessThanOrEqual(reported.length);
  if (rewrite) checkRewrite(name, input, first);
  expect(Date.now() - started, `${name}: slow case`).toBeLessThan(CASE_MS);
}

describe('fuzz: mutated and type-swapped real manifests', () => {
  it(
    `${CASES} cases from seed ${SEED}: no internal error, no hang, deterministic, output read back as written`,
    () => {
      const corpus = seeds();
      expect(corpus.length).toBeGreaterThan(30);
      const rnd = random(SEED);
      if (process.env.FUZZ_SEED) process.stderr.write(`fuzz seed ${SEED}, ${CASES} cases\n`);
      for (let i = 0; i < CASES; i++) {
        const seed = pick(rnd, corpus);
        const text = mutant(seed.docs, rnd);
        const name = `case ${i} (seed ${SEED}) from ${seed.name}:\n${text.slice(0, 2000)}`;
        try {
          oneCase(name, text, i % 3 === 0);
        } catch (e) {
          if ((e as Error).name === 'AssertionError') throw e;
          throw new Error(`internal error in ${name}\n${(e as Error).stack ?? String(e)}`, {
            cause: e,
          });
        }
      }
    },
    Number(process.env.FUZZ_TIMEOUT_MS ?? 120_000),
  );
});
