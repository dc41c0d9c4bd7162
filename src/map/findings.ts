import type { FindingMeta } from '../findings/finding.js';

/** Findings of the conversion itself. One entry per id; docs/findings/<id>.md explains each. */
export const CONVERT_FINDINGS: readonly FindingMeta[] = [
];
