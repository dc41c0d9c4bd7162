import type { KeptResource } from '../convert.js';
import type { FileChange } from '../diff.js';
import type { Finding } from '../findings/finding.js';
import type { Target } from '../target.js';
import { describeTarget } from '../target.js';
import type { ReportSummary } from './report-text.js';
import { append } from '../collections.js';
import { markdownCode, markdownText } from './escape.js';

/** First line of every Markdown report: how the GitHub Action finds its own comment to update. */
export const MARKDOWN_MARKER = '<!-- istio2gateway-report -->';

/** GitHub's limit on the body of an issue or pull-request comment, in characters. */
export const GITHUB_COMMENT_LIMIT = 65_536;

/** Where `file:line` links point: a file at a commit of a GitHub repository. */
export interface SourceLinks {
  serverUrl: string;
  repository: string;
  sha: string;
}

export interface MarkdownInput {
  version: string;
  target: Target;
  summary: ReportSummary;
  findings: readonly Finding[];
  kept: readonly KeptResource[];
  /** Undefined for a plain conversion (no Changes section); a list, maybe empty, for a diff. */
  changes?: readonly FileChange[];
  docsUrl(id: string): string;
  links?: SourceLinks;
  /** Largest length of the result, in UTF-16 code units (never more than GitHub counts). */
  maxChars?: number;
}

/**
 * A pull-request comment: summary, findings table, kept resources, one collapsible diff per
 * file. Whatever does not fit under `maxChars` is left out, last sections first (diffs, then
 * kept resources, then findings), and a note says what was left out.
 */
export function formatMarkdownReport(input: MarkdownInput): string {
  const max = input.maxChars ?? GITHUB_COMMENT_LIMIT;
  const s = input.summary;
  const head = [
    MARKDOWN_MARKER,
    '### istio2gateway: Istio → Gateway API',
    '',
    `**${s.converted}** Istio resource(s) converted into **${s.generated}** Gateway API object(s), **${s.kept}** kept as they are` +
      (input.changes ? `; **${input.changes.length}** file(s) would change.` : '.'),
    '',
    `Findings: **${s.error}** error(s), **${s.warning}** warning(s), **${s.info}** info. Target: ${escapeText(describeTarget(input.target))}`,
    '',
  ].join('\n');
  const foot = `\n<sub>istio2gateway ${escapeText(input.version)} · every finding id links to its page: what it means and what to do.</sub>\n`;
  // Room kept for the note on what was left out; the note is cut to fit it.
  const noteRoom = 1_200;
  let budget = max - head.length - foot.length - noteRoom;
  if (budget < 0) throw new Error(`maxChars ${max} is too small for a report`);
  const body: string[] = [];
  const take = (text: string): boolean => {
    if (text.length > budget) return false;
    body.push(text);
    budget -= text.length;
    return true;
  };

  let findingsLeft = 0;
  if (input.findings.length > 0) {
    if (take('#### Findings\n\n| severity | finding | where | resource | message |\n|---|---|---|---|---|\n')) {
      input.findings.forEach((f, i) => {
        if (findingsLeft > 0 || !take(findingRow(f, input))) findingsLeft = input.findings.length - i;
      });
      body.push('\n');
    } else findingsLeft = input.findings.length;
  }

  let keptLeft = 0;
  if (input.kept.length > 0) {
    if (take('#### Kept as they are\n\n| resource | where | why |\n|---|---|---|\n')) {
      input.kept.forEach((k, i) => {
        const row = `| ${escapeCell(`${k.kind} ${k.namespace}/${k.name}`)} | ${where(k.file, k.line, input.links)} | ${escapeCell(k.reason)} |\n`;
        if (keptLeft > 0 || !take(row)) keptLeft = input.kept.length - i;
      });
      body.push('\n');
    } else keptLeft = input.kept.length;
  }

  const diffsLeft: string[] = [];
  if (input.changes && input.changes.length > 0) {
    if (take('#### Changes\n\n')) {
      for (const c of input.changes) if (!take(changeBlock(c))) diffsLeft.push(c.path);
    } else append(diffsLeft, input.changes.map((c) => c.path));
  }

  const note = leftOutNote(findingsLeft, keptLeft, diffsLeft, noteRoom, max);
  return `${head}\n${body.join('')}${note}${foot}`;
}

function findingRow(f: Finding, input: MarkdownInput): string {
  const place = f.source ? where(f.source.file, f.source.line, input.links) : '';
  const resource = f.source?.kind ? `${f.source.kind} ${f.source.namespace ? `${f.source.namespace}/` : ''}${f.source.name ?? ''}` : '';
  const field = f.source?.path ? `<br>${markdownCode(f.source.path)}` : '';
  const hint = f.hint ? `<br><em>hint:</em> ${escapeCell(f.hint)}` : '';
  return `| ${f.severity} | [${markdownCode(f.id)}](${input.docsUrl(f.id)}) | ${place} | ${escapeCell(resource)}${field} | ${escapeCell(f.message)}${hint} |\n`;
}

/** `file:line`, linked to the line on GitHub when the repository and commit are known. */
function where(file: string, line: number, links: SourceLinks | undefined): string {
  const label = markdownCode(`${file}:${line}`);
  if (!links || file === '-' || file.startsWith('<') || file.startsWith('/') || file.startsWith('../')) return label;
  const path = file.split('/').map(encodeURIComponent).join('/');
  return `[${label}](${links.serverUrl.replace(/\/+$/, '')}/${links.repository}/blob/${links.sha}/${path}#L${line})`;
}

function changeBlock(c: FileChange): string {
  let added = 0;
  let removed = 0;
  for (const line of c.patch.split('\n')) {
    if (line.startsWith('+') && !line.startsWith('+++')) added++;
    else if (line.startsWith('-') && !line.startsWith('---')) removed++;
  }
  // A fence longer than any run of backticks in the diff, so the diff cannot close it.
  const longest = Math.max(2, ...[...c.patch.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  const patch = c.patch.endsWith('\n') ? c.patch : `${c.patch}\n`;
  return `<details>\n<summary>${markdownCode(c.path)}: +${added} −${removed}</summary>\n\n${fence}diff\n${patch}${fence}\n\n</details>\n\n`;
}

function leftOutNote(findings: number, kept: number, files: readonly string[], room: number, max: number): string {
  if (findings === 0 && kept === 0 && files.length === 0) return '';
  const parts: string[] = [];
  if (findings) parts.push(`${findings} finding(s)`);
  if (kept) parts.push(`${kept} kept resource(s)`);
  if (files.length) parts.push(`the diffs of ${files.length} file(s)`);
  let note = `> [!NOTE]\n> This comment was shortened to fit the limit of ${max.toLocaleString('en-US')} characters: ${parts.join(', ')} left out. Run \`istio2gateway diff\` (or see the job log and the SARIF upload) for the full report.\n`;
  if (files.length) {
    const line = (names: readonly string[]) => `>\n> Diffs left out: ${names.join(', ')}.\n`;
    const names: string[] = [];
    for (const [i, f] of files.entries()) {
      const next = markdownCode(f);
      const more = i + 1 < files.length ? [`and ${files.length - i - 1} more`] : [];
      if (note.length + line([...names, next, ...more]).length + 1 > room) {
        names.push(`and ${files.length - i} more`);
        break;
      }
      names.push(next);
    }
    note += line(names);
  }
  return `${note}\n`;
}

/** Text safe in Markdown and inline HTML: no tags, no entities, no markup, no mentions. */
function escapeText(s: string): string {
  return markdownText(s);
}

/** Text safe in one table cell: one line, no column separators (`markdownText` does both). */
function escapeCell(s: string): string {
  return markdownText(s);
}
