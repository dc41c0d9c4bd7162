import type { ParentReference } from '../../gateway-api/types.js';
import type { FieldPath } from '../../model/resources.js';
import {
  type GatewayPlan,
  type GatewayPlans,
  isMerged,
  ownedBy,
  planKey,
  serverPortsOf,
} from '../gateway/plan.js';
import { looksLikeMesh, MESH, resolveGatewayName } from '../../model/gateway-ref.js';
import { type HttpScope, hostnamesIntersect, raise } from './scope.js';

/** One Istio Gateway a VirtualService (or one of its matches) is bound to. */
export interface GatewayBinding {
  /** `namespace/name` of the Istio Gateway. */
  key: string;
  namespace: string;
  name: string;
  plan?: GatewayPlan;
}

export { MESH };

/** Istio's reading of a `gateways` entry (model/gateway-ref.ts): `ns/name`, `name`, `name.ns…`. */
export function gatewayKey(ref: string, vsNamespace: string): { namespace: string; name: string } {
  const { namespace, name } = resolveGatewayName(ref, vsNamespace);
  return { namespace, name };
}

/**
 * The non-mesh gateways of the VirtualService, in written order without duplicates. A gateway
 * without a plan (not in the input) is still bound by name, with a warning. Entries that bound
 * nothing in Istio (a misspelt `mesh`, a gateway whose pods the VirtualService is not exported
 * to) are left out, with a finding.
 */
export function resolveGateways(scope: HttpScope, plans: GatewayPlans): GatewayBinding[] {
  const out: GatewayBinding[] = [];
  (scope.vs.spec.gateways ?? []).forEach((ref, i) => {
    if (ref === MESH) return;
    const at: FieldPath = ['spec', 'gateways', i];
    const resolved = resolveGatewayName(ref, scope.vs.namespace);
    const { namespace, name } = resolved;
    const key = planKey(namespace, name);
    if (out.some((g) => g.key === key)) return;
    const plan = plans.get(key);
    if (!plan && looksLikeMesh(ref)) {
      raise(
        scope,
        'gateway-ref-not-mesh',
        at,
        `'${ref}' is not 'mesh': Istio compares it exactly and read it as Gateway ${key}, which is not in the input (and '${ref}' was never the sidecars), so this entry bound the VirtualService to nothing; no parentRef is written for it`,
        "Write 'mesh' (lower case, nothing around it) if the rules are meant for sidecars, and convert again.",
      );
      return;
    }
    if (resolved.form === 'legacy') {
      raise(
        scope,
        'gateway-ref-legacy',
        at,
        `'${ref}' is Istio's legacy <name>.<namespace> form: Istio reads it as Gateway ${key}, and the parentRef names Gateway '${plan?.name ?? name}' in namespace '${plan?.namespace ?? namespace}'`,
      );
    }
    if (plan && !exportedToWorkload(scope, plan, at)) return;
    if (!plan) {
      raise(
        scope,
        'gateway-not-found',
        at,
        `Istio Gateway ${key} is not in the input: the HTTPRoute refers to a Gateway named '${name}' in namespace '${namespace}', and its listeners, hostnames and allowed namespaces could not be checked`,
        'Convert the Gateway in the same run, or check that a Gateway API Gateway with that name exists and admits this route.',
      );
      out.push({ key, namespace, name });
    } else {
      out.push({ key, namespace, name, plan });
    }
  });
  return out;
}

/**
 * Istio offers a gateway only the VirtualServices exported to the namespace of its pods
 * (pilot/pkg/model/push_context.go VirtualServicesForGateway takes the proxy's namespace).
 * A gateway whose pods never saw this VirtualService gets no parentRef.
 */
function exportedToWorkload(scope: HttpScope, plan: GatewayPlan, at: FieldPath): boolean {
  const ns = plan.workload?.namespace;
  if (ns === undefined || exportedTo(scope.vs.spec.exportTo, scope.vs.namespace, ns)) return true;
  raise(
    scope,
    'gateway-not-exported',
    at,
    `exportTo ${JSON.stringify(scope.vs.spec.exportTo)} hides this VirtualService from namespace ${ns}, where the pods of Istio Gateway ${plan.source.namespace}/${plan.source.name} run (${plan.workload!.namespace}/${plan.workload!.name}), so that gateway never used it; no parentRef to it is written`,
  );
  return false;
}

/** Istio's `exportTo`: absent or empty = everywhere; `.` its own namespace; `~` nowhere. */
export function exportedTo(
  exportTo: readonly string[] | undefined,
  vsNamespace: string,
  ns: string,
): boolean {
  if (!exportTo || exportTo.length === 0) return true;
  return exportTo.some((x) => x === '*' || x === ns || (x === '.' && vsNamespace === ns));
}

/**
 * Whether `exportTo` may still matter after conversion: it is narrower than `*` and some bound
 * gateway's pods are in a namespace the input does not tell (so the export could not be checked).
 */
export function exportScopeUnchecked(
  exportTo: readonly string[] | undefined,
  gateways: readonly GatewayBinding[],
): boolean {
  if (!exportTo || exportTo.length === 0 || exportTo.includes('*')) return false;
  return gateways.some((g) => g.plan?.workload === undefined);
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
export function parentRefsFor(
  scope: HttpScope,
  gateways: readonly GatewayBinding[],
  filter: ListenerFilter,
): ParentReference[] {
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
    const narrowed =
      filter.port !== undefined ||
      filter.scheme !== undefined ||
      listeners.some((l) => l.httpsRedirect) ||
      isMerged(gw.plan);
    if (!narrowed) {
      refs.push(base);
      continue;
    }
    for (const lp of listeners) {
      const l = lp.listener;
      if (lp.httpsRedirect || !ownedBy(lp, gw.key)) continue;
      if (l.protocol !== 'HTTP' && l.protocol !== 'HTTPS') continue;
      // A VirtualService `port` names the classic server port (pilot gateway.go: the route
      // config is built per server.Port.Number), which the listener may have moved (ports.ts).
      if (filter.port !== undefined && !serverPortsOf(lp).includes(filter.port)) continue;
      if (filter.scheme === 'http' && l.protocol !== 'HTTP') continue;
      if (filter.scheme === 'https' && l.protocol !== 'HTTPS') continue;
      if (
        filter.hostnames.length > 0 &&
        !filter.hostnames.some((h) => hostnamesIntersect(h, l.hostname))
      )
        continue;
      refs.push({ ...base, sectionName: l.name });
    }
  }
  return refs;
}

/**
 * Per-match `gateways`: the VirtualService's gateways named there, in VS order, and whether `mesh`
 * is named (and the VirtualService is bound to the mesh).
 */
export function matchGateways(
  scope: HttpScope,
  refs: readonly string[],
  all: readonly GatewayBinding[],
  path: FieldPath,
): { gateways: GatewayBinding[]; mesh: boolean } {
  const keys = new Set(
    refs
      .filter((r) => r !== MESH)
      .map((r) => {
        const g = gatewayKey(r, scope.vs.namespace);
        return planKey(g.namespace, g.name);
      }),
  );
  const picked = all.filter((g) => keys.has(g.key));
  for (const k of keys) {
    if (!all.some((g) => g.key === k)) {
      raise(
        scope,
        'ignored-field',
        path,
        `match gateway ${k} is not among the VirtualService's gateways, so this match never applied to it; nothing is written for it`,
      );
    }
  }
  const vsRefs = scope.vs.spec.gateways ?? [];
  const mesh = refs.includes(MESH) && (vsRefs.length === 0 || vsRefs.includes(MESH));
  if (refs.includes(MESH) && !mesh) {
    raise(
      scope,
      'ignored-field',
      path,
      `match gateway mesh is not among the VirtualService's gateways, so this match never applied to sidecars; nothing is written for it`,
    );
  }
  return { gateways: picked, mesh };
}
