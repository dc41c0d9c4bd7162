// Progressive-delivery controllers that edit Istio resources at run time (issue #13 item 6).
// Argo Rollouts sets the weights of the VirtualService (and the subset labels of the
// DestinationRule) a Rollout names under `spec.strategy.canary.trafficRouting.istio`; Flagger
// generates a VirtualService per Canary. A converted route holds the weights written in the file,
// so canary steps silently stop shifting traffic: each gets a warning naming the owner.
import {
  formatPath,
  type IstioResource,
  type OtherResource,
  type VirtualService,
} from '../../model/resources.js';
import { resolveGatewayName } from '../../model/gateway-ref.js';
import { type MapContext, reportAt } from '../context.js';
import type { GatewayPlans } from '../gateway/plan.js';
import { planKey } from '../gateway/plan.js';

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj | undefined =>
  v && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : undefined;
const str = (v: unknown): string | undefined => (typeof v === 'string' && v ? v : undefined);

/** One VirtualService a Rollout edits, and where the Rollout names it. */
interface RolloutRef {
  rollout: OtherResource;
  namespace: string;
  name: string;
  path: (string | number)[];
  destinationRule?: string;
}

/**
 * Argo Rollouts reads `name` as `<name>` in the Rollout's namespace or `<name>.<namespace>`
 * (argo-rollouts utils/istio GetVirtualServiceNamespaceName).
 */
function splitName(ref: string, namespace: string): { namespace: string; name: string } {
  const dot = ref.indexOf('.');
  return dot < 0
    ? { namespace, name: ref }
    : { namespace: ref.slice(dot + 1).split('.')[0]!, name: ref.slice(0, dot) };
}

function rolloutRefs(r: OtherResource): RolloutRef[] {
  const base = ['spec', 'strategy', 'canary', 'trafficRouting', 'istio'];
  let node: unknown = r.raw;
  for (const k of base) node = obj(node)?.[k];
  const istio = obj(node);
  if (!istio) return [];
  const dr = str(obj(istio.destinationRule)?.name);
  const out: RolloutRef[] = [];
  const add = (v: unknown, path: (string | number)[]): void => {
    const name = str(obj(v)?.name);
    if (!name) return;
    out.push({
      rollout: r,
      ...splitName(name, r.namespace),
      path: [...base, ...path],
      ...(dr ? { destinationRule: dr } : {}),
    });
  };
  add(istio.virtualService, ['virtualService']);
  if (Array.isArray(istio.virtualServices))
    istio.virtualServices.forEach((v, i) => add(v, ['virtualServices', i]));
  return out;
}

const line = (r: OtherResource): string => `${r.file}:${r.locator.position([]).line}`;

function reportRollouts(ctx: MapContext, converted: ReadonlySet<IstioResource>): void {
  for (const r of ctx.index.others) {
    if (r.group !== 'argoproj.io' || r.kind !== 'Rollout') continue;
    for (const ref of rolloutRefs(r)) {
      const vs = ctx.index.virtualServices.find(
        (v) => v.namespace === ref.namespace && v.name === ref.name,
      );
      if (!vs || !converted.has(vs)) continue;
      const dr = ref.destinationRule
        ? `; it also rewrites the subset labels of DestinationRule ${ref.destinationRule} (rollouts-pod-template-hash), which per-subset Services copy as written`
        : '';
      reportAt(ctx, 'rollout-owned', vs, [], {
        message: `Argo Rollout ${r.namespace}/${r.name} (${line(r)}, ${formatPath(ref.path)}) sets the weights of this VirtualService at each canary step${dr}: the converted route holds the weights written here, so canary steps no longer shift traffic, and the Rollout no longer finds its VirtualService once it is replaced`,
        hint: "Move the Rollout to Argo Rollouts' Gateway API plugin (trafficRouting.plugins 'argoproj-labs/gatewayAPI' naming the converted HTTPRoute, with canaryService and stableService as its backendRefs) in the same change.",
      });
    }
  }
}

/** Flagger's generated VirtualService is named after `spec.service.name`, else the target. */
function flaggerName(c: OtherResource): string | undefined {
  const spec = obj(c.raw.spec);
  return str(obj(spec?.service)?.name) ?? str(obj(spec?.targetRef)?.name);
}

function istioProvider(c: OtherResource): boolean {
  const p = str(obj(c.raw.spec)?.provider);
  return p === undefined || p === 'istio' || p.startsWith('istio');
}

function reportFlagger(
  ctx: MapContext,
  converted: ReadonlySet<IstioResource>,
  plans: GatewayPlans,
): void {
  for (const c of ctx.index.others) {
    if (c.group !== 'flagger.app' || c.kind !== 'Canary' || !istioProvider(c)) continue;
    const name = flaggerName(c);
    if (!name) continue;
    const hint =
      "Move the Canary to Flagger's Gateway API provider (spec.provider: gatewayapi:v1, spec.service.gatewayRefs naming the converted Gateway) in the same change, and leave the generated VirtualService out of the conversion.";
    const vs: VirtualService | undefined = ctx.index.virtualServices.find(
      (v) => v.namespace === c.namespace && v.name === name,
    );
    if (vs && converted.has(vs)) {
      reportAt(ctx, 'flagger-owned', vs, [], {
        message: `Flagger generates this VirtualService from Canary ${c.namespace}/${c.name} (${line(c)}) and sets its weights at each canary step: the converted route holds the weights written here, so the analysis no longer shifts traffic, and Flagger recreates the VirtualService next to the route`,
        hint,
      });
    }
    const gateways = obj(obj(c.raw.spec)?.service)?.gateways;
    if (!Array.isArray(gateways)) continue;
    gateways.forEach((g, i) => {
      if (typeof g !== 'string' || g === 'mesh') return;
      const ref = resolveGatewayName(g, c.namespace);
      const plan = plans.get(planKey(ref.namespace, ref.name));
      if (!plan) return;
      reportAt(ctx, 'flagger-owned', c, ['spec', 'service', 'gateways', i], {
        message: `Flagger binds the VirtualService it generates for Canary ${c.namespace}/${c.name} to Istio Gateway ${ref.namespace}/${ref.name}, which this conversion replaces by Gateway API Gateway ${plan.namespace}/${plan.name}: once the Istio Gateway is removed, that VirtualService is served by no gateway, and requests for the canary's hosts there are lost`,
        hint,
      });
    });
  }
}

/** Warnings for converted Istio resources that Argo Rollouts or Flagger edit at run time. */
export function reportControllerOwned(
  ctx: MapContext,
  converted: readonly IstioResource[],
  plans: GatewayPlans,
): void {
  const set = new Set(converted);
  reportRollouts(ctx, set);
  reportFlagger(ctx, set, plans);
}
