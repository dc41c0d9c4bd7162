import type { FindingId } from './ids.gen.js';

export type { FindingId };
/** How much a finding matters; see docs/findings/README.md. */
export type Severity = 'error' | 'warning' | 'info';

export const SEVERITY_RANK: Record<Severity, number> = { error: 3, warning: 2, info: 1 };

/** Where in the input a finding points: the exact field, so editors and SARIF can show it in place. */
export interface SourceRef {
  file: string;
  line: number;
  column: number;
  kind?: string;
  namespace?: string;
  name?: string;
  /** Field path inside the resource, e.g. `spec.http[0].match[1].uri.prefix`. */
  path?: string;
}

/** The generated object a finding concerns, when there is one. */
export interface TargetRef {
  kind: string;
  namespace?: string;
  name: string;
  path?: string;
}

export interface Finding {
  /** Stable kebab-case id with a page in docs/findings/<id>.md. */
  id: FindingId;
  severity: Severity;
  message: string;
  source?: SourceRef;
  target?: TargetRef;
  hint?: string;
}

/** Meta of one finding id: the single place its severity, title and docs live. */
export interface FindingMeta {
  id: string;
  severity: Severity;
  /** One line: what happened. */
  title: string;
  /** Set for findings that mean a file or document could not be read: exit code 2. */
  unreadable?: boolean;
}

/** Stable order: file, line, column, id, message. */
export function compareFindings(a: Finding, b: Finding): number {
  const fa = a.source?.file ?? '';
  const fb = b.source?.file ?? '';
  if (fa !== fb) return fa < fb ? -1 : 1;
  const la = a.source?.line ?? 0;
  const lb = b.source?.line ?? 0;
  if (la !== lb) return la - lb;
  const ca = a.source?.column ?? 0;
  const cb = b.source?.column ?? 0;
  if (ca !== cb) return ca - cb;
  if (a.id !== b.id) return a.id < b.id ? -1 : 1;
  return a.message < b.message ? -1 : a.message > b.message ? 1 : 0;
}

/**
 * A string built by concatenation is a tree of its pieces in V8 until something reads it whole;
 * a message assembled from a dozen parts costs several times its length. Findings live until the
 * report is written (270,000 of them at 100,000 VirtualServices), so their strings are made flat.
 */
function flat(s: string): string {
  return s.length < 13 ? s : ` ${s}`.slice(1);
}

/** The finding with its message, hint and paths stored flat (see `flat`); the same text. */
export function compactFinding(f: Finding): Finding {
  f.message = flat(f.message);
  if (f.hint !== undefined) f.hint = flat(f.hint);
  if (f.source?.path !== undefined) f.source.path = flat(f.source.path);
  if (f.target?.path !== undefined) f.target.path = flat(f.target.path);
  return f;
}
