import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { generate, MODELLED } from '../../scripts/gen-gateway-api-crds.js';
import { validateOutput as builtin } from '../../src/check/builtin/validate.js';
import { checkByBundledCrd } from '../../src/check/crd/gateway-api-crds.js';
import { MODELS } from '../../src/check/builtin/kinds.js';
import { BUNDLES } from '../../src/check/crd/gateway-api-crds.gen.js';
import { validateManifests } from '../../src/check/manifests.js';
import { CHANNELS, GATEWAY_API_RELEASES, supportsApi } from '../../src/target.js';
import { target } from './tricky.js';

// Issue #14 item 13: the built-in `validate` covers every kind and every served version of the
// target, using the target's own CRDs (bundled, src/check/crd/gateway-api-crds.gen.ts) for the
// kinds its rules do not model.

const validateOutput = (objects: unknown[], t: ReturnType<typeof target>) =>
  builtin(objects, t, checkByBundledCrd);

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../../shared/crds/gateway-api');
const HAVE = existsSync(ROOT);
const GEN = resolve(
  dirname(fileURLToPath(import.meta.url)),
  '../../src/check/crd/gateway-api-crds.gen.ts',
);

describe('bundled Gateway API CRDs', () => {
  it.skipIf(!HAVE)(
    'are what scripts/gen-gateway-api-crds.ts makes of ../shared (run it after a CRD update)',
    () => {
      expect(readFileSync(GEN, 'utf8') === generate(ROOT)).toBe(true);
    },
  );

  it('the generator knows exactly the kinds and versions the built-in rules model', () => {
    const models: Record<string, string[]> = {};
    for (const m of MODELS) (models[m.kind] ??= []).push(m.version);
    expect(
      Object.fromEntries(Object.entries(MODELLED).map(([k, v]) => [k, [...v].sort()])),
    ).toEqual(Object.fromEntries(Object.entries(models).map(([k, v]) => [k, v.sort()])));
  });

  it('every version a release serves is checked: by the built-in rules where they serve it, else by a bundled schema', () => {
    for (const r of GATEWAY_API_RELEASES) {
      for (const ch of CHANNELS) {
        const t = target(r, ch);
        const crds = BUNDLES[`${r}/${ch}`]!;
        expect(crds.length).toBeGreaterThan(4);
        for (const crd of crds) {
          for (const [version, served, schema] of crd.versions) {
            if (schema !== null) continue;
            const model = MODELS.find((m) => m.kind === crd.kind && m.version === version)!;
            const byModel = !model.served || model.served.some((f) => supportsApi(t, f));
            expect({ r, ch, kind: crd.kind, version, served: byModel }).toEqual({
              r,
              ch,
              kind: crd.kind,
              version,
              served,
            });
          }
        }
      }
    }
  });
});

const file = (rel: string) => join(ROOT, rel);
const validate = (
  f: string,
  r: (typeof GATEWAY_API_RELEASES)[number],
  ch: 'standard' | 'experimental',
) => validateManifests([{ file: f, text: readFileSync(f, 'utf8') }], { target: target(r, ch) });

describe.skipIf(!HAVE)('built-in validate', () => {
  it("rejects upstream's invalid GatewayClass in every release and channel", () => {
    for (const r of GATEWAY_API_RELEASES) {
      for (const ch of CHANNELS) {
        const fs = validate(
          file('invalid-examples/standard/gatewayclass/invalid-controller.yaml'),
          r,
          ch,
        );
        expect(fs.map((f) => [f.source?.path, f.source?.line])).toEqual([
          ['spec.controllerName', 6],
        ]);
      }
    }
  });

  it('checks ListenerSet (v1.5+ standard) and rejects it where it is not served', () => {
    const ls = {
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'ListenerSet',
      metadata: { name: 'ls', namespace: 'default' },
      spec: {
        parentRef: { name: 'gw' },
        listeners: [{ name: 'http', port: 80, protocol: 'HTTP' }],
      },
    };
    expect(validateOutput([ls], target('v1.6', 'standard'))).toEqual([]);
    const bad = {
      ...ls,
      spec: { ...ls.spec, listeners: [{ name: 'http', port: 0, protocol: 'HTTP' }] },
    };
    expect(validateOutput([bad], target('v1.6', 'standard')).map((v) => v.path.join('.'))).toEqual([
      'spec.listeners.0.port',
    ]);
    expect(
      validateOutput([ls], target('v1.4', 'standard')).map((v) => [v.rule, v.message]),
    ).toEqual([
      ['served', 'no kind "ListenerSet" in gateway.networking.k8s.io for this release and channel'],
    ]);
  });

  it('checks XListenerSet in v1.4 experimental, and knows v1.4 standard has none', () => {
    const xls = {
      apiVersion: 'gateway.networking.x-k8s.io/v1alpha1',
      kind: 'XListenerSet',
      metadata: { name: 'ls', namespace: 'default' },
      spec: {
        parentRef: { name: 'gw' },
        listeners: [{ name: 'http', port: 80, protocol: 'HTTP', hostname: 'Not_A_Host' }],
      },
    };
    expect(
      validateOutput([xls], target('v1.4', 'experimental')).map((v) => v.path.join('.')),
    ).toEqual(['spec.listeners.0.hostname']);
    expect(validateOutput([xls], target('v1.4', 'standard')).map((v) => v.rule)).toEqual([
      'served',
    ]);
  });

  it('checks HTTPRoute and Gateway v1beta1 (served by v1.6.1) by the same rules as v1', () => {
    const route = {
      apiVersion: 'gateway.networking.k8s.io/v1beta1',
      kind: 'HTTPRoute',
      metadata: { name: 'r', namespace: 'default' },
      spec: { parentRefs: [{ name: 'gw' }], rules: [{ backendRefs: [{ name: 's', port: 80 }] }] },
    };
    expect(validateOutput([route], target('v1.6', 'standard'))).toEqual([]);
    const bad = { ...route, spec: { ...route.spec, hostnames: ['Bad_Host'] } };
    expect(validateOutput([bad], target('v1.6', 'standard')).map((v) => v.path.join('.'))).toEqual([
      'spec.hostnames.0',
    ]);
  });

  it('checks label and annotation keys of spec.infrastructure (CEL rules of every release)', () => {
    const gw = (infrastructure: unknown) => ({
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'Gateway',
      metadata: { name: 'gw', namespace: 'default' },
      spec: {
        gatewayClassName: 'istio',
        infrastructure,
        listeners: [{ name: 'http', port: 80, protocol: 'HTTP' }],
      },
    });
    const ok = gw({ labels: { 'example.com/team': 'a', app: 'b' }, annotations: { 'a.b/c': 'x' } });
    const bad = gw({
      labels: { 'bad key': 'a', '-x': 'b' },
      annotations: { 'UPPER.example.com/a': 'x' },
    });
    for (const r of GATEWAY_API_RELEASES) {
      expect(validateOutput([ok], target(r, 'standard'))).toEqual([]);
      expect(validateOutput([bad], target(r, 'standard')).map((v) => v.path.join('.'))).toEqual([
        'spec.infrastructure.labels.bad key',
        'spec.infrastructure.labels.-x',
        'spec.infrastructure.annotations.UPPER.example.com/a',
      ]);
    }
  });
});
