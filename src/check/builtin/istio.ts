// Istio DestinationRules and VirtualServices that convert writes, checked as the API server does
// with Istio's CRDs installed (crd-all.gen.yaml): served version, metadata, the spec schema (the
// zod schemas generated from the same CRDs) and the CRDs' CEL rules. The CEL rules are few and
// fixed (istio-crds.gen.ts; a test fails on a new one), so they are evaluated here: convert does
// not load the general CRD validator (ajv and a CEL interpreter) for them.
import type { z } from 'zod';
import type { FieldPath } from '../../model/resources.js';
import { DestinationRuleSpec, VirtualServiceSpec } from '../../parse/schemas/istio.gen.js';
import { parseDuration } from '../../duration.js';
import { ISTIO_CRDS } from './istio-crds.gen.js';
import type { StructuralSchema } from '../crd/schema.js';
import { metadataProblems } from '../meta.js';
import { objectRef, type Violation } from '../violation.js';

const GROUP = 'networking.istio.io';
const SPECS: Record<string, z.ZodType> = {
  DestinationRule: DestinationRuleSpec,
  VirtualService: VirtualServiceSpec,
};

/** The CEL rule texts of the CRDs, evaluated natively. */
export const ISTIO_CEL_RULES: Record<string, (v: unknown) => boolean> = {
  "duration(self) >= duration('1ms')": (v) => {
    const ns = typeof v === 'string' ? parseDuration(v) : undefined;
    return ns !== undefined && ns >= 1_000_000n;
  },
  '!self.contains("*")': (v) => typeof v !== 'string' || !v.includes('*'),
  'self.all(key, !key.contains("*"))': (v) =>
    Object.keys(v as object).every((k) => !k.includes('*')),
  'self.all(key, key.size() != 0)': (v) => Object.keys(v as object).every((k) => k.length !== 0),
};

type Report = (path: FieldPath, message: string, rule: string) => void;

/** Violations of the Istio objects among `objects` (other kinds are skipped). */
export function validateIstio(objects: readonly unknown[]): Violation[] {
  const out: Violation[] = [];
  objects.forEach((o, index) => {
    const obj = o as Record<string, unknown>;
    const apiVersion = typeof obj?.apiVersion === 'string' ? obj.apiVersion : '';
    if (!apiVersion.startsWith(`${GROUP}/`)) return;
    const ref = objectRef(obj, index);
    // EnvoyFilter copies (src/map/policies) have no local schema: their tests check them against
    // Istio's CRD (test/map/policies), as for the security, telemetry and extensions kinds.
    if (ref.kind === 'EnvoyFilter') return;
    const report: Report = (path, message, rule) =>
      out.push({ object: ref, path, origin: rule === 'schema' ? 'schema' : 'cel', rule, message });
    const crd = ISTIO_CRDS.find((c) => c.spec.names.kind === ref.kind);
    const schema = SPECS[ref.kind];
    const version = apiVersion.slice(GROUP.length + 1);
    if (
      !crd ||
      !schema ||
      !(crd.spec.versions as { name: string; served: boolean }[]).some(
        (v) => v.name === version && v.served,
      )
    ) {
      out.push({
        object: ref,
        path: ['apiVersion'],
        origin: 'served',
        rule: 'served',
        message: `no kind "${ref.kind}" is served in ${apiVersion}`,
      });
      return;
    }
    for (const p of metadataProblems(obj.metadata, true))
      out.push({
        object: ref,
        path: p.path,
        origin: 'metadata',
        rule: 'metadata',
        message: p.message,
      });
    const parsed = schema.safeParse(obj.spec ?? {});
    if (!parsed.success)
      for (const i of parsed.error.issues)
        report(['spec', ...(i.path as (string | number)[])], i.message, 'schema');
    celRules(
      obj.spec,
      (crd.schema.openAPIV3Schema as StructuralSchema).properties?.spec,
      ['spec'],
      report,
    );
  });
  return out;
}

function celRules(
  value: unknown,
  s: StructuralSchema | undefined,
  path: FieldPath,
  report: Report,
): void {
  if (!s || value === undefined || value === null) return;
  for (const v of s['x-kubernetes-validations'] ?? []) {
    const rule = ISTIO_CEL_RULES[v.rule];
    if (rule && !rule(value)) report(path, v.message ?? `failed rule: ${v.rule}`, v.rule);
  }
  if (Array.isArray(value)) {
    value.forEach((item, i) => celRules(item, s.items, [...path, i], report));
  } else if (typeof value === 'object') {
    for (const [k, x] of Object.entries(value as Record<string, unknown>)) {
      const child = s.properties
        ? s.properties[k]
        : typeof s.additionalProperties === 'object'
          ? s.additionalProperties
          : undefined;
      celRules(x, child, [...path, k], report);
    }
  }
}
