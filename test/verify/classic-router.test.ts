import { describe, expect, it } from 'vitest';
import { classic, get, short } from './helpers.js';
import type { HttpRequest } from '../../src/routing/request.js';

const GATEWAY = `
apiVersion: networking.istio.io/v1
kind: Gateway
metadata: { name: gw, namespace: default }
spec:
  selector: { istio: ingressgateway }
  servers:
  - port: { number: 80, name: http, protocol: HTTP }
    hosts: ["*.example.com", "example.com"]
  - port: { number: 8081, name: http-redirect, protocol: HTTP }
    hosts: ["*"]
    tls: { httpsRedirect: true }
  - port: { number: 443, name: tls, protocol: TLS }
    hosts: ["*.tls.example.com"]
    tls: { mode: PASSTHROUGH }
  - port: { number: 9000, name: tcp, protocol: TCP }
    hosts: ["*"]
`;

const vs = (http: string, extra = '') => `${GATEWAY}
---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: { name: vs, namespace: default }
spec:
  hosts: ["a.example.com"]
  gateways: [gw]
${extra}  http:
${http}`;

type Row = [string, Partial<HttpRequest> | undefined, string];

function table(config: string, rows: Row[], host = 'a.example.com') {
  const router = classic(config);
  for (const [path, extra, want] of rows) {
    it(`${path} ${extra ? JSON.stringify(extra) : ''} → ${want}`, () => {
      expect(short(router.route(get(host, path, extra)))).toBe(want);
    });
  }
}

describe('classic router: uri matches', () => {
  describe('prefix is a plain string prefix; first match in written order', () => {
    table(
      vs(`  - match: [{ uri: { prefix: /api } }]
    route: [{ destination: { host: api, port: { number: 80 } } }]
  - match: [{ uri: { prefix: /api/v2 } }]
    route: [{ destination: { host: v2, port: { number: 80 } } }]
  - route: [{ destination: { host: web, port: { number: 80 } } }]
`),
      [
        ['/api', undefined, 'api:80'],
        ['/api/v2/x', undefined, 'api:80'], // written first wins, even though /api/v2 is longer
        ['/apis', undefined, 'api:80'], // string prefix catches /apis
        ['/Api', undefined, 'web:80'],
        ['/', undefined, 'web:80'],
      ],
    );
  });
  describe('exact, regex full match on the path without query, ignoreUriCase', () => {
    table(
      vs(`  - match: [{ uri: { exact: /login } }]
    route: [{ destination: { host: login, port: { number: 80 } } }]
  - match: [{ uri: { regex: "/item/[0-9]+" } }]
    route: [{ destination: { host: item, port: { number: 80 } } }]
  - match: [{ uri: { prefix: /CaSe }, ignoreUriCase: true }]
    route: [{ destination: { host: case, port: { number: 80 } } }]
`),
      [
        ['/login', undefined, 'login:80'],
        ['/login/', undefined, '404'],
        ['/login?next=/x', undefined, 'login:80'],
        ['/item/42', undefined, 'item:80'],
        ['/item/42/more', undefined, '404'], // full match, not search
        ['/x/item/42', undefined, '404'],
        ['/item/42?a=b', undefined, 'item:80'],
        ['/case/x', undefined, 'case:80'],
        ['/CASE', undefined, 'case:80'],
      ],
    );
  });
});

describe('classic router: headers, withoutHeaders, query, method', () => {
  table(
    vs(`  - match: [{ headers: { x-canary: {} } }]
    route: [{ destination: { host: canary, port: { number: 80 } } }]
  - match: [{ headers: { x-user: { prefix: adm } }, withoutHeaders: { x-block: { exact: "1" } } }]
    route: [{ destination: { host: admin, port: { number: 80 } } }]
  - match: [{ queryParams: { v: { exact: "2" } } }]
    route: [{ destination: { host: v2, port: { number: 80 } } }]
  - match: [{ method: { regex: "POST|PUT" } }]
    route: [{ destination: { host: write, port: { number: 80 } } }]
`),
    [
      ['/', { headers: { 'x-canary': '' } }, 'canary:80'], // presence matches an empty value
      ['/', { headers: { 'x-user': 'admin' } }, 'admin:80'],
      ['/', { headers: { 'x-user': 'admin', 'x-block': '1' } }, '404'],
      ['/', { headers: { 'x-user': 'admin', 'x-block': '2' } }, 'admin:80'],
      ['/?v=2', undefined, 'v2:80'],
      ['/?v=3', undefined, '404'],
      ['/', { method: 'PUT' }, 'write:80'],
      ['/', { method: 'GET' }, '404'],
    ],
  );
});

describe('classic router: weights, redirects, rewrites, no route', () => {
  const router = classic(
    vs(`  - match: [{ uri: { prefix: /split } }]
    route:
    - { destination: { host: a, port: { number: 80 } }, weight: 80 }
    - { destination: { host: b, port: { number: 80 } }, weight: 20 }
    - { destination: { host: c, port: { number: 80 } }, weight: 0 }
  - match: [{ uri: { prefix: /old } }]
    redirect: { uri: /new }
  - match: [{ uri: { prefix: /r } }]
    rewrite: { uri: /v1 }
    route: [{ destination: { host: a, port: { number: 80 } }, weight: 0 }]
  - match: [{ uri: { exact: /none } }]
    rewrite: { uri: /v1 }
    route: [{ destination: { host: a, port: { number: 80 } } }]
`),
  );
  it('weights are shares; weight 0 takes nothing', () =>
    expect(short(router.route(get('a.example.com', '/split')))).toBe('a:80@80+b:80@20'));
  it('a lone destination takes all traffic whatever its weight', () =>
    expect(short(router.route(get('a.example.com', '/rx')))).toBe('a:80'));
  it('redirect defaults to 301', () =>
    expect(short(router.route(get('a.example.com', '/old/x?q=1')))).toBe(
      '301 http://a.example.com/new?q=1',
    ));
  it('rewrite.uri swaps the matched prefix as a plain string', () => {
    const o = router.route(get('a.example.com', '/rx/y'));
    expect(o.kind === 'forward' && o.upstreamPath).toBe('/v1x/y');
  });
  it('exact match rewrites the full path', () => {
    const o = router.route(get('a.example.com', '/none'));
    expect(o.kind === 'forward' && o.upstreamPath).toBe('/v1');
  });
  it('no route → 404; an unknown host → 404', () => {
    expect(short(router.route(get('a.example.com', '/zzz')))).toBe('404');
    expect(short(router.route(get('b.example.com', '/split')))).toBe('404');
  });
  it('a port without server → no listener', () =>
    expect(short(router.route(get('a.example.com', '/split', { port: 81 })))).toBe('no listener'));
  it('httpsRedirect answers 301 for every request on that server', () =>
    expect(short(router.route(get('anything.org', '/x', { port: 8081 })))).toBe(
      '301 https://anything.org/x',
    ));
});

describe('classic router: hosts and gateway binding', () => {
  const cfg = `${GATEWAY}
---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: { name: wild, namespace: default }
spec:
  hosts: ["*.example.com"]
  gateways: [default/gw]
  http: [{ route: [{ destination: { host: wild, port: { number: 80 } } }] }]
---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: { name: exact, namespace: default }
spec:
  hosts: ["a.example.com"]
  gateways: [gw]
  http:
  - match: [{ uri: { prefix: /only } }]
    route: [{ destination: { host: exact, port: { number: 80 } } }]
---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: { name: mesh-only, namespace: default }
spec:
  hosts: ["b.example.com"]
  http: [{ route: [{ destination: { host: mesh, port: { number: 80 } } }] }]
`;
  const router = classic(cfg);
  it('a wildcard host matches subdomains', () =>
    expect(short(router.route(get('z.example.com', '/')))).toBe('wild:80'));
  it('the exact host wins and has no fallback to the wildcard', () => {
    expect(short(router.route(get('a.example.com', '/only')))).toBe('exact:80');
    expect(short(router.route(get('a.example.com', '/other')))).toBe('404');
  });
  it('a VirtualService without gateways is mesh-only', () =>
    expect(short(router.route(get('b.example.com', '/')))).toBe('wild:80'));
  it('the mesh sees it', () =>
    expect(
      short(
        router.route(get('b.example.com', '/', { entry: { kind: 'mesh', host: 'b.example.com' } })),
      ),
    ).toBe('mesh:80'));
});

describe('classic router: TLS by SNI, TCP by port', () => {
  const router = classic(`${GATEWAY}
---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: { name: l4, namespace: default }
spec:
  hosts: ["*"]
  gateways: [gw]
  tls:
  - match: [{ sniHosts: [a.tls.example.com] }]
    route: [{ destination: { host: tls-a, port: { number: 443 } } }]
  tcp:
  - match: [{ port: 9000 }]
    route: [{ destination: { host: db, port: { number: 5432 } } }]
`);
  const src = { namespace: 'default', labels: {} };
  const entry = { kind: 'gateway' as const, namespace: 'default', name: 'gw' };
  it('SNI routes', () =>
    expect(
      short(
        router.route({ protocol: 'tls', entry, port: 443, sni: 'a.tls.example.com', source: src }),
      ),
    ).toBe('tls-a:443'));
  it('unknown SNI', () =>
    expect(
      short(
        router.route({ protocol: 'tls', entry, port: 443, sni: 'b.tls.example.com', source: src }),
      ),
    ).toBe('404'));
  it('TCP', () =>
    expect(short(router.route({ protocol: 'tcp', entry, port: 9000, source: src }))).toBe(
      'db:5432',
    ));
});
