import type { Channel, GatewayApiRelease, Target } from '../../src/target.js';

// Hand-written objects on the edges of the rules, with the answer the API server gives for
// each target (checked against the upstream CRDs by crd-agreement.test.ts).

export const RELEASES: readonly GatewayApiRelease[] = ['v1.2', 'v1.3', 'v1.4', 'v1.5', 'v1.6'];
export const target = (gatewayApi: GatewayApiRelease, channel: Channel): Target => ({
  gatewayApi,
  channel,
  istio: '1.31',
});

export interface TrickyCase {
  name: string;
  object: Record<string, unknown>;
  /** Whether the API server accepts it, per release × channel. */
  valid: (t: Target) => boolean;
}

const at = (t: Target, r: GatewayApiRelease): boolean =>
  RELEASES.indexOf(t.gatewayApi) >= RELEASES.indexOf(r);
const always = (): boolean => true;
const never = (): boolean => false;

const gw = (
  listeners: unknown[],
  extra: Record<string, unknown> = {},
): Record<string, unknown> => ({
  apiVersion: 'gateway.networking.k8s.io/v1',
  kind: 'Gateway',
  metadata: { name: 'gw', namespace: 'ns' },
  spec: { gatewayClassName: 'istio', listeners, ...extra },
});
const http = { name: 'http', protocol: 'HTTP', port: 80 };
const route = (rules: unknown[], extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  apiVersion: 'gateway.networking.k8s.io/v1',
  kind: 'HTTPRoute',
  metadata: { name: 'r', namespace: 'ns' },
  spec: { parentRefs: [{ name: 'gw' }], rules, ...extra },
});
const backend = (extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  name: 'svc',
  port: 80,
  ...extra,
});
const prefixRewrite = {
  type: 'URLRewrite',
  urlRewrite: { path: { type: 'ReplacePrefixMatch', replacePrefixMatch: '/new' } },
};
const pathRule = (type: string, value: string): Record<string, unknown> => ({
  matches: [{ path: { type, value } }],
  backendRefs: [backend()],
});

export const TRICKY: readonly TrickyCase[] = [
  { name: 'plain Gateway', object: gw([http]), valid: always },
  { name: 'duplicate listener names', object: gw([http, { ...http, port: 8080 }]), valid: never },
  {
    name: 'duplicate port/protocol/hostname',
    object: gw([http, { ...http, name: 'other' }]),
    valid: never,
  },
  {
    name: 'hostname on a TCP listener',
    object: gw([{ name: 'tcp', protocol: 'TCP', port: 9000, hostname: 'a.example.com' }]),
    valid: never,
  },
  {
    name: 'tls on an HTTP listener',
    object: gw([{ ...http, tls: { certificateRefs: [{ name: 'c' }] } }]),
    valid: never,
  },
  {
    name: 'Passthrough on HTTPS',
    object: gw([{ name: 'https', protocol: 'HTTPS', port: 443, tls: { mode: 'Passthrough' } }]),
    valid: never,
  },
  {
    name: 'Passthrough on TLS',
    object: gw([
      {
        name: 'tls',
        protocol: 'TLS',
        port: 443,
        hostname: 'a.example.com',
        tls: { mode: 'Passthrough' },
      },
    ]),
    valid: always,
  },
  {
    name: 'TLS listener without tls',
    object: gw([{ name: 'tls', protocol: 'TLS', port: 443 }]),
    valid: (t) => !at(t, 'v1.5'),
  },
  {
    name: 'Terminate without certificate',
    object: gw([{ name: 'https', protocol: 'HTTPS', port: 443, tls: { mode: 'Terminate' } }]),
    valid: never,
  },
  { name: 'listener port 0', object: gw([{ ...http, port: 0 }]), valid: never },
  {
    name: 'address that is no IP',
    object: gw([http], { addresses: [{ type: 'IPAddress', value: '1.2.3' }] }),
    valid: never,
  },
  {
    name: 'frontend validation',
    object: gw([http], {
      tls: {
        frontend: {
          default: {
            validation: { caCertificateRefs: [{ group: '', kind: 'ConfigMap', name: 'ca' }] },
          },
        },
      },
    }),
    valid: (t) => at(t, t.channel === 'standard' ? 'v1.5' : 'v1.4'),
  },
  {
    name: 'unknown field in a listener',
    object: gw([{ ...http, hostnames: ['a.example.com'] }]),
    valid: never,
  },
  { name: 'plain HTTPRoute', object: route([{ backendRefs: [backend()] }]), valid: always },
  {
    name: 'weight 1000000',
    object: route([{ backendRefs: [backend({ weight: 1000000 })] }]),
    valid: always,
  },
  {
    name: 'weight 1000001',
    object: route([{ backendRefs: [backend({ weight: 1000001 })] }]),
    valid: never,
  },
  { name: 'weight -1', object: route([{ backendRefs: [backend({ weight: -1 })] }]), valid: never },
  {
    name: 'Service backend without port',
    object: route([{ backendRefs: [{ name: 'svc' }] }]),
    valid: never,
  },
  {
    name: 'duration 1h1m1s1ms',
    object: route([{ backendRefs: [backend()], timeouts: { request: '1h1m1s1ms' } }]),
    valid: always,
  },
  {
    name: 'duration 1.5s',
    object: route([{ backendRefs: [backend()], timeouts: { request: '1.5s' } }]),
    valid: never,
  },
  {
    name: 'duration with six digits',
    object: route([{ backendRefs: [backend()], timeouts: { request: '100000s' } }]),
    valid: never,
  },
  {
    name: 'duration with five parts',
    object: route([{ backendRefs: [backend()], timeouts: { request: '1h1m1s1ms1s' } }]),
    valid: never,
  },
  {
    name: 'backendRequest longer than request',
    object: route([
      { backendRefs: [backend()], timeouts: { request: '1s', backendRequest: '2s' } },
    ]),
    valid: never,
  },
  {
    name: 'backendRequest with request 0s',
    object: route([
      { backendRefs: [backend()], timeouts: { request: '0s', backendRequest: '2s' } },
    ]),
    valid: always,
  },
  { name: 'path with //', object: route([pathRule('PathPrefix', '/a//b')]), valid: never },
  { name: 'path with %2f', object: route([pathRule('Exact', '/a%2fb')]), valid: never },
  { name: 'path with %2F', object: route([pathRule('PathPrefix', '/a%2Fb')]), valid: never },
  { name: 'path ending /..', object: route([pathRule('PathPrefix', '/a/..')]), valid: never },
  { name: 'relative path', object: route([pathRule('Exact', 'a')]), valid: never },
  {
    name: 'regex path with //',
    object: route([pathRule('RegularExpression', '/a//b')]),
    valid: always,
  },
  {
    name: 'RequestRedirect with backendRefs',
    object: route([
      {
        filters: [{ type: 'RequestRedirect', requestRedirect: { scheme: 'https' } }],
        backendRefs: [backend()],
      },
    ]),
    valid: never,
  },
  {
    name: 'RequestRedirect and URLRewrite',
    object: route([
      {
        filters: [
          { type: 'RequestRedirect', requestRedirect: { scheme: 'https' } },
          { type: 'URLRewrite', urlRewrite: { hostname: 'a.example.com' } },
        ],
      },
    ]),
    valid: never,
  },
  {
    name: 'ReplacePrefixMatch with one PathPrefix',
    object: route([
      {
        matches: [{ path: { type: 'PathPrefix', value: '/old' } }],
        filters: [prefixRewrite],
        backendRefs: [backend()],
      },
    ]),
    valid: always,
  },
  {
    name: 'ReplacePrefixMatch with no match (defaulted)',
    object: route([{ filters: [prefixRewrite], backendRefs: [backend()] }]),
    valid: always,
  },
  {
    name: 'ReplacePrefixMatch with two matches',
    object: route([
      {
        matches: [
          { path: { type: 'PathPrefix', value: '/a' } },
          { path: { type: 'PathPrefix', value: '/b' } },
        ],
        filters: [prefixRewrite],
        backendRefs: [backend()],
      },
    ]),
    valid: never,
  },
  {
    name: 'ReplacePrefixMatch with an Exact match',
    object: route([
      {
        matches: [{ path: { type: 'Exact', value: '/a' } }],
        filters: [prefixRewrite],
        backendRefs: [backend()],
      },
    ]),
    valid: never,
  },
  {
    name: 'ReplacePrefixMatch without its value',
    object: route([
      {
        filters: [{ type: 'URLRewrite', urlRewrite: { path: { type: 'ReplacePrefixMatch' } } }],
        backendRefs: [backend()],
      },
    ]),
    valid: never,
  },
  {
    name: '16 rules',
    object: route(Array.from({ length: 16 }, (_, i) => pathRule('PathPrefix', `/p${i}`))),
    valid: always,
  },
  {
    name: '17 rules',
    object: route(Array.from({ length: 17 }, (_, i) => pathRule('PathPrefix', `/p${i}`))),
    valid: never,
  },
  {
    name: '129 matches in a route',
    object: route(
      [0, 1, 2].map((r) => ({
        matches: Array.from({ length: r === 2 ? 1 : 64 }, (_, i) => ({
          path: { type: 'PathPrefix', value: `/r${r}m${i}` },
        })),
        backendRefs: [backend()],
      })),
    ),
    valid: never,
  },
  { name: 'zero rules', object: route([]), valid: (t) => !at(t, 'v1.5') },
  {
    name: 'header name with a space',
    object: route([
      { matches: [{ headers: [{ name: 'x bad', value: 'v' }] }], backendRefs: [backend()] },
    ]),
    valid: never,
  },
  {
    name: 'header name with a colon',
    object: route([
      { matches: [{ headers: [{ name: ':authority', value: 'v' }] }], backendRefs: [backend()] },
    ]),
    valid: never,
  },
  {
    name: 'duplicate header match',
    object: route([
      {
        matches: [
          {
            headers: [
              { name: 'x', value: 'a' },
              { name: 'x', value: 'b' },
            ],
          },
        ],
        backendRefs: [backend()],
      },
    ]),
    valid: never,
  },
  {
    name: 'header value with a newline',
    object: route([
      { matches: [{ headers: [{ name: 'x', value: 'a\nb' }] }], backendRefs: [backend()] },
    ]),
    valid: (t) => !(t.channel === 'experimental' && at(t, 'v1.5')),
  },
  {
    name: 'two RequestHeaderModifier filters',
    object: route([
      {
        filters: [
          {
            type: 'RequestHeaderModifier',
            requestHeaderModifier: { set: [{ name: 'a', value: 'b' }] },
          },
          {
            type: 'RequestHeaderModifier',
            requestHeaderModifier: { set: [{ name: 'c', value: 'd' }] },
          },
        ],
        backendRefs: [backend()],
      },
    ]),
    valid: never,
  },
  {
    name: 'filter type without its field',
    object: route([{ filters: [{ type: 'URLRewrite' }], backendRefs: [backend()] }]),
    valid: never,
  },
  {
    name: 'retry',
    object: route([
      { backendRefs: [backend()], retry: { attempts: 2, codes: [503], backoff: '100ms' } },
    ]),
    valid: (t) => t.channel === 'experimental',
  },
  {
    name: 'retry with zero attempts',
    object: route([{ backendRefs: [backend()], retry: { attempts: 0 } }]),
    valid: (t) => t.channel === 'experimental' && !at(t, 'v1.6'),
  },
  {
    name: 'CORS filter',
    object: route([
      {
        filters: [
          {
            type: 'CORS',
            cors: { allowOrigins: ['https://a.example.com'], allowMethods: ['GET'] },
          },
        ],
        backendRefs: [backend()],
      },
    ]),
    valid: (t) => at(t, t.channel === 'standard' ? 'v1.5' : 'v1.3'),
  },
  {
    name: 'redirect 303',
    object: route([
      { filters: [{ type: 'RequestRedirect', requestRedirect: { statusCode: 303 } }] },
    ]),
    valid: (t) => at(t, 'v1.5'),
  },
  {
    name: 'redirect 301',
    object: route([
      { filters: [{ type: 'RequestRedirect', requestRedirect: { statusCode: 301 } }] },
    ]),
    valid: always,
  },
  {
    name: 'mirror percent',
    object: route([
      {
        filters: [{ type: 'RequestMirror', requestMirror: { backendRef: backend(), percent: 10 } }],
        backendRefs: [backend()],
      },
    ]),
    valid: (t) => t.channel === 'experimental' || at(t, 'v1.3'),
  },
  {
    name: 'mirror fraction above 1',
    object: route([
      {
        filters: [
          {
            type: 'RequestMirror',
            requestMirror: { backendRef: backend(), fraction: { numerator: 3, denominator: 2 } },
          },
        ],
        backendRefs: [backend()],
      },
    ]),
    valid: never,
  },
  {
    name: 'rule name',
    object: route([{ name: 'first', backendRefs: [backend()] }]),
    valid: (t) => t.channel === 'experimental' || at(t, 'v1.4'),
  },
  {
    name: 'duplicate parentRefs',
    object: route([{ backendRefs: [backend()] }], { parentRefs: [{ name: 'gw' }, { name: 'gw' }] }),
    valid: never,
  },
  {
    name: 'parentRefs to two sections',
    object: route([{ backendRefs: [backend()] }], {
      parentRefs: [
        { name: 'gw', sectionName: 'a' },
        { name: 'gw', sectionName: 'b' },
      ],
    }),
    valid: always,
  },
  {
    name: 'unknown field in a rule',
    object: route([{ backendRefs: [backend()], timeout: '1s' }]),
    valid: never,
  },
  {
    name: '17 hostnames',
    object: route([{ backendRefs: [backend()] }], {
      hostnames: Array.from({ length: 17 }, (_, i) => `h${i}.example.com`),
    }),
    valid: never,
  },
  {
    name: 'uppercase hostname',
    object: route([{ backendRefs: [backend()] }], { hostnames: ['A.example.com'] }),
    valid: never,
  },
  {
    name: 'invalid object name',
    object: {
      ...route([{ backendRefs: [backend()] }]),
      metadata: { name: 'Bad_Name', namespace: 'ns' },
    },
    valid: never,
  },
  {
    name: 'TLSRoute v1',
    object: {
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'TLSRoute',
      metadata: { name: 't', namespace: 'ns' },
      spec: {
        parentRefs: [{ name: 'gw' }],
        hostnames: ['a.example.com'],
        rules: [{ backendRefs: [backend()] }],
      },
    },
    valid: (t) => at(t, 'v1.5'),
  },
  {
    name: 'TLSRoute v1 with an IP hostname',
    object: {
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'TLSRoute',
      metadata: { name: 't', namespace: 'ns' },
      spec: { hostnames: ['10.0.0.1'], rules: [{ backendRefs: [backend()] }] },
    },
    valid: never,
  },
  {
    name: 'TLSRoute v1alpha2',
    object: {
      apiVersion: 'gateway.networking.k8s.io/v1alpha2',
      kind: 'TLSRoute',
      metadata: { name: 't', namespace: 'ns' },
      spec: {
        parentRefs: [{ name: 'gw' }],
        hostnames: ['a.example.com'],
        rules: [{ backendRefs: [backend()] }],
      },
    },
    valid: (t) => t.channel === 'experimental',
  },
  {
    name: 'TCPRoute v1',
    object: {
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'TCPRoute',
      metadata: { name: 't', namespace: 'ns' },
      spec: { parentRefs: [{ name: 'gw' }], rules: [{ backendRefs: [backend()] }] },
    },
    valid: (t) => at(t, 'v1.6'),
  },
  {
    name: 'TCPRoute v1 with two rules',
    object: {
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'TCPRoute',
      metadata: { name: 't', namespace: 'ns' },
      spec: { rules: [{ backendRefs: [backend()] }, { backendRefs: [backend()] }] },
    },
    valid: never,
  },
  {
    name: 'ReferenceGrant v1beta1',
    object: {
      apiVersion: 'gateway.networking.k8s.io/v1beta1',
      kind: 'ReferenceGrant',
      metadata: { name: 'g', namespace: 'ns' },
      spec: {
        from: [{ group: 'gateway.networking.k8s.io', kind: 'HTTPRoute', namespace: 'other' }],
        to: [{ group: '', kind: 'Service' }],
      },
    },
    valid: always,
  },
  {
    name: 'ReferenceGrant v1',
    object: {
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'ReferenceGrant',
      metadata: { name: 'g', namespace: 'ns' },
      spec: {
        from: [{ group: 'gateway.networking.k8s.io', kind: 'HTTPRoute', namespace: 'other' }],
        to: [{ group: '', kind: 'Service' }],
      },
    },
    valid: (t) => at(t, 'v1.5'),
  },
  {
    name: 'BackendTLSPolicy v1',
    object: {
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'BackendTLSPolicy',
      metadata: { name: 'p', namespace: 'ns' },
      spec: {
        targetRefs: [{ group: '', kind: 'Service', name: 'svc' }],
        validation: { hostname: 'svc.example.com', wellKnownCACertificates: 'System' },
      },
    },
    valid: (t) => at(t, 'v1.4'),
  },
  {
    name: 'BackendTLSPolicy with both CA sources',
    object: {
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'BackendTLSPolicy',
      metadata: { name: 'p', namespace: 'ns' },
      spec: {
        targetRefs: [{ group: '', kind: 'Service', name: 'svc' }],
        validation: {
          hostname: 'svc.example.com',
          wellKnownCACertificates: 'System',
          caCertificateRefs: [{ group: '', kind: 'ConfigMap', name: 'ca' }],
        },
      },
    },
    valid: never,
  },
];

/** Objects the API server accepts but that break a rule no CRD checks (semantics.md §8). */
export const BEYOND_CRD: readonly {
  name: string;
  object: Record<string, unknown>;
  rule: string;
}[] = [
  {
    name: 'IP address as a route hostname',
    object: route([{ backendRefs: [backend()] }], { hostnames: ['10.0.0.7'] }),
    rule: 'semantics:ip-hostname',
  },
  {
    name: 'IP address as a listener hostname',
    object: gw([{ ...http, hostname: '10.0.0.7' }]),
    rule: 'semantics:ip-hostname',
  },
  {
    name: 'set and remove of one header',
    object: route([
      {
        filters: [
          {
            type: 'RequestHeaderModifier',
            requestHeaderModifier: { set: [{ name: 'x-a', value: '1' }], remove: ['x-a'] },
          },
        ],
        backendRefs: [backend()],
      },
    ]),
    rule: 'semantics:one-action-per-header',
  },
  {
    name: 'set of one header twice but for case',
    object: route([
      {
        filters: [
          {
            type: 'ResponseHeaderModifier',
            responseHeaderModifier: {
              set: [
                { name: 'X-A', value: '1' },
                { name: 'x-a', value: '2' },
              ],
            },
          },
        ],
        backendRefs: [backend()],
      },
    ]),
    rule: 'semantics:one-action-per-header',
  },
  {
    name: 'header matches equal but for case',
    object: route([
      {
        matches: [
          {
            headers: [
              { name: 'X-User', value: 'a' },
              { name: 'x-user', value: 'b' },
            ],
          },
        ],
        backendRefs: [backend()],
      },
    ]),
    rule: 'semantics:header-name-case',
  },
];

/** A null field is dropped by the API server (and then defaulted): accepted everywhere. */
export const NULL_FIELD = route([{ backendRefs: [backend({ weight: null })], matches: null }]);
