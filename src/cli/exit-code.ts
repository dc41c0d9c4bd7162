import { CATALOG } from '../findings/catalog.js';
import { type Finding, SEVERITY_RANK, type Severity } from '../findings/finding.js';

export const FAIL_ON = ['error', 'warning', 'info', 'none'] as const;
export type FailOn = (typeof FAIL_ON)[number];

/**
 * Exit codes: 2 when input could not be read (or output not written), 1 when findings reach
 * `failOn`, else 0. Its own module so the Action's bundle need not take the whole CLI.
 */
export function exitCodeFor(findings: readonly Finding[], failOn: FailOn): 0 | 1 | 2 {
  if (findings.some((f) => CATALOG.get(f.id)?.unreadable)) return 2;
  if (failOn === 'none') return 0;
  const floor = SEVERITY_RANK[failOn as Severity];
  return findings.some((f) => SEVERITY_RANK[f.severity] >= floor) ? 1 : 0;
}
