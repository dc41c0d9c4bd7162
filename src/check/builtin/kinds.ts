import type { FieldPath } from '../../model/resources.js';
import { GATEWAY_DURATION } from '../../duration.js';
import { isIP } from '../ip.js';
import type { Ctx, IntNode, ListNode, MapNode, Node, ObjNode, Rule, StrNode } from './dsl.js';
import * as R from './rules.js';

// What the API server checks on the Gateway API kinds this tool writes, release by release
// (transcribed from shared/crds/gateway-api; gates in src/target.ts FEATURES, bounds in limits.ts).

const DNS = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const HOST = /^(\*\.)?[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const GROUP = /^$|^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const KIND = /^[a-zA-Z]([-a-zA-Z0-9]*[a-zA-Z0-9])?$/;
const NS = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const HEADER = /^[A-Za-z0-9!#$%&'*+\-.^_`|~]+$/;
const HEADER_VALUE = /^[!-~]+([\t ]?[!-~]+)*$/;
const PATH_CHARS = /^(?:[-A-Za-z0-9/._~!$&'()*+,;=:@]|[%][0-9a-fA-F]{2})+$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
const PROTOCOL =
  /^[a-zA-Z0-9]([-a-zA-Z0-9]*[a-zA-Z0-9])?$|[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/[A-Za-z0-9]+$/;
const ADDRESS_TYPE =
  /^Hostname|IPAddress|NamedAddress|[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/[A-Za-z0-9/\-._~%!$&'()*+,;=:]+$/;
const METHODS = [
  'GET',
  'HEAD',
  'POST',
  'PUT',
  'DELETE',
  'CONNECT',
  'OPTIONS',
  'TRACE',
  'PATCH',
] as const;

const str = (o: Omit<StrNode, 't'> = {}): StrNode => ({ t: 'str', ...o });
const int = (o: Omit<IntNode, 't'> = {}): IntNode => ({ t: 'int', ...o });
const bool = { t: 'bool' } as const;
const obj = (fields: Record<string, Node>, o: Omit<ObjNode, 't' | 'fields'> = {}): ObjNode => ({
  t: 'obj',
  fields,
  ...o,
});
const list = (item: Node, o: Omit<ListNode, 't' | 'item'> = {}): ListNode => ({
  t: 'list',
  item,
  ...o,
});
const map = (value: Node, o: Omit<MapNode, 't' | 'value'> = {}): MapNode => ({
  t: 'map',
  value,
  ...o,
});

const name253 = str({ min: 1, max: 253 });
const dnsName = str({ min: 1, max: 253, pattern: DNS });
const group = (d?: string): StrNode =>
  str({ max: 253, pattern: GROUP, ...(d !== undefined ? { default: d } : {}) });
const kind = (d?: string): StrNode =>
  str({ min: 1, max: 63, pattern: KIND, ...(d !== undefined ? { default: d } : {}) });
const namespace = str({ min: 1, max: 63, pattern: NS });
const port = int({ min: 1, max: 65535 });
const duration = str({ pattern: GATEWAY_DURATION });

const parentRef = obj(
  {
    group: group('gateway.networking.k8s.io'),
    kind: kind('Gateway'),
    namespace,
    name: name253,
    sectionName: dnsName,
    port,
  },
  { required: ['name'] },
);
const parentRefs = list(parentRef, { max: 32, rules: [R.uniqueParentRefs] });
const backendObjectRef = obj(
  { group: group(''), kind: kind('Service'), name: name253, namespace, port },
  { required: ['name'], rules: [R.servicePort] },
);
const secretRef = obj(
  { group: group(''), kind: kind('Secret'), name: name253, namespace },
  { required: ['name'] },
);
const caRef = obj(
  { group: group(), kind: kind(), name: name253, namespace },
  { required: ['group', 'kind', 'name'] },
);
const localRef = obj(
  { group: group(), kind: kind(), name: name253 },
  { required: ['group', 'kind', 'name'] },
);
const labelSelector = obj({
  matchLabels: map(str()),
  matchExpressions: list(
    obj({ key: str(), operator: str(), values: list(str()) }, { required: ['key', 'operator'] }),
  ),
});

const headerValue = str({
  min: 1,
  max: 4096,
  pattern: { re: HEADER_VALUE, since: 'headerValuePattern' },
});
const httpHeader = obj(
  { name: str({ min: 1, max: 256, pattern: HEADER }), value: headerValue },
  { required: ['name', 'value'] },
);
const headerModifier = obj(
  {
    set: list(httpHeader, { max: 16, keys: ['name'] }),
    add: list(httpHeader, { max: 16, keys: ['name'] }),
    remove: list(str(), { max: 16, set: true }),
  },
  { rules: [R.oneActionPerHeader] },
);
const pathModifier = obj(
  {
    type: str({ enum: ['ReplaceFullPath', 'ReplacePrefixMatch'] }),
    replaceFullPath: str({ max: 1024 }),
    replacePrefixMatch: str({ max: 1024 }),
  },
  { required: ['type'], rules: [R.pathModifierFields] },
);
const mirror = obj(
  {
    backendRef: backendObjectRef,
    percent: int({ min: 0, max: 100, since: 'mirrorPercent' }),
    fraction: obj(
      { numerator: int({ min: 0 }), denominator: int({ min: 1, default: 100 }) },
      { required: ['numerator'], since: 'mirrorPercent', rules: [R.fractionBound] },
    ),
  },
  { required: ['backendRef'], rules: [R.percentOrFraction] },
);
const redirect = obj({
  scheme: str({ enum: ['http', 'https'] }),
  hostname: dnsName,
  path: pathModifier,
  port,
  statusCode: int({
    default: 302,
    enum: [
      301,
      302,
      { value: 303, since: 'redirect3xx' },
      { value: 307, since: 'redirect3xx' },
      { value: 308, since: 'redirect3xx' },
    ],
  }),
});
const rewrite = obj({ hostname: dnsName, path: pathModifier });
const headerList = list(str({ min: 1, max: 256, pattern: HEADER }), { max: 64, set: true });
const cors = obj(
  {
    allowOrigins: list(
      str({
        min: 1,
        max: 253,
        pattern:
          /(^\*$)|(^(http(s)?):\/\/(((\*\.)?([a-zA-Z0-9-]+\.)*[a-zA-Z0-9-]+|\*)(:([0-9]{1,5}))?)$)/,
      }),
      { max: 64, set: true, rules: [R.corsOriginStar] },
    ),
    allowCredentials: bool,
    allowMethods: list(str({ enum: [...METHODS, '*'] }), {
      max: 9,
      set: true,
      rules: [R.wildcardAlone],
    }),
    allowHeaders: headerList,
    exposeHeaders: headerList,
    maxAge: int({ min: 1, default: 5 }),
  },
  { since: 'cors' },
);
const externalAuth = obj(
  {
    protocol: str({ enum: ['HTTP', 'GRPC'] }),
    backendRef: backendObjectRef,
    grpc: obj({ allowedHeaders: list(str(), { max: 64, set: true }) }),
    http: obj({
      path: str({ max: 1024, pattern: PATH_CHARS }),
      allowedHeaders: list(str(), { max: 64, set: true }),
      allowedResponseHeaders: list(str(), { max: 64, set: true }),
    }),
    forwardBody: obj({ maxSize: int() }),
  },
  { required: ['protocol', 'backendRef'], since: 'externalAuth', rules: [R.externalAuthProtocol] },
);

const HTTP_FILTERS = [
  'RequestHeaderModifier',
  'ResponseHeaderModifier',
  'RequestMirror',
  'RequestRedirect',
  'URLRewrite',
  'ExtensionRef',
  { value: 'CORS', since: 'cors' },
  { value: 'ExternalAuth', since: 'externalAuth' },
] as const;
const httpFilter = obj(
  {
    type: str({ enum: HTTP_FILTERS }),
    requestHeaderModifier: headerModifier,
    responseHeaderModifier: headerModifier,
    requestMirror: mirror,
    requestRedirect: redirect,
    urlRewrite: rewrite,
    extensionRef: localRef,
    cors,
    externalAuth,
  },
  { required: ['type'], rules: [R.filterFieldMatchesType] },
);
const httpFilters = list(httpFilter, { max: 16, rules: [R.httpFilterCombination] });

const sessionPersistence = obj(
  {
    sessionName: str({ max: 128 }),
    absoluteTimeout: duration,
    idleTimeout: duration,
    type: str({ enum: ['Cookie', 'Header'], default: 'Cookie' }),
    cookieConfig: obj({
      lifetimeType: str({ enum: ['Permanent', 'Session'], default: 'Session' }),
    }),
  },
  { since: 'sessionPersistence', rules: [R.sessionPersistenceRules] },
);

const weight = int({ min: 0, max: 1000000, default: 1 });
const httpBackendRef = obj(
  {
    group: group(''),
    kind: kind('Service'),
    name: name253,
    namespace,
    port,
    weight,
    filters: httpFilters,
  },
  { required: ['name'], rules: [R.servicePort] },
);

const pathMatch = obj(
  {
    type: str({ enum: ['Exact', 'PathPrefix', 'RegularExpression'], default: 'PathPrefix' }),
    value: str({ max: 1024, default: '/' }),
  },
  { default: { type: 'PathPrefix', value: '/' }, rules: [R.pathValue] },
);
const headerMatch = obj(
  {
    type: str({ enum: ['Exact', 'RegularExpression'], default: 'Exact' }),
    name: str({ min: 1, max: 256, pattern: HEADER }),
    value: headerValue,
  },
  { required: ['name', 'value'] },
);
const queryMatch = obj(
  {
    type: str({ enum: ['Exact', 'RegularExpression'], default: 'Exact' }),
    name: str({ min: 1, max: 256, pattern: HEADER }),
    value: str({ min: 1, max: 1024 }),
  },
  { required: ['name', 'value'] },
);
const httpMatch = obj({
  path: pathMatch,
  headers: list(headerMatch, { max: 16, keys: ['name'], rules: [R.headerNamesCaseInsensitive] }),
  queryParams: list(queryMatch, { max: 16, keys: ['name'] }),
  method: str({ enum: METHODS }),
});

const httpRule = obj(
  {
    name: { ...dnsName, since: 'ruleName' },
    matches: list(httpMatch, { max: 64, default: [{ path: { type: 'PathPrefix', value: '/' } }] }),
    filters: httpFilters,
    backendRefs: list(httpBackendRef, { max: 16 }),
    timeouts: obj({ request: duration, backendRequest: duration }, { rules: [R.timeoutOrder] }),
    retry: obj(
      {
        codes: list(int({ min: 400, max: 599 }), { rules: [R.retryCodesUnique] }),
        attempts: int({ rules: [R.retryAttempts] }),
        backoff: duration,
      },
      { since: 'retry' },
    ),
    sessionPersistence,
  },
  { rules: [R.redirectWithoutBackends, R.replacePrefixNeedsOnePrefix] },
);

const routeCommon = {
  parentRefs,
  useDefaultGateways: str({ enum: ['All', 'None'], since: 'useDefaultGateways' }),
};

const httpRoute = obj({
  ...routeCommon,
  hostnames: list(str({ min: 1, max: 253, pattern: HOST }), { max: 16, rules: [R.noIpHostnames] }),
  rules: list(httpRule, {
    min: 'httpRouteRulesMin',
    max: 16,
    default: [{ matches: [{ path: { type: 'PathPrefix', value: '/' } }] }],
    rules: [R.uniqueRuleNames, R.totalMatches(false)],
  }),
});

const GRPC_FILTERS = [
  'ResponseHeaderModifier',
  'RequestHeaderModifier',
  'RequestMirror',
  'ExtensionRef',
] as const;
const grpcFilter = obj(
  {
    type: str({ enum: GRPC_FILTERS }),
    requestHeaderModifier: headerModifier,
    responseHeaderModifier: headerModifier,
    requestMirror: mirror,
    extensionRef: localRef,
  },
  { required: ['type'], rules: [R.filterFieldMatchesType] },
);
const grpcFilters = list(grpcFilter, { max: 16, rules: [R.headerModifierOnce] });
const grpcRoute = obj({
  ...routeCommon,
  hostnames: list(str({ min: 1, max: 253, pattern: HOST }), { max: 16, rules: [R.noIpHostnames] }),
  rules: list(
    obj({
      name: { ...dnsName, since: 'ruleName' },
      matches: list(
        obj({
          method: obj(
            {
              type: str({ enum: ['Exact', 'RegularExpression'], default: 'Exact' }),
              service: str({ max: 1024 }),
              method: str({ max: 1024 }),
            },
            { rules: [R.grpcMethod] },
          ),
          headers: list(
            obj(
              {
                type: str({ enum: ['Exact', 'RegularExpression'], default: 'Exact' }),
                name: str({ min: 1, max: 256, pattern: HEADER }),
                value: str({ min: 1, max: 4096 }),
              },
              { required: ['name', 'value'] },
            ),
            { max: 16, keys: ['name'], rules: [R.headerNamesCaseInsensitive] },
          ),
        }),
        { max: 64 },
      ),
      filters: grpcFilters,
      backendRefs: list(
        obj(
          {
            group: group(''),
            kind: kind('Service'),
            name: name253,
            namespace,
            port,
            weight,
            filters: grpcFilters,
          },
          { required: ['name'], rules: [R.servicePort] },
        ),
        { max: 16 },
      ),
      sessionPersistence,
    }),
    { max: 16, rules: [R.uniqueRuleNames, R.totalMatches(true)] },
  ),
});

const l4BackendRef = obj(
  { group: group(''), kind: kind('Service'), name: name253, namespace, port, weight },
  { required: ['name'], rules: [R.servicePort] },
);
/** v1alpha2/v1alpha3 TLSRoute and TCPRoute: bounds appeared in v1.4. */
const alphaRule = (): ObjNode =>
  obj(
    {
      name: dnsName,
      backendRefs: list(l4BackendRef, { min: 'boundedListMin', max: 'boundedListMax' }),
    },
    { required: [] },
  );
const alphaRoute = (withHostnames: boolean): ObjNode =>
  obj(
    {
      ...routeCommon,
      ...(withHostnames
        ? { hostnames: list(str({ min: 1, max: 253, pattern: HOST }), { max: 16 }) }
        : {}),
      rules: list(alphaRule(), {
        min: 'alphaRouteRulesMin',
        max: 'alphaRouteRulesMax',
        rules: [R.uniqueRuleNames],
      }),
    },
    { required: ['rules'] },
  );
const v1L4Rule = obj(
  { name: dnsName, backendRefs: list(l4BackendRef, { min: 1, max: 16 }) },
  { required: ['backendRefs'] },
);
const tlsRouteV1 = obj(
  {
    ...routeCommon,
    hostnames: list(str({ min: 1, max: 253, pattern: HOST }), {
      min: 1,
      max: 'tlsRouteHostnames',
      rules: [R.tlsRouteHostnames],
    }),
    rules: list(v1L4Rule, { min: 1, max: 1 }),
  },
  { required: ['hostnames', 'rules'] },
);
const tcpRouteV1 = obj(
  { ...routeCommon, rules: list(v1L4Rule, { min: 1, max: 1 }) },
  { required: ['rules'] },
);

const listener = obj(
  {
    name: dnsName,
    hostname: str({ min: 1, max: 253, pattern: HOST, rules: [R.noIpHostname] }),
    port,
    protocol: str({ min: 1, max: 255, pattern: PROTOCOL }),
    tls: obj(
      {
        mode: str({ enum: ['Terminate', 'Passthrough'], default: 'Terminate' }),
        certificateRefs: list(secretRef, { max: 64 }),
        options: map(str({ max: 4096 }), { maxProps: 16 }),
      },
      { rules: [R.terminateNeedsCertificate] },
    ),
    allowedRoutes: obj(
      {
        namespaces: obj(
          {
            from: str({ enum: ['All', 'Selector', 'Same'], default: 'Same' }),
            selector: labelSelector,
          },
          { default: { from: 'Same' } },
        ),
        kinds: list(
          obj({ group: group('gateway.networking.k8s.io'), kind: kind() }, { required: ['kind'] }),
          { max: 8 },
        ),
      },
      { default: { namespaces: { from: 'Same' } } },
    ),
  },
  { required: ['name', 'port', 'protocol'] },
);
const frontendValidation = obj(
  {
    caCertificateRefs: list(caRef, { min: 1, max: 'frontendCaRefs' }),
    mode: str({ enum: ['AllowValidOnly', 'AllowInsecureFallback'], default: 'AllowValidOnly' }),
  },
  { required: ['caCertificateRefs'] },
);
const gateway = obj(
  {
    gatewayClassName: name253,
    listeners: list(listener, { min: 1, max: 64, keys: ['name'], rules: R.listenerRules }),
    addresses: list(
      obj(
        {
          type: str({ min: 1, max: 253, pattern: ADDRESS_TYPE, default: 'IPAddress' }),
          value: str({ max: 253 }),
        },
        { rules: [R.addressValue] },
      ),
      { max: 16, rules: [R.uniqueAddresses] },
    ),
    infrastructure: obj({
      labels: map(str({ max: 63, pattern: LABEL_VALUE }), {
        maxProps: 8,
        rules: [R.qualifiedKeys('label')],
      }),
      annotations: map(str({ max: 4096 }), {
        maxProps: 'infrastructureAnnotations',
        rules: [R.qualifiedKeys('annotation')],
      }),
      parametersRef: obj(
        { group: group(), kind: kind(), name: name253 },
        { required: ['group', 'kind', 'name'] },
      ),
    }),
    allowedListeners: obj(
      {
        namespaces: obj(
          {
            from: str({ enum: ['All', 'Selector', 'Same', 'None'], default: 'None' }),
            selector: labelSelector,
          },
          { default: { from: 'None' } },
        ),
      },
      { since: 'allowedListeners' },
    ),
    defaultScope: str({ enum: ['All', 'None'], since: 'gatewayDefaultScope' }),
    tls: obj(
      {
        frontend: obj(
          {
            default: obj({ validation: frontendValidation }),
            perPort: list(
              obj(
                { port, tls: obj({ validation: frontendValidation }) },
                { required: ['port', 'tls'] },
              ),
              { max: 64, keys: ['port'] },
            ),
          },
          { required: ['default'] },
        ),
        backend: obj({ clientCertificateRef: secretRef }),
      },
      { since: 'gatewayTls' },
    ),
  },
  { required: ['gatewayClassName', 'listeners'] },
);

const referenceGrant = obj(
  {
    from: list(
      obj(
        { group: group(), kind: kind(), namespace },
        { required: ['group', 'kind', 'namespace'] },
      ),
      { min: 1, max: 'boundedListMax' },
    ),
    to: list(
      obj({ group: group(), kind: kind(), name: name253 }, { required: ['group', 'kind'] }),
      { min: 1, max: 'boundedListMax' },
    ),
  },
  { required: ['from', 'to'] },
);

const backendTlsPolicy = obj(
  {
    targetRefs: list(
      obj(
        { group: group(), kind: kind(), name: name253, sectionName: dnsName },
        { required: ['group', 'kind', 'name'] },
      ),
      { min: 1, max: 16, rules: [R.uniqueTargetRefs] },
    ),
    validation: obj(
      {
        caCertificateRefs: list(caRef, { max: 8 }),
        wellKnownCACertificates: str({ min: 1, max: 253, rules: [R.wellKnownCa] }),
        hostname: dnsName,
        subjectAltNames: list(
          obj(
            {
              type: str({ enum: ['Hostname', 'URI'] }),
              hostname: str({ min: 1, max: 253, pattern: HOST }),
              uri: str({
                min: 1,
                max: 253,
                pattern: /^(([^:/?#]+):)(\/\/([^/?#]*))([^?#]*)(\?([^#]*))?(#(.*))?/,
              }),
            },
            { required: ['type'], rules: [R.subjectAltName] },
          ),
          { max: 5 },
        ),
      },
      { required: ['hostname'], rules: [R.caSource] },
    ),
    options: map(str({ max: 4096 }), { maxProps: 16 }),
  },
  { required: ['targetRefs', 'validation'] },
);

/** A kind and apiVersion the built-in validator knows, and the spec it checks. */
export interface KindModel {
  kind: string;
  version: string;
  /** The feature that makes the API server serve this apiVersion; undefined: every release. */
  served?: readonly import('../../target.js').Feature[];
  spec: ObjNode;
  specRequired: boolean;
}

export const MODELS: readonly KindModel[] = [
  { kind: 'Gateway', version: 'v1', spec: gateway, specRequired: true },
  // v1beta1 is still served by every release, with the same schema as v1 (shared/crds).
  { kind: 'Gateway', version: 'v1beta1', spec: gateway, specRequired: true },
  { kind: 'HTTPRoute', version: 'v1', spec: httpRoute, specRequired: true },
  { kind: 'HTTPRoute', version: 'v1beta1', spec: httpRoute, specRequired: true },
  { kind: 'GRPCRoute', version: 'v1', spec: grpcRoute, specRequired: true },
  { kind: 'TLSRoute', version: 'v1', served: ['tlsRouteV1'], spec: tlsRouteV1, specRequired: true },
  {
    kind: 'TLSRoute',
    version: 'v1alpha2',
    served: ['tlsRouteAlpha'],
    spec: alphaRoute(true),
    specRequired: true,
  },
  {
    kind: 'TLSRoute',
    version: 'v1alpha3',
    served: ['tlsRouteAlpha3'],
    spec: tlsRouteV1,
    specRequired: true,
  },
  { kind: 'TCPRoute', version: 'v1', served: ['tcpRouteV1'], spec: tcpRouteV1, specRequired: true },
  {
    kind: 'TCPRoute',
    version: 'v1alpha2',
    served: ['tcpRouteAlpha'],
    spec: alphaRoute(false),
    specRequired: true,
  },
  {
    kind: 'ReferenceGrant',
    version: 'v1',
    served: ['referenceGrantV1'],
    spec: referenceGrant,
    specRequired: false,
  },
  { kind: 'ReferenceGrant', version: 'v1beta1', spec: referenceGrant, specRequired: false },
  {
    kind: 'BackendTLSPolicy',
    version: 'v1',
    served: ['backendTlsPolicyV1'],
    spec: backendTlsPolicy,
    specRequired: true,
  },
];

export type { Ctx, FieldPath, Rule };
export { isIP };
