// How Istio combines a DestinationRule's traffic policy with a subset's (pilot/pkg/networking/core
// cluster builder, MergeTrafficPolicy): for port P the effective policy is the parent's top level,
// overridden field by field by the parent's settings for P, then the subset's top level, then the
// subset's settings for P. Each field (connectionPool, loadBalancer, outlierDetection, tls, …) is
// replaced whole, never merged inside.
import { clonePlain } from '../../collections.js';
import type { DestinationRule as DestinationRuleObject } from '../../gateway-api/types.js';
import type { DestinationRule } from '../../model/resources.js';

type Json = Record<string, unknown>;

/** Generated DestinationRule → the input DestinationRule whose policy it carries. */
export const copiedFrom = new WeakMap<object, { namespace: string; name: string }>();

/** Fields a `portLevelSettings` entry may carry (the rest exist only at the top level). */
const PORT_FIELDS = ['loadBalancer', 'connectionPool', 'outlierDetection', 'tls'] as const;

/**
 * One traffic policy for a host that has only what the subset had: top level = parent ⊕ subset;
 * every port either side lists gets the fully resolved settings for that port. Undefined when
 * neither side has a policy.
 */
export function mergeSubsetPolicy(
  parent: Json | undefined,
  subset: Json | undefined,
): Json | undefined {
  if (!parent && !subset) return undefined;
  const top = (p: Json | undefined): Json => {
    const out: Json = {};
    for (const [k, v] of Object.entries(p ?? {})) if (k !== 'portLevelSettings') out[k] = v;
    return out;
  };
  const merged: Json = clonePlain({ ...top(parent), ...top(subset) });
  const ports = new Map<string, Json>();
  const portKey = (s: Json): string | undefined => {
    const n = (s.port as Json | undefined)?.number;
    return typeof n === 'number' ? String(n) : undefined;
  };
  const levels = (p: Json | undefined): Json[] =>
    (p?.portLevelSettings as Json[] | undefined) ?? [];
  for (const s of [...levels(parent), ...levels(subset)]) {
    const k = portKey(s);
    if (k !== undefined && !ports.has(k)) ports.set(k, { port: clonePlain(s.port) });
  }
  const settings: Json[] = [];
  for (const [k, entry] of [...ports.entries()].sort(([a], [b]) => Number(a) - Number(b))) {
    const layers = [
      top(parent),
      levels(parent).find((s) => portKey(s) === k),
      top(subset),
      levels(subset).find((s) => portKey(s) === k),
    ];
    for (const f of PORT_FIELDS) {
      let v: unknown;
      for (const layer of layers) if (layer && layer[f] !== undefined) v = layer[f];
      if (v !== undefined) entry[f] = clonePlain(v);
    }
    settings.push(entry);
  }
  if (settings.length) merged.portLevelSettings = settings;
  return Object.keys(merged).length ? (sortKeys(merged) as Json) : undefined;
}

/** A deep copy with object keys sorted: the output never depends on the input's key order. */
export function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v && typeof v === 'object') {
    const out: Json = {};
    for (const k of Object.keys(v).sort()) out[k] = sortKeys((v as Json)[k]);
    return out;
  }
  return v;
}

/**
 * A DestinationRule of `dr`'s namespace carrying `trafficPolicy` to `host`, with the source's
 * `exportTo` and `workloadSelector` (keys sorted); remembered in `copiedFrom`.
 */
export function destinationRuleCopy(
  dr: DestinationRule,
  name: string,
  host: string,
  trafficPolicy: Json,
): DestinationRuleObject {
  const raw = (dr.raw.spec ?? {}) as Json;
  const spec: DestinationRuleObject['spec'] = { host, trafficPolicy };
  // Both were validated against Istio's schema when the input was read.
  if (raw.exportTo !== undefined) spec.exportTo = sortKeys(raw.exportTo) as string[];
  if (raw.workloadSelector !== undefined)
    spec.workloadSelector = sortKeys(
      raw.workloadSelector,
    ) as DestinationRuleObject['spec']['workloadSelector'];
  const object: DestinationRuleObject = {
    apiVersion: dr.apiVersion,
    kind: 'DestinationRule',
    metadata: { name, namespace: dr.namespace },
    spec,
  };
  copiedFrom.set(object, dr);
  return object;
}
