import { describe, expect, it } from 'vitest';
import { convert } from '../../../src/index.js';
import { OptionsSchema } from '../../../src/options.js';
import { runCli } from '../../helpers/cli.js';
import type { Gateway, HTTPRoute } from '../../../src/gateway-api/types.js';

const GW = (ns: string, name: string, servers: string, selector = 'istio: ingressgateway') => `---
apiVersion: networking.istio.io/v1
kind: Gateway
metadata: {name: ${name}, namespace: ${ns}}
spec:
  selector: {${selector}}
  servers:${servers}
`;
const VS = (ns: string, name: string, host: string, gw: string) => `---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: ${name}, namespace: ${ns}}
spec:
  hosts: [${host}]
  gateways: [${gw}]
  http:
  - route:
    - destination: {host: ${name}, port: {number: 80}}
`;
const HTTP = (host: string) => `
  - port: {number: 80, name: http, protocol: HTTP}
    hosts: ["${host}"]`;
const HTTPS = (host: string, cert: string) => `
  - port: {number: 443, name: https, protocol: HTTPS}
    hosts: ["${host}"]
    tls: {mode: SIMPLE, credentialName: ${cert}}`;

const gateways = (r: ReturnType<typeof convert>) =>
  r.resources.filter((o) => o.kind === 'Gateway') as Gateway[];
const ids = (r: ReturnType<typeof convert>) =>
  r.findings.map((f) => `${f.id} ${f.source?.namespace}/${f.source?.name}`);

describe('gateway strategy', () => {
  it('reuseGateway is an alias of gatewayStrategy reuse; a contradiction is refused', () => {
    expect(OptionsSchema.parse({ reuseGateway: true }).gatewayStrategy).toBe('reuse');
    expect(OptionsSchema.parse({ gatewayStrategy: 'reuse' }).reuseGateway).toBe(true);
    expect(OptionsSchema.parse({}).gatewayStrategy).toBe('per-workload');
    expect(
      OptionsSchema.safeParse({ reuseGateway: true, gatewayStrategy: 'per-gateway' }).success,
    ).toBe(false);
  });

  it('per-workload: equal plain listeners fold and admit both namespaces; routes bind to their own listeners', () => {
    const input =
      GW('a', 'ga', HTTP('*/x.example.com')) +
      GW(
        'b',
        'gb',
        HTTP('./x.example.com') + HTTP('./y.example.com').replace('name: http', 'name: web'),
      ) +
      VS('a', 'ra', 'x.example.com', 'ga') +
      VS('b', 'rb', 'y.example.com', 'gb');
    const r = convert(input);
    const [g] = gateways(r);
    expect(gateways(r)).toHaveLength(1);
    expect([g!.metadata.namespace, g!.metadata.name]).toEqual([
      'istio-system',
      'istio-ingressgateway',
    ]);
    expect(g!.spec.listeners.map((l) => [l.name, l.hostname, l.allowedRoutes?.namespaces])).toEqual(
      [
        ['http', 'x.example.com', { from: 'All' }],
        [
          'web',
          'y.example.com',
          { from: 'Selector', selector: { matchLabels: { 'kubernetes.io/metadata.name': 'b' } } },
        ],
      ],
    );
    const routes = r.resources.filter((o) => o.kind === 'HTTPRoute') as HTTPRoute[];
    expect(
      routes.map((x) => [x.metadata.name, x.spec.parentRefs?.map((p) => p.sectionName)]),
    ).toEqual([
      ['ra', ['http']],
      ['rb', ['web']],
    ]);
    expect(ids(r).filter((x) => x.startsWith('gateway-merged'))).toEqual([
      'gateway-merged a/ga',
      'gateway-merged b/gb',
    ]);
  });

  it('per-workload: one TLS host on one port from two Gateways is an error naming both; the first is kept', () => {
    const r = convert(
      GW('a', 'ga', HTTPS('*/x.example.com', 'a-cert')) +
        GW('b', 'gb', HTTPS('*/x.example.com', 'b-cert')),
    );
    expect(gateways(r)[0]!.spec.listeners.map((l) => l.tls?.certificateRefs?.[0]?.name)).toEqual([
      'a-cert',
    ]);
    const f = r.findings.find((x) => x.id === 'gateway-merge-conflict')!;
    expect([f.severity, f.source?.name, f.source?.path]).toEqual([
      'error',
      'gb',
      'spec.servers[0].hosts[0]',
    ]);
    expect(f.message).toContain('conflicts with Istio Gateway a/ga servers[0]');
  });

  it('per-workload: HTTP and TCP on one port conflict whatever the hosts', () => {
    const tcp = `
  - port: {number: 80, name: tcp, protocol: TCP}
    hosts: ["*"]`;
    const r = convert(GW('a', 'ga', HTTP('*/x.example.com')) + GW('b', 'gb', tcp));
    expect(ids(r)).toContain('gateway-merge-conflict b/gb');
  });

  it('per-workload leaves a Gateway alone on its pods as per-gateway writes it', () => {
    const input =
      GW('a', 'ga', HTTP('x.example.com')) + GW('b', 'gb', HTTP('y.example.com'), 'app: other');
    const text = (o: object) => JSON.stringify(convert(input, o).resources);
    expect(text({})).toBe(text({ gatewayStrategy: 'per-gateway' }));
  });

  it('per-gateway warns on each Gateway that shared pods, naming the others', () => {
    const r = convert(
      GW('a', 'ga', HTTP('x.example.com')) +
        GW('b', 'gb', HTTP('y.example.com')) +
        GW('c', 'gc', HTTP('z.example.com'), 'app: other'),
      { gatewayStrategy: 'per-gateway' },
    );
    expect(gateways(r)).toHaveLength(3);
    const w = r.findings.filter((f) => f.id === 'gateway-shared-workload-split');
    expect(w.map((f) => [f.severity, f.source?.name])).toEqual([
      ['warning', 'ga'],
      ['warning', 'gb'],
    ]);
    expect(w[0]!.message).toContain(
      'Istio Gateways a/ga, b/gb select the same pods (Service istio-system/istio-ingressgateway)',
    );
    expect(w[0]!.hint).toContain('--gateway-strategy per-workload');
  });
});

describe('cutover checklist', () => {
  it('per Gateway: address, hostnames, certificates and grants; items in phase order', () => {
    const r = convert(
      GW('shop', 'shop', HTTPS('./shop.example.com', 'shop-cert'), 'app: shop-gw') +
        VS('shop', 'shop', 'shop.example.com', 'shop'),
    );
    expect(r.cutover.gateways).toEqual([
      {
        gateway: { namespace: 'shop', name: 'shop' },
        replaces: [{ namespace: 'shop', name: 'shop', listeners: ['https'] }],
        address: { from: 'provisioned', service: { namespace: 'shop', name: 'shop-istio' } },
        hostnames: ['shop.example.com'],
        certificates: [{ namespace: 'shop', name: 'shop-cert' }],
        referenceGrants: [],
      },
    ]);
    expect(r.cutover.items.map((i) => i.phase)).toEqual([
      'apply',
      'apply',
      'verify',
      'move-dns',
      'remove',
      'remove',
    ]);
    expect(r.cutover.items[3]!.text).toBe(
      'Point DNS for shop.example.com at the address of Service shop/shop-istio',
    );
  });

  it('reuse: the Service keeps its address, the certificate grant is listed', () => {
    const svc = `---
apiVersion: v1
kind: Service
metadata: {name: ingress, namespace: edge}
spec:
  selector: {app: edge}
  ports: [{name: https, port: 443}]
`;
    const r = convert(
      svc + GW('shop', 'shop', HTTPS('*/shop.example.com', 'shop-cert'), 'app: edge'),
      { gatewayStrategy: 'per-gateway' },
    );
    expect(r.cutover.gateways[0]!.address).toEqual({
      from: 'provisioned',
      service: { namespace: 'shop', name: 'shop-istio' },
    });
    expect(r.cutover.gateways[0]!.certificates).toEqual([{ namespace: 'edge', name: 'shop-cert' }]);
    expect(r.cutover.gateways[0]!.referenceGrants).toHaveLength(1);
    const reuse = convert(
      svc + GW('shop', 'shop', HTTPS('*/shop.example.com', 'shop-cert'), 'app: edge'),
      { gatewayStrategy: 'reuse' },
    );
    expect(reuse.cutover.gateways[0]!.address).toEqual({
      from: 'reused',
      service: { namespace: 'edge', name: 'ingress' },
    });
    expect(reuse.cutover.items.filter((i) => i.phase === 'move-dns').map((i) => i.text)).toEqual([
      'No DNS change for Gateway edge/shop: it reuses the address of Service edge/ingress',
    ]);
    // Same pods: the classic rules answer first until they are deleted (pilot's merge order).
    const verifyStep = reuse.cutover.items.find((i) => i.phase === 'verify')!.text;
    expect(verifyStep).toContain("the classic VirtualServices' rules come first");
    expect(r.cutover.items.find((i) => i.phase === 'verify')!.text).not.toContain('classic');
  });
});

describe('cutover checklist on the command line', () => {
  const input = GW('a', 'ga', HTTP('x.example.com')) + GW('b', 'gb', HTTP('y.example.com'));
  it('convert prints it before the summary; --quiet leaves it out', async () => {
    const r = await runCli(['convert', '-'], { stdin: input });
    const at = r.stderr.indexOf('Cutover checklist\n');
    expect(at).toBeGreaterThan(-1);
    expect(r.stderr.slice(at)).toContain(
      '  Gateway istio-system/istio-ingressgateway replaces a/ga, b/gb; new address: Service istio-system/istio-ingressgateway-istio (was istio-system/istio-ingressgateway)\n',
    );
    expect(r.stderr.slice(at)).toContain(
      '  3. Move DNS (or the load balancer) to the new addresses\n     - Point DNS for x.example.com, y.example.com at the address of Service istio-system/istio-ingressgateway-istio',
    );
    expect((await runCli(['convert', '-', '--quiet'], { stdin: input })).stderr).not.toContain(
      'Cutover checklist',
    );
  });
  it('--gateway-strategy picks the strategy; --reuse-gateway stays an alias', async () => {
    const per = await runCli(['convert', '-', '--gateway-strategy', 'per-gateway'], {
      stdin: input,
    });
    expect(per.stdout.match(/^kind: Gateway$/gm)).toHaveLength(2);
    const reuse = await runCli(['convert', '-', '--reuse-gateway'], { stdin: input });
    expect(reuse.stdout).toContain('value: istio-ingressgateway.istio-system.svc.cluster.local');
    const both = await runCli(
      ['convert', '-', '--reuse-gateway', '--gateway-strategy', 'per-gateway'],
      { stdin: input },
    );
    expect(both.code).toBe(2);
  });
});

describe('--least-privilege-routes', () => {
  it('a */ host admits only the namespaces whose routes attach, with a warning naming them', () => {
    const input =
      GW(
        'ingress',
        'edge',
        HTTP('*/shop.example.com') +
          HTTP('*/spare.example.com').replace('name: http', 'name: spare'),
        'app: edge',
      ) + VS('shop', 'shop', 'shop.example.com', 'ingress/edge');
    const r = convert(input, { leastPrivilegeRoutes: true });
    expect(gateways(r)[0]!.spec.listeners.map((l) => l.allowedRoutes?.namespaces)).toEqual([
      { from: 'Selector', selector: { matchLabels: { 'kubernetes.io/metadata.name': 'shop' } } },
      { from: 'Same' },
    ]);
    const w = r.findings.filter((f) => f.id === 'gateway-routes-least-privilege');
    expect(w.map((f) => [f.severity, f.source?.path])).toEqual([
      ['warning', 'spec.servers[0].hosts[0]'],
      ['warning', 'spec.servers[1].hosts[0]'],
    ]);
    expect(w[0]!.message).toContain('now admits only namespace(s) shop');
    expect(
      gateways(convert(input))[0]!.spec.listeners.map((l) => l.allowedRoutes?.namespaces?.from),
    ).toEqual(['All', 'All']);
  });
});
