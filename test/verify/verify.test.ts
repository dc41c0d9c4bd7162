import type { FindingId } from '../../src/findings/finding.js';
import { describe, expect, it } from 'vitest';
import { verify } from '../../src/verify/verify.js';
import { loadManifests } from '../../src/verify/load.js';
import type { Finding } from '../../src/findings/finding.js';

const ISTIO_GATEWAY = `
apiVersion: networking.istio.io/v1
kind: Gateway
metadata: { name: gw, namespace: default }
spec:
  selector: { istio: ingressgateway }
  servers:
  - port: { number: 80, name: http, protocol: HTTP }
    hosts: ["*"]
`;

const GATEWAY = `
apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: { name: gw, namespace: default }
spec:
  gatewayClassName: istio
  listeners: [{ name: http, port: 80, protocol: HTTP, allowedRoutes: { namespaces: { from: All } } }]
`;

const vs = (http: string) => `${ISTIO_GATEWAY}
---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: { name: web, namespace: default }
spec:
  hosts: [a.example.com]
  gateways: [gw]
  http:
${http}`;

const route = (rules: string) => `${GATEWAY}
---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: { name: web, namespace: default }
spec:
  parentRefs: [{ name: gw }]
  hostnames: [a.example.com]
  rules:
${rules}`;

function run(istio: string, converted: string, findings: Finding[] = []) {
  return verify(
    [{ file: 'in.yaml', text: istio }],
    loadManifests([{ file: 'out.yaml', text: converted }]).objects,
    { findings },
  );
}

const finding = (
  id: string,
  path: string | undefined,
  severity: Finding['severity'] = 'warning',
): Finding => ({
  id: id as FindingId,
  severity,
  message: id,
  source: {
    file: 'in.yaml',
    line: 1,
    column: 1,
    kind: 'VirtualService',
    namespace: 'default',
    name: 'web',
    ...(path ? { path } : {}),
  },
});

const API_FIRST = vs(`  - match: [{ uri: { prefix: /api } }]
    route: [{ destination: { host: api, port: { number: 80 } } }]
  - match: [{ uri: { prefix: /api/v2 } }]
    route: [{ destination: { host: v2, port: { number: 80 } } }]
`);

describe('verify: hand-written conversions', () => {
  it('an exact conversion (regexes for string prefixes, order kept by precedence) changes nothing', () => {
    const istio = vs(`  - match: [{ uri: { prefix: /api/v2 } }]
    route: [{ destination: { host: v2, port: { number: 80 } } }]
  - match: [{ uri: { prefix: /api } }]
    route: [{ destination: { host: api, port: { number: 80 } } }]
  - route: [{ destination: { host: web, port: { number: 80 } } }]
`);
    const gw = route(`  - matches: [{ path: { type: RegularExpression, value: "/api/v2.*" } }]
    backendRefs: [{ name: v2, port: 80 }]
  - matches: [{ path: { type: RegularExpression, value: "/api.*" } }]
    backendRefs: [{ name: api, port: 80 }]
  - matches: [{ path: { type: RegularExpression, value: "/.*" } }]
    backendRefs: [{ name: web, port: 80 }]
`);
    const r = run(istio, gw);
    expect(r.probes).toBeGreaterThan(10);
    expect(r.changes.map((c) => c.requestText)).toEqual([]);
  });

  it('/api before /api/v2: the order flip is reported for /api/v2/…, unexplained without a finding', () => {
    const gw = route(`  - matches: [{ path: { type: RegularExpression, value: "/api.*" } }]
    backendRefs: [{ name: api, port: 80 }]
  - matches: [{ path: { type: RegularExpression, value: "/api/v2.*" } }]
    backendRefs: [{ name: v2, port: 80 }]
`);
    const r = run(API_FIRST, gw);
    const flipped = r.changes.find(
      (c) =>
        c.request.protocol === 'http' &&
        c.request.path === '/api/v2/x' &&
        c.request.host === 'a.example.com',
    );
    expect(flipped).toBeDefined();
    expect(flipped!.before.kind === 'forward' && flipped!.before.backends[0]!.id).toBe(
      'api.default.svc.cluster.local:80',
    );
    expect(flipped!.after.kind === 'forward' && flipped!.after.backends[0]!.id).toBe(
      'v2.default.svc.cluster.local:80',
    );
    expect(flipped!.explainedBy).toBeUndefined();
  });

  it('the same flip is explained by an order-changed finding on the rule', () => {
    const gw = route(`  - matches: [{ path: { type: RegularExpression, value: "/api.*" } }]
    backendRefs: [{ name: api, port: 80 }]
  - matches: [{ path: { type: RegularExpression, value: "/api/v2.*" } }]
    backendRefs: [{ name: v2, port: 80 }]
`);
    const r = run(API_FIRST, gw, [finding('order-changed', 'spec.http[1]')]);
    expect(r.changes.length).toBeGreaterThan(0);
    expect(r.changes.every((c) => c.explainedBy?.id === 'order-changed')).toBe(true);
  });

  it('a finding on an unrelated rule does not explain; an error on the whole resource does', () => {
    const istio = vs(`  - match: [{ uri: { prefix: /foo } }]
    route: [{ destination: { host: foo, port: { number: 80 } } }]
  - match: [{ uri: { exact: /other } }]
    route: [{ destination: { host: other, port: { number: 80 } } }]
`);
    const gw = route(`  - matches: [{ path: { type: PathPrefix, value: /foo } }]
    backendRefs: [{ name: foo, port: 80 }]
  - matches: [{ path: { type: Exact, value: /other } }]
    backendRefs: [{ name: other, port: 80 }]
`);
    const unrelated = run(istio, gw, [finding('prefix-semantics', 'spec.http[1]')]);
    const foobar = unrelated.changes.find(
      (c) => c.request.protocol === 'http' && c.request.path === '/foox',
    );
    expect(foobar, 'prefix /foo vs PathPrefix /foo must catch /foox').toBeDefined();
    expect(foobar!.after.kind).toBe('no-route');
    expect(foobar!.explainedBy).toBeUndefined();
    expect(
      run(istio, gw, [
        finding('prefix-semantics', 'spec.http[0].match[0].uri.prefix'),
      ]).changes.every((c) => c.explainedBy),
    ).toBe(true);
    expect(
      run(istio, gw, [finding('not-converted', undefined, 'error')]).changes.every(
        (c) => c.explainedBy,
      ),
    ).toBe(true);
    expect(
      run(istio, gw, [finding('note', undefined, 'info')]).changes.some((c) => !c.explainedBy),
    ).toBe(true);
  });

  it('an unset weight copied as 0 is caught (500), and so is a redirect without statusCode (302)', () => {
    const istio = vs(`  - match: [{ uri: { prefix: /old } }]
    redirect: { uri: /new }
  - route: [{ destination: { host: web, port: { number: 80 } } }]
`);
    const gw = route(`  - matches: [{ path: { type: PathPrefix, value: /old } }]
    filters: [{ type: RequestRedirect, requestRedirect: { path: { type: ReplaceFullPath, replaceFullPath: /new } } }]
  - backendRefs: [{ name: web, port: 80, weight: 0 }]
`);
    const r = run(istio, gw);
    const redirect = r.changes.find(
      (c) => c.request.protocol === 'http' && c.request.path === '/old',
    );
    expect(redirect?.before).toMatchObject({ kind: 'redirect', status: 301 });
    expect(redirect?.after).toMatchObject({ kind: 'redirect', status: 302 });
    const zero = r.changes.find((c) => c.request.protocol === 'http' && c.request.path === '/');
    expect(zero?.after).toMatchObject({ kind: 'direct', status: 500 });
  });

  it('a per-subset Service maps back to the DestinationRule subset', () => {
    const istio = `${vs(`  - route: [{ destination: { host: reviews, subset: v1, port: { number: 9080 } } }]
`)}
---
apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: { name: reviews, namespace: default }
spec:
  host: reviews
  subsets: [{ name: v1, labels: { version: v1 } }]
`;
    const gw = route(`  - backendRefs: [{ name: reviews-v1, port: 9080 }]
`);
    expect(run(istio, gw).changes.map((c) => c.requestText)).toEqual([]);
  });

  it('without converted manifests it converts the input itself, and changes carry what differs', () => {
    const r = verify([{ file: 'in.yaml', text: API_FIRST }], undefined);
    expect(r.probes).toBeGreaterThan(0);
    for (const c of r.changes) expect(c.differences.length).toBeGreaterThan(0);
  });
});

describe('verify progress', () => {
  it('reports every 1,000 probe requests replayed, and reading and converting', () => {
    const hosts = Array.from({ length: 200 }, (_, i) => `h${i}.example.com`);
    const input = `${ISTIO_GATEWAY}---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: { name: web, namespace: default }
spec:
  hosts: [${hosts.join(', ')}]
  gateways: [gw]
  http:
  - match: [{ uri: { prefix: /a } }, { uri: { exact: /b } }]
    route: [{ destination: { host: a } }]
  - route: [{ destination: { host: b } }]
`;
    const seen: { probes: number; max: number }[] = [];
    const converted: number[] = [];
    let files = 0;
    const result = verify([{ file: 'a.yaml', text: input }], undefined, {
      hooks: {
        onProbes: (p) => seen.push(p),
        onConverted: (p) => converted.push(p.converted),
        onProgress: (p) => (files = p.filesRead),
      },
    });
    expect(result.probes).toBeGreaterThanOrEqual(2000);
    expect(seen.map((p) => p.probes)).toEqual(
      Array.from({ length: Math.floor(result.probes / 1000) }, (_, i) => (i + 1) * 1000),
    );
    expect(seen.every((p) => p.max === 100_000)).toBe(true);
    expect(converted).toEqual([1, 2]);
    expect(files).toBe(1);
  });
});
