import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { convert, toYaml } from '../src/index.js';
import { listSamples } from './helpers/samples.js';
import { HAS_SHARED, SHARED, listFiles } from './helpers/shared.js';

function render(inputs: { file: string; text: string }[]): string {
  const r = convert(inputs);
  return `${toYaml(r.resources)}\n${JSON.stringify(r.findings)}\n${JSON.stringify(r.kept)}\n${JSON.stringify(r.files)}`;
}

/** Reverses key order in every mapping of a YAML text, keeping meaning. */
function reverseKeys(text: string): string {
  const shuffle = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(shuffle);
    if (v && typeof v === 'object')
      return Object.fromEntries(
        Object.entries(v)
          .reverse()
          .map(([k, x]) => [k, shuffle(x)]),
      );
    return v;
  };
  return parseAllDocuments(text)
    .map((doc) => JSON.stringify(shuffle(JSON.parse(JSON.stringify(doc.toJS() ?? null)))))
    .join('\n---\n');
}
describe('determinism', () => {
  const samples = listSamples().map((s) => ({ file: `${s.name}.yaml`, text: s.input }));
  const corpus = HAS_SHARED
    ? listFiles(join(SHARED, 'corpus/seeds')).map((f) => ({
        file: f.slice(SHARED.length),
        text: readFileSync(f, 'utf8'),
      }))
    : [];
  const inputs = [...samples, ...corpus];

  it('the same input twice gives byte-identical output', () => {
    expect(render(inputs)).toBe(render(inputs));
  });

  it('file order does not matter', () => {
    expect(render([...inputs].reverse())).toBe(render(inputs));
  });

  it('key order inside the input does not matter for the manifests', () => {
    // A docs page (the shell-heredocs sample) is not YAML: its keys cannot be reordered as text.
    const yaml = samples.filter((s) => !parseAllDocuments(s.text).some((d) => d.errors.length));
    expect(yaml.length).toBe(samples.length - 1);
    for (const s of yaml) {
      const a = toYaml(convert(s.text).resources);
      const b = toYaml(convert(reverseKeys(s.text)).resources);
      expect(b, s.file).toBe(a);
    }
  });
});
