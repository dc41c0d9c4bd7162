import type { FindingMeta } from '../../findings/finding.js';

/** Findings of the gRPC decision (VirtualService `http[]` → GRPCRoute). docs/findings/<id>.md explains each. */
export const GRPC_FINDINGS: readonly FindingMeta[] = [
  {
    id: 'grpc-route',
    severity: 'info',
    title:
      'A VirtualService for gRPC backends became GRPCRoutes: every rule is a gRPC service/method match with filters GRPCRoute has.',
  },
  {
    id: 'grpc-kept-httproute',
    severity: 'info',
    title:
      'A VirtualService for gRPC backends stays an HTTPRoute (a rule needs redirect, rewrite, timeout, retries, CORS or a non-gRPC match, or a host is shared with HTTP routes); Istio serves gRPC over it alike.',
  },
];
