import type { FindingMeta } from '../../findings/finding.js';

/** Findings about DestinationRule TLS (BackendTLSPolicy) and policies that select gateway pods. docs/findings/<id>.md explains each. */
export const POLICY_FINDINGS: readonly FindingMeta[] = [
  { id: 'backend-tls-policy-created', severity: 'info', title: 'Simple TLS origination of a DestinationRule was also written as a BackendTLSPolicy (`--backend-tls-policy`).' },
  { id: 'backend-tls-policy-conflict', severity: 'warning', title: 'On the target Istio (≤ 1.30) a BackendTLSPolicy conflicts with a DestinationRule for the same host.' },
  { id: 'backend-tls-policy-not-converted', severity: 'warning', title: 'A DestinationRule TLS setting cannot be written as a BackendTLSPolicy; the DestinationRule keeps applying it.' },
  { id: 'destination-rule-unrouted', severity: 'info', title: 'A kept DestinationRule names a host that no converted route sends to any more (its destinations now name per-subset or converted gateway Services).' },
  { id: 'policy-selects-old-gateway', severity: 'warning', title: 'A policy selects the old gateway pods by label; the provisioned Gateway runs new pods it does not select.' },
];
