import type { FindingMeta } from '../findings/finding.js';

/** Findings of validating Gateway API objects (src/check). */
export const CHECK_FINDINGS: readonly FindingMeta[] = [
  {
    id: 'invalid-output',
    severity: 'error',
    title:
      'A generated object (Gateway API, core Service, Istio DestinationRule or VirtualService) breaks a rule the API server checks: it would be rejected (an unconvertible input or a bug).',
  },
  {
    id: 'invalid-manifest',
    severity: 'error',
    title:
      'A Gateway API manifest breaks a rule of the target release and channel (or of the given CRDs): the API server would reject it.',
  },
  {
    id: 'unchecked-rule',
    severity: 'warning',
    title:
      'A CEL validation rule of the CRDs could not be evaluated, so the object is not proven valid.',
  },
];
