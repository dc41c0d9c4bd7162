import type { Finding, Severity } from '../findings/finding.js';

const COMMAND: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'notice' };

/**
 * GitHub shows at most 10 annotations of each level per step (and 50 per job); more are
 * dropped, so we choose which: the first ones of each level, errors first.
 */
export const ANNOTATIONS_PER_LEVEL = 10;

/**
 * The findings as GitHub workflow commands (`::error file=…,line=…,title=…::message`):
 * inline annotations on the pull request that need no permission and work on forks. Every
 * value is escaped (docs.github.com "Workflow commands"), so text from the input can neither
 * end the command nor start a new one. The last line counts what was left out.
 */
export function formatAnnotations(
  findings: readonly Finding[],
  perLevel = ANNOTATIONS_PER_LEVEL,
): string {
  const levels: Severity[] = ['error', 'warning', 'info'];
  const lines: string[] = [];
  let left = 0;
  for (const level of levels) {
    const of = findings.filter((f) => f.severity === level);
    for (const f of of.slice(0, perLevel)) lines.push(annotation(f));
    left += Math.max(0, of.length - perLevel);
  }
  if (left) lines.push(`istio2gateway: ${left} more finding(s) not annotated; see the report.`);
  return lines.map((l) => `${l}\n`).join('');
}

function annotation(f: Finding): string {
  const props: string[] = [];
  const s = f.source;
  if (s?.file && s.file !== '-' && !s.file.startsWith('<')) {
    props.push(`file=${property(s.file)}`);
    if (s.line > 0) props.push(`line=${s.line}`);
    if (s.column > 0) props.push(`col=${s.column}`);
  }
  props.push(`title=${property(`istio2gateway ${f.id}`)}`);
  const ns = s?.namespace ? `${s.namespace}/` : '';
  const resource = s?.kind ? `${s.kind} ${ns}${s.name ?? ''}` : '';
  const where = resource ? ` (${resource}${s?.path ? ` ${s.path}` : ''})` : '';
  const hint = f.hint ? ` Hint: ${f.hint}` : '';
  return `::${COMMAND[f.severity]} ${props.join(',')}::${data(`${f.message}${where}.${hint}`)}`;
}

/** Escaping of a command's message (toolkit's escapeData). */
function data(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Escaping of a command's property value (toolkit's escapeProperty). */
function property(s: string): string {
  return data(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
