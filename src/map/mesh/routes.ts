// Mesh (GAMMA) HTTPRoutes of one VirtualService: rules bound to `mesh` become routes whose parents
// are the Services / ServiceEntries of its hosts (semantics.md §6).
import type {
  BackendRef,
  HTTPRoute,
  HTTPRouteRule,
  ParentReference,
} from '../../gateway-api/types.js';
import type { HttpScope } from '../http/scope.js';
import type { OrderedRule } from '../http/order.js';
import { meshParentRef } from './parents.js';
import type { MeshPlacement } from './placement.js';
import { clonePlain } from '../../collections.js';

const MAX_PARENT_REFS = 32;

/** A mesh route before naming: where it lives, what it attaches to, its rules. */
export interface MeshRouteDraft {
  namespace: string;
  parentRefs: ParentReference[];
  rules: OrderedRule[];
  /** Name part after the VirtualService's name (`mesh`, `port-80`), empty for none. */
  suffix: string;
}

/**
 * The drafts for one port binding (undefined = any port): one per placement namespace. Istio adds
 * the parentRef `port` as a port match to every rule (conversion.go augmentPortMatch), which is
 * exactly the VirtualService's match `port`. Backend namespaces are rewritten for the route's
 * namespace; mesh routes need no ReferenceGrant (Istio enforces grants for gateway parents only).
 */
export function meshRouteDrafts(
  scope: HttpScope,
  placements: readonly MeshPlacement[],
  port: number | undefined,
  rules: readonly OrderedRule[],
  suffix: string,
): MeshRouteDraft[] {
  return placements.map((pl) => ({
    namespace: pl.namespace,
    parentRefs: pl.parents
      .slice(0, MAX_PARENT_REFS)
      .map((p) => meshParentRef(p, pl.namespace, port)),
    rules: rules.map((r) => ({
      ...r,
      rule: relocateRule(r.rule, scope.vs.namespace, pl.namespace),
      grants: [],
    })),
    suffix,
  }));
}

/** The name of a mesh route: the VirtualService's, prefixed by its namespace when the route moves. */
export function meshRouteBase(scope: HttpScope, namespace: string): string {
  return namespace === scope.vs.namespace
    ? scope.vs.name
    : `${scope.vs.namespace}-${scope.vs.name}`.slice(0, 253).replace(/[-.]+$/, '');
}

/** A copy of `rule` whose Service backendRefs (and mirror backends) resolve the same from `to`. */
export function relocateRule(rule: HTTPRouteRule, from: string, to: string): HTTPRouteRule {
  const r = clonePlain(rule);
  if (from === to) return r;
  const fix = (ref: BackendRef): void => {
    if ((ref.group ?? '') !== '' || (ref.kind ?? 'Service') !== 'Service') return;
    const ns = ref.namespace ?? from;
    if (ns === to) delete ref.namespace;
    else ref.namespace = ns;
  };
  for (const b of r.backendRefs ?? []) {
    fix(b);
    for (const f of b.filters ?? [])
      if (f.type === 'RequestMirror') fix(f.requestMirror.backendRef);
  }
  for (const f of r.filters ?? []) if (f.type === 'RequestMirror') fix(f.requestMirror.backendRef);
  // Keep key order stable (name, namespace, port...) after a namespace was added.
  for (const b of r.backendRefs ?? []) Object.assign(b, orderRef(b));
  return r;
}

function orderRef(b: BackendRef): BackendRef {
  const { group, kind, name, namespace, port, weight, filters } = b;
  for (const k of Object.keys(b)) delete (b as unknown as Record<string, unknown>)[k];
  return {
    ...(group !== undefined ? { group } : {}),
    ...(kind !== undefined ? { kind } : {}),
    name,
    ...(namespace !== undefined ? { namespace } : {}),
    ...(port !== undefined ? { port } : {}),
    ...(weight !== undefined ? { weight } : {}),
    ...(filters !== undefined ? { filters } : {}),
  };
}

export type { HTTPRoute };
