import { describe, expect, it } from 'vitest';
import { gateway, run } from './helpers.js';

const servers = `
  - port: {number: 80, name: http, protocol: HTTP}
    hosts: ['*']
  - port: {number: 8443, name: https, protocol: HTTPS}
    hosts: [a.example.com]
    tls: {mode: SIMPLE, credentialName: a-cert}`;

const service = `---
apiVersion: v1
kind: Service
metadata:
  name: my-ingress
  namespace: ingress
spec:
  selector:
    app: my-ingress
  ports:
  - {name: http, port: 80, targetPort: 8080}
  - {name: https, port: 443, targetPort: 8443}
`;

describe('deployment: provision (default) or reuse', () => {
  it('provision: same name and namespace, class from options, info finding names <name>-<class>', () => {
    const out = run(
      gateway(servers, { namespace: 'apps', selector: 'app: my-ingress' }) + service,
      { gatewayClass: 'istio' },
    );
    const g = out.gateways[0]!;
    expect([
      g.metadata.namespace,
      g.metadata.name,
      g.spec.gatewayClassName,
      g.spec.addresses,
    ]).toEqual(['apps', 'gw', 'istio', undefined]);
    // The Secret is read where the classic workload ran (the Service's namespace): cross-namespace ref.
    expect(g.spec.listeners[1]!.tls?.certificateRefs).toEqual([
      { group: '', kind: 'Secret', name: 'a-cert', namespace: 'ingress' },
    ]);
    // 8443 is the pod port behind Service port 443: clients connect on 443, so the listener is there.
    expect(g.spec.listeners.map((l) => l.port)).toEqual([80, 443]);
    expect(out.findings).toEqual([
      'gateway-listener-ports spec.selector 7',
      'gateway-provisioned spec.selector 7',
      'gateway-listener-port-changed spec.servers[1].port.number 12',
    ]);
  });

  it('reuse: addresses → existing Service, Gateway moved to its namespace, ports checked', () => {
    const out = run(
      gateway(servers, { namespace: 'apps', selector: 'app: my-ingress' }) + service,
      { reuseGateway: true },
    );
    const g = out.gateways[0]!;
    expect([g.metadata.namespace, g.metadata.name]).toEqual(['ingress', 'gw']);
    expect(g.spec.addresses).toEqual([
      { type: 'Hostname', value: 'my-ingress.ingress.svc.cluster.local' },
    ]);
    expect(g.spec.listeners[1]!.tls?.certificateRefs).toEqual([
      { group: '', kind: 'Secret', name: 'a-cert' },
    ]);
    // `*/`-hosts stay All; a route in `apps` keeps attaching.
    expect(g.spec.listeners[0]!.allowedRoutes).toEqual({ namespaces: { from: 'All' } });
    // The reused Gateway is addressed by Service port: 8443 (a targetPort) becomes 443.
    expect(g.spec.listeners.map((l) => l.port)).toEqual([80, 443]);
    expect(out.findings).toEqual([
      'gateway-listener-ports spec.selector 7',
      'gateway-listener-port-changed spec.servers[1].port.number 12',
    ]);
  });

  it('reuse: a server port that is neither a port nor a targetPort of the Service is an error', () => {
    const out = run(
      gateway(servers.replace('8443', '9443'), { namespace: 'apps', selector: 'app: my-ingress' }) +
        service,
      { reuseGateway: true },
    );
    expect(out.gateways[0]!.spec.listeners.map((l) => l.port)).toEqual([80, 9443]);
    expect(out.findings).toEqual([
      'gateway-listener-ports spec.selector 7',
      'gateway-port-not-in-service spec.servers[1].port.number 12',
    ]);
  });

  it('provision: a server port the Service does not expose stays, with a warning (the new Service exposes it)', () => {
    const out = run(
      gateway(servers.replace('8443', '9443'), { namespace: 'apps', selector: 'app: my-ingress' }) +
        service,
    );
    expect(out.gateways[0]!.spec.listeners.map((l) => l.port)).toEqual([80, 9443]);
    expect(out.findings).toEqual([
      'gateway-listener-ports spec.selector 7',
      'gateway-provisioned spec.selector 7',
      'gateway-port-not-exposed spec.servers[1].port.number 12',
    ]);
  });

  it('reuse: ./host means the Istio Gateway namespace, not Same, once the Gateway moves', () => {
    const out = run(
      gateway(
        `
  - port: {number: 80, name: http, protocol: HTTP}
    hosts: [./a.example.com]`,
        { namespace: 'apps', selector: 'app: my-ingress' },
      ) + service,
      { reuseGateway: true },
    );
    expect(out.gateways[0]!.spec.listeners[0]!.allowedRoutes).toEqual({
      namespaces: {
        from: 'Selector',
        selector: { matchLabels: { 'kubernetes.io/metadata.name': 'apps' } },
      },
    });
  });

  it('reuse: two Istio Gateways of the same name moved into one namespace get <ns>-<name>', () => {
    const a = gateway(servers, { namespace: 'a', selector: 'app: my-ingress' });
    const b = gateway(servers, { namespace: 'b', selector: 'app: my-ingress' });
    const out = run(`${a}---\n${b}${service}`, { reuseGateway: true });
    expect(out.gateways.map((g) => `${g.metadata.namespace}/${g.metadata.name}`)).toEqual([
      'ingress/a-gw',
      'ingress/b-gw',
    ]);
  });

  it('well-known selector without a Service in the input: istio-system/istio-ingressgateway, assumed', () => {
    const out = run(gateway(servers, { namespace: 'apps' }), { reuseGateway: true });
    expect(out.gateways[0]!.spec.addresses).toEqual([
      { type: 'Hostname', value: 'istio-ingressgateway.istio-system.svc.cluster.local' },
    ]);
    expect(out.gateways[0]!.metadata.namespace).toBe('istio-system');
    // Istio's default Service maps 443 → 8443.
    expect(out.gateways[0]!.spec.listeners.map((l) => l.port)).toEqual([80, 443]);
    expect(out.findings).toEqual([
      'gateway-service-assumed spec.selector 7',
      'gateway-listener-port-changed spec.servers[1].port.number 12',
    ]);
  });

  it('unknown selector: warning, provisioned in place, Secrets assumed in the Gateway namespace', () => {
    const out = run(gateway(servers, { namespace: 'apps', selector: 'app: nowhere' }), {
      reuseGateway: true,
    });
    const g = out.gateways[0]!;
    expect([g.metadata.namespace, g.spec.addresses]).toEqual(['apps', undefined]);
    expect(g.spec.listeners[1]!.tls?.certificateRefs).toEqual([
      { group: '', kind: 'Secret', name: 'a-cert' },
    ]);
    expect(out.findings).toEqual([
      'gateway-provisioned spec.selector 7',
      'gateway-selector-unresolved spec.selector 7',
    ]);
  });
});

describe('tls.httpsRedirect', () => {
  it('an HTTPRoute owns the redirect listener: 301 to https, no backends, listener admits only its namespace', () => {
    const out = run(
      gateway(`
  - port: {number: 80, name: http, protocol: HTTP}
    hosts: [prod/app.example.com]
    tls: {httpsRedirect: true}
  - port: {number: 443, name: https, protocol: HTTPS}
    hosts: [prod/app.example.com]
    tls: {mode: SIMPLE, credentialName: app}`),
    );
    expect(out.gateways[0]!.spec.listeners[0]).toEqual({
      name: 'http',
      hostname: 'app.example.com',
      port: 80,
      protocol: 'HTTP',
      allowedRoutes: { namespaces: { from: 'Same' } },
    });
    expect(out.routes).toEqual([
      {
        apiVersion: 'gateway.networking.k8s.io/v1',
        kind: 'HTTPRoute',
        metadata: { name: 'gw-http-https-redirect', namespace: 'istio-system' },
        spec: {
          parentRefs: [{ name: 'gw', sectionName: 'http' }],
          hostnames: ['app.example.com'],
          rules: [
            {
              filters: [
                { type: 'RequestRedirect', requestRedirect: { scheme: 'https', statusCode: 301 } },
              ],
            },
          ],
        },
      },
    ]);
  });

  it('one redirect route per redirect listener; * hosts → no hostnames', () => {
    const out = run(
      gateway(`
  - port: {number: 80, name: http, protocol: HTTP}
    hosts: ['*', a.example.com]
    tls: {httpsRedirect: true}`),
    );
    expect(
      out.routes.map((r) => [
        r.metadata.name,
        r.spec.parentRefs?.[0]?.sectionName,
        r.spec.hostnames,
      ]),
    ).toEqual([
      ['gw-http-a-example-com-https-redirect', 'http-a.example.com', ['a.example.com']],
      ['gw-http-wildcard-https-redirect', 'http-wildcard', undefined],
    ]);
  });
});

describe('workload Service lookup and determinism', () => {
  it('the stock ingress Service (selector a superset of the Gateway selector) is found', () => {
    const svc = service.replace('app: my-ingress', 'app: my-ingress\n    istio: ingressgateway');
    const out = run(gateway(servers, { namespace: 'apps' }) + svc, { reuseGateway: true });
    expect(out.gateways[0]!.spec.addresses).toEqual([
      { type: 'Hostname', value: 'my-ingress.ingress.svc.cluster.local' },
    ]);
  });

  it('document order and key order do not change the output', async () => {
    const { convert, toYaml } = await import('../../../src/index.js');
    const a = gateway(servers, { namespace: 'apps', selector: 'app: my-ingress' });
    const reordered = a
      .replace('  - port: {number: 80, name: http, protocol: HTTP}\n    hosts', '  - hosts')
      .replace("hosts: ['*']", "hosts: ['*']\n    port: {protocol: HTTP, name: http, number: 80}");
    const one = toYaml(
      convert([{ file: 'x.yaml', text: a + service }], { reuseGateway: true }).resources,
    );
    const two = toYaml(
      convert([{ file: 'x.yaml', text: service.replace(/^---\n/, '') + '---\n' + reordered }], {
        reuseGateway: true,
      }).resources,
    );
    expect(two).toBe(one);
    expect(one).not.toMatch(/[&*]a\d/);
  });
});
