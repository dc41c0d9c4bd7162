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
  protocol: 'HTTP' | 'HTTPS' | 'TLS' | 'TCP' | 'UDP';
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
