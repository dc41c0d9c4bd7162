import type { Emitted, MapContext } from '../context.js';
import { reportAt } from '../context.js';
import type { ParentReference } from '../../gateway-api/types.js';
import type { VirtualService } from '../../model/resources.js';

/**
 * Several VirtualServices for one mesh host. Classic Istio gives a sidecar one VirtualService per
 * host (the oldest; by namespace/name when created together) and ignores the others for it; under
 * Gateway API every route for the parent applies: consumer routes in the client's namespace
 * replace producer routes, and the rest merge by precedence (GEP-1426). Requests to that host can
 * route differently, so each VirtualService involved is told, at its hosts.
 */
export function reportSharedMeshHosts(ctx: MapContext, emitted: readonly Emitted[]): void {
  const byParent = new Map<string, Set<VirtualService>>();
  for (const e of emitted) {
    if (e.origin.kind !== 'VirtualService') continue;
    const parents =
      (e.object.spec as { parentRefs?: ParentReference[] } | undefined)?.parentRefs ?? [];
    for (const p of parents) {
      if (p.kind !== 'Service' && p.kind !== 'ServiceEntry') continue;
      const key = `${p.kind} ${p.namespace ?? e.object.metadata.namespace}/${p.name}`;
      const set = byParent.get(key) ?? new Set<VirtualService>();
      set.add(e.origin as VirtualService);
      byParent.set(key, set);
    }
  }
  for (const [parent, set] of byParent) {
    if (set.size < 2) continue;
    const all = [...set].sort((a, b) =>
      a.namespace + '/' + a.name < b.namespace + '/' + b.name ? -1 : 1,
    );
    const names = all.map((v) => `${v.namespace}/${v.name}`);
    for (const vs of all) {
      reportAt(ctx, 'mesh-host-shared', vs, ['spec', 'hosts'], {
        message: `${names.join(', ')} all route sidecar traffic for ${parent}: classic Istio applied one VirtualService per host to a sidecar (the oldest, else ${names[0]} by name) and ignored the others, while their converted routes all apply (a consumer route replaces the producer route for clients in its namespace; the rest merge by precedence), so requests to this host can route differently`,
        hint: 'Merge these VirtualServices into one before converting, or check the resulting routes together.',
      });
    }
  }
}
