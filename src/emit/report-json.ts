import type { Finding } from '../findings/finding.js';
import type { KeptResource } from '../convert.js';
import type { CutoverChecklist } from '../map/cutover.js';
import type { Target } from '../target.js';
import type { ReportSummary } from './report-text.js';

/** Bumped on any incompatible change of the JSON report; documented in docs/report-format.md. */
export const REPORT_SCHEMA_VERSION = 1;

export interface JsonReport {
  schemaVersion: typeof REPORT_SCHEMA_VERSION;
  tool: { name: 'istio2gateway'; version: string };
  target: Target;
  summary: ReportSummary;
  findings: Finding[];
  kept: Omit<KeptResource, 'object'>[];
  /** The cutover checklist (convert and diff reports). */
  cutover?: CutoverChecklist;
  /** Only in the report of `diff`: the files an in-place conversion changes, with their unified diffs. */
  files?: { path: string; patch: string }[];
  /** Only in the report of `diff`: files with Istio resources that stay as they are. */
  unchanged?: string[];
}

export function buildJsonReport(
  version: string,
  target: Target,
  summary: ReportSummary,
  findings: readonly Finding[],
  kept: readonly KeptResource[],
  cutover?: CutoverChecklist,
): JsonReport {
  const report: JsonReport = {
    schemaVersion: REPORT_SCHEMA_VERSION,
    tool: { name: 'istio2gateway', version },
    target,
    summary,
    findings: [...findings],
    kept: kept.map(({ object: _object, ...rest }) => rest),
  };
  if (cutover) report.cutover = cutover;
  return report;
}

export function formatJsonReport(report: JsonReport): string {
  return [...jsonReportChunks(report)].join('');
}

/**
 * The bytes of `JSON.stringify(report, null, 2)` and a newline, one array item at a time, so a
 * report with hundreds of thousands of findings is written without holding its whole text.
 */
export function* jsonReportChunks(report: JsonReport): Generator<string> {
  const entries = Object.entries(report).filter(
    ([, v]) => v !== undefined && typeof v !== 'function',
  );
  yield '{';
  for (let i = 0; i < entries.length; i++) {
    const [key, value] = entries[i]!;
    yield `${i ? ',' : ''}\n  ${JSON.stringify(key)}: `;
    if (Array.isArray(value) && value.length > 0) {
      yield '[';
      for (let j = 0; j < value.length; j++)
        yield `${j ? ',' : ''}\n    ${(JSON.stringify(value[j], null, 2) ?? 'null').replaceAll('\n', '\n    ')}`;
      yield '\n  ]';
    } else {
      yield JSON.stringify(value, null, 2).replaceAll('\n', '\n  ');
    }
  }
  yield entries.length ? '\n}\n' : '}\n';
}
