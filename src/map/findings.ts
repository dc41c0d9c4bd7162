import type { FindingMeta } from '../findings/finding.js';

/** Findings of the conversion itself. One entry per id; docs/findings/<id>.md explains each. */
export const CONVERT_FINDINGS: readonly FindingMeta[] = [
  { id: 'namespace-assumed', severity: 'warning', title: 'A generated object names the namespace assumed for resources without one (--namespace); it is right only if they are applied there.' },
];
