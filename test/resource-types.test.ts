// `ConvertResult.resources` is a union discriminated by `kind` (issue #17): a consumer's
// `switch (r.kind)` narrows `spec`. The type assertions are checked by `tsc` (npm test); the
// runtime half holds the union closed over what the mappers really emit.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import {
  convert,
  type BackendTLSPolicy,
  type ConvertedResource,
  type Gateway,
  type HTTPRouteRule,
  type IstioPolicy,
  type Listener,
  type PolicyTargetReference,
  type ServicePort,
} from '../src/index.js';
import { SAMPLES_DIR, listSamples, runSample } from './helpers/samples.js';

/** Every kind of the union, once: the compiler fails here when the union gains or loses one. */
const KINDS = {
  Gateway: true,
  HTTPRoute: true,
  GRPCRoute: true,
  TLSRoute: true,
  TCPRoute: true,
  ReferenceGrant: true,
  BackendTLSPolicy: true,
  Service: true,
  DestinationRule: true,
  VirtualService: true,
  AuthorizationPolicy: true,
  RequestAuthentication: true,
  Telemetry: true,
  WasmPlugin: true,
  EnvoyFilter: true,
} satisfies Record<ConvertedResource['kind'], true>;
expectTypeOf<keyof typeof KINDS>().toEqualTypeOf<ConvertedResource['kind']>();

/** What a consumer writes: one case per kind, `spec` typed in each, exhaustive. */
function describeResource(r: ConvertedResource): string {
  switch (r.kind) {
    case 'Gateway':
      expectTypeOf(r).toEqualTypeOf<Gateway>();
      expectTypeOf(r.spec.listeners).toEqualTypeOf<Listener[]>();
      return r.spec.listeners.map((l) => `${l.protocol}:${l.port}`).join(',');
    case 'HTTPRoute':
    case 'GRPCRoute':
      return `${r.spec.rules.length} rules`;
    case 'TLSRoute':
    case 'TCPRoute':
      return r.spec.rules.map((x) => x.backendRefs.map((b) => b.name).join('+')).join(',');
    case 'ReferenceGrant':
      return r.spec.from.map((f) => f.namespace).join(',');
    case 'BackendTLSPolicy':
      expectTypeOf(r).toEqualTypeOf<BackendTLSPolicy>();
      return r.spec.validation.hostname;
    case 'Service':
      expectTypeOf(r.spec.ports).toEqualTypeOf<ServicePort[] | undefined>();
      return (r.spec.ports ?? []).map((p) => p.port).join(',');
    case 'DestinationRule':
      return r.spec.host;
    case 'VirtualService':
      return r.spec.hosts.join(',');
    case 'EnvoyFilter':
      return Object.keys(r.spec.workloadSelector?.labels ?? {}).join(',');
    case 'AuthorizationPolicy':
    case 'RequestAuthentication':
    case 'Telemetry':
    case 'WasmPlugin':
      expectTypeOf(r).toExtend<IstioPolicy>();
      expectTypeOf(r.spec.targetRefs).toEqualTypeOf<PolicyTargetReference[] | undefined>();
      return (r.spec.targetRefs ?? []).map((t) => t.name).join(',');
    default: {
      // No kind is left over: `resources` holds nothing the union does not name.
      const rest: never = r;
      return rest;
    }
  }
}

describe('ConvertResult.resources', () => {
  it('narrows by kind: an HTTPRoute of a converted sample has typed rules', () => {
    const [seed] = listSamples().filter((s) => s.name === 'seed-01-httpbin');
    const r = convert(seed!.inputs, seed!.options);
    const route = r.resources.find((o) => o.kind === 'HTTPRoute');
    if (route?.kind !== 'HTTPRoute') throw new Error('seed-01-httpbin gives no HTTPRoute');
    expectTypeOf(route.spec.rules).toEqualTypeOf<HTTPRouteRule[]>();
    expect(route.spec.rules[0]!.backendRefs![0]!.name).toBe('httpbin');
    expect(r.resources.map(describeResource)).toEqual(['HTTP:80', '2 rules']);
  });

  it('unnarrowed, a spec field of one kind is not there', () => {
    const r = convert('');
    for (const o of r.resources) {
      // @ts-expect-error rules exist on routes only
      void o.spec.rules;
    }
    expect(r.resources).toEqual([]);
  });

  it('names every kind the samples emit', () => {
    const kinds = new Set<string>();
    for (const dir of readdirSync(SAMPLES_DIR)) {
      let text: string;
      try {
        text = readFileSync(join(SAMPLES_DIR, dir, 'expected.yaml'), 'utf8');
      } catch {
        continue;
      }
      for (const d of parseAllDocuments(text)) kinds.add((d.toJS() as { kind: string }).kind);
    }
    expect([...kinds].filter((k) => !(k in KINDS))).toEqual([]);
    expect(kinds.size).toBeGreaterThan(10);
  });

  it('describes each resource of samples with policies and per-subset Services', () => {
    const described = (name: string) =>
      runSample(listSamples().find((x) => x.name === name)!).resources.map(
        (o) => `${o.kind}: ${describeResource(o)}`,
      );
    expect(described('policies-gateway-counterparts')).toEqual([
      'Gateway: HTTP:80',
      'AuthorizationPolicy: public',
      'AuthorizationPolicy: public',
      'EnvoyFilter: ',
      'RequestAuthentication: public',
      'Telemetry: public',
      'WasmPlugin: public',
    ]);
    expect(described('bookinfo-subsets-reviews-80-20')).toEqual([
      'HTTPRoute: 1 rules',
      'Service: 9080',
      'Service: 9080',
    ]);
  });
});
