import type { Target } from '../../target.js';
import type { CrdFallback } from '../builtin/validate.js';
import type { Violation } from '../violation.js';
import type { Crd, CrdSet, CrdVersion } from './load.js';
import type { StructuralSchema } from './schema.js';
import { validateWithCrds } from './validate.js';
import { BUNDLES, type BundledCrd, SCHEMAS } from './gateway-api-crds.gen.js';

/**
 * Kinds and versions the built-in rules do not model (GatewayClass, ListenerSet, UDPRoute,
 * XListenerSet…): the target's own CRD, bundled (gateway-api-crds.gen.ts), schema and CEL.
 */
export const checkByBundledCrd: CrdFallback = (obj, ref, group, version, target) => {
  const served = (message: string): Violation[] => [
    { object: ref, path: ['apiVersion'], origin: 'served', rule: 'served', message },
  ];
  const bundled = bundledKind(target, group, ref.kind);
  if (!bundled) return served(`no kind "${ref.kind}" in ${group} for this release and channel`);
  if (!bundled.served.includes(version)) {
    const ok = bundled.served.map((v) => `${group}/${v}`).join(', ');
    return served(
      `Gateway API ${target.gatewayApi} ${target.channel} does not serve ${ref.kind} ${ref.apiVersion}${ok ? ` (it serves ${ok})` : ''}`,
    );
  }
  const set = bundledCrdSet(bundled, version);
  // No schema bundled: a version the built-in rules model but FEATURES gates off (a test keeps them in step).
  if (!set)
    return served(`${ref.kind} ${ref.apiVersion} is not modelled for this release and channel`);
  return validateWithCrds([obj], set).violations.map((v) => ({ ...v, object: ref }));
};

/** A kind of the target's Gateway API CRDs, and what it serves. */
export interface BundledKind {
  crd: BundledCrd;
  /** Versions the API server serves for this kind. */
  served: string[];
}

/** The kind as the target's CRDs define it (release × channel), or undefined. */
export function bundledKind(target: Target, group: string, kind: string): BundledKind | undefined {
  const crd = (BUNDLES[`${target.gatewayApi}/${target.channel}`] ?? []).find(
    (c) => c.group === group && c.kind === kind,
  );
  return crd && { crd, served: crd.versions.filter((v) => v[1]).map((v) => v[0]) };
}

const sets = new Map<string, CrdSet>();

/**
 * A one-CRD set to validate `version` of the kind with (schema and CEL rules), or undefined when
 * the built-in rules model that version (no schema bundled). Built once per schema.
 */
export function bundledCrdSet(kind: BundledKind, version: string): CrdSet | undefined {
  const v = kind.crd.versions.find((x) => x[0] === version && x[1]);
  const id = v?.[2];
  if (!id) return undefined;
  const key = `${kind.crd.group}/${kind.crd.kind}/${version}/${id}`;
  let set = sets.get(key);
  if (!set) {
    const cv: CrdVersion = {
      name: version,
      served: true,
      storage: false,
      schema: SCHEMAS[id] as StructuralSchema,
    };
    const crd: Crd = {
      group: kind.crd.group,
      kind: kind.crd.kind,
      plural: kind.crd.plural,
      namespaced: kind.crd.scope !== 'Cluster',
      versions: [cv],
      file: `Gateway API CRD ${kind.crd.plural}.${kind.crd.group}`,
    };
    set = { crds: [crd], groups: new Set([crd.group]) };
    sets.set(key, set);
  }
  return set;
}
