import type { Emitted, MapContext } from './context.js';
import type { IstioResource, VirtualService } from '../model/resources.js';
import { emitGateway } from './gateway/gateway.js';
import type { GatewayPlan } from './gateway/plan.js';
import type { CutoverItem } from './cutover.js';
import { distinctPlans, planGateways } from './gateway/strategy.js';
import { narrowAllowedRoutes } from './gateway/least-privilege.js';
import { unroutedDestinationRules } from './policies/unrouted.js';
import { mapVirtualServiceRoutes } from './routes.js';
import { subsetObjects } from './subsets/registry.js';
import { hopPolicyObjects } from './egress/hop-policy.js';
import { reportSharedMeshHosts } from './mesh/shared-hosts.js';
import { reportResidualCoexistence } from './residual/coexistence.js';
import { backendTlsPolicies } from './policies/backend-tls.js';
import { gatewayPolicies } from './policies/counterparts.js';
import { ambientObjects } from './ambient/waypoints.js';
import { append } from '../collections.js';
import { reportControllerOwned } from './owners/controllers.js';
import { carryMetadata } from './metadata.js';
import { admitDelegatedRoutes, settleDelegate } from './delegates.js';
import { isDelegate } from '../routing/delegation.js';

/** An Istio resource left as it is, and why. */
export interface Kept {
  resource: IstioResource;
  reason: string;
}

export interface MapOutput {
  emitted: Emitted[];
  kept: Kept[];
  /** Istio resources that were converted (replaced by `emitted` objects). */
  converted: IstioResource[];
  /** Each Gateway plan once (for the cutover checklist). */
  plans: GatewayPlan[];
  /** Cutover checklist items of modules other than the gateway planner (`addCutoverItem`). */
  cutover: CutoverItem[];
}

/**
 * The map stage: Istio Gateways are planned first (route mappers bind to their listeners), then
 * emitted; VirtualServices follow (with the per-subset Services and DestinationRules their
 * subsets need); DestinationRules and ServiceEntries are kept, as their traffic policies still
 * apply under Gateway API (semantics.md §7), plus BackendTLSPolicies when asked for; policies that
 * applied to old gateway pods get a counterpart attached to the new Gateway; converted
 * resources that Argo Rollouts or Flagger edit at run time are reported. Labels and annotations
 * follow (docs/metadata.md).
 */
export function mapAll(
  ctx: MapContext,
  onMapped?: (progress: { converted: number; total: number }) => void,
): MapOutput {
  const plans = planGateways(ctx);
  const out: MapOutput = {
    emitted: [],
    kept: [],
    converted: [],
    plans: distinctPlans(plans),
    cutover: [],
  };
  const total = plans.size + ctx.index.virtualServices.length;
  let done = 0;
  for (const plan of out.plans) {
    append(out.emitted, emitGateway(plan, ctx));
    for (const m of plan.members) {
      out.converted.push(m);
      onMapped?.({ converted: ++done, total });
    }
  }
  const delegates: VirtualService[] = [];
  for (const vs of ctx.index.virtualServices) {
    // A delegate (no hosts) is mapped through the roots that name it, and settled after them.
    if (isDelegate(vs)) {
      delegates.push(vs);
      continue;
    }
    const result = mapVirtualServiceRoutes(vs, ctx, plans);
    append(out.emitted, result.emitted);
    if (result.keptReason) out.kept.push({ resource: vs, reason: result.keptReason });
    else out.converted.push(vs);
    onMapped?.({ converted: ++done, total });
  }
  const kept = new Set(out.kept.map((k) => k.resource));
  for (const d of delegates) {
    const reason = settleDelegate(ctx, d, kept);
    if (reason) out.kept.push({ resource: d, reason });
    else out.converted.push(d);
    onMapped?.({ converted: ++done, total });
  }
  admitDelegatedRoutes(ctx, out.plans, out.emitted);
  if (ctx.options.leastPrivilegeRoutes)
    narrowAllowedRoutes(
      ctx,
      out.plans,
      out.emitted.map((e) => e.object),
    );
  reportSharedMeshHosts(ctx, out.emitted);
  reportResidualCoexistence(ctx, out.emitted);
  append(out.emitted, subsetObjects(ctx, out.emitted));
  append(out.emitted, hopPolicyObjects(ctx, out.emitted));
  append(out.emitted, backendTlsPolicies(ctx));
  append(out.emitted, gatewayPolicies(ctx, out.plans, out.cutover));
  const ambient = ambientObjects(ctx, out.emitted, out.plans);
  append(out.emitted, ambient);
  reportControllerOwned(ctx, out.converted, plans);
  carryMetadata(ctx, out.emitted, out.converted);
  const vss = (list: readonly IstioResource[]) =>
    list.filter((r): r is VirtualService => r.kind === 'VirtualService');
  const unrouted = unroutedDestinationRules(
    ctx,
    vss(out.converted),
    vss(out.kept.map((k) => k.resource)),
    out.emitted,
  );
  for (const dr of ctx.index.destinationRules)
    out.kept.push({
      resource: dr,
      reason: unrouted.get(dr) ?? 'traffic policy still applies by host under Gateway API',
    });
  for (const se of ctx.index.serviceEntries)
    out.kept.push({
      resource: se,
      reason: 'still needed: it declares the host for the mesh and for Hostname backends',
    });
  return out;
}
