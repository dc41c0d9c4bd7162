import type { FindingMeta } from '../../findings/finding.js';

/** Findings of residual VirtualServices (map/residual). docs/findings/<id>.md explains each. */
export const RESIDUAL_FINDINGS: readonly FindingMeta[] = [
  {
    id: 'residual-virtual-service',
    severity: 'info',
    title:
      'Mesh rules Gateway API cannot express (tls/tcp routes, fault injection, directResponse) stay in a trimmed VirtualService that Istio keeps applying.',
  },
  {
    id: 'residual-coexists',
    severity: 'info',
    title:
      'A residual VirtualService and an HTTPRoute bind the same mesh host; both apply, on different protocols, so nothing changes.',
  },
  {
    id: 'residual-conflict',
    severity: 'warning',
    title:
      'A residual VirtualService with http rules and an HTTPRoute bind the same mesh host: sidecars apply only one of them per host, depending on the client namespace and creation time.',
  },
];
