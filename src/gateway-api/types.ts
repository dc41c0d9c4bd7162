// Gateway API objects as this tool writes them (a subset of the upstream types, field
// names as in sigs.k8s.io/gateway-api/apis). Output types, so written by hand.

export interface ObjectMeta {
  name: string;
  namespace?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}

export interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata: ObjectMeta;
  [key: string]: unknown;
}

export type AllowedRoutesNamespaces =
  | { from: 'All' | 'Same' }
  | {
      from: 'Selector';
      selector: {
        matchLabels?: Record<string, string>;
        matchExpressions?: { key: string; operator: 'In'; values: string[] }[];
      };
    };

export interface SecretObjectReference {
  group?: string;
  kind?: string;
  name: string;
  namespace?: string;
}

/** A reference whose group and kind are required (frontend `caCertificateRefs`). */
export interface ObjectReference {
  group: string;
  kind: string;
  name: string;
  namespace?: string;
}

export interface FrontendTLSValidation {
  caCertificateRefs: ObjectReference[];
  mode?: 'AllowValidOnly' | 'AllowInsecureFallback';
}

export interface GatewayTLSConfig {
  mode?: 'Terminate' | 'Passthrough';
  certificateRefs?: SecretObjectReference[];
  options?: Record<string, string>;
}

export interface Listener {
  name: string;
  hostname?: string;
  port: number;
  /** `HBONE`: an Istio waypoint's listener. */
  protocol: 'HTTP' | 'HTTPS' | 'TLS' | 'TCP' | 'UDP' | 'HBONE';
  tls?: GatewayTLSConfig;
  allowedRoutes?: {
    namespaces?: AllowedRoutesNamespaces;
    kinds?: { group?: string; kind: string }[];
  };
}

export interface Gateway extends K8sObject {
  kind: 'Gateway';
  spec: {
    gatewayClassName: string;
    addresses?: { type: 'Hostname' | 'IPAddress'; value: string }[];
    listeners: Listener[];
    infrastructure?: { labels?: Record<string, string>; annotations?: Record<string, string> };
    tls?: {
      frontend?: {
        default: { validation?: FrontendTLSValidation };
        perPort?: { port: number; tls: { validation?: FrontendTLSValidation } }[];
      };
    };
  };
}

export interface ParentReference {
  group?: string;
  kind?: string;
  namespace?: string;
  name: string;
  sectionName?: string;
  port?: number;
}

export interface BackendRef {
  group?: string;
  kind?: string;
  name: string;
  namespace?: string;
  port?: number;
  weight?: number;
  filters?: HTTPRouteFilter[];
}

export interface HTTPHeaderMatch {
  type?: 'Exact' | 'RegularExpression';
  name: string;
  value: string;
}
export interface HTTPQueryParamMatch {
  type?: 'Exact' | 'RegularExpression';
  name: string;
  value: string;
}
export interface HTTPPathMatch {
  type: 'Exact' | 'PathPrefix' | 'RegularExpression';
  value: string;
}

export interface HTTPRouteMatch {
  path?: HTTPPathMatch;
  headers?: HTTPHeaderMatch[];
  queryParams?: HTTPQueryParamMatch[];
  method?: string;
}

export interface HTTPHeaderFilter {
  set?: { name: string; value: string }[];
  add?: { name: string; value: string }[];
  remove?: string[];
}

export interface HTTPPathModifier {
  type: 'ReplaceFullPath' | 'ReplacePrefixMatch';
  replaceFullPath?: string;
  replacePrefixMatch?: string;
}

export type HTTPRouteFilter =
  | { type: 'RequestHeaderModifier'; requestHeaderModifier: HTTPHeaderFilter }
  | { type: 'ResponseHeaderModifier'; responseHeaderModifier: HTTPHeaderFilter }
  | {
      type: 'RequestRedirect';
      requestRedirect: {
        scheme?: string;
        hostname?: string;
        path?: HTTPPathModifier;
        port?: number;
        statusCode?: number;
      };
    }
  | { type: 'URLRewrite'; urlRewrite: { hostname?: string; path?: HTTPPathModifier } }
  | {
      type: 'RequestMirror';
      requestMirror: {
        backendRef: BackendRef;
        percent?: number;
        fraction?: { numerator: number; denominator?: number };
      };
    }
  | { type: 'CORS'; cors: Record<string, unknown> };

export interface HTTPRouteRule {
  name?: string;
  matches?: HTTPRouteMatch[];
  filters?: HTTPRouteFilter[];
  backendRefs?: BackendRef[];
  timeouts?: { request?: string; backendRequest?: string };
  retry?: { codes?: number[]; attempts?: number; backoff?: string };
}

export interface HTTPRoute extends K8sObject {
  kind: 'HTTPRoute';
  spec: { parentRefs?: ParentReference[]; hostnames?: string[]; rules: HTTPRouteRule[] };
}

export interface ReferenceGrant extends K8sObject {
  kind: 'ReferenceGrant';
  spec: {
    from: { group: string; kind: string; namespace: string }[];
    to: { group: string; kind: string; name?: string }[];
  };
}

/** TLSRoute/TCPRoute backendRef: no filters (BackendRef in sigs.k8s.io/gateway-api/apis). */
export type L4BackendRef = Omit<BackendRef, 'filters'>;

export interface TLSRoute extends K8sObject {
  kind: 'TLSRoute';
  spec: {
    parentRefs?: ParentReference[];
    hostnames?: string[];
    rules: { name?: string; backendRefs: L4BackendRef[] }[];
  };
}

export interface TCPRoute extends K8sObject {
  kind: 'TCPRoute';
  spec: { parentRefs?: ParentReference[]; rules: { name?: string; backendRefs: L4BackendRef[] }[] };
}

export interface GRPCMethodMatch {
  type?: 'Exact' | 'RegularExpression';
  service?: string;
  method?: string;
}
export interface GRPCRouteMatch {
  method?: GRPCMethodMatch;
  headers?: HTTPHeaderMatch[];
}

/** The filters GRPCRoute accepts (no redirect, rewrite, CORS). */
export type GRPCRouteFilter = Extract<
  HTTPRouteFilter,
  { type: 'RequestHeaderModifier' | 'ResponseHeaderModifier' | 'RequestMirror' }
>;

export interface GRPCBackendRef extends Omit<BackendRef, 'filters'> {
  filters?: GRPCRouteFilter[];
}

export interface GRPCRouteRule {
  name?: string;
  matches?: GRPCRouteMatch[];
  filters?: GRPCRouteFilter[];
  backendRefs?: GRPCBackendRef[];
}

export interface GRPCRoute extends K8sObject {
  kind: 'GRPCRoute';
  spec: { parentRefs?: ParentReference[]; hostnames?: string[]; rules: GRPCRouteRule[] };
}

/** A policy's target (LocalPolicyTargetReferenceWithSectionName in sigs.k8s.io/gateway-api). */
export interface PolicyTargetReference {
  group: string;
  kind: string;
  name: string;
  sectionName?: string;
}

export interface SubjectAltName {
  type: 'Hostname' | 'URI';
  hostname?: string;
  uri?: string;
}

export interface BackendTLSPolicy extends K8sObject {
  kind: 'BackendTLSPolicy';
  spec: {
    targetRefs: PolicyTargetReference[];
    validation: {
      caCertificateRefs?: { group: string; kind: string; name: string }[];
      wellKnownCACertificates?: 'System';
      hostname: string;
      subjectAltNames?: SubjectAltName[];
    };
    options?: Record<string, string>;
  };
}

/** The Gateway API kinds the conversion writes. */
export type GatewayApiResource =
  Gateway | HTTPRoute | GRPCRoute | TLSRoute | TCPRoute | ReferenceGrant | BackendTLSPolicy;

// Kubernetes core and Istio objects the conversion also writes (per-subset Services, copied
// DestinationRules, policy counterparts for the new gateway pods).

export interface ServicePort {
  name?: string;
  /** TCP, UDP or SCTP, as the source Service's port had it. */
  protocol?: string;
  appProtocol?: string;
  port: number;
  targetPort?: number | string;
}

export interface Service extends K8sObject {
  apiVersion: 'v1';
  kind: 'Service';
  spec: { selector?: Record<string, string>; ports?: ServicePort[] };
}

/**
 * A DestinationRule written for a host the conversion created (a per-subset Service, a hop):
 * `trafficPolicy`, `exportTo` and `workloadSelector` as the source DestinationRule set them.
 */
export interface DestinationRule extends K8sObject {
  kind: 'DestinationRule';
  spec: {
    host: string;
    trafficPolicy?: Record<string, unknown>;
    exportTo?: string[];
    workloadSelector?: { matchLabels?: Record<string, string> };
  };
}

/**
 * The spec of an Istio policy counterpart: the source policy's spec as written (its other
 * fields are kept, untyped here), attached by `targetRefs` or by a label selector instead of
 * the source's selector.
 */
export interface PolicySpec {
  targetRefs?: PolicyTargetReference[];
  [field: string]: unknown;
}

/** security.istio.io AuthorizationPolicy: `selector.matchLabels` when attached by label. */
export interface AuthorizationPolicy extends K8sObject {
  kind: 'AuthorizationPolicy';
  spec: PolicySpec & { selector?: { matchLabels: Record<string, string> } };
}

export interface RequestAuthentication extends K8sObject {
  kind: 'RequestAuthentication';
  spec: PolicySpec & { selector?: { matchLabels: Record<string, string> } };
}

export interface Telemetry extends K8sObject {
  kind: 'Telemetry';
  spec: PolicySpec & { selector?: { matchLabels: Record<string, string> } };
}

export interface WasmPlugin extends K8sObject {
  kind: 'WasmPlugin';
  spec: PolicySpec & { selector?: { matchLabels: Record<string, string> } };
}

/** networking.istio.io EnvoyFilter: `workloadSelector.labels` when attached by label. */
export interface EnvoyFilter extends K8sObject {
  kind: 'EnvoyFilter';
  spec: PolicySpec & { workloadSelector?: { labels: Record<string, string> } };
}

/** The Istio policies the conversion carries to the new gateway pods or to waypoints. */
export type IstioPolicy =
  AuthorizationPolicy | RequestAuthentication | Telemetry | WasmPlugin | EnvoyFilter;

/**
 * networking.istio.io VirtualService: the residual of a converted one (`<name>-residual`), bound
 * to `mesh` only, holding the mesh rules no Gateway API route can say, as the source wrote them.
 */
export interface VirtualService extends K8sObject {
  kind: 'VirtualService';
  spec: {
    hosts: string[];
    gateways: string[];
    exportTo?: string[];
    http?: Record<string, unknown>[];
    tls?: Record<string, unknown>[];
    tcp?: Record<string, unknown>[];
  };
}

/**
 * Every object `convert` writes, discriminated by `kind`: `switch (r.kind)` narrows `spec`.
 */
export type ConvertedResource =
  GatewayApiResource | Service | DestinationRule | VirtualService | IstioPolicy;
