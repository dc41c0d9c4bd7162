import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { parse, parseAllDocuments } from 'yaml';
import { describe, expect, it } from 'vitest';
import { toYaml } from '../../src/emit/manifests.js';
import { diff } from '../../src/diff.js';
import { runCli } from '../helpers/cli.js';

/** What kubectl (go-yaml v2, YAML 1.1 scalars) and a YAML 1.2 reader get back from `text`. */
function readBoth(text: string): { v11: unknown[]; v12: unknown[] } {
  const read = (version: '1.1' | '1.2') =>
    parseAllDocuments(text, { version, uniqueKeys: true }).map((d) => {
      expect(d.errors, text).toEqual([]);
      return d.toJS();
    });
  return { v11: read('1.1'), v12: read('1.2') };
}

// Strings each reader would take for something else when written plain.
const AMBIGUOUS = [
  'on',
  'off',
  'On',
  'OFF',
  'yes',
  'no',
  'Yes',
  'NO',
  'y',
  'n',
  'Y',
  'N',
  'true',
  'False',
  '~',
  'null',
  'Null',
  '',
  '1:20',
  '-1:20:30.5',
  '1_000',
  '0b101',
  '-0b1_0',
  '0o7',
  '017',
  '0x1F',
  '0X1F',
  '0O17',
  '0B11',
  '+12',
  '-.5',
  '1.',
  '.inf',
  '-.Inf',
  '.NaN',
  '1e3',
  '6.8523015e+5',
  '2001-12-14',
  '2001-12-14t21:59:43.10-05:00',
  '<<',
  'a\u2028b',
  'x\u0085y',
  '\u007f',
  'p\u2029',
];

describe('YAML output for YAML 1.1 and 1.2 readers', () => {
  it('quotes every string either reader would read as a boolean, number, null or timestamp', () => {
    const obj = {
      metadata: { name: 'x', labels: Object.fromEntries(AMBIGUOUS.map((s) => [s, s])) },
      list: AMBIGUOUS,
    };
    const { v11, v12 } = readBoth(toYaml([obj]));
    expect(v11).toEqual([obj]);
    expect(v12).toEqual([obj]);
  });

  it('property: random strings as keys and values come back unchanged under 1.1 and 1.2', () => {
    const token = fc.oneof(
      fc.constantFrom(...AMBIGUOUS),
      fc.stringMatching(/^[-+]?[0-9_.:eExXoObB]{1,8}$/),
      fc.string({ unit: 'binary', maxLength: 12 }),
      fc.string({
        unit: fc.constantFrom(
          '\n',
          '\r',
          '\t',
          ' ',
          '#',
          ':',
          '-',
          '"',
          "'",
          '\u2028',
          '\u0085',
          'a',
          '1',
          '~',
        ),
        maxLength: 8,
      }),
    );
    fc.assert(
      fc.property(
        fc.array(fc.tuple(token, token), { maxLength: 6 }),
        fc.array(token, { maxLength: 4 }),
        (pairs, list) => {
          const obj = {
            apiVersion: 'v1',
            kind: 'ConfigMap',
            data: Object.fromEntries(pairs),
            list,
          };
          const { v11, v12 } = readBoth(toYaml([obj, { kind: 'x', value: list[0] ?? 'on' }]));
          expect(v11).toEqual(v12);
          expect(v12).toEqual([obj, { kind: 'x', value: list[0] ?? 'on' }]);
        },
      ),
      { numRuns: Number(process.env.FUZZ_YAML_RUNS ?? 400), seed: 14 },
    );
  });

  it('`--write` (diff --annotate) writes the same quoting as stdout', () => {
    const text = readFileSync('samples/yaml11-string-scalars/input.yaml', 'utf8');
    const after = diff([{ file: 'input.yaml', text }], { annotate: true }).files[0]!.after;
    type Route = { kind: string; spec: { rules: { matches: { headers: unknown[] }[] }[] } };
    const route = (docs: unknown[]) => (docs as Route[]).find((d) => d.kind === 'HTTPRoute')!;
    const { v11, v12 } = readBoth(after);
    expect(route(v11).spec.rules[0]!.matches[0]!.headers).toEqual([
      { type: 'Exact', name: 'x-feature', value: 'on' },
      { type: 'Exact', name: 'x-legacy', value: 'no' },
      { type: 'Exact', name: 'x-window', value: '1:20' },
    ]);
    expect(route(v12)).toEqual(route(v11));
    expect(after).toContain('value: "on"');
  });
});

describe('validate reads manifests as kubectl does', () => {
  it('reports `name: no` and a plain `value: on` (booleans under YAML 1.1)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'i2g-yaml11-'));
    const route = (name: string, value: string) => `apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: ${name}, namespace: default}
spec:
  parentRefs: [{name: gw}]
  rules:
  - matches: [{headers: [{name: x, value: ${value}}]}]
    backendRefs: [{name: web, port: 8080}]
`;
    writeFileSync(join(dir, 'bad.yaml'), route('no', 'on'));
    writeFileSync(join(dir, 'good.yaml'), route('"no"', '"on"'));
    const bad = await runCli(['validate', join(dir, 'bad.yaml'), '--no-color']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('bad.yaml:3:');
    expect(bad.stderr).toContain(
      'spec.rules[0].matches[0].headers[0].value: must be a string, not boolean',
    );
    expect(bad.stderr).toMatch(/bad\.yaml:3:\d+ +HTTPRoute default\/ +metadata\.name/);
    const good = await runCli(['validate', join(dir, 'good.yaml'), '--no-color']);
    expect(good.stderr).toContain('0 error(s)');
    expect(good.code).toBe(0);
    // The converted output passes: what it quotes, kubectl reads as strings.
    expect(parse(toYaml([{ metadata: { name: 'no' } }]), { version: '1.1' })).toEqual({
      metadata: { name: 'no' },
    });
  });
});
