import type { FindingMeta } from '../../findings/finding.js';

/** Findings about Istio resources a progressive-delivery controller edits. docs/findings/<id>.md explains each. */
export const OWNER_FINDINGS: readonly FindingMeta[] = [
  {
    id: 'rollout-owned',
    severity: 'warning',
    title:
      'An Argo Rollout sets the weights of this VirtualService at run time; the converted route freezes them, so canary steps stop shifting traffic.',
  },
  {
    id: 'flagger-owned',
    severity: 'warning',
    title:
      "Flagger generates this VirtualService from a Canary (or binds the one it generates to a converted Gateway); the canary's traffic shifting stops working until the Canary uses Flagger's Gateway API provider.",
  },
];
