import { describe, expect, it } from 'vitest';
import {
  clientPortFor,
  gatewayServiceOf,
  listenPortFor,
  podPortFor,
} from '../../src/model/gateway-service.js';
import { loadIstio } from '../../src/verify/load.js';

const gateway = (selector: string) => `apiVersion: networking.istio.io/v1
kind: Gateway
metadata: {name: gw, namespace: apps}
spec:
  selector: {${selector}}
  servers:
  - port: {number: 8080, name: http, protocol: HTTP}
    hosts: ["*"]
`;

const service = (labels = '{}') => `---
apiVersion: v1
kind: Service
metadata: {name: edge, namespace: ingress, labels: ${labels}}
spec:
  selector: {app: edge}
  ports:
  - {name: http, port: 80, targetPort: web}
  - {name: https, port: 443, targetPort: 8443}
  - {name: admin, port: 9000}
`;

const deployment = `---
apiVersion: apps/v1
kind: Deployment
metadata: {name: edge, namespace: ingress}
spec:
  template:
    metadata: {labels: {app: edge, version: v1}}
    spec:
      containers:
      - name: proxy
        ports: [{name: web, containerPort: 8080}]
`;

function svcOf(yaml: string) {
  const { index } = loadIstio([{ file: 'in.yaml', text: yaml }]);
  return gatewayServiceOf(index, index.gateways[0]!);
}

describe('the gateway Service and the port clients connect to (pilot resolvePorts)', () => {
  it("Istio's default ingress Service: 8080 is behind 80, 443 is a Service port, 9090 is not exposed", () => {
    const svc = svcOf(gateway('istio: ingressgateway'))!;
    expect([svc.namespace, svc.name, svc.assumed]).toEqual([
      'istio-system',
      'istio-ingressgateway',
      true,
    ]);
    expect(clientPortFor(svc, 8080)).toMatchObject({ kind: 'target-port', port: 80 });
    expect(clientPortFor(svc, 443)).toMatchObject({ kind: 'service-port', port: 443 });
    expect(clientPortFor(svc, 9090)).toEqual({ kind: 'not-exposed', port: 9090, unresolved: [] });
    // Classic: a request on Service port 80 reaches pod port 8080, where both servers 80 and 8080 listen.
    expect([podPortFor(svc, 80), listenPortFor(svc, 80), listenPortFor(svc, 8080)]).toEqual([
      8080, 8080, 8080,
    ]);
    expect(podPortFor(svc, 8080)).toBeUndefined();
  });

  it('a named targetPort is resolved through the Deployment the Service selects; a missing port defaults to port', () => {
    const svc = svcOf(gateway('app: edge') + service() + deployment)!;
    expect(svc.assumed).toBe(false);
    expect(svc.ports).toEqual([
      { name: 'http', port: 80, targetPort: 8080, targetName: 'web' },
      { name: 'https', port: 443, targetPort: 8443 },
      { name: 'admin', port: 9000, targetPort: 9000 },
    ]);
    expect(clientPortFor(svc, 8080)).toMatchObject({ kind: 'target-port', port: 80 });
  });

  it('without the Deployment the named targetPort stays unknown and is named', () => {
    const svc = svcOf(gateway('app: edge') + service())!;
    expect(clientPortFor(svc, 8080)).toEqual({
      kind: 'not-exposed',
      port: 8080,
      unresolved: ['web'],
    });
    expect(podPortFor(svc, 80)).toBe(listenPortFor(svc, 80));
  });

  it('experimental.istio.io/disable-gateway-port-translation: a server port is always a pod port', () => {
    const svc = svcOf(
      gateway('app: edge') +
        service('{experimental.istio.io/disable-gateway-port-translation: "true"}') +
        deployment,
    )!;
    expect(svc.translate).toBe(false);
    expect(clientPortFor(svc, 443)).toEqual({ kind: 'not-exposed', port: 443, unresolved: [] });
    expect(clientPortFor(svc, 8443)).toMatchObject({ kind: 'target-port', port: 443 });
    expect(listenPortFor(svc, 443)).toBe(443);
  });

  it('every Service that selects the gateway pods counts; the first by namespace/name names the gateway', () => {
    const internal = `---
apiVersion: v1
kind: Service
metadata: {name: internal, namespace: ingress}
spec:
  selector: {app: edge}
  ports: [{name: http, port: 80, targetPort: 8080}, {name: grpc, port: 9090, targetPort: 19090}]
`;
    const svc = svcOf(gateway('app: edge') + service() + deployment + internal)!;
    expect([svc.namespace, svc.name]).toEqual(['ingress', 'edge']);
    expect(clientPortFor(svc, 19090)).toMatchObject({
      kind: 'target-port',
      port: 9090,
      via: { service: 'ingress/internal' },
    });
    expect(clientPortFor(svc, 8080)).toMatchObject({
      kind: 'target-port',
      port: 80,
      via: { name: 'http', targetName: 'web' },
    });
  });

  it('no Service and no well-known selector: none', () => {
    expect(svcOf(gateway('app: nowhere'))).toBeUndefined();
  });
});
