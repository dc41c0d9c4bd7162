export const GATEWAY_API_RELEASES = ['v1.2', 'v1.3', 'v1.4', 'v1.5', 'v1.6'] as const;
export const CHANNELS = ['standard', 'experimental'] as const;
export const ISTIO_VERSIONS = [
  '1.24',
  '1.25',
  '1.26',
  '1.27',
  '1.28',
  '1.29',
  '1.30',
  '1.31',
] as const;

export type GatewayApiRelease = (typeof GATEWAY_API_RELEASES)[number];
export type Channel = (typeof CHANNELS)[number];
export type IstioVersion = (typeof ISTIO_VERSIONS)[number];

/** What the cluster runs: decides apiVersions, which fields may be written, and limits. */
export interface Target {
  gatewayApi: GatewayApiRelease;
  channel: Channel;
  istio: IstioVersion;
}

export const DEFAULT_TARGET: Target = { gatewayApi: 'v1.6', channel: 'standard', istio: '1.31' };

/** The target part of a conversion's options. */
export function targetOf(o: Target): Target {
  return { gatewayApi: o.gatewayApi, channel: o.channel, istio: o.istio };
}

interface Gate {
  /** First Gateway API release with the feature in the standard channel (undefined: never). */
  standard?: GatewayApiRelease;
  /** First release with it in the experimental channel (which also carries everything standard has). */
  experimental?: GatewayApiRelease;
  /** First Istio version that implements it. */
  istio?: IstioVersion;
  /** What a reader sees in a finding when the gate is closed. */
  label: string;
}

/**
 * Every feature gate of the conversion, in one table (semantics.md §8, checked against the
 * CRDs in shared/crds and Istio's release notes). Mappers ask `supports(target, feature)`.
 */
export const FEATURES = {
  httpRouteTimeouts: {
    standard: 'v1.2',
    experimental: 'v1.2',
    istio: '1.24',
    label: 'HTTPRoute timeouts',
  },
  mirrorPercent: {
    standard: 'v1.3',
    experimental: 'v1.2',
    istio: '1.24',
    label: 'RequestMirror percent/fraction',
  },
  retry: { experimental: 'v1.2', istio: '1.25', label: 'HTTPRoute retry' },
  cors: { standard: 'v1.5', experimental: 'v1.3', istio: '1.26', label: 'CORS filter' },
  // conversion.go createCorsFilter reads `*` inside an origin as a wildcard from 1.30 (#59018).
  corsOriginWildcards: { istio: '1.30', label: 'CORS allowOrigins wildcards' },
  corsOriginStar: { standard: 'v1.5', experimental: 'v1.4', label: "CORS allowOrigins '*'" },
  // The same change makes the CORS filter answer preflights of origins it does not allow.
  corsIgnoresUnmatchedPreflights: {
    istio: '1.30',
    label: 'CORS filter answers unmatched preflights',
  },
  ruleName: { standard: 'v1.4', experimental: 'v1.2', label: 'HTTPRoute rule name' },
  redirect3xx: {
    standard: 'v1.5',
    experimental: 'v1.5',
    label: 'RequestRedirect status codes 303/307/308',
  },
  frontendValidation: {
    standard: 'v1.5',
    experimental: 'v1.4',
    istio: '1.28',
    label: 'Gateway spec.tls.frontend client-certificate validation',
  },
  tlsRouteV1: { standard: 'v1.5', experimental: 'v1.5', istio: '1.30', label: 'TLSRoute v1' },
  tlsRouteAlpha: { experimental: 'v1.2', label: 'TLSRoute (experimental)' },
  tlsRouteAlpha3: { experimental: 'v1.4', label: 'TLSRoute v1alpha3 (experimental)' },
  referenceGrantV1: {
    standard: 'v1.5',
    experimental: 'v1.5',
    istio: '1.30',
    label: 'ReferenceGrant v1',
  },
  tcpRouteV1: { standard: 'v1.6', experimental: 'v1.6', istio: '1.31', label: 'TCPRoute v1' },
  tcpRouteAlpha: { experimental: 'v1.2', label: 'TCPRoute (experimental)' },
  backendTlsPolicyV1: {
    standard: 'v1.4',
    experimental: 'v1.4',
    istio: '1.26',
    label: 'BackendTLSPolicy v1',
  },
  tlsTerminateOptionalMutual: { istio: '1.27', label: 'tls-terminate-mode OPTIONAL_MUTUAL' },
  tlsCipherSuitesOption: { istio: '1.29', label: 'gateway.istio.io/tls-cipher-suites option' },
  // Policies attached to a Gateway by targetRefs (semantics.md §3). AuthorizationPolicy,
  // RequestAuthentication, Telemetry and WasmPlugin have targetRefs since Istio 1.22 (istio
  // 81a350c1, "api: implement targetRefs support"; targetRef since 1.20/1.21): every --istio
  // this tool targets. EnvoyFilter's CRD has had targetRefs since 1.22 too, but istiod ignored
  // it, and applied such a filter to every workload of its namespace, until 1.27 (istio 001621b0,
  // pilot/pkg/model/push_context.go getMatchedEnvoyFilters, releasenotes/notes/56476.yaml).
  policyTargetRefs: {
    istio: '1.24',
    label: 'targetRefs on AuthorizationPolicy, RequestAuthentication, Telemetry, WasmPlugin',
  },
  envoyFilterTargetRefs: { istio: '1.27', label: 'EnvoyFilter targetRefs' },
  // Fields the API server accepts by release (checked against shared/crds); used by src/check.
  sessionPersistence: { experimental: 'v1.2', label: 'HTTPRoute/GRPCRoute sessionPersistence' },
  externalAuth: { experimental: 'v1.4', label: 'ExternalAuth filter' },
  useDefaultGateways: { experimental: 'v1.4', label: 'Route spec.useDefaultGateways' },
  gatewayDefaultScope: { experimental: 'v1.4', label: 'Gateway spec.defaultScope' },
  allowedListeners: {
    standard: 'v1.5',
    experimental: 'v1.3',
    label: 'Gateway spec.allowedListeners',
  },
  gatewayTls: {
    standard: 'v1.5',
    experimental: 'v1.4',
    label: 'Gateway spec.tls (frontend/backend)',
  },
  headerValuePattern: {
    experimental: 'v1.5',
    label: 'header values restricted to visible characters',
  },
  tlsListenerNeedsMode: {
    standard: 'v1.5',
    experimental: 'v1.5',
    label: 'TLS listeners must set tls.mode',
  },
  optionalAddressValue: {
    standard: 'v1.3',
    experimental: 'v1.3',
    label: 'Gateway address value optional',
  },
  retryStrict: { experimental: 'v1.6', label: 'retry attempts ≥ 1 and unique codes' },
  routeRulesRequired: {
    standard: 'v1.5',
    experimental: 'v1.5',
    label: 'HTTPRoute needs at least one rule',
  },
  alphaRouteLimits: {
    standard: 'v1.4',
    experimental: 'v1.4',
    label: 'list bounds on v1alpha2 TLSRoute/TCPRoute and ReferenceGrant',
  },
  backendTlsWellKnownPattern: {
    standard: 'v1.5',
    experimental: 'v1.5',
    label: 'BackendTLSPolicy wellKnownCACertificates implementation-specific values',
  },
} as const satisfies Record<string, Gate>;

export type Feature = keyof typeof FEATURES;

function atLeast<T extends string>(order: readonly T[], have: T, need: T): boolean {
  return order.indexOf(have) >= order.indexOf(need);
}

export function supports(target: Target, feature: Feature): boolean {
  const gate: Gate = FEATURES[feature];
  const first =
    target.channel === 'experimental' ? (gate.experimental ?? gate.standard) : gate.standard;
  const hasApi =
    gate.standard === undefined && gate.experimental === undefined
      ? true
      : first !== undefined && atLeast(GATEWAY_API_RELEASES, target.gatewayApi, first);
  const hasIstio = gate.istio === undefined || atLeast(ISTIO_VERSIONS, target.istio, gate.istio);
  return hasApi && hasIstio;
}

/** Whether the API server of the target accepts a feature, whatever the Istio version. */
export function supportsApi(target: Target, feature: Feature): boolean {
  const gate: Gate = FEATURES[feature];
  if (gate.standard === undefined && gate.experimental === undefined) return true;
  const first =
    target.channel === 'experimental' ? (gate.experimental ?? gate.standard) : gate.standard;
  return first !== undefined && atLeast(GATEWAY_API_RELEASES, target.gatewayApi, first);
}

/** Human words for a closed gate, e.g. "HTTPRoute retry needs the experimental channel". */
export function gateRequirement(feature: Feature): string {
  const gate: Gate = FEATURES[feature];
  const parts: string[] = [];
  if (gate.standard) parts.push(`Gateway API ${gate.standard} (standard)`);
  if (gate.experimental && gate.experimental !== gate.standard)
    parts.push(`${gate.experimental} (experimental)`);
  if (!gate.standard && gate.experimental)
    parts.splice(0, parts.length, `the experimental channel (Gateway API ≥ ${gate.experimental})`);
  const api = parts.join(' or ');
  const istio = gate.istio ? `Istio ≥ ${gate.istio}` : '';
  return [api, istio].filter(Boolean).join(' and ');
}

export function describeTarget(t: Target): string {
  return `Gateway API ${t.gatewayApi} ${t.channel}, Istio ${t.istio}`;
}

/** apiVersions by target. */
export function apiVersionOf(
  target: Target,
  kind: 'TLSRoute' | 'TCPRoute' | 'ReferenceGrant',
): string | undefined {
  switch (kind) {
    case 'TLSRoute':
      if (supports(target, 'tlsRouteV1')) return 'gateway.networking.k8s.io/v1';
      if (!supports(target, 'tlsRouteAlpha')) return undefined;
      return target.gatewayApi === 'v1.4'
        ? 'gateway.networking.k8s.io/v1alpha3'
        : 'gateway.networking.k8s.io/v1alpha2';
    case 'TCPRoute':
      if (supports(target, 'tcpRouteV1')) return 'gateway.networking.k8s.io/v1';
      return supports(target, 'tcpRouteAlpha') ? 'gateway.networking.k8s.io/v1alpha2' : undefined;
    case 'ReferenceGrant':
      return supports(target, 'referenceGrantV1')
        ? 'gateway.networking.k8s.io/v1'
        : 'gateway.networking.k8s.io/v1beta1';
  }
}

/** TLSRoute v1alpha3 and v1 require 1+ hostnames; a v1alpha2 TLSRoute without hostnames takes any SNI. */
export function tlsRouteNeedsHostnames(target: Target): boolean {
  return apiVersionOf(target, 'TLSRoute') !== 'gateway.networking.k8s.io/v1alpha2';
}
