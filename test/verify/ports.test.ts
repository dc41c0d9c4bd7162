import { describe, expect, it } from 'vitest';
import { verify } from '../../src/verify/verify.js';
import { loadManifests } from '../../src/verify/load.js';
import { describeOutcome } from '../../src/routing/request.js';

const file = (text: string) => [{ file: 'in.yaml', text }];

// Istio's bookinfo Gateway: server port 8080, behind port 80 of the default ingress Service.
const BOOKINFO = `
apiVersion: networking.istio.io/v1
kind: Gateway
metadata: { name: bookinfo-gateway, namespace: default }
spec:
  selector: { istio: ingressgateway }
  servers:
  - port: { number: 8080, name: http, protocol: HTTP }
    hosts: ["*"]
---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: { name: bookinfo, namespace: default }
spec:
  hosts: ["*"]
  gateways: [bookinfo-gateway]
  http:
  - route:
    - destination: { host: productpage, port: { number: 9080 } }
`;

const listenerOn = (port: number) => `
apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: { name: bookinfo-gateway, namespace: default }
spec:
  gatewayClassName: istio
  listeners: [{ name: http, port: ${port}, protocol: HTTP, allowedRoutes: { namespaces: { from: All } } }]
---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: { name: bookinfo, namespace: default }
spec:
  parentRefs: [{ name: bookinfo-gateway }]
  rules: [{ backendRefs: [{ name: productpage, port: 9080 }] }]
`;

describe('verify probes the Service ports clients use', () => {
  it('a listener left on the pod port 8080 loses every client on :80, and verify says so', () => {
    const r = verify(file(BOOKINFO), loadManifests(file(listenerOn(8080))).objects, {
      findings: [],
    });
    const lost = r.changes.filter(
      (c) => c.request.entry.kind === 'gateway' && c.request.port === 80,
    );
    expect(lost.length).toBeGreaterThan(0);
    expect(
      lost.map((c) => [describeOutcome(c.before).split(';')[0], describeOutcome(c.after)]),
    ).toContainEqual(['→ productpage.default.svc.cluster.local:9080', 'no listener']);
    expect(lost.every((c) => c.explainedBy === undefined)).toBe(true);
  });

  it('the conversion puts the listener on 80: no request changes', () => {
    const r = verify(file(BOOKINFO), undefined);
    expect(r.changes.map((c) => c.requestText)).toEqual([]);
    expect(r.probes).toBeGreaterThan(0);
  });
});

describe('reuse mode: the reused Service decides which ports answer', () => {
  const input = `
apiVersion: v1
kind: Service
metadata: { name: edge, namespace: ingress }
spec:
  selector: { app: edge }
  ports: [{ name: http, port: 80, targetPort: 8080 }]
---
apiVersion: networking.istio.io/v1
kind: Gateway
metadata: { name: gw, namespace: ingress }
spec:
  selector: { app: edge }
  servers:
  - port: { number: 8080, name: http, protocol: HTTP }
    hosts: ["*"]
  - port: { number: 9443, name: admin, protocol: HTTP }
    hosts: ["*"]
---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: { name: web, namespace: ingress }
spec:
  hosts: ["*"]
  gateways: [gw]
  http:
  - route:
    - destination: { host: web, port: { number: 80 } }
`;

  it('8080 answers on :80 on both sides; 9443, which the Service does not expose, answers on neither', () => {
    const r = verify(file(input), undefined, { reuseGateway: true });
    expect(r.findings.map((f) => f.id)).toContain('gateway-port-not-in-service');
    expect(r.changes.map((c) => c.requestText)).toEqual([]);
    expect(r.probes).toBeGreaterThan(0);
  });
});

describe('verify models ISTIO_MUTUAL, MUTUAL and OPTIONAL_MUTUAL gateway servers', () => {
  for (const tls of [
    '{ mode: ISTIO_MUTUAL }',
    '{ mode: MUTUAL, credentialName: c }',
    '{ mode: OPTIONAL_MUTUAL, credentialName: c }',
  ]) {
    it(`${tls}: routed as HTTPS on both sides, no change`, () => {
      const r = verify(
        file(`
apiVersion: networking.istio.io/v1
kind: Gateway
metadata: { name: gw, namespace: default }
spec:
  selector: { istio: ingressgateway }
  servers:
  - port: { number: 443, name: https, protocol: HTTPS }
    hosts: [a.example.com]
    tls: ${tls}
---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: { name: web, namespace: default }
spec:
  hosts: [a.example.com]
  gateways: [gw]
  http:
  - route:
    - destination: { host: web, port: { number: 80 } }
`),
        undefined,
        { istio: '1.29' },
      );
      expect(r.probes).toBeGreaterThan(0);
      expect(
        r.changes.map(
          (c) => `${c.requestText}: ${describeOutcome(c.before)} → ${describeOutcome(c.after)}`,
        ),
      ).toEqual([]);
    });
  }
});

const mutualServer = (mode: string) => `
apiVersion: networking.istio.io/v1
kind: Gateway
metadata: { name: gw, namespace: default }
spec:
  selector: { istio: ingressgateway }
  servers:
  - port: { number: 443, name: https, protocol: HTTPS }
    hosts: [a.example.com]
    tls: { mode: ${mode}, credentialName: c }
---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: { name: web, namespace: default }
spec:
  hosts: [a.example.com]
  gateways: [gw]
  http:
  - route:
    - destination: { host: web, port: { number: 80 } }
`;

describe('verify compares the client certificate a listener asks for', () => {
  it('MUTUAL as spec.tls.frontend (--frontend-validation) asks the same: no change', () => {
    const r = verify(file(mutualServer('MUTUAL')), undefined, {
      istio: '1.29',
      gatewayApi: 'v1.5',
      frontendValidation: true,
    });
    expect(r.findings.map((f) => f.id)).toContain('gateway-frontend-validation');
    expect(r.changes).toEqual([]);
  });

  it('OPTIONAL_MUTUAL written as MUTUAL for Istio 1.26: every request changes, explained by the error', () => {
    const r = verify(file(mutualServer('OPTIONAL_MUTUAL')), undefined, { istio: '1.26' });
    expect(r.changes.length).toBeGreaterThan(0);
    expect(new Set(r.changes.map((c) => c.differences.join(',')))).toEqual(
      new Set(['client certificate']),
    );
    expect(new Set(r.changes.map((c) => c.explainedBy?.id))).toEqual(
      new Set(['gateway-tls-mode-unavailable']),
    );
    expect(describeOutcome(r.changes[0]!.after)).toContain('[client certificate required]');
  });

  it('a listener that drops MUTUAL for SIMPLE is reported, unexplained without a finding', () => {
    const simple = `
apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: { name: gw, namespace: default }
spec:
  gatewayClassName: istio
  listeners:
  - name: https
    hostname: a.example.com
    port: 443
    protocol: HTTPS
    tls: { mode: Terminate, certificateRefs: [{ name: c }] }
    allowedRoutes: { namespaces: { from: All } }
---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: { name: web, namespace: default }
spec:
  parentRefs: [{ name: gw }]
  hostnames: [a.example.com]
  rules: [{ backendRefs: [{ name: web, port: 80 }] }]
`;
    const r = verify(file(mutualServer('MUTUAL')), loadManifests(file(simple)).objects, {
      findings: [],
    });
    expect(r.changes.length).toBeGreaterThan(0);
    expect(
      r.changes.every((c) => c.differences.join() === 'client certificate' && !c.explainedBy),
    ).toBe(true);
  });
});

describe('a mesh VirtualService with no route for a port leaves it to the default route', () => {
  it('requests on the other port of the Service go to the Service, on both sides', () => {
    const r = verify(
      file(`
apiVersion: v1
kind: Service
metadata: { name: web, namespace: default }
spec:
  selector: { app: web }
  ports: [{ name: http, port: 80 }, { name: admin, port: 9000 }]
---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: { name: web, namespace: default }
spec:
  hosts: [web]
  http:
  - match:
    - port: 80
    route:
    - destination: { host: web-v2, port: { number: 80 } }
`),
      undefined,
    );
    const admin = r.changes.filter((c) => c.request.port === 9000);
    expect(
      admin.map(
        (c) => `${c.requestText}: ${describeOutcome(c.before)} → ${describeOutcome(c.after)}`,
      ),
    ).toEqual([]);
    expect(r.probes).toBeGreaterThan(0);
  });
});
