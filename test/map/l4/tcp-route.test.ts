import { describe, expect, it } from 'vitest';
import { edgeVs, run, TARGETS } from './harness.js';

// Lines: `tcp:` is line 29, its first entry line 30.
const ONE_ENTRY = edgeVs(`  tcp:
  - match:
    - port: 5432
    route:
    - destination: {host: primary, port: {number: 5432}}
`);

describe('tcp[] → TCPRoute, by target', () => {
  it.each([
    ['v1.2 experimental', 'gateway.networking.k8s.io/v1alpha2'],
    ['v1.4 experimental', 'gateway.networking.k8s.io/v1alpha2'],
    ['v1.6 standard', 'gateway.networking.k8s.io/v1'],
  ] as const)('%s writes %s: port → sectionName, one rule', (target, apiVersion) => {
    const r = run(ONE_ENTRY, TARGETS[target]);
    expect(r.objects).toEqual([
      {
        apiVersion,
        kind: 'TCPRoute',
        metadata: { name: 'edge', namespace: 'ingress' },
        spec: {
          parentRefs: [{ name: 'edge', sectionName: 'postgres' }],
          rules: [{ backendRefs: [{ name: 'primary', port: 5432 }] }],
        },
      },
    ]);
    expect(r.findings).toEqual([]);
    expect(r.kept).toEqual([]);
  });

  it.each(['v1.2 standard', 'v1.5 standard'] as const)(
    '%s has no TCPRoute: route-kind-not-converted at spec.tcp, the VirtualService is kept',
    (target) => {
      const r = run(ONE_ENTRY, TARGETS[target]);
      expect(r.objects).toEqual([]);
      expect(r.findings).toEqual([{ id: 'route-kind-not-converted', path: 'spec.tcp', line: 29 }]);
      expect(r.messages[0]).toContain(
        'Gateway API v1.6 (standard) and Istio ≥ 1.31, or the experimental channel',
      );
      expect(r.kept).toEqual(['VirtualService ingress/edge']);
    },
  );

  it('v1.5 standard with http[] too: the VirtualService is replaced and the error says the tcp routes are lost', () => {
    const r = run(
      `apiVersion: networking.istio.io/v1
kind: Gateway
metadata: {name: edge, namespace: ingress}
spec:
  selector: {istio: ingressgateway}
  servers:
  - port: {number: 80, name: http, protocol: HTTP}
    hosts: [a.example.com]
  - port: {number: 5432, name: postgres, protocol: TCP}
    hosts: ["*"]
---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: edge, namespace: ingress}
spec:
  hosts: [a.example.com]
  gateways: [edge]
  http:
  - route:
    - destination: {host: a, port: {number: 80}}
  tcp:
  - route:
    - destination: {host: db, port: {number: 5432}}
`,
      TARGETS['v1.5 standard'],
    );
    expect(r.objects.map((o) => `${o.kind} ${o.metadata.name}`)).toEqual(['HTTPRoute edge']);
    expect(r.findings).toEqual([{ id: 'route-kind-not-converted', path: 'spec.tcp', line: 21 }]);
    expect(r.messages[0]).toContain('these TCP connections are no longer routed');
    expect(r.kept).toEqual([]);
  });
});

describe('tcp[] order and matches', () => {
  it('first match wins: a catch-all after a port entry gets only the listeners left', () => {
    const r = run(
      edgeVs(`  tcp:
  - match:
    - port: 5432
    route:
    - destination: {host: primary, port: {number: 5432}}
  - route:
    - destination: {host: cache, port: {number: 6379}}
`),
    );
    expect(
      r.objects.map((o) => [o.metadata.name, (o.spec as { parentRefs: unknown }).parentRefs]),
    ).toEqual([
      ['edge-tcp-1', [{ name: 'edge', sectionName: 'postgres' }]],
      ['edge-tcp-2', [{ name: 'edge', sectionName: 'redis' }]],
    ]);
    expect(r.findings).toEqual([]);
  });

  it('a catch-all first takes the whole Gateway; a later entry never applied → l4-route-shadowed', () => {
    const r = run(
      edgeVs(`  tcp:
  - route:
    - destination: {host: primary, port: {number: 5432}}
  - match:
    - port: 5432
    route:
    - destination: {host: replica, port: {number: 5432}}
`),
    );
    expect(
      r.objects.map((o) => [o.metadata.name, (o.spec as { parentRefs: unknown }).parentRefs]),
    ).toEqual([['edge-tcp-1', [{ name: 'edge' }]]]);
    expect(r.findings).toEqual([{ id: 'l4-route-shadowed', path: 'spec.tcp[1]', line: 32 }]);
  });

  it('several matches: their listeners together in one route', () => {
    const r = run(
      edgeVs(`  tcp:
  - match:
    - port: 5432
    - port: 6379
    route:
    - destination: {host: proxy, port: {number: 7000}}
`),
    );
    expect(r.objects.map((o) => (o.spec as { parentRefs: unknown }).parentRefs)).toEqual([
      [
        { name: 'edge', sectionName: 'postgres' },
        { name: 'edge', sectionName: 'redis' },
      ],
    ]);
  });

  it.each([
    'sourceLabels: {app: reporting}',
    'sourceNamespace: analytics',
    'sourceSubnet: 10.0.0.0/8',
    'destinationSubnets: [10.1.0.0/16]',
  ])(
    '%s → l4-match-not-converted; the match is not emitted, so its connections reach the next entry',
    (cond) => {
      const field = cond.slice(0, cond.indexOf(':'));
      const r = run(
        edgeVs(`  tcp:
  - match:
    - port: 5432
      ${cond}
    route:
    - destination: {host: replica, port: {number: 5432}}
  - match:
    - port: 5432
    route:
    - destination: {host: primary, port: {number: 5432}}
`),
      );
      expect(r.objects.map((o) => [o.metadata.name, (o.spec as { rules: unknown }).rules])).toEqual(
        [['edge-tcp-2', [{ backendRefs: [{ name: 'primary', port: 5432 }] }]]],
      );
      expect(r.findings).toEqual([
        { id: 'l4-match-not-converted', path: `spec.tcp[0].match[0].${field}`, line: 32 },
      ]);
    },
  );

  it('no TCP listener on the port → ignored-field, nothing written, VirtualService kept', () => {
    const r = run(
      edgeVs(`  tcp:
  - match:
    - port: 3306
    route:
    - destination: {host: mysql, port: {number: 3306}}
`),
    );
    expect(r.objects).toEqual([]);
    expect(r.findings).toEqual([{ id: 'ignored-field', path: 'spec.tcp[0].match', line: 30 }]);
    expect(r.kept).toEqual(['VirtualService ingress/edge']);
  });

  it('a destination without a port and a Service with two ports → backend-not-converted, the entry is not written', () => {
    const r = run(`${edgeVs(`  tcp:
  - match:
    - port: 5432
    route:
    - destination: {host: db}
`)}---
apiVersion: v1
kind: Service
metadata: {name: db, namespace: ingress}
spec:
  ports: [{port: 5432}, {port: 5433}]
`);
    expect(r.objects).toEqual([]);
    expect(r.findings).toEqual([
      { id: 'backend-not-converted', path: 'spec.tcp[0].route[0].destination.host', line: 33 },
    ]);
  });

  it('weights: copied among several, an unset one is 0 (never an unset weight as 0 for a lone destination)', () => {
    const r = run(
      edgeVs(`  tcp:
  - match:
    - port: 5432
    route:
    - destination: {host: primary, port: {number: 5432}}
      weight: 80
    - destination: {host: replica, port: {number: 5432}}
      weight: 20
`),
    );
    expect((r.objects[0]!.spec as { rules: unknown }).rules).toEqual([
      {
        backendRefs: [
          { name: 'primary', port: 5432, weight: 80 },
          { name: 'replica', port: 5432, weight: 20 },
        ],
      },
    ]);
  });

  it('a gateway not in the input: parentRef by name and port, gateway-not-found once', () => {
    const r = run(`apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: db, namespace: shop}
spec:
  hosts: ["*"]
  gateways: [istio-system/tcp-gateway]
  tcp:
  - match:
    - port: 5432
    route:
    - destination: {host: db, port: {number: 5432}}
`);
    expect(r.objects.map((o) => (o.spec as { parentRefs: unknown }).parentRefs)).toEqual([
      [{ name: 'tcp-gateway', namespace: 'istio-system', port: 5432 }],
    ]);
    expect(r.findings).toEqual([{ id: 'gateway-not-found', path: 'spec.gateways[0]', line: 6 }]);
  });

  it('a mesh-only VirtualService with only tcp[] is kept as it is, so it goes on routing sidecars', () => {
    const r = run(`apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: db, namespace: shop}
spec:
  hosts: [db]
  tcp:
  - route:
    - destination: {host: db, port: {number: 5432}}
`);
    expect(r.objects).toEqual([]);
    expect(r.findings.map((f) => f.id)).toEqual([]);
    expect(r.kept).toEqual(['VirtualService shop/db']);
  });

  it('a mesh VirtualService replaced by its HTTP mesh route: its tcp[] routes stay in the residual, or are reported, never dropped silently', () => {
    const input = `apiVersion: v1
kind: Service
metadata: {name: db, namespace: shop}
spec:
  selector: {app: db}
  ports: [{name: http, port: 8080}, {name: pg, port: 5432}]
---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: db, namespace: shop}
spec:
  hosts: [db]
  http:
  - route:
    - destination: {host: db, port: {number: 8080}}
  tcp:
  - route:
    - destination: {host: db, port: {number: 5432}}
`;
    const r = run(input);
    expect(r.objects.map((o) => `${o.kind} ${o.metadata.namespace}/${o.metadata.name}`)).toEqual([
      'HTTPRoute shop/db',
      'VirtualService shop/db-residual',
    ]);
    expect(r.objects[1]!.spec).toEqual({
      hosts: ['db'],
      gateways: ['mesh'],
      tcp: [{ route: [{ destination: { host: 'db', port: { number: 5432 } } }] }],
    });
    expect(r.findings.map((f) => f.id)).toEqual(['residual-coexists', 'residual-virtual-service']);
    const off = run(input, { residualVirtualServices: false });
    expect(off.objects.map((o) => o.kind)).toEqual(['HTTPRoute']);
    expect(off.findings.filter((f) => f.id === 'mesh-l4-not-converted')).toEqual([
      { id: 'mesh-l4-not-converted', path: 'spec.tcp', line: 16 },
    ]);
    expect(r.kept).toEqual([]);
  });
});
