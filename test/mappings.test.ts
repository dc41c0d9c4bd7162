import { describe, expect, it } from 'vitest';
import { ISTIO_FIELD_PATHS } from '../src/parse/schemas/istio.gen.js';
import { MAPPING_KINDS, entryFor, loadMapping } from '../src/mappings.js';
import { CATALOG } from '../src/findings/catalog.js';

// mappings/ must account for every field Istio's schema knows, and name only real finding ids.
describe.each(MAPPING_KINDS)('mappings/%s', (kind) => {
  const file = loadMapping(kind);
  const known: readonly string[] = ISTIO_FIELD_PATHS[kind];

  it('is for its kind', () => expect(file.kind).toBe(kind));

  it('has an entry for every field of the schema', () => {
    const missing = known.filter((p) => !entryFor(file, p));
    expect(missing).toEqual([]);
  });

  it('names only fields the schema knows', () => {
    const unknown = file.fields.map((e) => e.path).filter((p) => !known.includes(p));
    expect(unknown).toEqual([]);
  });

  it('has each path once', () => {
    const paths = file.fields.map((e) => e.path);
    expect(paths.filter((p, i) => paths.indexOf(p) !== i)).toEqual([]);
  });

  it('names only finding ids of the catalog, and every unsupported field names one', () => {
    const unknownIds = file.fields
      .flatMap((e) => e.findings ?? [])
      .filter((id) => !CATALOG.has(id));
    expect(unknownIds).toEqual([]);
    const silent = file.fields
      .filter(
        (e) => (e.status === 'unsupported' || e.status === 'partial') && !(e.findings ?? []).length,
      )
      .map((e) => e.path);
    expect(silent).toEqual([]);
  });
});
