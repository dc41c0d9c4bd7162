import type { FindingId } from '../../src/findings/finding.js';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { convert } from '../../src/convert.js';
import {
  buildJsonReport,
  formatJsonReport,
  jsonReportChunks,
  type JsonReport,
} from '../../src/emit/report-json.js';
import { summarize, textReportChunks } from '../../src/emit/report-text.js';
import { targetOf } from '../../src/options.js';

const SAMPLE = new URL('../../samples/seed-01-httpbin/input.yaml', import.meta.url).pathname;

function reportOf(text: string): JsonReport {
  const r = convert([{ file: 'in.yaml', text }]);
  return buildJsonReport(
    '0.0.0',
    targetOf(r.options),
    summarize(r.findings, r.resources.length, r.kept.length, r.converted.length),
    r.findings,
    r.kept,
  );
}

describe('reports written a piece at a time', () => {
  const full = reportOf(readFileSync(SAMPLE, 'utf8'));
  const cases: Record<string, JsonReport> = {
    'a sample with findings': full,
    'no findings and nothing kept': { ...full, findings: [], kept: [] },
    'diff fields, one undefined': {
      ...full,
      files: [{ path: 'a.yaml', patch: '--- a\n+++ b\n' }],
      unchanged: undefined as unknown as string[],
    },
    'a finding whose message holds newlines and quotes': {
      ...full,
      findings: [{ id: 'x' as FindingId, severity: 'info', message: 'a "b"\nc' }],
    },
  };
  for (const [name, report] of Object.entries(cases)) {
    it(`JSON: the bytes of JSON.stringify, ${name}`, () => {
      expect(full.findings.length).toBeGreaterThan(0);
      expect([...jsonReportChunks(report)].join('')).toBe(`${JSON.stringify(report, null, 2)}\n`);
      expect(formatJsonReport(report)).toBe(`${JSON.stringify(report, null, 2)}\n`);
    });
  }

  it('text: one piece per file, then the kept resources, then the summary', () => {
    const r = convert([
      {
        file: 'b.yaml',
        text: 'apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata: {name: Bad}\n',
      },
    ]);
    const summary = summarize(r.findings, r.resources.length, r.kept.length, r.converted.length);
    expect([...textReportChunks(r.findings, r.kept, summary, { color: false })]).toEqual([
      "b.yaml\n  error    invalid-field  b.yaml:3:12  VirtualService default/Bad  metadata.name\n    metadata.name 'Bad' is not a valid Kubernetes name (lowercase letters, digits, '-' and '.'); the API server rejects this VirtualService, so it is skipped\n\n",
      'Kept as they are\n  VirtualService default/Bad  b.yaml:1  not converted: see the findings for this resource\n\n',
      '0 Istio resource(s) converted into 0 generated object(s), 1 kept; 1 error(s), 0 warning(s), 0 info\n',
    ]);
  });
});
