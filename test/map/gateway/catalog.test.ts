import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { CATALOG } from '../../../src/findings/catalog.js';
import { GATEWAY_FINDINGS } from '../../../src/map/gateway/findings.js';
import { ISTIO_FIELD_PATHS } from '../../../src/parse/schemas/istio.gen.js';

const root = new URL('../../../', import.meta.url).pathname;

// Keeps the Gateway mapper's findings, docs pages and mappings/gateway.yaml in step.
describe('gateway findings and mappings', () => {
  it('every gateway finding is in the catalog and has a docs page that names its severity', () => {
    for (const m of GATEWAY_FINDINGS) {
      expect(CATALOG.get(m.id), m.id).toEqual(m);
      const page = `${root}docs/findings/${m.id}.md`;
      expect(existsSync(page), page).toBe(true);
      expect(readFileSync(page, 'utf8').split('\n')[0]).toBe(`# \`${m.id}\` (${m.severity})`);
    }
  });

  it('mappings/gateway.yaml has exactly one entry per Gateway field path, with known findings', () => {
    const doc = parse(readFileSync(`${root}mappings/gateway.yaml`, 'utf8')) as {
      kind: string;
      fields: { path: string; status: string; findings?: string[] }[];
    };
    expect(doc.kind).toBe('Gateway');
    expect(doc.fields.map((f) => f.path).sort()).toEqual([...ISTIO_FIELD_PATHS.Gateway].sort());
    for (const f of doc.fields) {
      expect(['converted', 'partial', 'kept', 'unsupported', 'ignored'], f.path).toContain(
        f.status,
      );
      for (const id of f.findings ?? []) expect(CATALOG.has(id), `${f.path}: ${id}`).toBe(true);
      if (f.status === 'unsupported' || f.status === 'partial')
        expect(f.findings?.length, f.path).toBeGreaterThan(0);
    }
  });
});
