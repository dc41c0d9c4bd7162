// Policies that selected the old gateway pods get a counterpart attached to the new Gateway by
// targetRefs (or an error): real manifests in, exact objects and findings (id, path, line) out,
// and every counterpart validated against Istio's own CRDs in ../shared.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { convert, type ConvertOptions } from '../../../src/index.js';
import { parseCrds } from '../../../src/check/crd/load.js';
import { validateWithCrds } from '../../../src/check/crd/validate.js';
import { SHARED } from '../../helpers/shared.js';

const ISTIO_CRDS = join(SHARED, 'crds/istio/crd-all.gen.yaml');

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
  const policies = r.resources.filter(
    (o) => !o.apiVersion.startsWith('gateway.networking.k8s.io/'),
  );
  return { r, seen, policies };
}

const OLD_GATEWAY = `apiVersion: v1
kind: Service
metadata: {name: istio-ingressgateway, namespace: istio-ingress}
spec:
  selector: {istio: ingressgateway}
  ports:
  - {name: http2, port: 80, targetPort: 8080}
---
apiVersion: networking.istio.io/v1
kind: Gateway
metadata: {name: public, namespace: shop}
spec:
  selector: {istio: ingressgateway}
  servers:
  - port: {number: 80, name: http, protocol: HTTP}
    hosts: [web.example.com]
---
`;
const TO_PUBLIC = [{ group: 'gateway.networking.k8s.io', kind: 'Gateway', name: 'public' }];

describe('policies that select the old gateway pods', () => {
  it('an AuthorizationPolicy in the root namespace: a copy in the Gateway namespace with targetRefs', () => {
    const { policies, seen } = run(
      OLD_GATEWAY +
        `apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata: {name: deny-admin, namespace: istio-system}
spec:
  selector:
    matchLabels: {istio: ingressgateway}
  action: DENY
  rules:
  - to:
    - operation: {paths: [/admin]}
`,
    );
    expect(policies).toEqual([
      {
        apiVersion: 'security.istio.io/v1',
        kind: 'AuthorizationPolicy',
        metadata: { name: 'deny-admin-public', namespace: 'shop' },
        spec: {
          targetRefs: TO_PUBLIC,
          action: 'DENY',
          rules: [{ to: [{ operation: { paths: ['/admin'] } }] }],
        },
      },
    ]);
    expect(seen).toEqual([
      { id: 'policy-counterpart-created', path: 'spec.selector.matchLabels', line: 23 },
    ]);
  });

  it('each counterpart is a "follow" step of the cutover checklist, before DNS moves', () => {
    const { r } = run(
      OLD_GATEWAY +
        `apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata: {name: deny-admin, namespace: istio-system}
spec:
  selector:
    matchLabels: {istio: ingressgateway}
`,
    );
    expect(r.cutover.items.filter((i) => i.by === 'policies')).toEqual([
      {
        phase: 'follow',
        by: 'policies',
        gateway: { namespace: 'shop', name: 'public' },
        text: 'Apply AuthorizationPolicy shop/deny-admin-public (the copy of AuthorizationPolicy istio-system/deny-admin for Gateway shop/public) before traffic reaches the Gateway; delete the original with the old gateway',
      },
    ]);
  });

  it('each served version keeps its apiVersion; a selector of other pods is left alone', () => {
    const { policies } = run(
      OLD_GATEWAY +
        `apiVersion: security.istio.io/v1beta1
kind: RequestAuthentication
metadata: {name: jwt, namespace: istio-ingress}
spec:
  selector:
    matchLabels: {istio: ingressgateway}
  jwtRules: [{issuer: https://issuer.example.com}]
---
apiVersion: telemetry.istio.io/v1alpha1
kind: Telemetry
metadata: {name: logs, namespace: istio-ingress}
spec:
  selector:
    matchLabels: {istio: ingressgateway}
  accessLogging: [{providers: [{name: envoy}]}]
---
apiVersion: extensions.istio.io/v1alpha1
kind: WasmPlugin
metadata: {name: filter, namespace: istio-system}
spec:
  selector:
    matchLabels: {istio: ingressgateway}
  url: oci://example.com/filter:1
---
apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata: {name: billing, namespace: istio-system}
spec:
  selector:
    matchLabels: {app: billing}
`,
    );
    expect(
      policies.map((p) => `${p.apiVersion} ${p.kind} ${p.metadata.namespace}/${p.metadata.name}`),
    ).toEqual([
      'security.istio.io/v1beta1 RequestAuthentication shop/jwt-public',
      'telemetry.istio.io/v1alpha1 Telemetry shop/logs-public',
      'extensions.istio.io/v1alpha1 WasmPlugin shop/filter-public',
    ]);
  });

  it('no counterpart in reuse mode (the old pods keep serving) nor for policies that use targetRefs already', () => {
    const ap = `apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata: {name: deny-admin, namespace: istio-system}
spec:
  selector:
    matchLabels: {istio: ingressgateway}
`;
    expect(run(OLD_GATEWAY + ap, { reuseGateway: true }).policies).toEqual([]);
    const byRef = `apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata: {name: by-ref, namespace: shop}
spec:
  targetRefs: [{group: gateway.networking.k8s.io, kind: Gateway, name: public}]
`;
    expect(run(OLD_GATEWAY + byRef).seen).toEqual([]);
  });

  it('a selector with labels the old pods are not known to carry: error for access control, warning for telemetry', () => {
    const sel = '{istio: ingressgateway, app: istio-ingressgateway}';
    const { policies, seen } = run(
      OLD_GATEWAY +
        `apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata: {name: maybe, namespace: istio-ingress}
spec:
  selector:
    matchLabels: ${sel}
---
apiVersion: telemetry.istio.io/v1
kind: Telemetry
metadata: {name: maybe, namespace: istio-ingress}
spec:
  selector:
    matchLabels: ${sel}
---
apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata: {name: other-gateway, namespace: istio-ingress}
spec:
  selector:
    matchLabels: {istio: egressgateway}
`,
    );
    expect(policies).toEqual([]);
    expect(seen).toEqual([
      { id: 'policy-not-retargeted', path: 'spec.selector.matchLabels', line: 23 },
      { id: 'telemetry-not-retargeted', path: 'spec.selector.matchLabels', line: 30 },
    ]);
  });
});

describe('policies without selector', () => {
  const inOldNamespace = `apiVersion: security.istio.io/v1
kind: RequestAuthentication
metadata: {name: jwt, namespace: istio-ingress}
spec:
  jwtRules: [{issuer: https://issuer.example.com}]
---
`;
  const inRoot = `apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata: {name: mesh-wide, namespace: istio-system}
spec: {action: ALLOW, rules: [{}]}
---
`;
  const inGatewayNamespace = `apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata: {name: internal-only, namespace: shop}
spec:
  rules:
  - from: [{source: {namespaces: [shop]}}]
`;
  it('old gateway namespace: copied to the Gateway; root namespace: nothing; Gateway namespace: a warning', () => {
    const { policies, seen } = run(OLD_GATEWAY + inOldNamespace + inRoot + inGatewayNamespace);
    expect(policies).toEqual([
      {
        apiVersion: 'security.istio.io/v1',
        kind: 'RequestAuthentication',
        metadata: { name: 'jwt-public', namespace: 'shop' },
        spec: { targetRefs: TO_PUBLIC, jwtRules: [{ issuer: 'https://issuer.example.com' }] },
      },
    ]);
    expect(seen).toEqual([
      { id: 'policy-counterpart-created', line: 18 },
      { id: 'policy-applies-to-new-gateway', line: 29 },
    ]);
  });

  it("a Gateway in the old pods' namespace: the same namespace-wide policies apply before and after", () => {
    const sameNs = OLD_GATEWAY.replace('namespace: shop', 'namespace: istio-ingress');
    const { policies, seen } = run(sameNs + inOldNamespace + inGatewayNamespace);
    expect(policies).toEqual([]);
    expect(seen).toEqual([]);
  });
});

describe('EnvoyFilter', () => {
  const filter = (patches: string) => `apiVersion: networking.istio.io/v1alpha3
kind: EnvoyFilter
metadata: {name: lua, namespace: istio-ingress}
spec:
  workloadSelector:
    labels: {istio: ingressgateway}
  configPatches:
${patches}`;
  const portable = `  - applyTo: HTTP_FILTER
    match:
      context: GATEWAY
      listener:
        filterChain:
          filter: {name: envoy.filters.network.http_connection_manager}
    patch: {operation: INSERT_BEFORE, value: {name: envoy.lua}}
`;
  const byPort = (port: number) => `  - applyTo: NETWORK_FILTER
    match: {context: GATEWAY, listener: {portNumber: ${port}}}
    patch: {operation: MERGE}
`;
  const byName = `  - applyTo: VIRTUAL_HOST
    match: {context: GATEWAY, routeConfiguration: {name: http.8080}}
    patch: {operation: MERGE}
`;
  const sidecar = `  - applyTo: CLUSTER
    match: {context: SIDECAR_OUTBOUND}
    patch: {operation: MERGE}
`;

  it('portable patches follow; a port the new pods listen on differently and a route name are errors', () => {
    const { policies, seen } = run(
      OLD_GATEWAY + filter(portable + byPort(8080) + byName + sidecar),
    );
    expect(policies).toHaveLength(1);
    expect(policies[0]!.spec).toEqual({
      targetRefs: TO_PUBLIC,
      configPatches: [
        {
          applyTo: 'HTTP_FILTER',
          match: {
            context: 'GATEWAY',
            listener: {
              filterChain: { filter: { name: 'envoy.filters.network.http_connection_manager' } },
            },
          },
          patch: { operation: 'INSERT_BEFORE', value: { name: 'envoy.lua' } },
        },
      ],
    });
    expect(seen).toEqual([
      { id: 'policy-counterpart-created', path: 'spec.workloadSelector.labels', line: 23 },
      {
        id: 'envoyfilter-patch-not-portable',
        path: 'spec.configPatches[1].match.listener.portNumber',
        line: 33,
      },
      {
        id: 'envoyfilter-patch-not-portable',
        path: 'spec.configPatches[2].match.routeConfiguration.name',
        line: 36,
      },
    ]);
  });

  it('a port that is the same on old and new pods follows; no portable patch at all: no counterpart', () => {
    const samePort = OLD_GATEWAY.replace('targetPort: 8080', 'targetPort: 80');
    expect(run(samePort + filter(byPort(80))).policies).toHaveLength(1);
    const { policies, seen } = run(OLD_GATEWAY + filter(byName));
    expect(policies).toEqual([]);
    expect(seen.map((f) => f.id)).toEqual(['envoyfilter-patch-not-portable']);
  });

  it('before Istio 1.27 (which ignores EnvoyFilter targetRefs) the counterpart selects the new pods by label', () => {
    const { policies } = run(OLD_GATEWAY + filter(portable), { istio: '1.26' });
    expect(policies[0]!.spec).toMatchObject({
      workloadSelector: { labels: { 'gateway.networking.k8s.io/gateway-name': 'public' } },
    });
    expect(policies[0]!.spec).not.toHaveProperty('targetRefs');
  });
});

describe('destination ports in counterparts', () => {
  const policy = (ports: string[]) => `apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata: {name: http-only, namespace: istio-ingress}
spec:
  selector: {matchLabels: {istio: ingressgateway}}
  action: DENY
  rules:
  - to: [{operation: {ports: ${JSON.stringify(ports)}}}]
`;
  const ports = (r: ReturnType<typeof run>) =>
    r.policies.map((p) => JSON.stringify((p.spec as { rules: unknown[] }).rules));

  it('name the port the new pods listen on; a port no pod listens on stays as written', () => {
    const r = run(OLD_GATEWAY + policy(['8080', '9000']));
    expect(ports(r)).toEqual(['[{"to":[{"operation":{"ports":["80","9000"]}}]}]']);
    expect(r.seen.map((f) => f.id)).toEqual(['policy-counterpart-created']);
  });

  it('a named targetPort no workload resolves leaves the old port unknown: an error', () => {
    const named = OLD_GATEWAY.replace('targetPort: 8080', 'targetPort: http');
    const r = run(named + policy(['8080']));
    expect(ports(r)).toEqual(['[{"to":[{"operation":{"ports":["8080"]}}]}]']);
    expect(r.seen).toContainEqual({
      id: 'policy-port-not-portable',
      path: 'spec.rules[0].to[0].operation.ports[0]',
      line: 25,
    });
    expect(r.r.findings.find((f) => f.id === 'policy-port-not-portable')!.message).toContain(
      'the pod port behind server port 80 is not known (named targetPort)',
    );
  });
});

describe.skipIf(!existsSync(ISTIO_CRDS))("counterparts pass Istio's CRD schema", () => {
  it('every kind and served version, with targetRefs and with the pre-1.27 selector', () => {
    const input = readFileSync(
      join(import.meta.dirname, '../../../samples/policies-gateway-counterparts/input.yaml'),
      'utf8',
    );
    const crds = parseCrds([{ file: ISTIO_CRDS, text: readFileSync(ISTIO_CRDS, 'utf8') }]);
    for (const istio of ['1.31', '1.26'] as const) {
      const { policies } = run(input, { istio });
      expect(policies.length).toBeGreaterThanOrEqual(5);
      const result = validateWithCrds(policies, crds);
      expect(result.checked).toHaveLength(policies.length);
      expect(result.violations).toEqual([]);
    }
  });

  it('the schema check can fail: a counterpart with both selector and targetRefs is rejected', () => {
    const crds = parseCrds([{ file: ISTIO_CRDS, text: readFileSync(ISTIO_CRDS, 'utf8') }]);
    const bad = {
      apiVersion: 'security.istio.io/v1',
      kind: 'AuthorizationPolicy',
      metadata: { name: 'x', namespace: 'shop' },
      spec: { targetRefs: TO_PUBLIC, selector: { matchLabels: { a: 'b' } } },
    };
    expect(validateWithCrds([bad], crds).violations.map((v) => v.message)).toEqual([
      expect.stringContaining('only one of targetRefs or selector'),
    ]);
  });
});
