import type { ParentReference } from '../../gateway-api/types.js';
import type { FieldPath } from '../../model/resources.js';
import { type GatewayPlan, type GatewayPlans, isMerged, ownedBy, planKey } from '../gateway/plan.js';
import { type HttpScope, hostnamesIntersect, raise } from './scope.js';

/** One Istio Gateway a VirtualService (or one of its matches) is bound to. */
export interface GatewayBinding {
  /** `namespace/name` of the Istio Gateway. */
  key: string;
  namespace: string;
  name: string;
  plan?: GatewayPlan;
}

export const MESH = 'mesh';

/** `name` is in the VirtualService's namespace; `ns/name` is taken as written. */
export function gatewayKey(ref: string, vsNamespace: string): { namespace: string; name: string } {
  const slash = ref.indexOf('/');
  if (slash < 0) return { namespace: vsNamespace, name: ref };
  return { namespace: ref.slice(0, slash), name: ref.slice(slash + 1) };
}

/**
 * The non-mesh gateways of the VirtualService, in written order without duplicates. A gateway
 * without a plan (not in the input) is still bound by name, with a warning.
 */
export function resolveGateways(scope: HttpScope, plans: GatewayPlans): GatewayBinding[] {
  const out: GatewayBinding[] = [];
  (scope.vs.spec.gateways ?? []).forEach((ref, i) => {
    if (ref === MESH) return;
    const { namespace, name } = gatewayKey(ref, scope.vs.namespace);
    const key = planKey(namespace, name);
    if (out.some((g) => g.key === key)) return;
    const plan = plans.get(key);
    if (!plan) {
      raise(scope, 'gateway-not-found', ['spec', 'gateways', i],
        `Istio Gateway ${key} is not in the input: the HTTPRoute refers to a Gateway named '${name}' in namespace '${namespace}', and its listeners, hostnames and allowed namespaces could not be checked`,
        'Convert the Gateway in the same run, or check that a Gateway API Gateway with that name exists and admits this route.');
      out.push({ key, namespace, name });
    } else {
      out.push({ key, namespace, name, plan });
    }
  });
  return out;
}

export interface ListenerFilter {
  /** Route hostnames; empty = any. */
  hostnames: readonly string[];
  port?: number;
  scheme?: 'http' | 'https';
}

/**
 * parentRefs for one route. Listeners owned by an httpsRedirect route are never attached to
 * (classic redirects every request on that server), so when a gateway has any, or when a
 * per-match port or scheme narrows the listeners, the route binds with `sectionName` per listener.
 */
export function parentRefsFor(scope: HttpScope, gateways: readonly GatewayBinding[], filter: ListenerFilter): ParentReference[] {
  const refs: ParentReference[] = [];
  for (const gw of gateways) {
    const base: ParentReference = { name: gw.plan?.name ?? gw.name };
    const ns = gw.plan?.namespace ?? gw.namespace;
    if (ns !== scope.vs.namespace) base.namespace = ns;
    if (!gw.plan) {
      refs.push(filter.port !== undefined ? { ...base, port: filter.port } : base);
      continue;
    }
    const listeners = gw.plan.listeners;
    // A merged Gateway also holds other Istio Gateways' listeners: bind to this one's only.
    const narrowed = filter.port !== undefined || filter.scheme !== undefined || listeners.some((l) => l.httpsRedirect) || isMerged(gw.plan);
    if (!narrowed) {
      refs.push(base);
      continue;
    }
    for (const lp of listeners) {
      const l = lp.listener;
      if (lp.httpsRedirect || !ownedBy(lp, gw.key)) continue;
      if (l.protocol !== 'HTTP' && l.protocol !== 'HTTPS') continue;
      if (filter.port !== undefined && l.port !== filter.port) continue;
      if (filter.scheme === 'http' && l.protocol !== 'HTTP') continue;
      if (filter.scheme === 'https' && l.protocol !== 'HTTPS') continue;
      if (filter.hostnames.length > 0 && !filter.hostnames.some((h) => hostnamesIntersect(h, l.hostname))) continue;
      refs.push({ ...base, sectionName: l.name });
    }
  }
  return refs;
}

/**
 * Per-match `gateways`: the VirtualService's gateways named there, in VS order, and whether `mesh`
 * is named (and the VirtualService is bound to the mesh).
 */
export function matchGateways(scope: HttpScope, refs: readonly string[], all: readonly GatewayBinding[], path: FieldPath): { gateways: GatewayBinding[]; mesh: boolean } {
  const keys = new Set(refs.filter((r) => r !== MESH).map((r) => { const g = gatewayKey(r, scope.vs.namespace); return planKey(g.namespace, g.name); }));
  const picked = all.filter((g) => keys.has(g.key));
  for (const k of keys) {
    if (!all.some((g) => g.key === k)) {
      raise(scope, 'ignored-field', path, `match gateway ${k} is not among the VirtualService's gateways, so this match never applied to it; nothing is written for it`);
    }
  }
  const vsRefs = scope.vs.spec.gateways ?? [];
  const mesh = refs.includes(MESH) && (vsRefs.length === 0 || vsRefs.includes(MESH));
  if (refs.includes(MESH) && !mesh) {
    raise(scope, 'ignored-field', path, `match gateway mesh is not among the VirtualService's gateways, so this match never applied to sidecars; nothing is written for it`);
  }
  return { gateways: picked, mesh };
}
