import { describe, expect, it } from 'vitest';
import { GATEWAY, ids, mapYaml, vsYaml } from './harness.js';

const ROUTE = `    route:
    - destination: {host: web, port: {number: 8080}}`;

const LISTENERS = {
  'istio-system/public': [
    {
      name: 'http-redirect',
      port: 80,
      protocol: 'HTTP' as const,
      hostname: 'web.example.com',
      httpsRedirect: true,
    },
    { name: 'https-web', port: 443, protocol: 'HTTPS' as const, hostname: 'web.example.com' },
    { name: 'https-other', port: 443, protocol: 'HTTPS' as const, hostname: 'other.example.com' },
    { name: 'http-8080', port: 8080, protocol: 'HTTP' as const },
  ],
};

describe('hosts and gateways', () => {
  it('hosts → lowercase hostnames; `*` → none; IPs are findings', () => {
    const run = mapYaml(
      GATEWAY +
        `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: web, namespace: shop}
spec:
  hosts: [Web.Example.com, 10.0.0.1, reviews]
  gateways: [istio-system/public]
  http:
  - route:
    - destination: {host: web, port: {number: 8080}}
`,
    );
    expect(run.routes[0]!.spec.hostnames).toEqual(['web.example.com', 'reviews']);
    expect(ids(run)).toEqual([{ id: 'host-not-converted', path: 'spec.hosts[1]', line: 17 }]);
  });

  it('a gateway not in the input is bound by name, with a warning', () => {
    const run = mapYaml(vsYaml(`${ROUTE.replace('    route', '  - route')}\n`));
    expect(run.routes[0]!.spec.parentRefs).toEqual([{ name: 'public', namespace: 'istio-system' }]);
    expect(ids(run)).toEqual([{ id: 'gateway-not-found', path: 'spec.gateways[0]', line: 10 }]);
  });

  it('listeners owned by an httpsRedirect route are skipped: one sectionName per remaining listener whose hostname fits', () => {
    const run = mapYaml(
      GATEWAY + vsYaml(`  - route:\n    - destination: {host: web, port: {number: 8080}}\n`),
      {},
      LISTENERS,
    );
    expect(run.routes[0]!.spec.parentRefs).toEqual([
      { name: 'public', namespace: 'istio-system', sectionName: 'https-web' },
      { name: 'public', namespace: 'istio-system', sectionName: 'http-8080' },
    ]);
  });

  it('per-match port and scheme get routes of their own, bound by sectionName', () => {
    const run = mapYaml(
      GATEWAY +
        vsYaml(`  - match:
    - port: 8080
      uri: {exact: /a}
    - scheme: {exact: https}
      uri: {exact: /b}
    - uri: {exact: /c}
${ROUTE}
`),
      {},
      LISTENERS,
    );
    expect(
      run.routes.map((r) => [r.metadata.name, r.spec.parentRefs, r.spec.rules[0]!.matches]),
    ).toEqual([
      [
        'web',
        [
          { name: 'public', namespace: 'istio-system', sectionName: 'https-web' },
          { name: 'public', namespace: 'istio-system', sectionName: 'http-8080' },
        ],
        [{ path: { type: 'Exact', value: '/c' } }],
      ],
      [
        'web-port-8080',
        [{ name: 'public', namespace: 'istio-system', sectionName: 'http-8080' }],
        [{ path: { type: 'Exact', value: '/a' } }],
      ],
      [
        'web-https',
        [{ name: 'public', namespace: 'istio-system', sectionName: 'https-web' }],
        [{ path: { type: 'Exact', value: '/b' } }],
      ],
    ]);
    expect(ids(run).map((f) => f.id)).toEqual(['route-split']);
  });

  it('authority exact → a route with that hostname', () => {
    const run = mapYaml(
      GATEWAY +
        `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: web, namespace: shop}
spec:
  hosts: ["*.example.com"]
  gateways: [istio-system/public]
  http:
  - match:
    - authority: {exact: Admin.Example.com}
${ROUTE}
`,
    );
    expect(run.routes.map((r) => [r.metadata.name, r.spec.hostnames])).toEqual([
      ['web-admin-example-com', ['admin.example.com']],
    ]);
  });

  it('mesh only with a host that cannot be a mesh parent → kept, with mesh-not-converted (test/map/mesh covers mesh routes)', () => {
    const meshOnly = mapYaml(`apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: r, namespace: shop}
spec:
  hosts: [api.example.com]
  http:
  - route:
    - destination: {host: reviews, port: {number: 80}}
`);
    expect(meshOnly.routes).toEqual([]);
    expect(meshOnly.keptReason).toContain('mesh');
    expect(ids(meshOnly)).toEqual([
      { id: 'mesh-host-not-converted', path: 'spec.hosts[0]', line: 5 },
      { id: 'mesh-not-converted', path: 'spec.hosts', line: 5 },
    ]);
  });

  it('more than 16 rules are split into routes in written order', () => {
    const rules = Array.from(
      { length: 18 },
      (_, i) => `  - match:\n    - uri: {exact: /p${i}}\n${ROUTE}`,
    ).join('\n');
    const run = mapYaml(GATEWAY + vsYaml(`${rules}\n`));
    expect(run.routes.map((r) => [r.metadata.name, r.spec.rules.length])).toEqual([
      ['web', 16],
      ['web-part-02', 2],
    ]);
    expect(ids(run).map((f) => f.id)).toEqual(['route-split']);
  });
});
