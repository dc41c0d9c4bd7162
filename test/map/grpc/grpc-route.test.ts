import { describe, expect, it } from 'vitest';
import { run } from '../l4/harness.js';

/** Gateway grpc/gw (port 80, `protocol`), Service grpc/greeter (port 50051, `port`); the VirtualService starts at line 20. */
function grpcYaml(
  http: string,
  opts: { protocol?: string; port?: string; hosts?: string } = {},
): string {
  return `apiVersion: networking.istio.io/v1
kind: Gateway
metadata: {name: gw, namespace: grpc}
spec:
  selector: {istio: ingressgateway}
  servers:
  - port: {number: 80, name: web, protocol: ${opts.protocol ?? 'HTTP'}}
    hosts: ["*.example.com"]
---
apiVersion: v1
kind: Service
metadata: {name: greeter, namespace: grpc}
spec:
  selector: {app: greeter}
  ports:
  - ${opts.port ?? '{name: api, port: 50051, appProtocol: grpc}'}
---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: greeter, namespace: grpc}
spec:
  hosts: [${opts.hosts ?? 'greeter.example.com'}]
  gateways: [gw]
  http:
${http}`;
}

const GREETER = `  - match:
    - uri: {exact: /helloworld.Greeter/SayHello}
      headers:
        x-canary: {exact: "true"}
    route:
    - destination: {host: greeter, port: {number: 50051}}
  - match:
    - uri: {prefix: /helloworld.Greeter/}
    route:
    - destination: {host: greeter}
`;

describe('http[] → GRPCRoute', () => {
  it('gRPC backends (appProtocol grpc) and gRPC paths: service/method and service matches, headers, port from the Service', () => {
    const r = run(grpcYaml(GREETER));
    expect(r.objects).toEqual([
      {
        apiVersion: 'gateway.networking.k8s.io/v1',
        kind: 'GRPCRoute',
        metadata: { name: 'greeter', namespace: 'grpc' },
        spec: {
          parentRefs: [{ name: 'gw' }],
          hostnames: ['greeter.example.com'],
          rules: [
            {
              matches: [
                {
                  method: { type: 'Exact', service: 'helloworld.Greeter', method: 'SayHello' },
                  headers: [{ type: 'Exact', name: 'x-canary', value: 'true' }],
                },
              ],
              backendRefs: [{ name: 'greeter', port: 50051 }],
            },
            {
              matches: [{ method: { type: 'Exact', service: 'helloworld.Greeter' } }],
              backendRefs: [{ name: 'greeter', port: 50051 }],
            },
          ],
        },
      },
    ]);
    // No prefix-semantics: GRPCRoute {service} is Istio's prefix /service/ exactly.
    expect(r.findings).toEqual([{ id: 'grpc-route', path: 'spec.http', line: 24 }]);
    expect(r.messages[0]).toContain('Service grpc/greeter port 50051 (appProtocol grpc)');
  });

  it.each([
    ['a GRPC server', { protocol: 'GRPC', port: '{name: api, port: 50051}' }],
    ['an HTTP2 server', { protocol: 'HTTP2', port: '{name: api, port: 50051}' }],
    ['a port named grpc-api', { port: '{name: grpc-api, port: 50051}' }],
  ] as const)('%s is gRPC evidence too', (_, opts) => {
    const r = run(grpcYaml(GREETER, opts));
    expect(r.objects.map((o) => o.kind)).toEqual(['GRPCRoute']);
  });

  it.each([
    ['a plain HTTP port', '{name: http, port: 50051}'],
    ['a grpc-web port', '{name: grpc-web, port: 50051}'],
    ['appProtocol http over a grpc name', '{name: grpc, port: 50051, appProtocol: http}'],
  ])('%s is no gRPC evidence: HTTPRoute, no gRPC finding', (_, port) => {
    const r = run(grpcYaml(GREETER, { port }));
    expect(r.objects.map((o) => o.kind)).toEqual(['HTTPRoute']);
    expect(r.findings.map((f) => f.id)).toEqual(['prefix-semantics']);
  });

  it('strictPrefix does not matter: the gRPC service prefix is exact in GRPCRoute', () => {
    const r = run(grpcYaml(GREETER), { strictPrefix: true });
    expect(r.objects.map((o) => o.kind)).toEqual(['GRPCRoute']);
    expect(r.findings.map((f) => f.id)).toEqual(['grpc-route']);
  });

  it("prefix '/' is a catch-all rule; header filters and a cross-namespace mirror carry over", () => {
    const r = run(
      grpcYaml(`  - match:
    - uri: {prefix: /}
    headers:
      request:
        set: {x-gw: "1"}
    mirror: {host: shadow.mirror.svc.cluster.local, port: {number: 50051}}
    mirrorPercentage: {value: 5}
    route:
    - destination: {host: greeter}
`),
    );
    expect(r.objects.map((o) => o.kind)).toEqual(['GRPCRoute', 'ReferenceGrant']);
    expect((r.objects[0]!.spec as { rules: unknown }).rules).toEqual([
      {
        filters: [
          {
            type: 'RequestHeaderModifier',
            requestHeaderModifier: { set: [{ name: 'x-gw', value: '1' }] },
          },
          {
            type: 'RequestMirror',
            requestMirror: {
              backendRef: { name: 'shadow', namespace: 'mirror', port: 50051 },
              percent: 5,
            },
          },
        ],
        backendRefs: [{ name: 'greeter', port: 50051 }],
      },
    ]);
    // The mirror's Service is in another namespace: the ReferenceGrant is from GRPCRoute.
    expect(r.objects[1]!.metadata.namespace).toBe('mirror');
    expect(r.objects[1]!.spec).toEqual({
      from: [{ group: 'gateway.networking.k8s.io', kind: 'GRPCRoute', namespace: 'grpc' }],
      to: [{ group: '', kind: 'Service', name: 'shadow' }],
    });
  });
});

describe('gRPC backends kept as HTTPRoute', () => {
  it.each([
    ['timeout: 2s', 'spec.http[0].timeout', 27, 'it has a timeout'],
    ['retries: {attempts: 3}', 'spec.http[0].retries', 27, 'it has a retry policy'],
    ['rewrite: {uri: /x/}', 'spec.http[0].rewrite', 27, 'it has a rewrite'],
  ])(
    '%s → the whole VirtualService stays an HTTPRoute: grpc-kept-httproute at %s',
    (field, path, line, why) => {
      const r = run(
        grpcYaml(
          `  - match:
    - uri: {prefix: /helloworld.Greeter/}
    ${field}
    route:
    - destination: {host: greeter}
  - route:
    - destination: {host: greeter}
`,
          { protocol: 'GRPC' },
        ),
      );
      expect(r.objects.every((o) => o.kind === 'HTTPRoute')).toBe(true);
      expect(r.findings.filter((f) => f.id === 'grpc-kept-httproute')).toEqual([
        { id: 'grpc-kept-httproute', path, line },
      ]);
      expect(r.messages.join('\n')).toContain(why);
    },
  );

  it('a path that is not a gRPC method → HTTPRoute, finding at the uri', () => {
    const r = run(
      grpcYaml(`  - match:
    - uri: {exact: /healthz}
    route:
    - destination: {host: greeter}
`),
    );
    expect(r.objects.map((o) => o.kind)).toEqual(['HTTPRoute']);
    expect(r.findings).toEqual([
      { id: 'grpc-kept-httproute', path: 'spec.http[0].match[0].uri', line: 26 },
    ]);
    expect(r.messages[0]).toContain("exact path '/healthz' is not a gRPC method path");
  });

  it('a host shared with a VirtualService that stays an HTTPRoute: neither becomes a GRPCRoute', () => {
    const r = run(`${grpcYaml(GREETER, { hosts: '"*.example.com"' })}---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: web, namespace: grpc}
spec:
  hosts: [www.example.com]
  gateways: [gw]
  http:
  - route:
    - destination: {host: web, port: {number: 80}}
`);
    expect(r.objects.map((o) => `${o.kind} ${o.metadata.name}`)).toEqual([
      'HTTPRoute greeter',
      'HTTPRoute web',
    ]);
    expect(r.findings.filter((f) => f.id.startsWith('grpc'))).toEqual([
      { id: 'grpc-kept-httproute', path: 'spec.hosts[0]', line: 22 },
    ]);
    expect(r.messages.find((m) => m.includes('VirtualService grpc/web'))).toContain(
      "host '*.example.com' is also routed by VirtualService grpc/web",
    );
  });
});
