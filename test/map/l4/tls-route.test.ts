import { describe, expect, it } from 'vitest';
import { edgeVs, run, TARGETS } from './harness.js';

// Lines: `tls:` is line 29, its first entry (`- match:`) line 30.
const ONE_ENTRY = edgeVs(`  tls:
  - match:
    - port: 443
      sniHosts: [api.example.com, "*.shop.example.com"]
    route:
    - destination: {host: api, port: {number: 8443}}
`);

describe('tls[] → TLSRoute, by target', () => {
  it.each([
    ['v1.2 experimental', 'gateway.networking.k8s.io/v1alpha2'],
    ['v1.4 experimental', 'gateway.networking.k8s.io/v1alpha3'],
    ['v1.5 standard', 'gateway.networking.k8s.io/v1'],
    ['v1.6 standard', 'gateway.networking.k8s.io/v1'],
  ] as const)(
    '%s writes %s: sniHosts → hostnames, port → sectionName, a lone destination without weight',
    (target, apiVersion) => {
      const r = run(ONE_ENTRY, TARGETS[target]);
      expect(r.objects).toEqual([
        {
          apiVersion,
          kind: 'TLSRoute',
          metadata: { name: 'edge', namespace: 'ingress' },
          spec: {
            parentRefs: [{ name: 'edge', sectionName: 'tls' }],
            hostnames: ['api.example.com', '*.shop.example.com'],
            rules: [{ backendRefs: [{ name: 'api', port: 8443 }] }],
          },
        },
      ]);
      expect(r.findings).toEqual([]);
      expect(r.kept).toEqual([]);
    },
  );

  it('v1.2 standard has no TLSRoute: route-kind-not-converted at spec.tls, the VirtualService is kept', () => {
    const r = run(ONE_ENTRY, TARGETS['v1.2 standard']);
    expect(r.objects).toEqual([]);
    expect(r.findings).toEqual([{ id: 'route-kind-not-converted', path: 'spec.tls', line: 29 }]);
    expect(r.messages[0]).toContain(
      'Gateway API v1.5 (standard) and Istio ≥ 1.30, or the experimental channel',
    );
    expect(r.kept).toEqual(['VirtualService ingress/edge']);
  });

  it('Istio 1.29 on v1.5 standard has no TLSRoute v1 either', () => {
    const r = run(ONE_ENTRY, { ...TARGETS['v1.5 standard'], istio: '1.29' });
    expect(r.objects).toEqual([]);
    expect(r.findings.map((f) => f.id)).toEqual(['route-kind-not-converted']);
  });
});

describe('tls[] matches', () => {
  it('no port: one parentRef to the Gateway; the TLSRoute attaches to TLS listeners by hostname', () => {
    const r = run(
      edgeVs(`  tls:
  - match:
    - sniHosts: [admin.example.com]
    route:
    - destination: {host: admin, port: {number: 8443}}
`),
    );
    expect(r.objects.map((o) => o.spec)).toEqual([
      {
        parentRefs: [{ name: 'edge' }],
        hostnames: ['admin.example.com'],
        rules: [{ backendRefs: [{ name: 'admin', port: 8443 }] }],
      },
    ]);
  });

  it('matches on different ports become routes of their own, so no SNI name reaches another port', () => {
    const r = run(
      edgeVs(`  tls:
  - match:
    - port: 443
      sniHosts: [a.example.com]
    - port: 9443
      sniHosts: [admin.example.com]
    - port: 443
      sniHosts: [b.example.com]
    route:
    - destination: {host: api, port: {number: 8443}}
`),
    );
    expect(r.objects.map((o) => [o.metadata.name, o.spec])).toEqual([
      [
        'edge-1',
        {
          parentRefs: [{ name: 'edge', sectionName: 'tls' }],
          hostnames: ['a.example.com', 'b.example.com'],
          rules: [{ backendRefs: [{ name: 'api', port: 8443 }] }],
        },
      ],
      [
        'edge-2',
        {
          parentRefs: [{ name: 'edge', sectionName: 'tls-admin' }],
          hostnames: ['admin.example.com'],
          rules: [{ backendRefs: [{ name: 'api', port: 8443 }] }],
        },
      ],
    ]);
  });

  it('several entries: <vs>-tls-<n> in written order; weights copied, an unset one among several is 0', () => {
    const r = run(
      edgeVs(`  tls:
  - match:
    - sniHosts: [a.example.com]
    route:
    - destination: {host: a, port: {number: 443}}
      weight: 75
    - destination: {host: a-canary, port: {number: 443}}
  - match:
    - sniHosts: [b.example.com]
    route:
    - destination: {host: b, port: {number: 443}}
`),
    );
    expect(r.objects.map((o) => o.metadata.name)).toEqual(['edge-tls-1', 'edge-tls-2']);
    expect((r.objects[0]!.spec as { rules: unknown }).rules).toEqual([
      {
        backendRefs: [
          { name: 'a', port: 443, weight: 75 },
          { name: 'a-canary', port: 443, weight: 0 },
        ],
      },
    ]);
    expect(r.findings).toEqual([]);
  });

  it('several destinations without weights → weights-unset (equal split), still written', () => {
    const r = run(
      edgeVs(`  tls:
  - match:
    - sniHosts: [a.example.com]
    route:
    - destination: {host: a, port: {number: 443}}
    - destination: {host: b, port: {number: 443}}
`),
    );
    expect(r.objects).toHaveLength(1);
    expect(r.findings).toEqual([{ id: 'weights-unset', path: 'spec.tls[0].route', line: 32 }]);
  });

  it("sniHost '*': no hostnames on v1alpha2 (any SNI, exact); an error where hostnames are required", () => {
    const yaml = edgeVs(`  tls:
  - match:
    - port: 443
      sniHosts: ["*"]
    route:
    - destination: {host: web, port: {number: 443}}
`);
    const alpha2 = run(yaml, TARGETS['v1.2 experimental']);
    expect(alpha2.objects.map((o) => o.spec)).toEqual([
      {
        parentRefs: [{ name: 'edge', sectionName: 'tls' }],
        rules: [{ backendRefs: [{ name: 'web', port: 443 }] }],
      },
    ]);
    expect(alpha2.findings).toEqual([]);
    const v1 = run(yaml, TARGETS['v1.6 standard']);
    expect(v1.objects).toEqual([]);
    expect(v1.findings).toEqual([
      { id: 'sni-host-not-converted', path: 'spec.tls[0].match[0].sniHosts[0]', line: 32 },
    ]);
    expect(v1.kept).toEqual(['VirtualService ingress/edge']);
  });

  it('an IP address SNI is dropped with sni-host-not-converted, the other names stay', () => {
    const r = run(
      edgeVs(`  tls:
  - match:
    - sniHosts: [10.0.0.1, a.example.com]
    route:
    - destination: {host: a, port: {number: 443}}
`),
    );
    expect(r.objects.map((o) => (o.spec as { hostnames: string[] }).hostnames)).toEqual([
      ['a.example.com'],
    ]);
    expect(r.findings).toEqual([
      { id: 'sni-host-not-converted', path: 'spec.tls[0].match[0].sniHosts[0]', line: 31 },
    ]);
  });

  it.each([
    'sourceLabels: {app: admin}',
    'sourceNamespace: ops',
    'destinationSubnets: [10.0.0.0/8]',
  ])('%s → l4-match-not-converted, the match is not emitted (never widened)', (cond) => {
    const field = cond.slice(0, cond.indexOf(':'));
    const r = run(
      edgeVs(`  tls:
  - match:
    - sniHosts: [admin.example.com]
      ${cond}
    - sniHosts: [a.example.com]
    route:
    - destination: {host: a, port: {number: 443}}
`),
    );
    expect(r.objects.map((o) => (o.spec as { hostnames: string[] }).hostnames)).toEqual([
      ['a.example.com'],
    ]);
    expect(r.findings).toEqual([
      { id: 'l4-match-not-converted', path: `spec.tls[0].match[0].${field}`, line: 32 },
    ]);
  });

  it('per-match gateways pick the gateways of that match; a mesh-only match writes nothing', () => {
    const r = run(
      edgeVs(`  tls:
  - match:
    - sniHosts: [a.example.com]
      gateways: [mesh]
    route:
    - destination: {host: a, port: {number: 443}}
  - match:
    - sniHosts: [b.example.com]
      gateways: [edge]
    route:
    - destination: {host: b, port: {number: 443}}
`),
    );
    expect(
      r.objects.map((o) => [o.metadata.name, (o.spec as { hostnames: string[] }).hostnames]),
    ).toEqual([['edge-tls-2', ['b.example.com']]]);
  });

  it('no TLS passthrough listener on the port → ignored-field (it never applied), nothing written', () => {
    const r = run(
      edgeVs(`  tls:
  - match:
    - port: 9443
      sniHosts: [a.example.com]
    route:
    - destination: {host: a, port: {number: 443}}
`),
    );
    expect(r.objects).toEqual([]);
    expect(r.findings).toEqual([{ id: 'ignored-field', path: 'spec.tls[0].match', line: 30 }]);
    expect(r.kept).toEqual(['VirtualService ingress/edge']);
  });

  it('a Service in another namespace: ReferenceGrant from TLSRoute', () => {
    const r = run(
      edgeVs(`  tls:
  - match:
    - sniHosts: [admin.example.com]
    route:
    - destination: {host: admin.ops.svc.cluster.local, port: {number: 8443}}
`),
    );
    expect(r.objects.map((o) => o.kind)).toEqual(['TLSRoute', 'ReferenceGrant']);
    expect(r.objects[1]!.spec).toEqual({
      from: [{ group: 'gateway.networking.k8s.io', kind: 'TLSRoute', namespace: 'ingress' }],
      to: [{ group: '', kind: 'Service', name: 'admin' }],
    });
  });

  it('http[] and tls[] in one VirtualService: the HTTPRoute keeps <vs>, the TLSRoute is <vs>-tls', () => {
    const r = run(`apiVersion: networking.istio.io/v1
kind: Gateway
metadata: {name: edge, namespace: ingress}
spec:
  selector: {istio: ingressgateway}
  servers:
  - port: {number: 80, name: http, protocol: HTTP}
    hosts: [a.example.com]
  - port: {number: 443, name: tls, protocol: TLS}
    tls: {mode: PASSTHROUGH}
    hosts: [a.example.com]
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
  tls:
  - match:
    - sniHosts: [a.example.com]
    route:
    - destination: {host: a, port: {number: 443}}
`);
    expect(r.objects.map((o) => `${o.kind} ${o.metadata.name}`)).toEqual([
      'HTTPRoute edge',
      'TLSRoute edge-tls',
    ]);
    expect(r.findings).toEqual([]);
  });
});
