// Mesh (GAMMA) routes, per-subset Services, the egress pattern, BackendTLSPolicy and
// label-selected policies: real manifests in, exact objects and findings (id, path, line) out.
import { describe, expect, it } from 'vitest';
import { convert, type ConvertOptions } from '../../../src/index.js';
import { mergeSubsetPolicy } from '../../../src/map/subsets/policy.js';
import { boundedLabel } from '../../../src/map/subsets/names.js';

function run(yaml: string, options: ConvertOptions = {}) {
  const r = convert([{ file: 'in.yaml', text: yaml }], options);
  const seen = r.findings
    .filter(
      (f) =>
        !['gateway-provisioned', 'gateway-service-assumed', 'gateway-listener-ports'].includes(
          f.id,
        ),
    )
    .map((f) => ({
      id: f.id,
      ...(f.source?.path ? { path: f.source.path } : {}),
      line: f.source?.line,
    }));
  const of = (kind: string) => r.resources.filter((o) => o.kind === kind);
  return { r, seen, of };
}

const SVC = (name: string, ns: string, port = 9080) => `apiVersion: v1
kind: Service
metadata: {name: ${name}, namespace: ${ns}}
spec:
  selector: {app: ${name}}
  ports:
  - {name: http, port: ${port}}
---
`;

describe('mesh VirtualService → Service-parented HTTPRoute', () => {
  it('short host in its own namespace: producer route named as the VirtualService, no hostnames', () => {
    const { of, seen } = run(
      SVC('reviews', 'shop') +
        `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: reviews, namespace: shop}
spec:
  hosts: [reviews]
  http:
  - route:
    - destination: {host: reviews}
`,
    );
    expect(of('HTTPRoute')).toEqual([
      {
        apiVersion: 'gateway.networking.k8s.io/v1',
        kind: 'HTTPRoute',
        metadata: { name: 'reviews', namespace: 'shop' },
        spec: {
          parentRefs: [{ group: '', kind: 'Service', name: 'reviews' }],
          rules: [{ backendRefs: [{ name: 'reviews', port: 9080 }] }],
        },
      },
    ]);
    expect(seen).toEqual([]);
  });

  it('FQDN of a Service in another namespace: producer route moves there, backends keep resolving', () => {
    const { of, seen } = run(
      SVC('ratings', 'bookinfo') +
        SVC('cache', 'frontend') +
        `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: ratings, namespace: frontend}
spec:
  hosts: [ratings.bookinfo.svc.cluster.local]
  http:
  - route:
    - destination: {host: cache}
`,
    );
    expect(of('HTTPRoute').map((o) => [o.metadata, (o.spec as { rules: unknown }).rules])).toEqual([
      [
        { name: 'frontend-ratings', namespace: 'bookinfo' },
        [{ backendRefs: [{ name: 'cache', namespace: 'frontend', port: 9080 }] }],
      ],
    ]);
    expect(of('ReferenceGrant')).toEqual([]);
    expect(seen).toEqual([{ id: 'mesh-route-placed', path: 'spec.hosts[0]', line: 21 }]);
  });

  it('exportTo ["."]: consumer route in the VirtualService namespace; in the Service namespace it widens', () => {
    const consumer = run(
      SVC('ratings', 'bookinfo') +
        `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: r, namespace: frontend}
spec:
  hosts: [ratings.bookinfo.svc.cluster.local]
  exportTo: ["."]
  http:
  - route:
    - destination: {host: ratings.bookinfo.svc.cluster.local}
`,
    );
    expect(
      consumer
        .of('HTTPRoute')
        .map((o) => [o.metadata, (o.spec as { parentRefs: unknown }).parentRefs]),
    ).toEqual([
      [
        { name: 'r', namespace: 'frontend' },
        [{ group: '', kind: 'Service', name: 'ratings', namespace: 'bookinfo' }],
      ],
    ]);
    expect(consumer.seen).toEqual([{ id: 'mesh-consumer-route', path: 'spec.exportTo', line: 14 }]);
    const widened = run(
      SVC('ratings', 'bookinfo') +
        `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: r, namespace: bookinfo}
spec:
  hosts: [ratings]
  exportTo: ["."]
  http:
  - route:
    - destination: {host: ratings}
`,
    );
    expect(widened.seen).toEqual([{ id: 'mesh-export-widened', path: 'spec.exportTo', line: 14 }]);
  });

  it('ServiceEntry host → ServiceEntry parent; match port → parentRef port and a route of its own', () => {
    const { of, seen } = run(`apiVersion: networking.istio.io/v1
kind: ServiceEntry
metadata: {name: ext, namespace: shop}
spec:
  hosts: [api.example.com]
  ports: [{number: 80, name: http, protocol: HTTP}]
  resolution: DNS
---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: api, namespace: shop}
spec:
  hosts: [api.example.com]
  http:
  - match:
    - port: 80
    timeout: 3s
    route:
    - destination: {host: api.example.com}
`);
    expect(
      of('HTTPRoute').map((o) => [o.metadata.name, (o.spec as { parentRefs: unknown }).parentRefs]),
    ).toEqual([
      [
        'api-port-80',
        [{ group: 'networking.istio.io', kind: 'ServiceEntry', name: 'ext', port: 80 }],
      ],
    ]);
    expect(seen).toEqual([]);
  });

  it('wildcard or unknown mesh host → error, VirtualService kept', () => {
    const { r, seen } = run(`apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: w, namespace: shop}
spec:
  hosts: ["*.example.com", api.example.org]
  http:
  - route:
    - destination: {host: web, port: {number: 80}}
`);
    expect(r.resources).toEqual([]);
    expect(r.kept.map((k) => k.name)).toEqual(['w']);
    expect(seen).toEqual([
      { id: 'mesh-not-converted', path: 'spec.hosts', line: 5 },
      { id: 'mesh-host-not-converted', path: 'spec.hosts[0]', line: 5 },
      { id: 'mesh-host-not-converted', path: 'spec.hosts[1]', line: 5 },
    ]);
  });

  it('mesh + gateway with per-match gateways: mesh rules only on the mesh route, gateway rules only on the gateway route', () => {
    const { of } = run(
      SVC('web', 'shop', 8080) +
        `apiVersion: networking.istio.io/v1
kind: Gateway
metadata: {name: public, namespace: shop}
spec:
  selector: {istio: ingressgateway}
  servers:
  - port: {number: 80, name: http, protocol: HTTP}
    hosts: [web.shop.svc.cluster.local]
---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: web, namespace: shop}
spec:
  hosts: [web.shop.svc.cluster.local]
  gateways: [public, mesh]
  http:
  - match: [{gateways: [mesh], headers: {x-a: {exact: "1"}}}]
    route: [{destination: {host: web}}]
  - match: [{gateways: [public], headers: {x-b: {exact: "1"}}}]
    route: [{destination: {host: web}}]
  - route: [{destination: {host: web}}]
`,
    );
    const rules = (name: string) =>
      (
        of('HTTPRoute').find((o) => o.metadata.name === name)!.spec as {
          rules: { matches?: { headers: { name: string }[] }[] }[];
        }
      ).rules.map((r) => r.matches?.[0]?.headers[0]?.name ?? '*');
    expect(rules('web')).toEqual(['x-b', '*']);
    expect(rules('web-mesh')).toEqual(['x-a', '*']);
  });

  it('scheme on a mesh match → match-not-converted for sidecars', () => {
    const { seen } = run(
      SVC('web', 'shop') +
        `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: web, namespace: shop}
spec:
  hosts: [web]
  http:
  - match: [{scheme: {exact: https}}]
    route: [{destination: {host: web}}]
  - route: [{destination: {host: web}}]
`,
    );
    expect(seen).toEqual([
      { id: 'match-not-converted', path: 'spec.http[0].match[0].scheme', line: 15 },
    ]);
  });
});

const REVIEWS_DR = `apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: {name: reviews, namespace: shop}
spec:
  host: reviews
  subsets:
  - {name: v1, labels: {version: v1}}
  - {name: v2, labels: {version: v2}}
---
`;
const VS = (name: string, subset: string) => `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: ${name}, namespace: shop}
spec:
  hosts: [${name}.example.com]
  gateways: [istio-system/public]
  http:
  - route:
    - destination: {host: reviews, subset: ${subset}, port: {number: 9080}}
---
`;

describe('subsets → per-subset Services', () => {
  it('one Service per (Service, subset), deduplicated across VirtualServices', () => {
    const { of, seen } = run(
      SVC('reviews', 'shop') + REVIEWS_DR + VS('a', 'v1') + VS('b', 'v1') + VS('c', 'v2'),
    );
    expect(of('Service')).toEqual([
      {
        apiVersion: 'v1',
        kind: 'Service',
        metadata: { name: 'reviews-v1', namespace: 'shop' },
        spec: {
          selector: { app: 'reviews', version: 'v1' },
          ports: [{ name: 'http', port: 9080 }],
        },
      },
      {
        apiVersion: 'v1',
        kind: 'Service',
        metadata: { name: 'reviews-v2', namespace: 'shop' },
        spec: {
          selector: { app: 'reviews', version: 'v2' },
          ports: [{ name: 'http', port: 9080 }],
        },
      },
    ]);
    expect(seen.filter((f) => f.id.startsWith('subset'))).toEqual([
      { id: 'subset-service-created', path: 'spec.http[0].route[0].destination.subset', line: 26 },
      { id: 'subset-service-created', path: 'spec.http[0].route[0].destination.subset', line: 46 },
    ]);
  });

  it('without the Service manifest: subset labels only, guessed port, error', () => {
    const { of, seen } = run(REVIEWS_DR + VS('a', 'v1'));
    expect(of('Service').map((s) => s.spec)).toEqual([
      { selector: { version: 'v1' }, ports: [{ port: 9080, targetPort: 9080 }] },
    ]);
    expect(seen.filter((f) => f.id.startsWith('subset'))).toEqual([
      {
        id: 'subset-service-selector-unchecked',
        path: 'spec.http[0].route[0].destination.subset',
        line: 18,
      },
    ]);
  });

  it('--subset-services none: no Service, every reference reported', () => {
    const { of, seen } = run(SVC('reviews', 'shop') + REVIEWS_DR + VS('a', 'v1') + VS('b', 'v1'), {
      subsetServices: 'none',
    });
    expect(of('Service')).toEqual([]);
    expect(seen.filter((f) => f.id.startsWith('subset')).map((f) => f.id)).toEqual([
      'subset-service-not-created',
      'subset-service-not-created',
    ]);
  });

  it('an unknown subset keeps subset-not-converted and the base Service', () => {
    const { of, seen } = run(SVC('reviews', 'shop') + REVIEWS_DR + VS('a', 'v9'));
    expect(
      (of('HTTPRoute')[0]!.spec as { rules: { backendRefs: { name: string }[] }[] }).rules[0]!
        .backendRefs[0]!.name,
    ).toBe('reviews');
    expect(seen.filter((f) => f.id.startsWith('subset'))).toEqual([
      { id: 'subset-not-converted', path: 'spec.http[0].route[0].destination.subset', line: 26 },
    ]);
  });

  it('names stay DNS labels ≤ 63 and distinct', () => {
    const long = 'a'.repeat(60);
    expect(boundedLabel('reviews', 'v1')).toBe('reviews-v1');
    expect(boundedLabel(long, 'v1').length).toBeLessThanOrEqual(63);
    expect(boundedLabel(long, 'v1')).not.toBe(boundedLabel(long, 'v2'));
    expect(boundedLabel('reviews', 'V1.0')).toBe('reviews-v1-0');
  });

  it('traffic policy merge: parent top, parent port, subset top, subset port; fields replaced whole', () => {
    expect(
      mergeSubsetPolicy(
        {
          connectionPool: { tcp: { maxConnections: 1 } },
          loadBalancer: { simple: 'ROUND_ROBIN' },
          portLevelSettings: [{ port: { number: 80 }, tls: { mode: 'SIMPLE' } }],
        },
        {
          loadBalancer: { simple: 'LEAST_REQUEST' },
          portLevelSettings: [
            { port: { number: 80 }, connectionPool: { http: { maxRetries: 2 } } },
          ],
        },
      ),
    ).toEqual({
      connectionPool: { tcp: { maxConnections: 1 } },
      loadBalancer: { simple: 'LEAST_REQUEST' },
      portLevelSettings: [
        {
          port: { number: 80 },
          loadBalancer: { simple: 'LEAST_REQUEST' },
          connectionPool: { http: { maxRetries: 2 } },
          tls: { mode: 'SIMPLE' },
        },
      ],
    });
    expect(mergeSubsetPolicy(undefined, undefined)).toBeUndefined();
  });
});

const EGRESS_GW = (name: string) => `apiVersion: networking.istio.io/v1
kind: Gateway
metadata: {name: ${name}, namespace: istio-system}
spec:
  selector: {istio: egressgateway}
  servers:
  - port: {number: 80, name: http, protocol: HTTP}
    hosts: [${name}.example.org]
---
`;

describe('egress gateway destinations', () => {
  const vs = `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: out, namespace: default}
spec:
  hosts: [api.example.org]
  gateways: [mesh]
  http:
  - route:
    - destination: {host: istio-egressgateway.istio-system.svc.cluster.local, port: {number: 80}}
---
apiVersion: networking.istio.io/v1
kind: ServiceEntry
metadata: {name: api, namespace: default}
spec:
  hosts: [api.example.org]
  ports: [{number: 80, name: http, protocol: HTTP}]
`;
  it('one provisioned egress Gateway: destination rewritten to <gateway>-<class>, Gateway annotated ClusterIP', () => {
    const { of, seen } = run(EGRESS_GW('api') + vs);
    expect(
      (of('HTTPRoute')[0]!.spec as { rules: { backendRefs: unknown[] }[] }).rules[0]!.backendRefs,
    ).toEqual([{ name: 'api-istio', namespace: 'istio-system', port: 80 }]);
    expect(of('Gateway')[0]!.metadata.annotations).toEqual({
      'networking.istio.io/service-type': 'ClusterIP',
    });
    expect(seen).toEqual([
      { id: 'egress-gateway-cluster-ip', path: 'spec.selector', line: 5 },
      {
        id: 'gateway-destination-rewritten',
        path: 'spec.http[0].route[0].destination.host',
        line: 18,
      },
    ]);
  });
  it('two egress Gateways on the same pods, per-gateway, neither bound nor matching the host: ambiguous, left as it was', () => {
    const { seen } = run(EGRESS_GW('one') + EGRESS_GW('two') + vs, {
      gatewayStrategy: 'per-gateway',
    });
    expect(seen.filter((f) => f.id.startsWith('gateway-destination'))).toEqual([
      {
        id: 'gateway-destination-ambiguous',
        path: 'spec.http[0].route[0].destination.host',
        line: 27,
      },
    ]);
  });
  it('two egress Gateways on the same pods, per-workload: one Gateway, so the destination is its Service', () => {
    const { of, seen } = run(EGRESS_GW('one') + EGRESS_GW('two') + vs);
    expect(of('Gateway').map((g) => `${g.metadata.namespace}/${g.metadata.name}`)).toEqual([
      'istio-system/istio-egressgateway',
    ]);
    expect(seen.filter((f) => f.id.startsWith('gateway-destination'))).toEqual([
      {
        id: 'gateway-destination-rewritten',
        path: 'spec.http[0].route[0].destination.host',
        line: 27,
      },
    ]);
    const backends = of('HTTPRoute').flatMap((r) =>
      (
        r.spec as { rules: { backendRefs?: { name: string; namespace?: string }[] }[] }
      ).rules.flatMap((x) => x.backendRefs ?? []),
    );
    expect(backends.map((b) => `${b.namespace}/${b.name}`)).toContain(
      'istio-system/istio-egressgateway-istio',
    );
  });
  // istio.io egress tasks: the hop's DestinationRule follows to <gateway>-<class>.
  const DR = (ns: string, tls: string) => `---
apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: {name: egress-${ns}, namespace: ${ns}}
spec:
  host: istio-egressgateway.istio-system.svc.cluster.local
  trafficPolicy:
    portLevelSettings:
    - port: {number: 80}
      tls: {mode: ISTIO_MUTUAL, sni: ${tls}}
`;
  it("a top-level hop policy (no subset) follows to the new Service; the client namespace's rule wins", () => {
    const { of, seen, r } = run(
      EGRESS_GW('api') +
        vs +
        DR('istio-system', 'other.example.org') +
        DR('default', 'api.example.org'),
    );
    expect(of('DestinationRule')).toEqual([
      {
        apiVersion: 'networking.istio.io/v1',
        kind: 'DestinationRule',
        metadata: { name: 'egress-default-api-istio', namespace: 'default' },
        spec: {
          host: 'api-istio.istio-system.svc.cluster.local',
          trafficPolicy: {
            portLevelSettings: [
              { port: { number: 80 }, tls: { mode: 'ISTIO_MUTUAL', sni: 'api.example.org' } },
            ],
          },
        },
      },
    ]);
    expect(
      seen.filter(
        (f) => f.id !== 'egress-gateway-cluster-ip' && f.id !== 'gateway-destination-rewritten',
      ),
    ).toEqual([
      {
        id: 'gateway-destination-policy-copied',
        path: 'spec.http[0].route[0].destination.host',
        line: 18,
      },
      { id: 'destination-rule-unrouted', path: 'spec.host', line: 31 },
      { id: 'destination-rule-unrouted', path: 'spec.host', line: 41 },
    ]);
    expect(r.kept.filter((k) => k.kind === 'DestinationRule').map((k) => k.reason)).toEqual([
      'kept, but no converted route sends to istio-egressgateway.istio-system.svc.cluster.local any more: it applies only to traffic that still reaches the host some other way',
      'kept, but no converted route sends to istio-egressgateway.istio-system.svc.cluster.local any more: it applies only to traffic that still reaches the host some other way',
    ]);
  });
  it('no hop DestinationRule when the rewritten rule is not emitted', () => {
    const { of } = run(
      EGRESS_GW('api') +
        vs
          .replace(', port: {number: 80}', '')
          .replace(
            'ports: [{number: 80, name: http, protocol: HTTP}]',
            'ports: [{number: 80, name: http, protocol: HTTP}, {number: 81, name: h2, protocol: HTTP}]',
          ) +
        DR('default', 'api.example.org'),
    );
    expect(of('DestinationRule')).toEqual([]);
  });
  it('reuse mode keeps the old pods: no rewrite, no annotation', () => {
    const { of, seen } = run(EGRESS_GW('api') + vs, { reuseGateway: true });
    expect(of('Gateway')[0]!.metadata.annotations).toBeUndefined();
    expect(seen.map((f) => f.id)).not.toContain('gateway-destination-rewritten');
  });
});

describe('policies that select the old gateway pods', () => {
  const input = `apiVersion: networking.istio.io/v1
kind: Gateway
metadata: {name: public, namespace: shop}
spec:
  selector: {istio: ingressgateway}
  servers:
  - port: {number: 80, name: http, protocol: HTTP}
    hosts: [web.example.com]
---
apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata: {name: deny-admin, namespace: istio-system}
spec:
  selector:
    matchLabels: {istio: ingressgateway}
  action: DENY
---
apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata: {name: other-app, namespace: istio-system}
spec:
  selector:
    matchLabels: {app: billing}
---
apiVersion: networking.istio.io/v1alpha3
kind: EnvoyFilter
metadata: {name: lua, namespace: istio-system}
spec:
  workloadSelector:
    labels: {istio: ingressgateway}
`;
  it('one counterpart per selecting resource, reported at its selector; none in reuse mode', () => {
    const byId = (o: ConvertOptions = {}) =>
      run(input, o).seen.filter((f) => f.id.startsWith('policy-'));
    expect(byId()).toEqual([
      { id: 'policy-counterpart-created', path: 'spec.selector.matchLabels', line: 15 },
    ]);
    expect(byId({ reuseGateway: true })).toEqual([]);
  });
});

describe('--backend-tls-policy', () => {
  const input =
    SVC('legacy', 'shop', 8443) +
    `apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: {name: legacy, namespace: shop}
spec:
  host: legacy
  trafficPolicy:
    tls: {mode: SIMPLE, sni: legacy.example.com, subjectAltNames: [legacy.example.com]}
`;
  it('SIMPLE to a Service → BackendTLSPolicy; Istio 1.31 reports no conflict', () => {
    const { of, seen } = run(input, { backendTlsPolicy: true });
    expect(of('BackendTLSPolicy')).toEqual([
      {
        apiVersion: 'gateway.networking.k8s.io/v1',
        kind: 'BackendTLSPolicy',
        metadata: { name: 'legacy', namespace: 'shop' },
        spec: {
          targetRefs: [{ group: '', kind: 'Service', name: 'legacy' }],
          validation: {
            wellKnownCACertificates: 'System',
            hostname: 'legacy.example.com',
            subjectAltNames: [{ type: 'Hostname', hostname: 'legacy.example.com' }],
          },
        },
      },
    ]);
    expect(seen).toEqual([
      { id: 'backend-tls-policy-created', path: 'spec.trafficPolicy.tls', line: 15 },
    ]);
  });
  it('without the flag nothing is written; on Gateway API v1.3 it is reported', () => {
    expect(run(input).of('BackendTLSPolicy')).toEqual([]);
    expect(run(input, { backendTlsPolicy: true, gatewayApi: 'v1.3' }).seen).toEqual([
      { id: 'backend-tls-policy-not-converted', path: 'spec.trafficPolicy.tls', line: 15 },
    ]);
  });
});
