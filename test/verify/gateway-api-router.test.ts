import { describe, expect, it } from 'vitest';
import { gatewayApi, get, short } from './helpers.js';

const GATEWAY = `
apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: { name: gw, namespace: default }
spec:
  gatewayClassName: istio
  listeners:
  - { name: http, port: 80, protocol: HTTP, allowedRoutes: { namespaces: { from: All } } }
  - { name: same, port: 81, protocol: HTTP }
  - { name: tls, port: 443, protocol: TLS, hostname: "*.tls.example.com", tls: { mode: Passthrough } }
  - { name: tcp, port: 9000, protocol: TCP }
`;

const route = (name: string, rules: string, extra = '', namespace = 'default') => `
---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: { name: ${name}, namespace: ${namespace} }
spec:
  parentRefs: [{ name: gw, namespace: default${extra} }]
  hostnames: [a.example.com]
  rules:
${rules}`;

const be = (name: string, extra = '') => `backendRefs: [{ name: ${name}, port: 80${extra} }]`;

type Row = [string, Parameters<typeof get>[2] | undefined, string];
function table(config: string, rows: Row[], host = 'a.example.com') {
  const router = gatewayApi(config);
  for (const [path, extra, want] of rows) {
    it(`${path} ${extra ? JSON.stringify(extra) : ''} → ${want}`, () =>
      expect(short(router.route(get(host, path, extra)))).toBe(want));
  }
}

describe('Gateway API router: precedence across rules and routes', () => {
  describe('longer PathPrefix wins whatever the written order; Exact beats prefix; prefix beats regex', () => {
    table(
      GATEWAY +
        route(
          'r1',
          `  - matches: [{ path: { type: PathPrefix, value: /api } }]
    ${be('api')}
  - matches: [{ path: { type: PathPrefix, value: /api/v2 } }]
    ${be('v2')}
  - matches: [{ path: { type: RegularExpression, value: "/api/v2/.*" } }]
    ${be('regex')}
  - matches: [{ path: { type: Exact, value: /api/v2/exact } }]
    ${be('exact')}
  - ${be('all')}
`,
        ),
      [
        ['/api/v2/x', undefined, 'v2:80'],
        ['/api/v2', undefined, 'v2:80'],
        ['/api/v2/exact', undefined, 'exact:80'],
        ['/api/v2x', undefined, 'api:80'],
        ['/api', undefined, 'api:80'],
        ['/apis', undefined, 'all:80'], // element-wise: /api never catches /apis
        ['/', undefined, 'all:80'],
      ],
    );
  });
  describe('trailing slash in PathPrefix is ignored', () => {
    table(
      GATEWAY +
        route(
          'r1',
          `  - matches: [{ path: { type: PathPrefix, value: /foo/ } }]\n    ${be('foo')}\n`,
        ),
      [
        ['/foo', undefined, 'foo:80'],
        ['/foo/', undefined, 'foo:80'],
        ['/foo/bar', undefined, 'foo:80'],
        ['/foobar', undefined, '404'],
      ],
    );
  });
  describe('ties: method, then more headers, then more query params; a catch-all with a header still beats nothing', () => {
    table(
      GATEWAY +
        route(
          'r1',
          `  - matches: [{ path: { type: PathPrefix, value: / }, queryParams: [{ name: q, value: "1" }] }]
    ${be('query')}
  - matches: [{ path: { type: PathPrefix, value: / }, headers: [{ name: x, value: "1" }] }]
    ${be('header')}
  - matches: [{ path: { type: PathPrefix, value: / }, method: POST }]
    ${be('post')}
  - matches: [{ path: { type: PathPrefix, value: /a } }]
    ${be('a')}
`,
        ),
      [
        ['/?q=1', { headers: { x: '1' }, method: 'POST' }, 'post:80'],
        ['/?q=1', { headers: { x: '1' } }, 'header:80'],
        ['/?q=1', undefined, 'query:80'],
        ['/a?q=1', { method: 'POST' }, 'a:80'], // the longer prefix goes first
      ],
    );
  });
  describe('across routes: namespace/name order breaks ties, then rule order', () => {
    table(
      GATEWAY +
        route(
          'b-route',
          `  - matches: [{ path: { type: PathPrefix, value: /x } }]\n    ${be('b')}\n`,
        ) +
        route(
          'a-route',
          `  - matches: [{ path: { type: PathPrefix, value: /x } }]\n    ${be('a')}\n  - matches: [{ path: { type: PathPrefix, value: /x } }]\n    ${be('a2')}\n`,
        ),
      [['/x', undefined, 'a:80']],
    );
  });
});

describe('Gateway API router: weights and backends', () => {
  const router = gatewayApi(
    GATEWAY +
      route(
        'r',
        `  - matches: [{ path: { type: PathPrefix, value: /zero } }]
    backendRefs: [{ name: a, port: 80, weight: 0 }]
  - matches: [{ path: { type: PathPrefix, value: /split } }]
    backendRefs: [{ name: a, port: 80, weight: 3 }, { name: b, port: 80 }, { name: c, port: 80, weight: 0 }]
  - matches: [{ path: { type: PathPrefix, value: /none } }]
  - matches: [{ path: { type: PathPrefix, value: /other-ns } }]
    backendRefs: [{ name: a, namespace: prod, port: 80 }]
  - matches: [{ path: { type: PathPrefix, value: /redirect } }]
    filters: [{ type: RequestRedirect, requestRedirect: { path: { type: ReplacePrefixMatch, replacePrefixMatch: /new } } }]
  - matches: [{ path: { type: PathPrefix, value: /rw } }]
    filters: [{ type: URLRewrite, urlRewrite: { path: { type: ReplacePrefixMatch, replacePrefixMatch: /v1 } } }]
    backendRefs: [{ name: a, port: 80 }]
`,
      ),
  );
  it('all weights 0 → 500', () =>
    expect(short(router.route(get('a.example.com', '/zero')))).toBe('500'));
  it('default weight is 1; 0 takes nothing', () =>
    expect(short(router.route(get('a.example.com', '/split')))).toBe('a:80@75+b:80@25'));
  it('no backendRefs → 500', () =>
    expect(short(router.route(get('a.example.com', '/none')))).toBe('500'));
  it('cross-namespace backend without ReferenceGrant → 500', () =>
    expect(short(router.route(get('a.example.com', '/other-ns')))).toBe(
      '(500: backendRef prod/a not allowed by a ReferenceGrant)',
    ));
  it('redirect defaults to 302 and keeps the request port', () =>
    expect(short(router.route(get('a.example.com', '/redirect/x', { port: 80 })))).toBe(
      '302 http://a.example.com/new/x',
    ));
  it('ReplacePrefixMatch is element-wise', () => {
    const o = router.route(get('a.example.com', '/rw/y'));
    expect(o.kind === 'forward' && o.upstreamPath).toBe('/v1/y');
    const o2 = router.route(get('a.example.com', '/rw'));
    expect(o2.kind === 'forward' && o2.upstreamPath).toBe('/v1');
  });
});

describe('Gateway API router: attachment', () => {
  const cfg =
    GATEWAY +
    route('same-only', `  - ${be('x')}\n`, ', sectionName: same', 'other') +
    route('wild', `  - ${be('wild')}\n`).replace(
      'hostnames: [a.example.com]',
      'hostnames: ["*.example.com"]',
    ) +
    route(
      'exact',
      `  - matches: [{ path: { type: PathPrefix, value: /only } }]\n    ${be('exact')}\n`,
    );
  const router = gatewayApi(cfg);
  it('allowedRoutes Same (the default) rejects a route from another namespace', () =>
    expect(short(router.route(get('a.example.com', '/', { port: 81 })))).toBe('404'));
  it('the most specific hostname takes the request; no fallback', () => {
    expect(short(router.route(get('a.example.com', '/only')))).toBe('exact:80');
    expect(short(router.route(get('z.example.com', '/only')))).toBe('wild:80');
  });
});

describe('Gateway API router: mesh (GAMMA)', () => {
  const cfg = `
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: { name: producer, namespace: prod }
spec:
  parentRefs: [{ group: "", kind: Service, name: reviews, port: 9080 }]
  rules: [{ backendRefs: [{ name: reviews-v2, port: 9080 }] }]
---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: { name: consumer, namespace: client }
spec:
  parentRefs: [{ group: "", kind: Service, name: reviews, namespace: prod }]
  rules: [{ backendRefs: [{ name: reviews-v3, namespace: prod, port: 9080 }] }]
`;
  const router = gatewayApi(cfg);
  const mesh = (ns: string) =>
    get('reviews.prod.svc.cluster.local', '/', {
      entry: { kind: 'mesh', host: 'reviews.prod.svc.cluster.local' },
      port: 9080,
      source: { namespace: ns, labels: {} },
    });
  it('producer route applies to every client', () =>
    expect(short(router.route(mesh('elsewhere')))).toBe('reviews-v2.prod.svc.cluster.local:9080'));
  it('a consumer route applies to its namespace only, and wins there', () =>
    expect(short(router.route(mesh('client')))).toBe('reviews-v3.prod.svc.cluster.local:9080'));
});
