// Delegation end to end (convert + verify): where the delegated rules go, that Istio's order is
// analysed across the root's and the delegate's routes, and that a root also bound to the mesh
// keeps the delegated rules in its own routes.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { convert, verify } from '../../../src/index.js';
import type { HTTPRoute } from '../../../src/gateway-api/types.js';
import { HAS_SHARED, SHARED } from '../../helpers/shared.js';

const GATEWAY = `apiVersion: networking.istio.io/v1
kind: Gateway
metadata: {name: public, namespace: istio-system}
spec:
  selector: {istio: ingressgateway}
  servers:
  - port: {number: 80, name: http, protocol: HTTP}
    hosts: ["*/shop.example.com"]
`;

const run = (text: string) => {
  const files = [{ file: 'in.yaml', text }];
  const r = convert(files);
  const v = verify(files, r.resources);
  return {
    routes: r.resources.filter((o): o is HTTPRoute => o.kind === 'HTTPRoute'),
    findings: r.findings.map((f) => `${f.id} ${f.source?.name} ${f.source?.path}`),
    unexplained: v.changes.filter((c) => !c.explainedBy).length,
    changes: v.changes.length,
  };
};

describe('delegation', () => {
  it('reports the order a delegated rule loses to a later root rule, and the request', () => {
    const r = run(`${GATEWAY}---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: shop, namespace: istio-system}
spec:
  hosts: [shop.example.com]
  gateways: [public]
  http:
  - match: [{uri: {prefix: /api/}}]
    delegate: {name: api, namespace: api}
  - match: [{uri: {prefix: /api/v2/}}]
    route: [{destination: {host: beta.beta.svc.cluster.local, port: {number: 80}}}]
---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: api, namespace: api}
spec:
  http:
  - match: [{headers: {x-b: {exact: "1"}}}]
    route: [{destination: {host: api, port: {number: 80}}}]
`);
    expect(r.routes.map((x) => `${x.metadata.namespace}/${x.metadata.name}`)).toEqual([
      'api/api',
      'istio-system/shop',
    ]);
    expect(r.findings).toContain('order-changed shop spec.http[1]');
    expect(r.unexplained).toBe(0);
    expect(r.changes).toBeGreaterThan(0);
  });

  it('a root bound to the mesh too keeps the delegated rules in its own routes', () => {
    const r = run(`${GATEWAY}---
apiVersion: v1
kind: Service
metadata: {name: shop, namespace: shop}
spec: {ports: [{port: 80, name: http}]}
---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: shop, namespace: shop}
spec:
  hosts: [shop.shop.svc.cluster.local]
  http:
  - match: [{uri: {prefix: /api}}]
    delegate: {name: api, namespace: api}
  - route: [{destination: {host: shop, port: {number: 80}}}]
---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: api, namespace: api}
spec:
  http:
  - route: [{destination: {host: api, port: {number: 80}}}]
`);
    expect(r.routes.map((x) => `${x.metadata.namespace}/${x.metadata.name}`)).toEqual([
      'shop/shop',
    ]);
    expect(r.routes[0]!.spec.rules?.[0]?.backendRefs).toEqual([
      { name: 'api', namespace: 'api', port: 80 },
    ]);
    expect(r.unexplained).toBe(0);
  });

  it('a root whose every rule is delegated names the routes that carry them (--write)', () => {
    const text = readFileSync(
      new URL('../../../samples/delegation-shared/input.yaml', import.meta.url),
      'utf8',
    );
    const r = convert([{ file: 'in.yaml', text }]);
    const entries = r.files[0]!.entries.filter((e) => e.kind === 'VirtualService');
    expect(entries.map((e) => [e.name, e.status, e.generated.length, e.carriedBy])).toEqual([
      ['shop', 'converted', 0, ['HTTPRoute reviews/reviews-shop']],
      ['partners', 'converted', 0, ['HTTPRoute reviews/reviews-partners']],
      ['reviews', 'converted', 2, undefined],
    ]);
  });

  it.runIf(HAS_SHARED)('the corpus root with a missing delegate: the rule is reported', () => {
    const file = join(SHARED, 'corpus/ingress2gateway/2-virtualservice-http.yaml');
    const r = run(readFileSync(file, 'utf8'));
    expect(r.findings.filter((f) => f.startsWith('delegate-'))).toEqual([
      expect.stringMatching(/^delegate-not-found \S+ spec\.http\[\d+\]\.delegate$/),
    ]);
    expect(r.unexplained).toBe(0);
  });
});
