import { readFileSync } from 'node:fs';
import { parseAllDocuments } from 'yaml';
import { describe, expect, it } from 'vitest';
import { outputFindings } from '../../src/check/manifests.js';
import { ISTIO_CRDS } from '../../src/check/builtin/istio-crds.gen.js';
import { ISTIO_CEL_RULES, validateIstio } from '../../src/check/builtin/istio.js';
import { loadCrds } from '../../src/check/crd/load.js';
import { validateWithCrds } from '../../src/check/crd/validate.js';
import { DEFAULT_TARGET } from '../../src/target.js';
import { HAS_SHARED, SHARED } from '../helpers/shared.js';

// The output check covers every kind convert writes, not only Gateway API kinds (issue #13 item 9).
const check = (o: Record<string, unknown>) =>
  outputFindings([o as never], DEFAULT_TARGET).map((f) => [f.target?.path, f.message]);

const service = (spec: Record<string, unknown>, name = 'reviews-v1') => ({
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name, namespace: 'shop' },
  spec,
});
const dr = (spec: Record<string, unknown>, apiVersion = 'networking.istio.io/v1') => ({
  apiVersion,
  kind: 'DestinationRule',
  metadata: { name: 'reviews-v1', namespace: 'shop' },
  spec,
});

describe('output check: core Services', () => {
  it('a per-subset Service with its ports passes', () => {
    expect(
      check(
        service({
          selector: { app: 'reviews', version: 'v1' },
          ports: [{ name: 'http', port: 9080, targetPort: 9080 }],
        }),
      ),
    ).toEqual([]);
  });
  it('a Service without ports is rejected, as kubectl apply rejects it', () => {
    expect(check(service({ selector: { version: 'v1' } }))).toEqual([
      [
        'spec.ports',
        'Service shop/reviews-v1: spec.ports: spec.ports: Required value (a Service needs at least one port)',
      ],
    ]);
  });
  it('names, duplicate ports, target ports and selector values', () => {
    const found = check(
      service(
        {
          selector: { version: 'v1!' },
          ports: [
            { name: 'http', port: 80, targetPort: 'http-port-too-long' },
            { name: 'http', port: 80 },
            { port: 70000 },
          ],
        },
        '1-reviews',
      ),
    );
    expect(found.map(([p]) => p)).toEqual([
      'metadata.name',
      'spec.selector.version',
      'spec.ports[0].targetPort',
      'spec.ports[1].name',
      'spec.ports[1]',
      'spec.ports[2].name',
      'spec.ports[2].port',
    ]);
  });
});

describe("output check: Istio kinds against Istio's CRDs", () => {
  it('a DestinationRule with a merged subset policy passes, in every served version', () => {
    for (const v of ['v1', 'v1beta1', 'v1alpha3']) {
      expect(
        check(
          dr(
            {
              host: 'reviews-v1.shop.svc.cluster.local',
              trafficPolicy: { tls: { mode: 'ISTIO_MUTUAL', sni: 'reviews' } },
            },
            `networking.istio.io/${v}`,
          ),
        ),
      ).toEqual([]);
    }
  });
  it('a DestinationRule without host, or with a value outside an enum, is rejected', () => {
    expect(
      check(dr({ trafficPolicy: { loadBalancer: { simple: 'FASTEST' } } })).map(([p]) => p),
    ).toEqual(['spec.host', 'spec.trafficPolicy.loadBalancer.simple']);
  });
  it('a VirtualService breaking a CEL rule is rejected', () => {
    const vs = {
      apiVersion: 'networking.istio.io/v1',
      kind: 'VirtualService',
      metadata: { name: 'v', namespace: 'shop' },
      spec: { hosts: ['a'], http: [{ timeout: '0s', route: [{ destination: { host: 'a' } }] }] },
    };
    expect(check(vs)).toEqual([
      [
        'spec.http[0].timeout',
        'VirtualService shop/v: spec.http[0].timeout: must be a valid duration greater than 1ms',
      ],
    ]);
  });
  it('a ReferenceGrant is checked with the Gateway API rules', () => {
    const rg = {
      apiVersion: 'gateway.networking.k8s.io/v1beta1',
      kind: 'ReferenceGrant',
      metadata: { name: 'g', namespace: 'shop' },
      spec: {
        from: [{ group: 'gateway.networking.k8s.io', kind: 'HTTPRoute' }],
        to: [{ group: '', kind: 'Service' }],
      },
    };
    expect(check(rg).map(([p]) => p)).toEqual(['spec.from[0].namespace']);
  });
});

describe('istio-crds.gen.ts', () => {
  it.skipIf(!HAS_SHARED)(
    'is generated from ../shared/crds/istio (npm: node scripts/gen-istio-crds.ts)',
    () => {
      const docs = parseAllDocuments(
        readFileSync(`${SHARED}crds/istio/crd-all.gen.yaml`, 'utf8'),
      ).map((d) => d.toJS());
      for (const c of ISTIO_CRDS) {
        const src = docs.find(
          (d) =>
            d?.spec?.group === 'networking.istio.io' && d?.spec?.names?.kind === c.spec.names.kind,
        );
        expect(src.spec.versions.map((v: { name: string }) => v.name)).toEqual(
          c.spec.versions.map((v: { name: string }) => v.name),
        );
        const strip = (v: unknown): unknown =>
          Array.isArray(v)
            ? v.map(strip)
            : v && typeof v === 'object'
              ? Object.fromEntries(
                  Object.entries(v)
                    .filter(([k]) => k !== 'description')
                    .map(([k, x]) => [k, strip(x)]),
                )
              : v;
        expect(strip(src.spec.versions[0].schema)).toEqual(c.schema);
      }
    },
  );
  it('has no CEL rule the output check does not evaluate', () => {
    const rules = JSON.stringify(ISTIO_CRDS)
      .match(/"rule":"(?:[^"\\]|\\.)*"/g)!
      .map((r) => JSON.parse(r.slice(7)) as string);
    expect(rules.length).toBeGreaterThan(0);
    for (const r of new Set(rules)) expect(Object.keys(ISTIO_CEL_RULES)).toContain(r);
  });
  // The light check (zod schemas + native CEL) against the general CRD validator with Istio's CRDs.
  it.skipIf(!HAS_SHARED)('agrees with the CRD validator on valid and invalid objects', () => {
    const crds = loadCrds(`${SHARED}crds/istio/crd-all.gen.yaml`);
    const objects = [
      dr({
        host: 'a',
        trafficPolicy: {
          tls: { mode: 'ISTIO_MUTUAL', sni: 'x' },
          connectionPool: { tcp: { connectTimeout: '2s' } },
        },
      }),
      dr({ host: 'a', trafficPolicy: { connectionPool: { tcp: { connectTimeout: '0.5ms' } } } }),
      dr({ host: 'a', trafficPolicy: { loadBalancer: { simple: 'FASTEST' } } }),
      dr(
        { host: 'a', subsets: [{ name: 'v1', labels: { version: 'v1' } }] },
        'networking.istio.io/v1alpha3',
      ),
      dr({
        host: 'a',
        trafficPolicy: { portLevelSettings: [{ port: { number: 80 }, tls: { mode: 'SIMPLE' } }] },
      }),
      dr({ host: 'a', trafficPolicy: { tls: { mode: 'SIMPLE' }, unknownField: 1 } }),
    ];
    const verdict = (vs: { object: { index: number } }[]) =>
      objects.map((_, i) => vs.some((v) => v.object.index === i));
    // Istio's root schemas omit apiVersion and kind, which the API server always accepts.
    const general = validateWithCrds(objects, crds).violations.filter(
      (v) => !['apiVersion', 'kind'].includes(String(v.path[0])) || v.path.length > 1,
    );
    expect(verdict(validateIstio(objects))).toEqual(verdict(general));
    expect(verdict(validateIstio(objects))).toEqual([false, true, true, false, false, true]);
  });
});
