import type { FindingMeta } from '../findings/finding.js';

/** Findings of the command line's own I/O. `unreadable` ones make the exit code 2. */
export const CLI_FINDINGS: readonly FindingMeta[] = [
  {
    id: 'output-not-written',
    severity: 'error',
    unreadable: true,
    title:
      'An output file was not written: it would overwrite a file istio2gateway did not write (or an input file), it is read-only, writing it would follow a symbolic link out of the given trees or --out-dir, or writing failed.',
  },
];
