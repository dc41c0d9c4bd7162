import type { FindingMeta } from '../../findings/finding.js';

/** Findings of the TLS/TCP mapper (VirtualService `tls[]` → TLSRoute, `tcp[]` → TCPRoute). docs/findings/<id>.md explains each. */
export const L4_FINDINGS: readonly FindingMeta[] = [
  {
    id: 'route-kind-not-converted',
    severity: 'error',
    title:
      'The target has no TLSRoute or TCPRoute (or not for this Istio version): the `tls[]` or `tcp[]` routes are not in the output.',
  },
  {
    id: 'sni-host-not-converted',
    severity: 'error',
    title:
      'An `sniHosts` entry cannot be a TLSRoute hostname (`*` where hostnames are required, an IP address, an invalid name); connections with that SNI are no longer routed.',
  },
  {
    id: 'l4-match-not-converted',
    severity: 'error',
    title:
      'A `tls[]`/`tcp[]` match condition (`sourceLabels`, `sourceNamespace`, `sourceSubnet`, `destinationSubnets`) has no equivalent; that match is not emitted (never widened).',
  },
  {
    id: 'mesh-l4-not-converted',
    severity: 'error',
    title:
      'The VirtualService is replaced by its converted routes, but its `tls[]`/`tcp[]` routes for the mesh (sidecars) are not converted: those connections are no longer routed by them.',
  },
  {
    id: 'l4-route-shadowed',
    severity: 'info',
    title:
      'A `tcp[]` entry never applied: earlier entries already took every connection on its ports; nothing is written for it.',
  },
];
