import { GATEWAY_API_RELEASES, type GatewayApiRelease, type Target } from '../../target.js';

// Bounds that changed between Gateway API releases (read from shared/crds/gateway-api/<release>).
// Each entry lists the value from the first release it holds for, per channel; the rest of
// the release/channel differences are FEATURES gates in src/target.ts.

type Steps = readonly (readonly [GatewayApiRelease, number | undefined])[];

const LIMITS = {
  /** Gateway spec.infrastructure.annotations maxProperties. */
  infrastructureAnnotations: {
    standard: [
      ['v1.2', 8],
      ['v1.6', 16],
    ],
    experimental: [
      ['v1.2', 8],
      ['v1.6', 16],
    ],
  },
  /** Gateway spec.tls.frontend …caCertificateRefs maxItems. */
  frontendCaRefs: {
    standard: [
      ['v1.2', 8],
      ['v1.6', 16],
    ],
    experimental: [
      ['v1.2', 8],
      ['v1.6', 16],
    ],
  },
  /** HTTPRoute spec.rules minItems. */
  httpRouteRulesMin: {
    standard: [
      ['v1.2', undefined],
      ['v1.5', 1],
    ],
    experimental: [
      ['v1.2', undefined],
      ['v1.5', 1],
    ],
  },
  /** TLSRoute v1 spec.hostnames maxItems. */
  tlsRouteHostnames: {
    standard: [
      ['v1.2', 16],
      ['v1.6', 1024],
    ],
    experimental: [
      ['v1.2', 16],
      ['v1.6', 1024],
    ],
  },
  /** v1alpha2 TLSRoute/TCPRoute spec.rules: bounded from v1.4. */
  alphaRouteRulesMin: {
    standard: [
      ['v1.2', undefined],
      ['v1.4', 1],
    ],
    experimental: [
      ['v1.2', undefined],
      ['v1.4', 1],
    ],
  },
  alphaRouteRulesMax: {
    standard: [
      ['v1.2', undefined],
      ['v1.4', 16],
    ],
    experimental: [
      ['v1.2', undefined],
      ['v1.4', 16],
    ],
  },
  /** ReferenceGrant from/to and route backendRefs of v1alpha2 TLS/TCP routes. */
  boundedListMin: {
    standard: [
      ['v1.2', undefined],
      ['v1.4', 1],
    ],
    experimental: [
      ['v1.2', undefined],
      ['v1.4', 1],
    ],
  },
  boundedListMax: {
    standard: [
      ['v1.2', undefined],
      ['v1.4', 16],
    ],
    experimental: [
      ['v1.2', undefined],
      ['v1.4', 16],
    ],
  },
  /** HTTPRoute retry attempts minimum. */
  retryAttemptsMin: {
    standard: [['v1.2', undefined]],
    experimental: [
      ['v1.2', undefined],
      ['v1.6', 1],
    ],
  },
  /** HTTPRoute spec.rules maxItems (semantics.md §8), routes' hostnames, parentRefs, backendRefs, filters, matches. */
  routeRules: { standard: [['v1.2', 16]], experimental: [['v1.2', 16]] },
} as const satisfies Record<string, { standard: Steps; experimental: Steps }>;

export type LimitId = keyof typeof LIMITS;

export function limit(target: Target, id: LimitId): number | undefined {
  const steps: Steps = LIMITS[id][target.channel];
  let value: number | undefined;
  for (const [from, v] of steps) {
    if (GATEWAY_API_RELEASES.indexOf(target.gatewayApi) >= GATEWAY_API_RELEASES.indexOf(from))
      value = v;
  }
  return value;
}
