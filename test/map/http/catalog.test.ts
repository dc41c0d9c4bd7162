import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { CATALOG } from '../../../src/findings/catalog.js';
import { HTTP_FINDINGS } from '../../../src/map/http/findings.js';
import { ISTIO_FIELD_PATHS } from '../../../src/parse/schemas/istio.gen.js';

const root = new URL('../../../', import.meta.url).pathname;

describe('HTTP findings and mappings stay in step', () => {
  it('every HTTP finding id is in the catalog and has a docs page with its severity', () => {
    for (const m of HTTP_FINDINGS) {
      expect(CATALOG.get(m.id)).toEqual(m);
      const page = `${root}docs/findings/${m.id}.md`;
      expect(existsSync(page), page).toBe(true);
      const text = readFileSync(page, 'utf8');
      expect(text.startsWith(`# \`${m.id}\` (${m.severity})`)).toBe(true);
      expect(text).toContain('## Before');
      expect(text).toContain('## After');
    }
  });

  it('mappings/virtualservice.yaml has exactly one entry per schema path, and names known findings', () => {
    const doc = parse(readFileSync(`${root}mappings/virtualservice.yaml`, 'utf8')) as {
      kind: string;
      fields: { path: string; status: string; findings?: string[] }[];
    };
    expect(doc.kind).toBe('VirtualService');
    expect(doc.fields.map((f) => f.path)).toEqual([...ISTIO_FIELD_PATHS.VirtualService]);
    for (const f of doc.fields) {
      expect(['converted', 'partial', 'kept', 'unsupported', 'ignored']).toContain(f.status);
      for (const id of f.findings ?? []) expect(CATALOG.has(id), `${f.path}: ${id}`).toBe(true);
      if (f.status === 'unsupported' || f.status === 'partial')
        expect(f.findings?.length, f.path).toBeGreaterThan(0);
    }
  });
});
