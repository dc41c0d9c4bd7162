// `--mesh ambient` on bookinfo gives what istio.io's sidecar-to-ambient migration guide gives
// (docs/ambient/migrate/: install-ambient-components, migrate-policies, enable-ambient-mode):
// the guide's objects are written out below and compared exactly; plus what ambient does not do.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { convert, type ConvertOptions } from '../../../src/index.js';
import { parseCrds } from '../../../src/check/crd/load.js';
import { validateWithCrds } from '../../../src/check/crd/validate.js';
import { loadCrds } from '../../../src/check/crd/load.js';
import { SHARED } from '../../helpers/shared.js';

const BOOKINFO = readFileSync(
  join(import.meta.dirname, '../../../samples/ambient-bookinfo/input.yaml'),
  'utf8',
);

function run(yaml: string, options: ConvertOptions = { mesh: 'ambient' }) {
  const r = convert([{ file: 'in.yaml', text: yaml }], options);
  const find = (kind: string, name: string) =>
    r.resources.find((o) => o.kind === kind && o.metadata.name === name);
  const seen = r.findings.map((f) => ({
    id: f.id,
    ...(f.source?.path ? { path: f.source.path } : {}),
    line: f.source?.line,
  }));
  return { r, find, seen };
}

describe('--mesh ambient on bookinfo, against the migration guide', () => {
  const { r, find, seen } = run(BOOKINFO);

  it('the waypoint is what `istioctl waypoint apply -n bookinfo` creates (install-ambient-components)', () => {
    expect(find('Gateway', 'waypoint')).toEqual({
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'Gateway',
      metadata: { name: 'waypoint', namespace: 'bookinfo' },
      spec: {
        gatewayClassName: 'istio-waypoint',
        listeners: [{ name: 'mesh', port: 15008, protocol: 'HBONE' }],
      },
    });
  });

  it('version Services and the Service-parented HTTPRoute of "Migrate VirtualService to HTTPRoute"', () => {
    for (const v of ['v1', 'v2']) {
      expect(find('Service', `reviews-${v}`)).toEqual({
        apiVersion: 'v1',
        kind: 'Service',
        metadata: { name: `reviews-${v}`, namespace: 'bookinfo' },
        spec: { selector: { app: 'reviews', version: v }, ports: [{ name: 'http', port: 9080 }] },
      });
    }
    // The guide writes `port: 9080` on the parentRef and omits the header match type: with one
    // Service port and the default type Exact, the same route.
    expect(find('HTTPRoute', 'reviews')).toEqual({
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'HTTPRoute',
      metadata: { name: 'reviews', namespace: 'bookinfo' },
      spec: {
        parentRefs: [{ group: '', kind: 'Service', name: 'reviews' }],
        rules: [
          {
            matches: [{ headers: [{ type: 'Exact', name: 'end-user', value: 'jason' }] }],
            backendRefs: [{ name: 'reviews-v2', port: 9080 }],
          },
          { backendRefs: [{ name: 'reviews-v1', port: 9080 }] },
        ],
      },
    });
  });

  it('the L7 AuthorizationPolicy targets the reviews Service (the guide\'s "After"), beside the original', () => {
    expect(find('AuthorizationPolicy', 'allow-get-reviews-waypoint')).toEqual({
      apiVersion: 'security.istio.io/v1',
      kind: 'AuthorizationPolicy',
      metadata: { name: 'allow-get-reviews-waypoint', namespace: 'bookinfo' },
      spec: {
        targetRefs: [{ group: '', kind: 'Service', name: 'reviews' }],
        action: 'ALLOW',
        rules: [{ to: [{ operation: { methods: ['GET'] } }] }],
      },
    });
    expect(seen).toContainEqual({
      id: 'ambient-policy-retargeted',
      path: 'spec.selector.matchLabels',
      line: 93,
    });
  });

  it('the L4 AuthorizationPolicy is left to ztunnel: no copy, no finding', () => {
    expect(find('AuthorizationPolicy', 'allow-frontend-waypoint')).toBeUndefined();
    expect(r.findings.filter((f) => f.source?.name === 'allow-frontend')).toEqual([]);
  });

  it("the label step is named in the guide's order, not applied with the manifests", () => {
    const f = r.findings.find((x) => x.id === 'ambient-waypoint-created')!;
    expect(f.hint).toContain(
      'kubectl label namespace bookinfo istio.io/use-waypoint=waypoint; then kubectl label namespace bookinfo istio.io/dataplane-mode=ambient',
    );
    expect(r.resources.map((o) => o.kind)).not.toContain('Namespace');
  });

  it('RequestAuthentication moves to the waypoint; a policy narrower than any Service and the sidecar EnvoyFilter are errors', () => {
    expect(find('RequestAuthentication', 'ratings-jwt-waypoint')!.spec).toMatchObject({
      targetRefs: [{ group: '', kind: 'Service', name: 'ratings' }],
    });
    expect(
      seen.filter(
        (f) => f.id === 'ambient-policy-not-retargeted' || f.id === 'ambient-not-supported',
      ),
    ).toEqual([
      { id: 'ambient-policy-not-retargeted', path: 'spec.selector.matchLabels', line: 124 },
      { id: 'ambient-not-supported', line: 146 },
    ]);
  });

  it('without --mesh ambient none of it is written', () => {
    const sidecar = run(BOOKINFO, {});
    expect(sidecar.r.resources.map((o) => o.kind).sort()).toEqual([
      'HTTPRoute',
      'Service',
      'Service',
    ]);
    expect(sidecar.r.findings.filter((f) => f.id.startsWith('ambient-'))).toEqual([]);
  });
});

describe('--mesh ambient: other placements', () => {
  const SVC = `apiVersion: v1
kind: Service
metadata: {name: api, namespace: shop}
spec:
  selector: {app: api}
  ports: [{name: http, port: 8080}]
---
`;
  it('a namespace-wide L7 policy targets the waypoint Gateway; a root-namespace one GatewayClass istio-waypoint', () => {
    const { find } = run(
      SVC +
        `apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata: {name: no-delete, namespace: shop}
spec:
  action: DENY
  rules: [{to: [{operation: {methods: [DELETE]}}]}]
---
apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata: {name: ext-authz, namespace: istio-system}
spec:
  action: CUSTOM
  provider: {name: opa}
  rules: [{to: [{operation: {paths: [/admin]}}]}]
`,
    );
    expect(find('AuthorizationPolicy', 'no-delete-waypoint')!.spec).toMatchObject({
      targetRefs: [{ group: 'gateway.networking.k8s.io', kind: 'Gateway', name: 'waypoint' }],
    });
    expect(find('AuthorizationPolicy', 'ext-authz-waypoint')!.spec).toMatchObject({
      targetRefs: [
        { group: 'gateway.networking.k8s.io', kind: 'GatewayClass', name: 'istio-waypoint' },
      ],
    });
    expect(find('Gateway', 'waypoint')!.metadata.namespace).toBe('shop');
  });

  it('a consumer route (exportTo its own namespace) is not applied by a waypoint: error', () => {
    const { seen } = run(
      SVC +
        `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: api-for-web, namespace: web}
spec:
  hosts: [api.shop.svc.cluster.local]
  exportTo: ["."]
  http:
  - route:
    - destination: {host: api.shop.svc.cluster.local}
`,
    );
    expect(seen.filter((f) => f.id === 'ambient-not-supported')).toEqual([
      { id: 'ambient-not-supported', line: 8 },
    ]);
  });

  it('Sidecar resources and PeerAuthentication DISABLE are errors', () => {
    const { seen } = run(`apiVersion: networking.istio.io/v1
kind: Sidecar
metadata: {name: default, namespace: shop}
spec:
  egress: [{hosts: ["./*"]}]
---
apiVersion: security.istio.io/v1
kind: PeerAuthentication
metadata: {name: legacy, namespace: shop}
spec:
  mtls: {mode: DISABLE}
`);
    expect(seen).toEqual([
      { id: 'ambient-not-supported', line: 1 },
      { id: 'ambient-not-supported', line: 7 },
    ]);
  });
});

const ISTIO_CRDS = join(SHARED, 'crds/istio/crd-all.gen.yaml');
const GATEWAY_CRDS = join(SHARED, 'crds/gateway-api/v1.6.1/standard');
describe.skipIf(!existsSync(ISTIO_CRDS) || !existsSync(GATEWAY_CRDS))(
  'ambient output passes the CRD schemas',
  () => {
    it("every policy copy (Istio's CRD) and the waypoint (Gateway API v1.6 standard)", () => {
      const { r } = run(BOOKINFO);
      const istio = parseCrds([{ file: ISTIO_CRDS, text: readFileSync(ISTIO_CRDS, 'utf8') }]);
      const copies = r.resources.filter((o) => o.metadata.name.endsWith('-waypoint'));
      expect(copies).toHaveLength(2);
      const checked = validateWithCrds(copies, istio);
      expect(checked.checked).toHaveLength(2);
      expect(checked.violations).toEqual([]);
      const gw = validateWithCrds(
        r.resources.filter((o) => o.kind === 'Gateway'),
        loadCrds(GATEWAY_CRDS),
      );
      expect(gw.checked).toHaveLength(1);
      expect(gw.violations).toEqual([]);
      expect(r.findings.filter((f) => f.id === 'invalid-output')).toEqual([]);
    });
  },
);
