import { describe, expect, it } from 'vitest';
import { GATEWAY, ids, mapYaml, onlyRules, vsYaml } from './harness.js';

const SERVICES = `---
apiVersion: v1
kind: Service
metadata: {name: one, namespace: shop}
spec:
  ports: [{port: 8080}]
---
apiVersion: v1
kind: Service
metadata: {name: two, namespace: shop}
spec:
  ports: [{port: 80}, {port: 443}]
---
apiVersion: networking.istio.io/v1
kind: ServiceEntry
metadata: {name: ext, namespace: shop}
spec:
  hosts: [api.partner.com]
  ports: [{number: 443, name: https, protocol: TLS}]
`;

describe('destinations → backendRefs', () => {
  it('short name, cluster FQDN in another namespace (with a ReferenceGrant), ServiceEntry host', () => {
    const run = mapYaml(
      GATEWAY +
        vsYaml(`  - route:
    - destination: {host: one}
      weight: 70
    - destination: {host: cart.billing.svc.cluster.local, port: {number: 9090}}
      weight: 20
    - destination: {host: api.partner.com}
      weight: 10
`) +
        SERVICES,
    );
    expect(onlyRules(run)[0]!.backendRefs).toEqual([
      { name: 'one', port: 8080, weight: 70 },
      { name: 'cart', namespace: 'billing', port: 9090, weight: 20 },
      {
        group: 'networking.istio.io',
        kind: 'Hostname',
        name: 'api.partner.com',
        port: 443,
        weight: 10,
      },
    ]);
    expect(run.grants).toEqual([
      {
        apiVersion: 'gateway.networking.k8s.io/v1',
        kind: 'ReferenceGrant',
        metadata: { name: 'allow-to-service-cart', namespace: 'billing' },
        spec: {
          from: [{ group: 'gateway.networking.k8s.io', kind: 'HTTPRoute', namespace: 'shop' }],
          to: [{ group: '', kind: 'Service', name: 'cart' }],
        },
      },
    ]);
    expect(ids(run)).toEqual([]);
  });

  it('a single destination gets no weight, whatever it says (trap 3)', () => {
    const run = mapYaml(
      GATEWAY +
        vsYaml(`  - route:
    - destination: {host: one, port: {number: 8080}}
      weight: 100
`),
    );
    expect(onlyRules(run)[0]!.backendRefs).toEqual([{ name: 'one', port: 8080 }]);
  });

  it('no port and a Service with two ports → backend-not-converted, rule not emitted, no grant', () => {
    const run = mapYaml(
      GATEWAY +
        vsYaml(`  - route:
    - destination: {host: two}
`) +
        SERVICES,
    );
    expect(run.routes).toEqual([]);
    expect(run.grants).toEqual([]);
    expect(ids(run)).toEqual([
      { id: 'backend-not-converted', path: 'spec.http[0].route[0].destination.host', line: 25 },
    ]);
    expect(run.findings[0]!.message).toContain('Service shop/two has 2 ports');
  });

  it('subset → subset-not-converted, backendRef to the base Service', () => {
    const run = mapYaml(
      GATEWAY +
        vsYaml(`  - route:
    - destination:
        host: one
        subset: v2
        port: {number: 8080}
`),
    );
    expect(onlyRules(run)[0]!.backendRefs).toEqual([{ name: 'one', port: 8080 }]);
    expect(ids(run)).toEqual([
      { id: 'subset-not-converted', path: 'spec.http[0].route[0].destination.subset', line: 27 },
    ]);
  });

  it('several destinations without weights → weights-unset', () => {
    const run = mapYaml(
      GATEWAY +
        vsYaml(`  - route:
    - destination: {host: one, port: {number: 8080}}
    - destination: {host: two, port: {number: 80}}
`),
    );
    expect(onlyRules(run)[0]!.backendRefs).toEqual([
      { name: 'one', port: 8080 },
      { name: 'two', port: 80 },
    ]);
    expect(ids(run)).toEqual([{ id: 'weights-unset', path: 'spec.http[0].route', line: 24 }]);
  });

  it('destination headers → backendRef filters, sorted by header name', () => {
    const run = mapYaml(
      GATEWAY +
        vsYaml(`  - route:
    - destination: {host: one, port: {number: 8080}}
      headers:
        request:
          set: {x-b: "2", x-a: "1"}
          remove: [x-debug]
`),
    );
    expect(onlyRules(run)[0]!.backendRefs![0]!.filters).toEqual([
      {
        type: 'RequestHeaderModifier',
        requestHeaderModifier: {
          set: [
            { name: 'x-a', value: '1' },
            { name: 'x-b', value: '2' },
          ],
          remove: ['x-debug'],
        },
      },
    ]);
  });

  it('directResponse 500 without body → rule without backendRefs; other statuses are errors', () => {
    const run = mapYaml(
      GATEWAY +
        vsYaml(`  - match:
    - uri: {exact: /down}
    directResponse: {status: 500}
  - match:
    - uri: {exact: /teapot}
    directResponse:
      status: 418
      body: {string: short and stout}
`),
    );
    expect(onlyRules(run)).toEqual([{ matches: [{ path: { type: 'Exact', value: '/down' } }] }]);
    expect(ids(run)).toEqual([
      { id: 'direct-response-not-converted', path: 'spec.http[1].directResponse', line: 29 },
    ]);
  });

  it('a missing delegate and fault are errors at their field', () => {
    const run = mapYaml(
      GATEWAY +
        vsYaml(`  - match:
    - uri: {prefix: /}
    delegate: {name: sub, namespace: team}
  - fault:
      abort: {httpStatus: 503, percentage: {value: 10}}
    route:
    - destination: {host: one, port: {number: 8080}}
`),
    );
    expect(onlyRules(run)).toEqual([{ backendRefs: [{ name: 'one', port: 8080 }] }]);
    expect(ids(run)).toEqual([
      { id: 'delegate-not-found', path: 'spec.http[0].delegate', line: 26 },
      { id: 'fault-not-converted', path: 'spec.http[1].fault', line: 27 },
    ]);
  });
});
