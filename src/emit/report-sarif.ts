import { createHash } from 'node:crypto';
import type { Finding, Severity } from '../findings/finding.js';
import { SEVERITY_RANK } from '../findings/finding.js';
import { CATALOG } from '../findings/catalog.js';
import type { Log, ReportingDescriptor, Result } from 'sarif';

/** SARIF 2.1.0 (OASIS), as @types/sarif describes it. */
export type SarifLog = Log;
type SarifRule = ReportingDescriptor;
type SarifResult = Result;
type SarifLevel = NonNullable<Result['level']>;

const LEVEL: Record<Severity, SarifLevel> = { error: 'error', warning: 'warning', info: 'note' };

export interface SarifInput {
  version: string;
  projectUrl: string;
  findings: readonly Finding[];
  docsUrl(id: string): string;
  /** The finding's docs page, for the rule's `help`. */
  help?(id: string): { markdown: string; why: string } | undefined;
}

/**
 * GitHub code scanning keeps at most 25,000 results per run (docs.github.com, "SARIF support
 * for code scanning", upload limits); beyond that it drops some silently, so we choose: errors
 * first, then warnings, then notes, in file order.
 */
export const SARIF_MAX_RESULTS = 25_000;

/**
 * SARIF 2.1.0 as GitHub code scanning reads it: one rule per finding id that occurs (title as
 * short description, docs page as help), one result per finding at its file, line and column.
 * File paths must be relative to the repository root: GitHub resolves them from there.
 */
export function buildSarif(input: SarifInput): SarifLog {
  const kept = keptFindings(input.findings);
  const ids = [...new Set(kept.map((f) => f.id))].sort();
  const rules = ids.map((id) => ruleOf(id, input));
  const indexOf = new Map(ids.map((id, i) => [id, i]));
  const seen = new Map<string, number>();
  const results = kept.map((f): SarifResult => {
    const r: SarifResult = {
      ruleId: f.id,
      ruleIndex: indexOf.get(f.id)!,
      level: LEVEL[f.severity],
      message: { text: messageOf(f) },
      partialFingerprints: { 'istio2gateway/v1': fingerprint(f, seen) },
    };
    const file = f.source?.file;
    if (f.source && file && file !== '-' && !file.startsWith('<')) {
      r.locations = [
        {
          physicalLocation: {
            artifactLocation: { uri: fileUri(file) },
            region: {
              startLine: Math.max(1, f.source.line),
              startColumn: Math.max(1, f.source.column),
            },
          },
        },
      ];
    }
    return r;
  });
  const driver = {
    name: 'istio2gateway',
    version: input.version,
    semanticVersion: input.version,
    informationUri: input.projectUrl,
    rules,
  };
  const left = input.findings.length - kept.length;
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver },
        results,
        ...(left ? { properties: { resultsLeftOut: left } } : {}),
      },
    ],
  };
}

/** At most SARIF_MAX_RESULTS findings, the most severe ones, in their given order. */
function keptFindings(findings: readonly Finding[]): readonly Finding[] {
  if (findings.length <= SARIF_MAX_RESULTS) return findings;
  const rank = (f: Finding) => SEVERITY_RANK[f.severity];
  const order = findings
    .map((_, i) => i)
    .sort((a, b) => rank(findings[b]!) - rank(findings[a]!) || a - b);
  return order
    .slice(0, SARIF_MAX_RESULTS)
    .sort((a, b) => a - b)
    .map((i) => findings[i]!);
}

function ruleOf(id: string, input: SarifInput): SarifRule {
  const meta = CATALOG.get(id);
  const title = meta?.title ?? id;
  const page = input.help?.(id);
  const url = input.docsUrl(id);
  const markdown = page?.markdown ?? `# \`${id}\`\n\n${title}\n\nSee ${url}.\n`;
  const severity = meta?.severity ?? 'warning';
  return {
    id,
    name: pascal(id),
    shortDescription: { text: title },
    fullDescription: { text: page?.why || title },
    help: {
      text: `${title}\n\n${page?.why ?? ''}\n\nWhat to do: ${url}`.replace(/\n{3,}/g, '\n\n'),
      markdown,
    },
    helpUri: url,
    defaultConfiguration: { level: LEVEL[severity] },
    properties: {
      tags: ['istio', 'gateway-api', 'migration'],
      precision: 'very-high',
      'problem.severity': PROBLEM_SEVERITY[severity],
    },
  };
}

/** GitHub's own severity words for a rule (code scanning's `problem.severity`). */
const PROBLEM_SEVERITY: Record<Severity, string> = {
  error: 'error',
  warning: 'warning',
  info: 'recommendation',
};

/**
 * What the finding is about (id, file, resource, field), hashed; no line or column and no
 * message text, so an edit elsewhere in the file keeps it. The n-th identical key gets `:n`.
 */
function fingerprint(f: Finding, seen: Map<string, number>): string {
  const s = f.source;
  const t = f.target;
  const target = t ? `${t.kind}/${t.namespace ?? ''}/${t.name}/${t.path ?? ''}` : '';
  const key = [f.id, s?.file, s?.kind, s?.namespace, s?.name, s?.path, target]
    .map((x) => x ?? '')
    .join('\u0000');
  const n = seen.get(key) ?? 0;
  seen.set(key, n + 1);
  return `${createHash('sha256').update(key).digest('hex').slice(0, 32)}:${n}`;
}

export function formatSarif(log: SarifLog): string {
  return `${JSON.stringify(log, null, 2)}\n`;
}

function messageOf(f: Finding): string {
  const where = f.source?.kind
    ? ` (${f.source.kind} ${f.source.namespace ? `${f.source.namespace}/` : ''}${f.source.name ?? ''}${f.source.path ? ` ${f.source.path}` : ''})`
    : '';
  return `${f.message}${where}${f.hint ? `. Hint: ${f.hint}` : ''}`;
}

/** A relative URI reference with forward slashes, each segment percent-encoded. */
function fileUri(file: string): string {
  return file.replace(/\\/g, '/').replace(/^\.\//, '').split('/').map(encodeURIComponent).join('/');
}

function pascal(id: string): string {
  return id
    .split('-')
    .map((w) => (w ? w[0]!.toUpperCase() + w.slice(1) : ''))
    .join('');
}
