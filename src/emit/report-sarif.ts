import type { Finding, Severity } from '../findings/finding.js';
import { CATALOG } from '../findings/catalog.js';

/** The parts of SARIF 2.1.0 this tool writes (OASIS SARIF v2.1.0, §3). */
export interface SarifLog {
  $schema: string;
  version: '2.1.0';
  runs: SarifRun[];
}

interface SarifRun {
  tool: { driver: { name: string; version: string; semanticVersion: string; informationUri: string; rules: SarifRule[] } };
  results: SarifResult[];
}

interface SarifRule {
  id: string;
  name: string;
  shortDescription: { text: string };
  helpUri: string;
  defaultConfiguration: { level: SarifLevel };
}

type SarifLevel = 'error' | 'warning' | 'note';

interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: SarifLevel;
  message: { text: string };
  locations?: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number; startColumn: number } } }[];
}

const LEVEL: Record<Severity, SarifLevel> = { error: 'error', warning: 'warning', info: 'note' };

export interface SarifInput {
  version: string;
  projectUrl: string;
  findings: readonly Finding[];
  docsUrl(id: string): string;
}

/**
 * SARIF 2.1.0 as GitHub code scanning reads it: one rule per finding id that occurs (title as
 * short description, docs page as help), one result per finding at its file, line and column.
 * File paths must be relative to the repository root: GitHub resolves them from there.
 */
export function buildSarif(input: SarifInput): SarifLog {
  const ids = [...new Set(input.findings.map((f) => f.id))].sort();
  const rules: SarifRule[] = ids.map((id) => {
    const meta = CATALOG.get(id);
    return {
      id,
      name: pascal(id),
      shortDescription: { text: meta?.title ?? id },
      helpUri: input.docsUrl(id),
      defaultConfiguration: { level: LEVEL[meta?.severity ?? 'warning'] },
    };
  });
  const results = input.findings.map((f): SarifResult => {
    const r: SarifResult = { ruleId: f.id, ruleIndex: ids.indexOf(f.id), level: LEVEL[f.severity], message: { text: messageOf(f) } };
    const file = f.source?.file;
    if (f.source && file && file !== '-' && !file.startsWith('<')) {
      r.locations = [{ physicalLocation: { artifactLocation: { uri: fileUri(file) }, region: { startLine: Math.max(1, f.source.line), startColumn: Math.max(1, f.source.column) } } }];
    }
    return r;
  });
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [{ tool: { driver: { name: 'istio2gateway', version: input.version, semanticVersion: input.version, informationUri: input.projectUrl, rules } }, results }],
  };
}

export function formatSarif(log: SarifLog): string {
  return `${JSON.stringify(log, null, 2)}\n`;
}

function messageOf(f: Finding): string {
  const where = f.source?.kind ? ` (${f.source.kind} ${f.source.namespace ? `${f.source.namespace}/` : ''}${f.source.name ?? ''}${f.source.path ? ` ${f.source.path}` : ''})` : '';
  return `${f.message}${where}${f.hint ? `. Hint: ${f.hint}` : ''}`;
}

/** A relative URI reference with forward slashes, each segment percent-encoded. */
function fileUri(file: string): string {
  return file.replace(/\\/g, '/').replace(/^\.\//, '').split('/').map(encodeURIComponent).join('/');
}

function pascal(id: string): string {
  return id.split('-').map((w) => (w ? w[0]!.toUpperCase() + w.slice(1) : '')).join('');
}
