// Where mesh routes live (semantics.md trap 11, GEP-1426): a route in its parent's namespace is a
// producer route and applies to every client; in any other namespace it is a consumer route and
// applies only to clients in that namespace. A VirtualService's `exportTo` is the same idea.
import { type HttpScope, raise } from '../http/scope.js';
import type { MeshParent } from './parents.js';

/** One namespace that gets a mesh route, and the parents that route attaches to. */
export interface MeshPlacement {
  namespace: string;
  parents: MeshParent[];
}

/**
 * `exportTo` absent or with `*`: producer routes, one per parent namespace (mesh-wide, as the
 * VirtualService was). Otherwise consumer routes in each namespace it names (`.` = its own), each
 * attached to every parent. `~` alone (visible nowhere): no route.
 */
export function placeMeshRoutes(scope: HttpScope, parents: readonly MeshParent[]): MeshPlacement[] {
  const { vs } = scope;
  const exportTo = vs.spec.exportTo;
  const out: MeshPlacement[] = [];
  const at = (namespace: string): MeshPlacement => {
    let p = out.find((x) => x.namespace === namespace);
    if (!p) {
      p = { namespace, parents: [] };
      out.push(p);
    }
    return p;
  };
  if (!exportTo || exportTo.length === 0 || exportTo.includes('*')) {
    for (const parent of parents) at(parent.namespace).parents.push(parent);
    const moved = out.filter((p) => p.namespace !== vs.namespace);
    if (moved.length) {
      raise(
        scope,
        'mesh-route-placed',
        ['spec', 'hosts', moved[0]!.parents[0]!.hostIndex],
        `the mesh route is written to namespace ${moved.map((p) => p.namespace).join(', ')} (the namespace of ${moved
          .flatMap((p) => p.parents)
          .map((p) => `${p.kind} ${p.name}`)
          .join(', ')}), not ${vs.namespace}: ` +
          `only a route in its parent's namespace applies to every client, as this VirtualService (exportTo *) did; whoever manages namespace ${moved.map((p) => p.namespace).join(', ')} now owns these rules`,
        `To keep the rules in ${vs.namespace} for clients in ${vs.namespace} only, set exportTo: ["."] on the VirtualService before converting.`,
      );
    }
    return out;
  }
  const namespaces: string[] = [];
  for (const e of exportTo) {
    if (e === '~') continue;
    const ns = e === '.' ? vs.namespace : e;
    if (!namespaces.includes(ns)) namespaces.push(ns);
  }
  for (const ns of namespaces) at(ns).parents.push(...parents);
  if (!namespaces.length) {
    raise(
      scope,
      'ignored-field',
      ['spec', 'exportTo'],
      'exportTo ["~"] hides the VirtualService from every sidecar, so its mesh part never applied; no mesh route is written',
    );
    return [];
  }
  const widened = out.filter((p) => p.parents.some((x) => x.namespace === p.namespace));
  if (widened.length) {
    raise(
      scope,
      'mesh-export-widened',
      ['spec', 'exportTo'],
      `exportTo ${JSON.stringify(exportTo)} limited these rules to clients in ${namespaces.join(', ')}, but a mesh route in ${widened.map((p) => p.namespace).join(', ')} is in its parent's namespace and applies to every client in the mesh`,
      'If other namespaces must keep the default routing, leave the route in place only after checking who calls the Service, or keep this VirtualService.',
    );
  }
  const consumers = out.filter((p) => !widened.includes(p));
  if (consumers.length) {
    raise(
      scope,
      'mesh-consumer-route',
      ['spec', 'exportTo'],
      `exportTo ${JSON.stringify(exportTo)}: consumer mesh route(s) in ${consumers.map((p) => p.namespace).join(', ')} apply only to clients in ${consumers.length > 1 ? 'those namespaces' : 'that namespace'}, as the VirtualService did`,
    );
  }
  return out;
}
