import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { convert } from '../../src/convert.js';
import { buildJsonReport, formatJsonReport, jsonReportChunks, type JsonReport } from '../../src/emit/report-json.js';
import { formatTextReport, summarize, textReportChunks } from '../../src/emit/report-text.js';
import { targetOf } from '../../src/options.js';

const SAMPLE = new URL('../../samples/seed-01-httpbin/input.yaml', import.meta.url).pathname;

function reportOf(text: string): JsonReport {
  const r = convert([{ file: 'in.yaml', text }]);
  return buildJsonReport('0.0.0', targetOf(r.options), summarize(r.findings, r.resources.length, r.kept.length, r.converted.length), r.findings, r.kept);
}

describe('reports written a piece at a time', () => {
  const full = reportOf(readFileSync(SAMPLE, 'utf8'));
  const cases: Record<string, JsonReport> = {
    'a sample with findings': full,
    'no findings and nothing kept': { ...full, findings: [], kept: [] },
    'diff fields, one undefined': { ...full, files: [{ path: 'a.yaml', patch: '--- a\n+++ b\n' }], unchanged: undefined as unknown as string[] },
    'a finding whose message holds newlines and quotes': { ...full, findings: [{ id: 'x', severity: 'info', message: 'a "b"\nc' }] },
  };
  for (const [name, report] of Object.entries(cases)) {
    it(`JSON: the bytes of JSON.stringify, ${name}`, () => {
      expect(full.findings.length).toBeGreaterThan(0);
      expect([...jsonReportChunks(report)].join('')).toBe(`${JSON.stringify(report, null, 2)}\n`);
      expect(formatJsonReport(report)).toBe(`${JSON.stringify(report, null, 2)}\n`);
    });
  }

  it('text: one piece per file, then the kept resources, then the summary', () => {
    const r = convert([{ file: 'a.yaml', text: readFileSync(SAMPLE, 'utf8') }, { file: 'b.yaml', text: 'apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata: {name: Bad}\n' }]);
    const summary = summarize(r.findings, r.resources.length, r.kept.length, r.converted.length);
    const chunks = [...textReportChunks(r.findings, r.kept, summary, { color: false })];
    const files = new Set(r.findings.map((f) => f.source?.file));
    expect(chunks).toHaveLength(files.size + 2);
    expect(chunks.join('')).toBe(formatTextReport(r.findings, r.kept, summary, { color: false }));
    expect(chunks.at(-1)).toMatch(/^\d+ Istio resource\(s\) converted into \d+ Gateway API object\(s\), 1 kept; 1 error\(s\)/);
  });
});
