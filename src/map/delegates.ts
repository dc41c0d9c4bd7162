// Delegate VirtualServices (no hosts) after every root is mapped: whether each is replaced (its
// roots were converted, their routes carry its rules), and the listeners that must admit the
// namespaces the delegated routes are written to. Istio binds a root by the root's namespace
// only (the Gateway server's `ns/host`); a delegate's namespace never mattered there
// (pilot/pkg/model/virtualservice_controller.go merges the delegate into the root first).
import type { AllowedRoutesNamespaces, HTTPRoute } from '../gateway-api/types.js';
import type { IstioResource, VirtualService } from '../model/resources.js';
import { flattenDelegates, isDelegate } from '../routing/delegation.js';
import { type Emitted, type MapContext, reportAt } from './context.js';
import { allowedNamespaces, NAMESPACE_NAME_LABEL } from './gateway/allowed-routes.js';
import type { GatewayPlan, ListenerPlan } from './gateway/plan.js';
import { rootsOf } from './http/delegation.js';
import { hostnamesIntersect } from './http/scope.js';

/**
 * A delegate is replaced when some root in the input names it and every such root was
 * converted; otherwise it is kept, and why. Fields a delegate may not set are reported.
 */
export function settleDelegate(
  ctx: MapContext,
  d: VirtualService,
  kept: ReadonlySet<IstioResource>,
): string | undefined {
  const ignored = (['gateways', 'tls', 'tcp'] as const).filter((k) => d.spec[k]?.length);
  for (const k of ignored)
    reportAt(ctx, 'delegate-fields-ignored', d, ['spec', k], {
      message: `a delegate (a VirtualService without hosts) with ${k}: Istio's validation rejects it ('delegate virtual service must have no ${k === 'gateways' ? 'gateways' : `${k} route`} specified') and pilot merges only a delegate's http[] into its root, so ${k} is ignored here too`,
      hint: `Remove ${k} from the delegate; the root's gateways decide where its rules apply.`,
    });
  const roots = rootsOf(ctx.index, d);
  if (!roots.length)
    return 'a delegate (no hosts) that no root VirtualService in the input delegates to: it routes nothing on its own';
  const still = roots.filter((r) => kept.has(r));
  if (still.length)
    return `its root ${still.map((r) => `${r.namespace}/${r.name}`).join(', ')} is kept and still delegates to it`;
  const merged = roots.some((r) =>
    flattenDelegates(ctx.index, r).origins.some((o) => o.delegate?.vs === d),
  );
  if (!merged)
    return 'none of its rules is merged into a root (see the delegate findings of its roots): Istio does not use it';
  return undefined;
}

/**
 * Widens `allowedRoutes` of every listener a delegated route (an HTTPRoute made from a
 * delegate) binds to but whose namespaces leave the delegate's out: the root's rules attached
 * there under Istio, so they must attach now. Runs before --least-privilege-routes narrowing.
 */
export function admitDelegatedRoutes(
  ctx: MapContext,
  plans: readonly GatewayPlan[],
  emitted: readonly Emitted[],
): void {
  const wanted = new Map<ListenerPlan, { plan: GatewayPlan; adds: Admission[] }>();
  for (const e of emitted) {
    if (e.origin.kind !== 'VirtualService' || e.object.kind !== 'HTTPRoute') continue;
    const d = e.origin as VirtualService;
    if (!isDelegate(d)) continue;
    const route = e.object;
    const ns = route.metadata.namespace ?? d.namespace;
    for (const { plan, lp } of boundListeners(plans, route, ns)) {
      const w = wanted.get(lp) ?? { plan, adds: [] };
      w.adds.push({ delegate: d, namespace: ns, route: route.metadata.name });
      wanted.set(lp, w);
    }
  }
  for (const [lp, { plan, adds }] of wanted) {
    const l = lp.listener;
    const names = admittedNames(l.allowedRoutes?.namespaces ?? { from: 'Same' }, plan.namespace);
    const missing = adds.filter((a) => names && !names.includes(a.namespace));
    if (!names || !missing.length) continue;
    const all = [...new Set([...names, ...missing.map((a) => a.namespace)])];
    l.allowedRoutes = {
      ...l.allowedRoutes,
      namespaces: allowedNamespaces(all, '', plan.namespace),
    };
    const reported = new Set<VirtualService>();
    for (const a of missing) {
      if (reported.has(a.delegate)) continue;
      reported.add(a.delegate);
      reportAt(ctx, 'delegate-namespace-admitted', a.delegate, ['metadata', 'namespace'], {
        message: `listener ${l.name} of Gateway ${plan.namespace}/${plan.name} admitted routes from ${names.join(', ')} only (the namespaces of its Istio server hosts); it now also admits ${a.namespace}, where HTTPRoute ${a.namespace}/${a.route} holds the rules a root delegates here, so they attach as they did under the root. Any other route in ${a.namespace} may now attach to it too`,
      });
    }
  }
}

interface Admission {
  delegate: VirtualService;
  namespace: string;
  route: string;
}

/** The listeners `route` names in its parentRefs (and whose hostnames it shares). */
function boundListeners(
  plans: readonly GatewayPlan[],
  route: HTTPRoute,
  ns: string,
): { plan: GatewayPlan; lp: ListenerPlan }[] {
  const out: { plan: GatewayPlan; lp: ListenerPlan }[] = [];
  const hosts = route.spec.hostnames ?? [];
  for (const p of route.spec.parentRefs ?? []) {
    if ((p.kind ?? 'Gateway') !== 'Gateway') continue;
    const plan = plans.find((x) => x.name === p.name && x.namespace === (p.namespace ?? ns));
    if (!plan) continue;
    for (const lp of plan.listeners) {
      const l = lp.listener;
      if (lp.httpsRedirect) continue;
      if (p.sectionName !== undefined && p.sectionName !== l.name) continue;
      if (p.port !== undefined && p.port !== l.port) continue;
      if (hosts.length && !hosts.some((h) => hostnamesIntersect(h, l.hostname))) continue;
      if (!out.some((x) => x.lp === lp)) out.push({ plan, lp });
    }
  }
  return out;
}

/** The namespaces an allowedRoutes admits, or undefined for All (or a selector not ours). */
function admittedNames(from: AllowedRoutesNamespaces, own: string): string[] | undefined {
  if (from.from === 'Same' || from.from === undefined) return [own];
  if (from.from !== 'Selector') return undefined;
  const s = from.selector;
  const one = s?.matchLabels?.[NAMESPACE_NAME_LABEL];
  if (one !== undefined && Object.keys(s?.matchLabels ?? {}).length === 1 && !s?.matchExpressions)
    return [one];
  const ex = s?.matchExpressions ?? [];
  if (
    !s?.matchLabels &&
    ex.length === 1 &&
    ex[0]!.key === NAMESPACE_NAME_LABEL &&
    ex[0]!.operator === 'In'
  )
    return [...(ex[0]!.values ?? [])];
  return undefined;
}
