import type { FindingMeta } from '../findings/finding.js';

/** Explanations `verify` gives for a changed request that no conversion finding covers. */
export const VERIFY_FINDINGS: readonly FindingMeta[] = [
  {
    id: 'resource-kept',
    severity: 'info',
    title:
      'A VirtualService or Gateway was kept as it is (not converted), so its routes are not in the Gateway API output; verify explains the requests it served with this.',
  },
];
