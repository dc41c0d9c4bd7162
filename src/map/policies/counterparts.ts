// Counterparts of the policies that selected the old gateway pods (issue #16): the same spec,
// attached to the converted Gateway by `targetRefs` in the Gateway's namespace (Istio only
// attaches a policy to a Gateway of its own namespace: pilot/pkg/model/policyattachment.go).
// The original stays: the old gateway keeps serving until cutover, and keeps its policies.
import type { IstioPolicy } from '../../gateway-api/types.js';
import type { OtherResource } from '../../model/resources.js';
import { gateRequirement, supports } from '../../target.js';
import type { Emitted, MapContext } from '../context.js';
import { reportAt } from '../context.js';
import type { GatewayPlan } from '../gateway/plan.js';
import type { CutoverItem } from '../cutover.js';
import { boundedLabel } from '../subsets/names.js';
import { clonePlainSorted } from '../../collections.js';
import { splitPatches } from './envoy-filter.js';
import { movePolicyPorts, type StuckPort } from './ports.js';
import {
  type PolicyKind,
  type Relation,
  oldPodLabels,
  policyKindOf,
  relationTo,
  ROOT_NAMESPACE,
  selectorOf,
  specOf,
} from './selectors.js';

type Json = Record<string, unknown>;

export const GATEWAY_NAME_LABEL = 'gateway.networking.k8s.io/gateway-name';

/** Counterparts (and findings) for every policy that selected the old pods of a provisioned Gateway. */
export function gatewayPolicies(
  ctx: MapContext,
  plans: readonly GatewayPlan[],
  cutover: CutoverItem[] = [],
): Emitted[] {
  const out: Emitted[] = [];
  for (const r of ctx.index.others) {
    const kind = policyKindOf(r);
    if (!kind) continue;
    for (const plan of plans) {
      const rel = relationTo(r, kind, plan);
      if (rel === 'selects' || rel === 'namespace-wide') {
        const c = counterpart(ctx, r, kind, plan, rel);
        if (c) {
          out.push({ object: c, origin: r });
          cutover.push(followItem(r, c, plan));
        }
      } else if (rel === 'may-select') reportMaySelect(ctx, r, kind, plan);
      else if (rel === 'newly-applies') reportNewlyApplies(ctx, r, plan);
    }
  }
  return out;
}

function selectorPath(kind: PolicyKind): string[] {
  return ['spec', kind.selector, kind.labels];
}

const gatewayRef = (plan: GatewayPlan): string => `Gateway ${plan.namespace}/${plan.name}`;
const oldPods = (plan: GatewayPlan): string =>
  `the old gateway pods of Istio Gateway ${plan.source.namespace}/${plan.source.name} (${plan.workload!.namespace}/${plan.workload!.name})`;

function counterpart(
  ctx: MapContext,
  r: OtherResource,
  kind: PolicyKind,
  plan: GatewayPlan,
  rel: Relation,
): IstioPolicy | undefined {
  // Keys sorted: output never depends on the key order of the input (docs/architecture.md).
  const rest = clonePlainSorted(specOf(r));
  delete rest[kind.selector];
  let sidecarOnly = 0;
  if (kind.kind === 'EnvoyFilter') {
    const split = splitPatches(Array.isArray(rest.configPatches) ? rest.configPatches : [], plan);
    for (const s of split.stuck) {
      reportAt(ctx, 'envoyfilter-patch-not-portable', r, s.path, {
        message:
          `patch configPatches[${s.index}] of EnvoyFilter ${r.namespace}/${r.name} does not follow to ${gatewayRef(plan)}: ${s.why}; ` +
          `the new gateway runs without it${split.kept.length ? ' (the counterpart carries the other patches)' : ''}`,
        hint: `Rewrite the match for the new pods (istioctl proxy-config listeners/routes on a pod of ${gatewayRef(plan)}) and add it to the counterpart.`,
      });
    }
    if (split.kept.length === 0) return undefined;
    rest.configPatches = split.kept;
    sidecarOnly = split.sidecarOnly;
  }
  const ports = movePolicyPorts(kind.kind, rest, plan);
  for (const s of ports.stuck) reportStuckPort(ctx, r, kind, plan, s);
  const byRef = supports(ctx.target, kind.gate);
  const attach: Json = byRef
    ? { targetRefs: [{ group: 'gateway.networking.k8s.io', kind: 'Gateway', name: plan.name }] }
    : { [kind.selector]: { [kind.labels]: { [GATEWAY_NAME_LABEL]: plan.name } } };
  const object: IstioPolicy = {
    apiVersion: apiVersionFor(r, kind),
    kind: kind.kind,
    metadata: { name: boundedLabel(r.name, plan.name), namespace: plan.namespace },
    spec: { ...attach, ...rest },
  };
  const what =
    rel === 'selects'
      ? `selects ${Object.entries(selectorOf(r, kind)!)
          .map(([k, v]) => `${k}=${v}`)
          .join(',')}, ${oldPods(plan)}`
      : `has no selector, so it applies to every workload of namespace ${r.namespace}, including ${oldPods(plan)}`;
  const how = byRef
    ? `targetRefs ${gatewayRef(plan)}`
    : `a selector on label ${GATEWAY_NAME_LABEL}=${plan.name} (${gateRequirement(kind.gate)} for targetRefs; istiod honours selectors on Gateway API pods while ENABLE_SELECTOR_BASED_K8S_GATEWAY_POLICY is on, its default)`;
  reportAt(ctx, 'policy-counterpart-created', r, rel === 'selects' ? selectorPath(kind) : [], {
    message:
      `${kind.kind} ${r.namespace}/${r.name} ${what}; the new pods of ${gatewayRef(plan)} are not selected, so ` +
      `${kind.kind} ${plan.namespace}/${object.metadata.name} carries its spec to them by ${how}` +
      `${sidecarOnly ? ` (without its ${sidecarOnly} SIDECAR_* patch(es), which never applied to a gateway)` : ''}` +
      movedText(ports.moved) +
      '. ' +
      'The original stays and keeps applying to the old pods until cutover; delete it with them',
  });
  return object;
}

function apiVersionFor(r: OtherResource, kind: PolicyKind): string {
  const version = r.apiVersion.slice(kind.group.length + 1);
  return `${kind.group}/${kind.versions.includes(version) ? version : kind.versions[0]!}`;
}

const movedText = (moved: readonly string[]): string =>
  moved.length ? `, with the destination ports the new pods listen on (${moved.join(', ')})` : '';

function reportStuckPort(
  ctx: MapContext,
  r: OtherResource,
  kind: PolicyKind,
  plan: GatewayPlan,
  s: StuckPort,
): void {
  reportAt(ctx, 'policy-port-not-portable', r, s.path, {
    message:
      `${kind.kind} ${r.namespace}/${r.name} matches destination port ${s.port}, and ${s.why}: ` +
      `its counterpart for ${gatewayRef(plan)} keeps the port as written, ` +
      'so on the new pods it matches ' +
      `other traffic than on ${oldPods(plan)}`,
    hint:
      `Set the counterpart's port to the listener port of ${gatewayRef(plan)} that serves the ` +
      'traffic the rule is for (a port the old pods never listened on matched nothing there).',
  });
}

function reportMaySelect(
  ctx: MapContext,
  r: OtherResource,
  kind: PolicyKind,
  plan: GatewayPlan,
): void {
  const labels = Object.entries(selectorOf(r, kind)!)
    .map(([k, v]) => `${k}=${v}`)
    .join(',');
  reportAt(
    ctx,
    kind.security ? 'policy-not-retargeted' : 'telemetry-not-retargeted',
    r,
    selectorPath(kind),
    {
      message:
        `${kind.kind} ${r.namespace}/${r.name} selects ${labels}, which may be ${oldPods(plan)} (they are known to carry ` +
        `${
          Object.entries(oldPodLabels(plan))
            .map(([k, v]) => `${k}=${v}`)
            .join(',') || 'no labels'
        }); if it selects them, it does not apply to the new pods of ${gatewayRef(plan)}, ` +
        'and no counterpart was written because the conversion cannot tell',
      hint: `If it selects the old pods, add a copy in namespace ${plan.namespace} with targetRefs: [{group: gateway.networking.k8s.io, kind: Gateway, name: ${plan.name}}] instead of the selector.`,
    },
  );
}

function reportNewlyApplies(ctx: MapContext, r: OtherResource, plan: GatewayPlan): void {
  reportAt(ctx, 'policy-applies-to-new-gateway', r, [], {
    message:
      `${r.kind} ${r.namespace}/${r.name} has no selector, so it applies to every workload of namespace ${r.namespace}; ` +
      `the new pods of ${gatewayRef(plan)} run there and get it, while ${oldPods(plan)} did not (they run in ${plan.workload!.namespace})`,
    hint:
      `Before cutover, check its rules against the traffic ${gatewayRef(plan)} serves (an ALLOW policy denies what ` +
      `no rule admits), or give the Gateway a namespace of its own; a policy in ${ROOT_NAMESPACE} without selector applies to both.`,
  });
}

/** The cutover step for a counterpart: in place before traffic reaches the new Gateway. */
function followItem(r: OtherResource, c: IstioPolicy, plan: GatewayPlan): CutoverItem {
  return {
    phase: 'follow',
    by: 'policies',
    gateway: { namespace: plan.namespace, name: plan.name },
    text:
      `Apply ${c.kind} ${plan.namespace}/${c.metadata.name} (the copy of ${r.kind} ${r.namespace}/${r.name} ` +
      `for ${gatewayRef(plan)}) before traffic reaches the Gateway; delete the original with the old gateway`,
  };
}
