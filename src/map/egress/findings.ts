import type { FindingMeta } from '../../findings/finding.js';

/** Findings of the egress-gateway pattern. docs/findings/<id>.md explains each. */
export const EGRESS_FINDINGS: readonly FindingMeta[] = [
  { id: 'gateway-destination-rewritten', severity: 'info', title: "A destination that named the old gateway deployment's Service now names the Service Istio provisions for the converted Gateway." },
  { id: 'gateway-destination-ambiguous', severity: 'error', title: "A destination names an old gateway Service that several converted Gateways replace; it is left pointing at the old Service." },
  { id: 'egress-gateway-cluster-ip', severity: 'info', title: 'An egress Gateway is provisioned with a ClusterIP Service (annotation networking.istio.io/service-type), as the old egress gateway was internal.' },
];
