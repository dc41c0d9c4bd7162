import { styleText } from 'node:util';
import type { Finding, Severity } from '../findings/finding.js';
import type { KeptResource } from '../convert.js';
import { type CutoverChecklist, cutoverPhases, describeCutoverGateway } from '../map/cutover.js';
import { escapeControl as esc } from './escape.js';

export interface TextReportOptions {
  color: boolean;
  /** The cutover checklist, printed before the summary line (convert's report). */
  cutover?: CutoverChecklist;
}

/** Node's own styles; whether to colour at all is the caller's decision (`color`). */
const COLORS: Record<Severity | 'dim' | 'bold', Parameters<typeof styleText>[0]> = {
  error: 'red',
  warning: 'yellow',
  info: 'cyan',
  dim: 'dim',
  bold: 'bold',
};

export interface ReportSummary {
  converted: number;
  generated: number;
  kept: number;
  error: number;
  warning: number;
  info: number;
}

export function summarize(
  findings: readonly Finding[],
  generated: number,
  kept: number,
  converted: number,
): ReportSummary {
  const count = (s: Severity) => findings.filter((f) => f.severity === s).length;
  return {
    converted,
    generated,
    kept,
    error: count('error'),
    warning: count('warning'),
    info: count('info'),
  };
}

/**
 * The human report: findings grouped by file, each with severity, id, file:line:column,
 * resource, field path, message and hint; then the kept resources and a summary line.
 */
export function formatTextReport(
  findings: readonly Finding[],
  kept: readonly KeptResource[],
  summary: ReportSummary,
  opts: TextReportOptions,
): string {
  return [...textReportChunks(findings, kept, summary, opts)].join('');
}

/** `formatTextReport`'s text, a file's findings at a time: a long report is written without holding all of it. */
export function* textReportChunks(
  findings: readonly Finding[],
  kept: readonly KeptResource[],
  summary: ReportSummary,
  opts: TextReportOptions,
): Generator<string> {
  const paint = (c: keyof typeof COLORS, s: string) =>
    opts.color ? styleText(COLORS[c], s, { validateStream: false }) : s;
  const byFile = new Map<string, Finding[]>();
  for (const f of findings) {
    const file = f.source?.file ?? '(no file)';
    const list = byFile.get(file) ?? [];
    list.push(f);
    byFile.set(file, list);
  }
  // Everything from input (names, paths, messages quoting values) is escaped: a manifest must
  // not be able to move the cursor, rewrite earlier lines or forge a finding on a terminal.
  for (const [file, list] of byFile) {
    const lines: string[] = [paint('bold', esc(file))];
    for (const f of list) {
      const where = f.source ? `${f.source.file}:${f.source.line}:${f.source.column}` : '';
      const resource = f.source?.kind
        ? `${f.source.kind} ${f.source.namespace ? `${f.source.namespace}/` : ''}${f.source.name ?? ''}`
        : '';
      const head = [
        paint(f.severity, f.severity.padEnd(7)),
        paint('bold', esc(f.id)),
        esc(where),
        esc(resource),
        esc(f.source?.path ?? ''),
      ]
        .filter(Boolean)
        .join('  ');
      lines.push(`  ${head}`);
      lines.push(`    ${esc(f.message)}`);
      if (f.hint) lines.push(paint('dim', `    hint: ${esc(f.hint)}`));
    }
    yield `${lines.join('\n')}\n\n`;
  }
  if (kept.length) {
    const lines = [paint('bold', 'Kept as they are')];
    for (const k of kept)
      lines.push(
        `  ${esc(`${k.kind} ${k.namespace}/${k.name}  ${k.file}:${k.line}`)}  ${paint('dim', esc(k.reason))}`,
      );
    yield `${lines.join('\n')}\n\n`;
  }
  if (opts.cutover && opts.cutover.gateways.length + opts.cutover.items.length > 0)
    yield cutoverText(opts.cutover, paint);
  const s = summary;
  yield (
    `${s.converted} Istio resource(s) converted into ${s.generated} generated object(s), ${s.kept} kept; ` +
    `${paint('error', `${s.error} error(s)`)}, ${paint('warning', `${s.warning} warning(s)`)}, ${paint('info', `${s.info} info`)}\n`
  );
}

function cutoverText(
  list: CutoverChecklist,
  paint: (c: 'bold' | 'dim', s: string) => string,
): string {
  const lines = [paint('bold', 'Cutover checklist')];
  for (const g of list.gateways) {
    const d = describeCutoverGateway(g);
    lines.push(`  ${esc(d.head)}`, ...d.details.map((x) => paint('dim', `    ${esc(x)}`)));
  }
  cutoverPhases(list).forEach((p, i) => {
    lines.push(`  ${i + 1}. ${p.title}`);
    for (const item of p.items) lines.push(`     - ${esc(item.text)}`);
  });
  return `${lines.join('\n')}\n\n`;
}
