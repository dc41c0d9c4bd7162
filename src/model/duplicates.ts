// One resource defined twice in the input: `kubectl apply` of the files in order leaves the later
// definition in the cluster, so that one is what Istio routes by (and what gets converted).
import type { Resource } from './resources.js';

/** An earlier definition and the later one that replaces it. */
export interface Superseded {
  earlier: Resource;
  later: Resource;
}

/** Whether duplicates of `r` matter: Istio networking kinds and the core kinds the index reads. */
function tracked(r: Resource): boolean {
  return r.group === 'networking.istio.io' || !('other' in r);
}

/** The identity `kubectl apply` uses: group, kind, namespace and name (not the version). */
export function identityOf(r: Resource): string {
  return `${r.group}/${r.kind}/${r.namespace}/${r.name}`;
}

/**
 * Every definition that a later one of the same identity replaces, in input order (files in path
 * order, documents in file order). Resources without a name are never duplicates.
 */
export function supersededDefinitions(resources: readonly Resource[]): Superseded[] {
  const last = new Map<string, Resource>();
  const out: Superseded[] = [];
  for (const r of resources) {
    if (!r.name || !tracked(r)) continue;
    const key = identityOf(r);
    const earlier = last.get(key);
    if (earlier) out.push({ earlier, later: r });
    last.set(key, r);
  }
  return out;
}

/** `resources` as the cluster holds them: without the definitions a later one replaces. */
export function withoutSuperseded(resources: readonly Resource[]): Resource[] {
  const earlier = new Set(supersededDefinitions(resources).map((s) => s.earlier));
  return resources.filter((r) => !earlier.has(r) && !('superseded' in r));
}
