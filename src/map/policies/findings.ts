import type { FindingMeta } from '../../findings/finding.js';

/** Findings about DestinationRule TLS (BackendTLSPolicy) and policies that select gateway pods. docs/findings/<id>.md explains each. */
export const POLICY_FINDINGS: readonly FindingMeta[] = [
  {
    id: 'backend-tls-policy-created',
    severity: 'info',
    title:
      'Simple TLS origination of a DestinationRule was also written as a BackendTLSPolicy (`--backend-tls-policy`).',
  },
  {
    id: 'backend-tls-policy-conflict',
    severity: 'warning',
    title:
      'On the target Istio (≤ 1.30) a BackendTLSPolicy conflicts with a DestinationRule for the same host.',
  },
  {
    id: 'backend-tls-policy-not-converted',
    severity: 'warning',
    title:
      'A DestinationRule TLS setting cannot be written as a BackendTLSPolicy; the DestinationRule keeps applying it.',
  },
  {
    id: 'destination-rule-unrouted',
    severity: 'info',
    title:
      'A kept DestinationRule names a host that no converted route sends to any more (its destinations now name per-subset or converted gateway Services).',
  },
  {
    id: 'policy-counterpart-created',
    severity: 'info',
    title:
      'A policy that applied to the old gateway pods was copied, attached to the new Gateway by targetRefs; the original stays.',
  },
  {
    id: 'policy-not-retargeted',
    severity: 'error',
    title:
      'An AuthorizationPolicy, RequestAuthentication or EnvoyFilter may select the old gateway pods and has no counterpart for the new Gateway.',
  },
  {
    id: 'telemetry-not-retargeted',
    severity: 'warning',
    title:
      'A Telemetry or WasmPlugin may select the old gateway pods and has no counterpart for the new Gateway.',
  },
  {
    id: 'envoyfilter-patch-not-portable',
    severity: 'error',
    title:
      'An EnvoyFilter patch matches a listener, port or route name that the new gateway pods name differently.',
  },
  {
    id: 'policy-port-not-portable',
    severity: 'error',
    title:
      'A policy copied to the new Gateway matches a destination port whose meaning on the new pods is not the old one.',
  },
  {
    id: 'policy-applies-to-new-gateway',
    severity: 'warning',
    title:
      "A policy without selector in the new Gateway's namespace applies to its pods, and did not apply to the old ones.",
  },
];
