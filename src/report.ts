import type { ConvertResult } from './convert.js';
import type { DiffResult } from './diff.js';
import type { Finding } from './findings/finding.js';
import { targetOf } from './target.js';
import { formatTextReport, summarize } from './emit/report-text.js';
import { buildJsonReport, formatJsonReport } from './emit/report-json.js';
import {
  type CutoverSummary,
  formatMarkdownReport,
  type ScopeSummary,
  type SourceLinks,
  type VerifySummary,
} from './emit/report-markdown.js';
import { buildSarif, formatSarif } from './emit/report-sarif.js';
import { cutoverSummary } from './map/cutover.js';
import { findingDocsUrl, findingHelp, PROJECT_URL, VERSION } from './version.js';

export const REPORT_FORMATS = ['text', 'markdown', 'json', 'sarif'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export interface ReportOptions {
  /** Findings to report instead of the result's own (the CLI adds those of reading files). */
  findings?: readonly Finding[];
  /** text: ANSI colours. Default false. */
  color?: boolean;
  /** markdown: link `file:line` to this repository and commit (the CLI takes GITHUB_SERVER_URL, GITHUB_REPOSITORY, GITHUB_SHA). */
  links?: SourceLinks;
  /** markdown: largest length of the report; default GitHub's comment limit, 65,536. */
  maxChars?: number;
  /** markdown: what `verify` found over the same conversion. */
  verify?: VerifySummary;
  /** markdown: what the cutover asks of operators. */
  cutover?: CutoverSummary;
  /** markdown: the report covers only the files changed since a git ref. */
  scope?: ScopeSummary;
}

/**
 * The report of a conversion or of a diff, in one of the CLI's formats:
 * `text` (what `convert` prints on stderr), `markdown` (a pull-request comment), `json`
 * (docs/report-format.md) or `sarif` (SARIF 2.1.0 for code scanning). Pure and deterministic.
 */
export function formatReport(
  result: ConvertResult | DiffResult,
  format: ReportFormat,
  options: ReportOptions = {},
): string {
  const isDiff = 'conversion' in result;
  const conversion: ConvertResult = isDiff ? result.conversion : result;
  const findings = options.findings ?? result.findings;
  const summary = summarize(
    findings,
    conversion.resources.length,
    conversion.kept.length,
    conversion.converted.length,
  );
  const target = targetOf(conversion.options);
  switch (format) {
    case 'text':
      return formatTextReport(findings, conversion.kept, summary, {
        color: Boolean(options.color),
        cutover: conversion.cutover,
      });
    case 'json': {
      const report = buildJsonReport(
        VERSION,
        target,
        summary,
        findings,
        conversion.kept,
        conversion.cutover,
      );
      if (isDiff) {
        report.files = result.files.map((f) => ({ path: f.path, patch: f.patch }));
        report.unchanged = [...result.unchanged];
      }
      return formatJsonReport(report);
    }
    case 'markdown':
      return formatMarkdownReport({
        version: VERSION,
        target,
        summary,
        findings,
        kept: conversion.kept,
        cutover: cutoverSummary(conversion.cutover),
        ...(isDiff ? { changes: result.files } : {}),
        docsUrl: findingDocsUrl,
        ...(options.links ? { links: options.links } : {}),
        ...(options.maxChars !== undefined ? { maxChars: options.maxChars } : {}),
        ...(options.verify ? { verify: options.verify } : {}),
        ...(options.cutover ? { cutover: options.cutover } : {}),
        ...(options.scope ? { scope: options.scope } : {}),
      });
    case 'sarif':
      return formatSarif(
        buildSarif({
          version: VERSION,
          projectUrl: PROJECT_URL,
          findings,
          docsUrl: findingDocsUrl,
          help: findingHelp,
        }),
      );
  }
}

/** Every file's unified diff, one after another: what `istio2gateway diff` prints on stdout. */
export function formatPatch(result: DiffResult): string {
  return result.files.map((f) => f.patch).join('');
}
