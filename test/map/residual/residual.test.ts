// Residual VirtualServices (src/map/residual): real manifests in, exact objects and findings out.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../helpers/cli.js';
import { convert, type ConvertOptions, verify } from '../../../src/index.js';
import { virtualServiceFirst } from '../../../src/routing/mesh-precedence.js';
import { validateIstio } from '../../../src/check/builtin/istio.js';
import type { VirtualService } from '../../../src/model/resources.js';

const NOISE = ['gateway-provisioned', 'gateway-service-assumed', 'prefix-semantics'];

function run(yaml: string, options: ConvertOptions = {}) {
  const r = convert([{ file: 'in.yaml', text: yaml }], options);
  const seen = r.findings
    .filter((f) => !NOISE.includes(f.id))
    .map((f) => `${f.severity} ${f.id} ${f.source?.path ?? ''}`.trim());
  const of = (kind: string) => r.resources.filter((o) => o.kind === kind);
  return { r, seen, of };
}

const SVC = `apiVersion: v1
kind: Service
metadata: {name: ratings, namespace: shop}
spec:
  selector: {app: ratings}
  ports:
  - {name: http, port: 9080}
  - {name: tls, port: 9443}
---
`;
const GW = `apiVersion: networking.istio.io/v1
kind: Gateway
metadata: {name: public, namespace: shop}
spec:
  selector: {istio: ingressgateway}
  servers:
  - port: {number: 80, name: http, protocol: HTTP}
    hosts: [ratings.example.com]
---
`;
const FAULT = `  - match:
    - headers: {end-user: {exact: jason}}
    fault: {abort: {httpStatus: 503, percentage: {value: 100}}}
    route:
    - destination: {host: ratings, port: {number: 9080}}
  - route:
    - destination: {host: ratings, port: {number: 9080}}
`;
const vs = (gateways: string, http: string, extra = '') => `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: ratings
  namespace: shop
  labels: {team: a}
  annotations: {networking.istio.io/note: kept, kubectl.kubernetes.io/last-applied-configuration: x}
spec:
  hosts: [ratings.example.com, ratings]
  ${gateways}
  http:
${http}${extra}`;

describe('residual VirtualServices', () => {
  it('a fault on a VirtualService of a gateway and the mesh: gateway HTTPRoute + residual', () => {
    const { of, seen, r } = run(SVC + GW + vs('gateways: [public, mesh]', FAULT));
    expect(of('HTTPRoute').map((o) => o.metadata.name)).toEqual(['ratings']);
    expect(of('HTTPRoute')[0]!.spec).not.toHaveProperty('parentRefs.1');
    expect(of('VirtualService')).toEqual([
      {
        apiVersion: 'networking.istio.io/v1',
        kind: 'VirtualService',
        metadata: {
          name: 'ratings-residual',
          namespace: 'shop',
          labels: { team: 'a' },
          // Same kind: Istio's annotations keep their meaning; kubectl's record does not.
          annotations: { 'networking.istio.io/note': 'kept' },
        },
        spec: {
          hosts: ['ratings.example.com', 'ratings'],
          gateways: ['mesh'],
          http: [
            {
              match: [{ headers: { 'end-user': { exact: 'jason' } } }],
              fault: { abort: { httpStatus: 503, percentage: { value: 100 } } },
              route: [{ destination: { host: 'ratings', port: { number: 9080 } } }],
            },
            { route: [{ destination: { host: 'ratings', port: { number: 9080 } } }] },
          ],
        },
      },
    ]);
    expect(seen).toEqual([
      'info metadata-not-carried metadata',
      'error fault-not-converted spec.http[0].fault',
      'info residual-virtual-service spec.http[0].fault',
    ]);
    expect(r.findings.find((f) => f.id === 'fault-not-converted')!.message).toContain(
      'at its gateways (in-mesh requests keep it',
    );
    // The residual passes the output check (Istio's VirtualService CRD): no invalid-output.
    expect(validateIstio(of('VirtualService'))).toEqual([]);
    expect(r.findings.filter((f) => f.id === 'invalid-output')).toEqual([]);
    expect(r.cutover.items.map((i) => i.text).join('\n')).toContain(
      'do not delete the residual VirtualService(s) shop/ratings-residual',
    );
  });

  it('a fault only on gateway matches needs no residual', () => {
    const http = FAULT.replace('exact: jason}}', 'exact: jason}}\n      gateways: [public]');
    const { of, seen } = run(SVC + GW + vs('gateways: [public, mesh]', http));
    // Only the host that can be no mesh parent keeps its mesh rules in a residual.
    expect(of('VirtualService').map((o) => (o.spec as { hosts: string[] }).hosts)).toEqual([
      ['ratings.example.com'],
    ]);
    expect(of('HTTPRoute').map((o) => o.metadata.name)).toEqual(['ratings', 'ratings-mesh']);
    expect(seen).toContain('error fault-not-converted spec.http[0].fault');
  });

  it('mesh-only with a fault: kept as it is, no HTTPRoute', () => {
    const { r, seen } = run(SVC + vs('', FAULT).replace('ratings.example.com, ', ''));
    expect(r.resources).toEqual([]);
    expect(r.kept.map((k) => `${k.kind} ${k.name}`)).toEqual(['VirtualService ratings']);
    expect(seen).toEqual(['info residual-virtual-service spec.http[0].fault']);
  });

  it('a bare directResponse 500 converts; another status stays in the residual', () => {
    // (A VirtualService none of whose gateway rules converts is kept whole: no residual.)
    const bare = `  - directResponse: {status: 500}\n`;
    const converted = run(SVC + GW + vs('gateways: [public, mesh]', bare)).of('VirtualService');
    expect(converted.map((o) => (o.spec as { hosts: string[] }).hosts)).toEqual([
      ['ratings.example.com'],
    ]);
    const gone = `  - match: [{uri: {prefix: /v1/}}]
    directResponse: {status: 410, body: {string: gone}}
  - route:
    - destination: {host: ratings, port: {number: 9080}}
`;
    const { of, seen } = run(SVC + GW + vs('gateways: [public, mesh]', gone));
    expect(of('VirtualService').map((o) => o.metadata.name)).toEqual(['ratings-residual']);
    expect(seen).toContain('info residual-virtual-service spec.http[0].directResponse');
  });

  it('mesh tls routes: residual with only them beside the mesh HTTPRoute', () => {
    const tls = `  tls:
  - match: [{port: 9443, sniHosts: [ratings.shop.svc.cluster.local]}]
    route:
    - destination: {host: ratings, port: {number: 9443}}
`;
    const route = `  - route:\n    - destination: {host: ratings, port: {number: 9080}}\n`;
    const { of, seen } = run(SVC + vs('', route, tls).replace('ratings.example.com, ', ''));
    expect(of('HTTPRoute').map((o) => o.metadata.name)).toEqual(['ratings']);
    const residual = of('VirtualService')[0]!;
    expect(Object.keys(residual.spec as object)).toEqual(['hosts', 'gateways', 'tls']);
    expect(seen).toEqual([
      'info metadata-not-carried metadata',
      'info residual-coexists spec.hosts[0]',
      'info residual-virtual-service spec.tls',
    ]);
  });

  it('--no-residual-virtual-services and --mesh ambient write none, as before', () => {
    const input = SVC + GW + vs('gateways: [public, mesh]', FAULT);
    for (const options of [
      { residualVirtualServices: false },
      { mesh: 'ambient' as const },
    ] satisfies ConvertOptions[]) {
      const { of, seen } = run(input, options);
      expect(of('VirtualService')).toEqual([]);
      expect(of('HTTPRoute').map((o) => o.metadata.name)).toContain('ratings-mesh');
      expect(seen.filter((s) => s.includes('residual'))).toEqual([]);
    }
  });

  it('never takes the name of a VirtualService of the input', () => {
    const other = `---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: ratings-residual, namespace: shop}
spec:
  hosts: [other]
  http:
  - route:
    - destination: {host: other}
`;
    const { of } = run(SVC + GW + vs('gateways: [public, mesh]', FAULT) + other);
    expect(of('VirtualService').map((o) => o.metadata.name)).toEqual(['ratings-residual-2']);
  });

  it('an HTTPRoute of another VirtualService on the host: residual-conflict, and verify explains', () => {
    const consumer = `---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: ratings-beta, namespace: shop}
spec:
  hosts: [ratings.shop.svc.cluster.local]
  http:
  - route:
    - destination: {host: ratings, port: {number: 9080}}
      headers: {request: {set: {x-beta: "1"}}}
`;
    const text = SVC + GW + vs('gateways: [public, mesh]', FAULT) + consumer;
    const { seen } = run(text);
    expect(seen).toContain('warning residual-conflict spec.hosts[1]');
    const v = verify([{ file: 'in.yaml', text }], undefined);
    expect(v.changes.filter((c) => !c.explainedBy)).toEqual([]);
    expect(v.changes.some((c) => c.explainedBy?.id === 'residual-conflict')).toBe(true);
  });

  it('verify: sidecar requests keep the residual fault, so only the gateway changes', () => {
    const text = SVC + GW + vs('gateways: [public, mesh]', FAULT);
    const v = verify([{ file: 'in.yaml', text }], undefined);
    expect(v.changes.filter((c) => c.request.entry.kind === 'mesh')).toEqual([]);
    expect(v.changes.every((c) => c.explainedBy?.id === 'fault-not-converted')).toBe(true);
    expect(v.changes.length).toBeGreaterThan(0);
  });
});

describe('which of a VirtualService and mesh routes a sidecar applies', () => {
  const at = (name: string, exportTo?: string[]) =>
    ({ name, namespace: 'shop', spec: exportTo ? { exportTo } : {} }) as VirtualService;
  const host = 'ratings.shop.svc.cluster.local';
  it('no route: the VirtualService', () => {
    expect(virtualServiceFirst(at('r'), [], 'any', host)).toBe(true);
  });
  it('exported to the client by name: before every public route', () => {
    expect(virtualServiceFirst(at('z', ['.']), ['shop'], 'shop', host)).toBe(true);
  });
  it("a route in the client's namespace comes before public VirtualServices", () => {
    expect(virtualServiceFirst(at('a'), ['shop'], 'shop', host)).toBe(false);
  });
  it('otherwise applied together: the name decides (`<ns>~<host>` for the route)', () => {
    expect(virtualServiceFirst(at('ratings-residual'), ['bookinfo'], 'web', host)).toBe(false);
    expect(virtualServiceFirst(at('ratings-residual'), ['shop'], 'web', host)).toBe(true);
  });
});

describe('--no-residual-virtual-services', () => {
  const input = SVC + GW + vs('gateways: [public, mesh]', FAULT);
  const kinds = (yaml: string) => [...yaml.matchAll(/^kind: (\w+)/gm)].map((m) => m[1]);
  it('on by default; the flag and the config key turn it off', async () => {
    const on = await runCli(['convert', '-', '--fail-on', 'none'], { stdin: input });
    expect(kinds(on.stdout)).toContain('VirtualService');
    const off = await runCli(
      ['convert', '-', '--fail-on', 'none', '--no-residual-virtual-services'],
      { stdin: input },
    );
    expect(kinds(off.stdout)).not.toContain('VirtualService');
    const cwd = mkdtempSync(join(tmpdir(), 'i2g-residual-'));
    writeFileSync(join(cwd, '.istio2gateway.yaml'), 'residualVirtualServices: false\n');
    const fromConfig = await runCli(['convert', '-', '--fail-on', 'none'], { stdin: input, cwd });
    expect(kinds(fromConfig.stdout)).not.toContain('VirtualService');
  });
});

describe('mesh hosts that can be no mesh parent', () => {
  it('keep their mesh rules in a residual of their own hosts; the others get the HTTPRoute', () => {
    const route = `  - route:\n    - destination: {host: ratings, port: {number: 9080}}\n`;
    const input = SVC + vs('', route).replace('ratings.example.com', '"*.example.com"');
    const { of, seen } = run(input);
    expect(of('HTTPRoute').map((o) => o.metadata.name)).toEqual(['ratings']);
    expect(of('VirtualService').map((o) => o.spec)).toEqual([
      {
        hosts: ['*.example.com'],
        gateways: ['mesh'],
        http: [{ route: [{ destination: { host: 'ratings', port: { number: 9080 } } }] }],
      },
    ]);
    expect(seen).toEqual([
      'info metadata-not-carried metadata',
      'info residual-virtual-service spec.hosts[0]',
    ]);
    const off = run(input, { residualVirtualServices: false }).seen;
    expect(off).toContain('error mesh-host-not-converted spec.hosts[0]');
  });
});
