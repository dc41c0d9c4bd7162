import type { KeptResource } from '../convert.js';
import type { FileChange } from '../diff.js';
import type { Finding, Severity } from '../findings/finding.js';
import { CATALOG } from '../findings/catalog.js';
import type { Target } from '../target.js';
import { describeTarget } from '../target.js';
import type { ReportSummary } from './report-text.js';
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

/** What `verify` found, for the comment: counts and the first unexplained requests. */
export interface VerifySummary {
  probes: number;
  /** Probing stopped at its limit. */
  truncated: boolean;
  changed: number;
  explained: number;
  /** The first unexplained changes (at most a few), as `verify` prints them. */
  unexplained: readonly { request: string; before: string; after: string }[];
}

/** What the cutover asks of the cluster's operators (branch `topology` provides the data). */
export interface CutoverSummary {
  /** New load-balancer addresses the generated Gateways get, one line each. */
  newAddresses: readonly string[];
  /** DNS names that must move to a new address, one line each. */
  dnsMoves: readonly string[];
  /** Policies (AuthorizationPolicy, …) that must follow the traffic, one line each. */
  policies: readonly string[];
}

/** `--changed-since`: the report covers the changed files only. */
export interface ScopeSummary {
  /** The git ref the change is measured from. */
  since: string;
  /** Input files changed since `since`. */
  changedFiles: number;
  /** Input files read for cross-resource facts but outside the change. */
  otherFiles: number;
  /** Findings and file diffs in those other files, not shown. */
  otherFindings: number;
  otherDiffs: number;
}

export interface MarkdownInput {
  version: string;
  target: Target;
  summary: ReportSummary;
  findings: readonly Finding[];
  kept: readonly KeptResource[];
  /** Undefined for a plain conversion (no diffs); a list, maybe empty, for a diff. */
  changes?: readonly FileChange[];
  verify?: VerifySummary;
  cutover?: CutoverSummary;
  scope?: ScopeSummary;
  docsUrl(id: string): string;
  links?: SourceLinks;
  /** Largest length of the result, in UTF-16 code units (never more than GitHub counts). */
  maxChars?: number;
}

const ORDER: readonly Severity[] = ['error', 'warning', 'info'];
const ICON: Record<Severity, string> = { error: '🔴', warning: '🟡', info: '🔵' };
/** Finding rows shown per file; the rest are counted as left out. */
const ROWS_PER_FILE = 25;
/** Unexplained requests and cutover lines shown. */
const FIRST = 10;
/** Room kept for the note on what was left out and the footer. */
const NOTE_ROOM = 1_000;

/**
 * A pull-request comment a reviewer reads top down: the verdict, counts by severity, one row
 * per finding id (errors first), verify's summary, the cutover, then one collapsible section
 * per file with its findings, kept resources and diff (files with errors first). What does
 * not fit under `maxChars` is left out from the end, per file, and a note counts it exactly.
 */
export function formatMarkdownReport(input: MarkdownInput): string {
  const max = input.maxChars ?? GITHUB_COMMENT_LIMIT;
  const foot =
    `\n<sub>istio2gateway ${text(input.version)} · each finding id links to its page:` +
    ' what it means and what to do.</sub>\n';
  const out = new Budget(max - foot.length - NOTE_ROOM);
  if (!out.take(`${MARKDOWN_MARKER}\n### istio2gateway: Istio → Gateway API\n\n`)) {
    throw new Error(`maxChars ${max} is too small for a report`);
  }
  out.take(`${verdict(input)}\n\n${countsTable(input)}\n${scopeLine(input)}\n`);
  const idsLeft = findingIdTable(input, out);
  if (input.verify) out.take(verifySection(input.verify));
  if (input.cutover) out.take(cutoverSection(input.cutover));
  const left = fileSections(input, out);
  left.ids = idsLeft;
  return `${out.text()}${leftOutNote(left, max)}${foot}`;
}

/** Text pieces under a character budget. */
class Budget {
  private readonly parts: string[] = [];
  constructor(private room: number) {}
  get remaining(): number {
    return this.room;
  }
  take(piece: string): boolean {
    if (piece.length > this.room) return false;
    this.parts.push(piece);
    this.room -= piece.length;
    return true;
  }
  text(): string {
    return this.parts.join('');
  }
}

function verdict(input: MarkdownInput): string {
  const s = input.summary;
  const v = input.verify;
  const unexplained = v ? v.changed - v.explained : 0;
  const probed = v ? ` (${v.probes.toLocaleString('en-US')} probe requests replayed)` : '';
  if (s.error > 0) {
    return (
      `❌ **${plural(s.error, 'error')}**: behaviour is lost or the output needs a manual` +
      ` change${unexplained ? `; ${requests(unexplained)} with no finding to explain it` : ''}.`
    );
  }
  if (unexplained > 0) {
    return `❌ **${requests(unexplained)} with no finding to explain it**` + `${probed}.`;
  }
  if (v && v.changed > 0) {
    return `⚠️ **${requests(v.changed)}, all explained**${probed}.`;
  }
  if (s.warning > 0) {
    return (
      `⚠️ **${plural(s.warning, 'warning')}**: behaviour differs for some requests, each named` +
      ' below.'
    );
  }
  return `✅ **No behaviour change**${probed}.`;
}

function countsTable(input: MarkdownInput): string {
  const s = input.summary;
  const head = ['🔴 errors', '🟡 warnings', '🔵 info', 'converted', 'generated', 'kept'];
  const row = [s.error, s.warning, s.info, s.converted, s.generated, s.kept];
  if (input.changes) {
    head.push('files changed');
    row.push(input.changes.length);
  }
  const line = (cells: readonly (string | number)[]) => `| ${cells.join(' | ')} |\n`;
  return line(head) + line(head.map(() => '--:')) + line(row.map((n) => n.toLocaleString('en-US')));
}

function scopeLine(input: MarkdownInput): string {
  const target = `Target: ${text(describeTarget(input.target))}.`;
  const sc = input.scope;
  if (!sc) return `${target}\n`;
  const outside =
    sc.otherFiles === 0
      ? 'nothing else was read'
      : `${plural(sc.otherFiles, 'other file')} read for cross-resource facts, with` +
        ` ${plural(sc.otherFindings, 'finding')} and ${plural(sc.otherDiffs, 'diff')} not shown`;
  return (
    `${target} Only the ${plural(sc.changedFiles, 'file')} changed since ` +
    `${code(sc.since)} are reported; ${outside}.\n`
  );
}

/** One row per finding id, errors first, then by count; returns the ids left out. */
function findingIdTable(input: MarkdownInput, out: Budget): number {
  if (input.findings.length === 0) return 0;
  const counts = new Map<string, { severity: Severity; count: number }>();
  for (const f of input.findings) {
    const c = counts.get(f.id);
    if (c) c.count++;
    else counts.set(f.id, { severity: f.severity, count: 1 });
  }
  const rank = (s: Severity) => ORDER.indexOf(s);
  const rows = [...counts].sort(
    ([a, x], [b, y]) =>
      rank(x.severity) - rank(y.severity) || y.count - x.count || (a < b ? -1 : a > b ? 1 : 0),
  );
  const head = '| severity | finding | count | what it means |\n|---|---|--:|---|\n';
  if (!out.take(`#### Findings\n\n${head}`)) {
    return rows.length;
  }
  let left = 0;
  for (const [id, c] of rows) {
    const title = ownMarkdown(CATALOG.get(id)?.title ?? '');
    const row =
      `| ${ICON[c.severity]} ${c.severity} | [${code(id)}](${input.docsUrl(id)}) ` +
      `| ${c.count.toLocaleString('en-US')} | ${title} |\n`;
    if (left > 0 || !out.take(row)) left++;
  }
  out.take('\n');
  return left;
}

function verifySection(v: VerifySummary): string {
  const unexplained = v.changed - v.explained;
  let s =
    `#### Verify\n\n${v.probes.toLocaleString('en-US')} probe requests replayed` +
    `${v.truncated ? ' (stopped at the limit)' : ''}: **${v.changed.toLocaleString('en-US')}**` +
    ` changed, **${v.explained.toLocaleString('en-US')}** explained by a finding, ` +
    `**${unexplained.toLocaleString('en-US')}** unexplained.\n\n`;
  if (v.unexplained.length === 0) return s;
  const shown = v.unexplained.slice(0, FIRST);
  s +=
    `${unexplained > shown.length ? `The first ${shown.length}: ` : ''}` +
    'request → before → after\n\n| request | before | after |\n|---|---|---|\n';
  for (const u of shown) s += `| ${code(u.request)} | ${cell(u.before)} | ${cell(u.after)} |\n`;
  return `${s}\n`;
}

function cutoverSection(c: CutoverSummary): string {
  const part = (title: string, lines: readonly string[]) => {
    if (lines.length === 0) return '';
    const more = lines.length > FIRST ? `- … and ${lines.length - FIRST} more\n` : '';
    return (
      `**${title}** (${lines.length.toLocaleString('en-US')})\n\n` +
      `${lines
        .slice(0, FIRST)
        .map((l) => `- ${cell(l)}\n`)
        .join('')}${more}\n`
    );
  };
  const body =
    part('New addresses', c.newAddresses) +
    part('DNS moves', c.dnsMoves) +
    part('Policies to follow', c.policies);
  const none = 'Nothing to move: no new addresses, DNS moves or policies.\n\n';
  return `#### Cutover\n\n${body || none}`;
}

/** What the per-file sections left out; `ids`: rows of the findings-by-id table. */
interface LeftOut {
  ids: number;
  files: number;
  findings: number;
  kept: number;
  diffs: number;
}

interface FileEntry {
  path: string;
  findings: Finding[];
  kept: KeptResource[];
  change?: FileChange;
  worst: number;
}

/** One `<details>` per file, files with errors first; whatever does not fit is counted. */
function fileSections(input: MarkdownInput, out: Budget): LeftOut {
  const files = byFile(input);
  const left: LeftOut = { ids: 0, files: 0, findings: 0, kept: 0, diffs: 0 };
  if (files.length === 0) return left;
  let open = out.take('#### Files\n\n');
  for (const f of files) {
    // Below a few hundred characters nothing more fits: count the rest without rendering it.
    if (open && out.remaining > 300) {
      const full = fileBlock(f, input, true);
      if (out.take(full.text)) {
        left.findings += full.findingsLeft;
        continue;
      }
      const short = fileBlock(f, input, false);
      if (f.change && out.take(short.text)) {
        left.findings += short.findingsLeft;
        left.diffs++;
        continue;
      }
    } else open = false;
    left.files++;
    left.findings += f.findings.length;
    left.kept += f.kept.length;
    if (f.change) left.diffs++;
  }
  return left;
}

function byFile(input: MarkdownInput): FileEntry[] {
  const map = new Map<string, FileEntry>();
  const entry = (path: string) => {
    let e = map.get(path);
    if (!e) map.set(path, (e = { path, findings: [], kept: [], worst: 0 }));
    return e;
  };
  for (const f of input.findings) {
    const e = entry(f.source?.file ?? '');
    e.findings.push(f);
    e.worst = Math.max(e.worst, 3 - ORDER.indexOf(f.severity));
  }
  for (const k of input.kept) entry(k.file).kept.push(k);
  for (const c of input.changes ?? []) entry(c.path).change = c;
  return [...map.values()].sort((a, b) => b.worst - a.worst || (a.path < b.path ? -1 : 1));
}

function fileBlock(f: FileEntry, input: MarkdownInput, withDiff: boolean) {
  const counts = ORDER.map((s) => [s, f.findings.filter((x) => x.severity === s).length] as const)
    .filter(([, n]) => n > 0)
    .map(([s, n]) => `${ICON[s]} ${n.toLocaleString('en-US')} ${s}`);
  if (f.kept.length) counts.push(`${f.kept.length.toLocaleString('en-US')} kept`);
  if (f.change) counts.push(diffStat(f.change.patch));
  const name = f.path ? code(f.path) : '(not in a file)';
  let s = `<details>\n<summary>${name}: ${counts.join(' · ')}</summary>\n\n`;
  const rank = (x: Finding) => ORDER.indexOf(x.severity);
  const rows = [...f.findings].sort((a, b) => rank(a) - rank(b));
  const shown = rows.slice(0, ROWS_PER_FILE);
  if (shown.length) {
    s += '| severity | finding | line | resource | message |\n|---|---|--:|---|---|\n';
    for (const x of shown) s += findingRow(x, input);
    if (rows.length > shown.length) {
      s +=
        `\n… and ${(rows.length - shown.length).toLocaleString('en-US')} more finding(s)` +
        ' in this file (in the SARIF and JSON reports).\n';
    }
    s += '\n';
  }
  if (f.kept.length) {
    s += 'Kept as they are:\n\n';
    for (const k of f.kept) {
      s +=
        `- ${line(k.file, k.line, input.links)} ${cell(`${k.kind} ${k.namespace}/${k.name}`)}:` +
        ` ${cell(k.reason)}\n`;
    }
    s += '\n';
  }
  if (f.change) {
    s += withDiff ? diffBlock(f.change.patch) : '_The diff did not fit in this comment._\n\n';
  }
  return { text: `${s}</details>\n\n`, findingsLeft: rows.length - shown.length };
}

function findingRow(f: Finding, input: MarkdownInput): string {
  const src = f.source;
  const ns = src?.namespace ? `${src.namespace}/` : '';
  const resource = src?.kind ? `${src.kind} ${ns}${src.name ?? ''}` : '';
  const field = src?.path ? `<br>${code(src.path)}` : '';
  const hint = f.hint ? `<br><em>hint:</em> ${cell(f.hint)}` : '';
  const at = src && src.file ? line(src.file, src.line, input.links) : '';
  return (
    `| ${ICON[f.severity]} ${f.severity} | [${code(f.id)}](${input.docsUrl(f.id)}) | ${at} ` +
    `| ${cell(resource)}${field} | ${cell(f.message)}${hint} |\n`
  );
}

/** The line number, linked to the line on GitHub when the repository and commit are known. */
function line(file: string, n: number, links: SourceLinks | undefined): string {
  const label = `L${n}`;
  const outside = file === '-' || /^(<|\/|\.\.\/)/.test(file);
  if (!links || outside) return label;
  const path = file.split('/').map(encodeURIComponent).join('/');
  const server = links.serverUrl.replace(/\/+$/, '');
  return `[${label}](${server}/${links.repository}/blob/${links.sha}/${path}#L${n})`;
}

function diffStat(patch: string): string {
  let added = 0;
  let removed = 0;
  for (const l of patch.split('\n')) {
    if (l.startsWith('+') && !l.startsWith('+++')) added++;
    else if (l.startsWith('-') && !l.startsWith('---')) removed++;
  }
  return `+${added} −${removed}`;
}

function diffBlock(patch: string): string {
  // A fence longer than any run of backticks in the diff, so the diff cannot close it.
  const longest = Math.max(2, ...[...patch.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  return `${fence}diff\n${patch.endsWith('\n') ? patch : `${patch}\n`}${fence}\n\n`;
}

function leftOutNote(l: LeftOut, max: number): string {
  const parts: string[] = [];
  if (l.ids) parts.push(`${plural(l.ids, 'row')} of the findings table`);
  if (l.files) parts.push(`the sections of ${plural(l.files, 'file')}`);
  if (l.findings) parts.push(`${plural(l.findings, 'finding')} in all`);
  if (l.kept) parts.push(`${plural(l.kept, 'kept resource')}`);
  if (l.diffs) parts.push(`${plural(l.diffs, 'diff')}`);
  if (parts.length === 0) return '';
  const limit = max.toLocaleString('en-US');
  return (
    `> [!NOTE]\n> Shortened to fit GitHub's limit of ${limit} characters:` +
    ` ${parts.join(', ')} left out. The counts above are complete; every finding is in the` +
    ' SARIF and JSON reports and in `istio2gateway diff`.\n'
  );
}

/** `1 request changes`, `3 requests change`. */
function requests(n: number): string {
  return `${plural(n, 'request')} change${n === 1 ? 's' : ''}`;
}

function plural(n: number, noun: string): string {
  return `${n.toLocaleString('en-US')} ${noun}${n === 1 ? '' : 's'}`;
}

/**
 * Input text for a table cell or a line (src/emit/escape.ts); `#` before a digit also gets a
 * zero-width space, as GitHub links `#12` to issue 12 in rendered text, entities decoded.
 */
function cell(s: string): string {
  return markdownText(s).replace(/&#35;(?=\d)/g, '&#35;&#8203;');
}

/** Our own one-line text (a catalog title): `code` spans kept, everything else escaped. */
function ownMarkdown(s: string): string {
  return s
    .split('`')
    .map((part, i) => (i % 2 ? code(part) : cell(part)))
    .join('');
}

/** Input text as inline code that nothing in it can close. */
function code(s: string): string {
  return markdownCode(s);
}

/** Text we wrote ourselves, safe in inline HTML. */
function text(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
