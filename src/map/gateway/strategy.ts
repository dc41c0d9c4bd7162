// The gateway strategy (docs/gateway-strategy.md): which Istio Gateways become one Gateway API
// Gateway. Classic Istio merges every Gateway that selects a workload into the one proxy config
// of those pods (pilot/pkg/model/gateway.go mergeGateways): one deployment, one address.
import { workloadKey } from '../../model/gateway-service.js';
import type { IstioGateway } from '../../model/resources.js';
import { type MapContext, reportAt } from '../context.js';
import { lookupWorkload } from './deployment.js';
import { type Placement, planGateway, setAllowedRoutes } from './gateway.js';
import { ListenerNamer } from './listener-names.js';
import { type GatewayPlan, type ListenerPlan, planKey } from './plan.js';

const MAX_LISTENERS = 64;

const byNamespaceName = (a: IstioGateway, b: IstioGateway): number =>
  a.namespace < b.namespace
    ? -1
    : a.namespace > b.namespace
      ? 1
      : a.name < b.name
        ? -1
        : a.name > b.name
          ? 1
          : 0;

/** Where one set of Istio Gateways runs: the Service in front of its pods, else its selector. */
interface WorkloadGroup {
  members: IstioGateway[];
  /** The gateway Service (`namespace/name`), when known. */
  service?: { namespace: string; name: string };
  /** How the pods are named in findings. */
  label: string;
}

/**
 * The Istio Gateways grouped by the pods they select, in input order of each group's first
 * member; members sorted by namespace/name. Gateways with an empty selector pick every gateway
 * workload and form their own groups.
 */
export function workloadGroups(ctx: MapContext): WorkloadGroup[] {
  const groups = new Map<string, WorkloadGroup>();
  ctx.index.gateways.forEach((gw, i) => {
    const found = lookupWorkload(gw, ctx).found;
    const key = workloadKey(gw, found) ?? `own:${i}`;
    const shown = key.startsWith('sel:') ? key.slice(4) : '';
    let g = groups.get(key);
    if (!g) {
      g = found
        ? {
            members: [],
            service: { namespace: found.namespace, name: found.name },
            label: `Service ${found.namespace}/${found.name}`,
          }
        : { members: [], label: `selector ${shown}` };
      groups.set(key, g);
    }
    g.members.push(gw);
  });
  for (const g of groups.values()) g.members.sort(byNamespaceName);
  return [...groups.values()];
}

/**
 * Every Istio Gateway's plan by `namespace/name`. Several keys share one plan when the
 * per-workload strategy merged their Gateways. Under per-gateway, Gateways that shared pods
 * get a warning: each now gets its own deployment and address.
 */
export function planGateways(ctx: MapContext): Map<string, GatewayPlan> {
  const plans = new Map<string, GatewayPlan>();
  const strategy = ctx.options.gatewayStrategy;
  // Plans are made in input order, as before strategies existed: findings keep their order.
  const merged = new Map<IstioGateway, GatewayPlan>();
  if (strategy === 'per-workload') {
    for (const g of workloadGroups(ctx)) {
      if (g.members.length < 2) continue;
      const plan = mergedPlan(g, ctx);
      for (const m of g.members) merged.set(m, plan);
    }
  }
  for (const gw of ctx.index.gateways) {
    plans.set(planKey(gw.namespace, gw.name), merged.get(gw) ?? planGateway(gw, ctx));
  }
  if (strategy === 'per-gateway') reportSplit(ctx, plans);
  return plans;
}

/** Each distinct plan once, in the order of its first Istio Gateway in the input. */
export function distinctPlans(plans: ReadonlyMap<string, GatewayPlan>): GatewayPlan[] {
  return [...new Set(plans.values())];
}

function reportSplit(ctx: MapContext, plans: ReadonlyMap<string, GatewayPlan>): void {
  for (const g of workloadGroups(ctx)) {
    const provisioned = g.members.filter(
      (m) => plans.get(planKey(m.namespace, m.name))?.listeners.length,
    );
    if (provisioned.length < 2) continue;
    const names = provisioned.map((m) => `${m.namespace}/${m.name}`).join(', ');
    for (const m of provisioned) {
      reportAt(ctx, 'gateway-shared-workload-split', m, ['spec', 'selector'], {
        message:
          `Istio Gateways ${names} select the same pods (${g.label}) and were served by one proxy at one address; ` +
          `they now become ${provisioned.length} Gateways, each with its own deployment, Service and address, so each needs its own DNS change`,
        hint: 'convert with --gateway-strategy per-workload (one Gateway for them all) or --gateway-strategy reuse (keep the existing pods and address)',
      });
    }
  }
}

/** One provisioned Gateway for every Istio Gateway of `g`: where the pods' Service is, named after it. */
function mergedPlan(g: WorkloadGroup, ctx: MapContext): GatewayPlan {
  // Classic merges the oldest Gateway first; creation times are not in manifests, so the first
  // by namespace/name wins a conflict here.
  const first = g.members[0]!;
  const into: Placement = {
    name: g.service?.name ?? first.name,
    namespace: g.service?.namespace ?? first.namespace,
    namer: new ListenerNamer(),
  };
  // spec.tls.frontend is one setting per Gateway (or port): the per-listener option keeps each
  // member's client validation exactly as it was.
  const memberCtx: MapContext = { ...ctx, options: { ...ctx.options, frontendValidation: false } };
  const parts = g.members.map((m) => planGateway(m, memberCtx, into));
  const plan: GatewayPlan = { ...parts[0]!, members: [...g.members], listeners: [] };
  for (const part of parts) for (const lp of part.listeners) addListener(plan, lp, ctx);
  if (plan.listeners.length > MAX_LISTENERS) {
    const over = plan.listeners[MAX_LISTENERS]!;
    reportAt(
      ctx,
      'gateway-listener-limit',
      over.owners[0]!,
      ['spec', 'servers', over.serverIndex, 'hosts', over.hostIndex],
      {
        message: `the Istio Gateways on ${g.label} need ${plan.listeners.length} listeners; a Gateway holds at most ${MAX_LISTENERS}, so this one and the ${plan.listeners.length - MAX_LISTENERS - 1} after it were not written`,
        hint: 'convert with --gateway-strategy per-gateway, or split the servers over ListenerSets',
      },
    );
    plan.listeners.splice(MAX_LISTENERS);
  }
  for (const lp of plan.listeners) setAllowedRoutes(lp, plan.namespace);
  const names = g.members.map((m) => `${m.namespace}/${m.name}`).join(', ');
  for (const m of g.members) {
    reportAt(ctx, 'gateway-merged', m, ['spec', 'selector'], {
      message: `Istio Gateways ${names} select the same pods (${g.label}); as classic Istio merged them into one proxy, they become one Gateway ${plan.namespace}/${plan.name} with one address`,
    });
  }
  return plan;
}

const sni = new Set(['HTTPS', 'TLS']);

/** Whether two protocols can share a port on one Gateway (HTTPS and TLS both dispatch by SNI). */
function portCompatible(a: string, b: string): boolean {
  return a === b || (sni.has(a) && sni.has(b));
}

/**
 * Adds a member's listener to the merged plan: equal (port, protocol, hostname, TLS) listeners
 * fold into one that admits both members' routes; a clash on a port is an error naming both.
 */
function addListener(plan: GatewayPlan, lp: ListenerPlan, ctx: MapContext): void {
  const l = lp.listener;
  const samePort = plan.listeners.filter((o) => o.listener.port === l.port);
  const same = samePort.find((o) => (o.listener.hostname ?? '') === (l.hostname ?? ''));
  const clash = samePort.find((o) => !portCompatible(o.listener.protocol, l.protocol));
  const settings = (x: ListenerPlan) =>
    JSON.stringify([x.listener.protocol, x.listener.tls ?? null, x.httpsRedirect]);
  // Classic skips a TLS server whose host another Gateway on the pods already serves on that
  // port, even with equal settings (pilot/pkg/model/gateway.go mergeGateways, CheckDuplicates).
  const other =
    clash ?? (same && (settings(same) !== settings(lp) || l.tls !== undefined) ? same : undefined);
  const gw = lp.owners[0]!;
  if (other) {
    const o = other.owners[0]!;
    reportAt(
      ctx,
      'gateway-merge-conflict',
      gw,
      ['spec', 'servers', lp.serverIndex, 'hosts', lp.hostIndex],
      {
        message:
          `port ${l.port} ${l.protocol} host ${l.hostname ?? '*'} conflicts with Istio Gateway ${o.namespace}/${o.name} servers[${other.serverIndex}] ` +
          `(${other.listener.protocol}${other.listener.tls ? ` ${other.listener.tls.mode ?? ''}` : ''} host ${other.listener.hostname ?? '*'}) on the same pods; ` +
          `one Gateway cannot hold both, so no listener was written for this server and Gateway ${plan.namespace}/${plan.name} serves the first one's`,
        hint: 'make the servers agree (protocol, TLS settings), or convert with --gateway-strategy per-gateway',
      },
    );
    return;
  }
  if (same) {
    for (const m of lp.owners) if (!same.owners.includes(m)) same.owners.push(m);
    same.hostNamespaces = [...new Set([...same.hostNamespaces, ...lp.hostNamespaces])].sort();
    same.alsoServes.push(
      {
        serverIndex: lp.serverIndex,
        hostIndex: lp.hostIndex,
        server: lp.server,
        istioHost: lp.istioHost,
      },
      ...lp.alsoServes,
    );
    return;
  }
  plan.listeners.push(lp);
}
