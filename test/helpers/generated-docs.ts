import { FINDING_GROUPS } from '../../src/findings/catalog.js';
import { ISTIO_FIELD_PATHS } from '../../src/parse/schemas/istio.gen.js';
import { MAPPING_KINDS, entryFor, loadMapping } from '../../src/mappings.js';

const ROOT = new URL('../../', import.meta.url).pathname;

export const FINDINGS_INDEX = `${ROOT}docs/findings/README.md`;
export const SUPPORT_MATRIX = `${ROOT}docs/support-matrix.md`;
export const FINDING_IDS_FILE = `${ROOT}src/findings/ids.gen.ts`;

const INDEX_MARK = '<!-- index: generated from the catalog by `npm run docs:update` -->';

/** docs/findings/README.md: the hand-written head, then the index generated from the catalog. */
export function findingsIndex(current: string): string {
  const head = current.includes(INDEX_MARK)
    ? current.slice(0, current.indexOf(INDEX_MARK))
    : `${current.trimEnd()}\n\n`;
  const lines = [INDEX_MARK, '', '| id | severity | what it means |', '|---|---|---|'];
  for (const g of FINDING_GROUPS) {
    if (!g.findings.length) continue;
    lines.push(`| **${g.title}** | | |`);
    for (const m of g.findings)
      lines.push(
        `| [\`${m.id}\`](${m.id}.md) | ${m.severity} | ${m.title.replace(/\|/g, '\\|')} |`,
      );
  }
  return `${head}${lines.join('\n')}\n`;
}

/** docs/support-matrix.md, generated from mappings/*.yaml: every Istio field and what becomes of it. */
export function supportMatrix(): string {
  const out = [
    '# Support matrix',
    '',
    'Generated from [mappings/](../mappings/README.md) by `npm run docs:update`; do not edit.',
    "Every field of Istio's schema for each kind, what it becomes, and the findings it can raise.",
    '',
  ];
  for (const kind of MAPPING_KINDS) {
    const file = loadMapping(kind);
    const paths: readonly string[] = ISTIO_FIELD_PATHS[kind];
    const counts = new Map<string, number>();
    for (const p of paths) {
      const s = entryFor(file, p)?.status ?? 'missing';
      counts.set(s, (counts.get(s) ?? 0) + 1);
    }
    out.push(`## ${kind}`, '', [...counts].map(([s, n]) => `${n} ${s}`).join(', '), '');
    out.push('| field | status | becomes | findings | needs |', '|---|---|---|---|---|');
    for (const e of file.fields) {
      const since = e.since
        ? Object.entries(e.since)
            .map(([k, v]) => `${k} ${v}`)
            .join(', ')
        : '';
      const findings = (e.findings ?? []).map((id) => `[\`${id}\`](findings/${id}.md)`).join(' ');
      const cell = (s: string | undefined) => (s ?? '').replace(/\|/g, '\\|').replace(/\n/g, ' ');
      out.push(
        `| \`${e.path}${e.subtree ? '.*' : ''}\` | ${e.status} | ${cell(e.to)} | ${findings} | ${since} |`,
      );
    }
    out.push('');
  }
  return out.join('\n');
}

/** src/findings/ids.gen.ts: every finding id of the catalog as a literal union for the public API. */
export function findingIdsModule(): string {
  const ids = FINDING_GROUPS.flatMap((g) => g.findings.map((m) => m.id));
  return [
    '// Generated from the finding catalog by `npm run docs:update`; do not edit.',
    '',
    '/** Every finding id the tool can raise; each has a page docs/findings/<id>.md. */',
    'export const FINDING_IDS = [',
    ...ids.map((id) => `  '${id}',`),
    '] as const;',
    '',
    '/** A finding id: one of {@link FINDING_IDS}. */',
    'export type FindingId = (typeof FINDING_IDS)[number];',
    '',
  ].join('\n');
}
