// The egress-gateway pattern under Gateway API (istio.io tasks/traffic-management/egress/
// egress-gateway): sidecars send to the Service Istio provisions for the egress Gateway,
// `<gateway>-<gatewayClass>`, instead of the old `istio-egressgateway` deployment.
import type { FieldPath } from '../../model/resources.js';
import type { Gateway } from '../../gateway-api/types.js';
import type { GatewayPlan } from '../gateway/plan.js';
import { gatewayKey } from '../http/parent-refs.js';
import { type HttpScope, hostnamesIntersect, raise } from '../http/scope.js';
import { carryHopPolicy } from './hop-policy.js';

/** Istio's deployment controller reads this Gateway annotation for the provisioned Service's type. */
export const SERVICE_TYPE_ANNOTATION = 'networking.istio.io/service-type';

/** The Service Istio provisions for a Gateway in provision mode (deploymentcontroller: `<name>-<class>`). */
export function provisionedServiceName(plan: GatewayPlan, gatewayClass: string): string {
  return `${plan.name}-${gatewayClass}`;
}

/** Provisioned plans by the `namespace/name` of the Service of their old pods, in plan order: built once per plan set. */
const byWorkload = new WeakMap<ReadonlyMap<string, GatewayPlan>, Map<string, GatewayPlan[]>>();

function plansOnWorkload(
  plans: ReadonlyMap<string, GatewayPlan>,
  namespace: string,
  name: string,
): GatewayPlan[] {
  let index = byWorkload.get(plans);
  if (!index) {
    index = new Map();
    for (const p of new Set(plans.values())) {
      if (p.mode !== 'provision' || p.listeners.length === 0 || !p.workload) continue;
      const key = `${p.workload.namespace}/${p.workload.name}`;
      const list = index.get(key);
      if (list) list.push(p);
      else index.set(key, [p]);
    }
    byWorkload.set(plans, index);
  }
  return index.get(`${namespace}/${name}`) ?? [];
}

/**
 * When Service `namespace/name` fronted the pods of an Istio Gateway that is provisioned anew, the
 * destination goes to the new gateway's Service instead (the old pods are no longer configured by
 * the converted Gateway). Undefined when the Service is no old gateway workload (or in reuse mode).
 */
export function rewriteGatewayDestination(
  scope: HttpScope,
  namespace: string,
  name: string,
  port: number | undefined,
  subset: string | undefined,
  at: FieldPath,
  what: string,
): { namespace: string; name: string } | 'ambiguous' | undefined {
  const { vs, ctx, plans } = scope;
  if (!plans) return undefined;
  // Looked up for every destination: an index, not a scan of every Gateway (quadratic at 100k).
  let candidates = plansOnWorkload(plans, namespace, name);
  if (!candidates.length) return undefined;
  if (candidates.length > 1) {
    const bound = new Set(
      (vs.spec.gateways ?? []).map((r) => {
        const g = gatewayKey(r, vs.namespace);
        return `${g.namespace}/${g.name}`;
      }),
    );
    const byBinding = candidates.filter((p) =>
      p.members.some((m) => bound.has(`${m.namespace}/${m.name}`)),
    );
    if (byBinding.length) candidates = byBinding;
  }
  if (candidates.length > 1) {
    const hosts = (vs.spec.hosts ?? []).map((h) => h.toLowerCase());
    const byHost = candidates.filter((p) =>
      p.listeners.some((l) => hosts.some((h) => hostnamesIntersect(h, l.listener.hostname))),
    );
    if (byHost.length) candidates = byHost;
  }
  if (candidates.length > 1) {
    raise(
      scope,
      'gateway-destination-ambiguous',
      [...at, 'host'],
      `${what} ${name}.${namespace} is the Service of the old gateway pods, which Gateways ${candidates.map((p) => `${p.namespace}/${p.name}`).join(', ')} each replace with pods of their own; the ${what} still goes to the old Service, whose pods the converted Gateways no longer configure`,
      'Point the destination at the Service of the converted Gateway that should serve it (`<gateway>-<class>`).',
    );
    return 'ambiguous';
  }
  const plan = candidates[0]!;
  const svc = provisionedServiceName(plan, ctx.options.gatewayClass);
  const ports = [...new Set(plan.listeners.map((l) => l.listener.port))];
  const portNote =
    port !== undefined && !ports.includes(port)
      ? `; port ${port} is not a listener port of Gateway ${plan.namespace}/${plan.name} (${ports.join(', ')}), so the new Service does not have it`
      : '';
  raise(
    scope,
    'gateway-destination-rewritten',
    [...at, 'host'],
    `${what} ${name}.${namespace} was the Service of the old gateway pods (selected by Istio Gateway ${plan.source.namespace}/${plan.source.name}); the converted Gateway runs on new pods, so the ${what} now goes to their Service ${plan.namespace}/${svc}` +
      (subset !== undefined
        ? `; subset '${subset}' is dropped (the new Service is the gateway itself; its traffic policy follows)`
        : '') +
      portNote,
  );
  const to = { namespace: plan.namespace, name: svc };
  carryHopPolicy(scope, namespace, name, subset, to, at);
  return to;
}

/**
 * Whether the Istio Gateway ran on egress gateway pods (`istio: egressgateway`, the istioctl/Helm
 * default, or a workload Service named like one). Such a gateway must not get a public address.
 */
export function isEgressGateway(plan: GatewayPlan): boolean {
  const sel = plan.source.spec.selector ?? {};
  return sel.istio === 'egressgateway' || /egressgateway/.test(plan.workload?.name ?? '');
}

/** Annotate a provisioned egress Gateway so its Service is ClusterIP, as in istio.io's egress task. */
export function annotateEgress(gateway: Gateway): void {
  gateway.metadata.annotations = {
    ...(gateway.metadata.annotations ?? {}),
    [SERVICE_TYPE_ANNOTATION]: 'ClusterIP',
  };
}
