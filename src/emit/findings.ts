import type { FindingMeta } from '../findings/finding.js';

/** Findings of writing the conversion back into its input files (`--write`, `diff`). */
export const EMIT_FINDINGS: readonly FindingMeta[] = [
  {
    id: 'file-not-rewritten',
    severity: 'error',
    title:
      'A file with Istio resources was not rewritten in place, because some of its documents could not be read.',
  },
];
