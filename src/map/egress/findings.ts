import type { FindingMeta } from '../../findings/finding.js';

/** Findings of the egress-gateway pattern. docs/findings/<id>.md explains each. */
export const EGRESS_FINDINGS: readonly FindingMeta[] = [
  {
    id: 'gateway-destination-rewritten',
    severity: 'info',
    title:
      "A destination that named the old gateway deployment's Service now names the Service Istio provisions for the converted Gateway.",
  },
  {
    id: 'gateway-destination-ambiguous',
    severity: 'error',
    title:
      'A destination names an old gateway Service that several converted Gateways replace; it is left pointing at the old Service.',
  },
  {
    id: 'gateway-destination-policy-copied',
    severity: 'info',
    title:
      "The DestinationRule policy of a hop to an old gateway Service (e.g. tls ISTIO_MUTUAL with sni) now applies to the converted Gateway's Service through a DestinationRule for its host.",
  },
  {
    id: 'egress-gateway-cluster-ip',
    severity: 'info',
    title:
      'An egress Gateway is provisioned with a ClusterIP Service (annotation networking.istio.io/service-type), as the old egress gateway was internal.',
  },
];
