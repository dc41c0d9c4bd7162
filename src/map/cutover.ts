// The cutover checklist: what a user does, in a safe order, to move traffic from the classic
// resources to the converted ones. Built as data in the map stage; every module may add items
// (`addCutoverItem`); report formatters render it (text, JSON, Markdown).
import type { K8sObject } from '../gateway-api/types.js';
import type { Resource } from '../model/resources.js';
import type { GatewayPlan } from './gateway/plan.js';

export interface ObjectRef {
  namespace: string;
  name: string;
}

/** Where a Gateway's address comes from. */
export type CutoverAddress =
  /** Istio provisions Deployment and Service `<gateway>-<class>`: a new address, DNS must move. */
  | { from: 'provisioned'; service: ObjectRef }
  /** Bound to the existing gateway Service (`spec.addresses`): same address, no DNS change. */
  | { from: 'reused'; service: ObjectRef };

/** One Gateway API Gateway and what its cutover involves. */
export interface CutoverGateway {
  gateway: ObjectRef;
  /**
   * The Istio Gateways it replaces (several when they shared pods, per-workload strategy), each
   * with the listeners its servers became.
   */
  replaces: (ObjectRef & { listeners: string[] })[];
  address: CutoverAddress;
  /** The old gateway Service whose pods served these hosts, when known. */
  previous?: ObjectRef;
  /** Listener hostnames (sorted; `*` for a listener without one): whose DNS moves to `address`. */
  hostnames: string[];
  /** Certificate Secrets the listeners reference. */
  certificates: ObjectRef[];
  /** ReferenceGrants that let the Gateway read a Secret in another namespace. */
  referenceGrants: ObjectRef[];
}

/** The steps, in the order they must happen. */
export const CUTOVER_PHASES = ['apply', 'follow', 'verify', 'move-dns', 'remove'] as const;
export type CutoverPhase = (typeof CUTOVER_PHASES)[number];

export const PHASE_TITLES: Record<CutoverPhase, string> = {
  apply: 'Apply the Gateway API objects (classic resources stay; nothing moves yet)',
  verify: 'Verify the new Gateways before any traffic moves',
  'move-dns': 'Move DNS (or the load balancer) to the new addresses',
  follow: 'Make policies follow the new Gateways before traffic reaches them',
  remove: 'Remove the classic resources once no traffic reaches them',
};

export interface CutoverItem {
  phase: CutoverPhase;
  /** One imperative sentence a user can act on. */
  text: string;
  /** The Gateway API Gateway the item is about, if one. */
  gateway?: ObjectRef;
  /** The module that added it (`gateways`, `policies`, …): lets a report group or filter. */
  by: string;
}

export interface CutoverChecklist {
  gateways: CutoverGateway[];
  /** In phase order (CUTOVER_PHASES), then in the order they were added. */
  items: CutoverItem[];
}

export function emptyChecklist(): CutoverChecklist {
  return { gateways: [], items: [] };
}

/** Adds an item, keeping the list in phase order. */
export function addCutoverItem(checklist: CutoverChecklist, item: CutoverItem): void {
  const rank = CUTOVER_PHASES.indexOf(item.phase);
  let at = checklist.items.length;
  while (at > 0 && CUTOVER_PHASES.indexOf(checklist.items[at - 1]!.phase) > rank) at--;
  checklist.items.splice(at, 0, item);
}

const ref = (o: { namespace: string; name: string }): ObjectRef => ({
  namespace: o.namespace,
  name: o.name,
});
const text = (o: ObjectRef): string => `${o.namespace}/${o.name}`;
const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** The checklist's entry for one Gateway plan that was written (it has listeners). */
export function cutoverGateway(plan: GatewayPlan, gatewayClass: string): CutoverGateway {
  const gateway = { namespace: plan.namespace, name: plan.name };
  const address: CutoverAddress =
    plan.mode === 'reuse' && plan.workload
      ? { from: 'reused', service: ref(plan.workload) }
      : {
          from: 'provisioned',
          service: { namespace: plan.namespace, name: `${plan.name}-${gatewayClass}` },
        };
  const hostnames = [...new Set(plan.listeners.map((l) => l.listener.hostname ?? '*'))].sort(cmp);
  const secrets = new Map<string, ObjectRef>();
  for (const lp of plan.listeners) {
    for (const r of lp.listener.tls?.certificateRefs ?? []) {
      const s = { namespace: r.namespace ?? plan.namespace, name: r.name };
      secrets.set(text(s), s);
    }
  }
  const out: CutoverGateway = {
    gateway,
    replaces: plan.members.map((m) => ({
      ...ref(m),
      listeners: plan.listeners.filter((l) => l.owners.includes(m)).map((l) => l.listener.name),
    })),
    address,
    hostnames,
    certificates: [...secrets.values()].sort((a, b) => cmp(text(a), text(b))),
    referenceGrants: [],
  };
  if (plan.workload) out.previous = ref(plan.workload);
  return out;
}

/**
 * A reused address serves the classic and the Gateway API config from the same pods: the older
 * Istio Gateway's servers come first (pilot/pkg/model/push_context.go initGateways, by creation
 * time) and a gateway concatenates the routes per hostname (pilot/pkg/networking/core/gateway.go
 * buildGatewayHTTPRouteConfig), so the classic rules answer first until they are deleted.
 */
const SHARED_PODS =
  "; on these shared pods, for a hostname both serve, the classic VirtualServices' rules come first and the HTTPRoutes answer only what none of them matches, until the converted VirtualServices are deleted (docs/migration-guide.md, Coexistence)";

/**
 * The checklist of the Gateways written and the routes that replace classic resources, with
 * the ReferenceGrants found among the output. Items are the gateway module's own (`by: gateways`).
 */
export function buildChecklist(
  plans: readonly GatewayPlan[],
  converted: readonly Resource[],
  output: readonly K8sObject[],
  gatewayClass: string,
  extra: readonly CutoverItem[] = [],
): CutoverChecklist {
  const list = emptyChecklist();
  list.gateways = plans
    .filter((p) => p.listeners.length > 0)
    .map((p) => cutoverGateway(p, gatewayClass));
  for (const g of list.gateways) g.referenceGrants = grantsFor(g, output);
  const by = 'gateways';
  const count = output.length;
  addCutoverItem(list, {
    phase: 'apply',
    by,
    text: `Apply the ${count} generated object(s) (kubectl apply -f); the classic Istio resources stay in place and keep serving`,
  });
  for (const g of list.gateways) {
    const extra = g.referenceGrants.length
      ? `, with ReferenceGrant(s) ${g.referenceGrants.map(text).join(', ')} for its certificates`
      : '';
    addCutoverItem(list, {
      phase: 'apply',
      by,
      gateway: g.gateway,
      text: `Gateway ${text(g.gateway)} replaces Istio Gateway(s) ${g.replaces.map(text).join(', ')}${extra}`,
    });
    const where =
      g.address.from === 'provisioned'
        ? `the address of Service ${text(g.address.service)}`
        : `Service ${text(g.address.service)}`;
    addCutoverItem(list, {
      phase: 'verify',
      by,
      gateway: g.gateway,
      text: `Wait for Gateway ${text(g.gateway)} to be Programmed, then send requests for ${g.hostnames.join(', ')} to ${where} (curl --resolve) and compare with the old gateway${g.address.from === 'provisioned' ? '' : SHARED_PODS}`,
    });
    if (g.address.from === 'provisioned') {
      addCutoverItem(list, {
        phase: 'move-dns',
        by,
        gateway: g.gateway,
        text: `Point DNS for ${g.hostnames.join(', ')} at the address of Service ${text(g.address.service)}${g.previous ? ` (was ${text(g.previous)})` : ''}`,
      });
    } else {
      addCutoverItem(list, {
        phase: 'move-dns',
        by,
        gateway: g.gateway,
        text: `No DNS change for Gateway ${text(g.gateway)}: it reuses the address of Service ${text(g.address.service)}`,
      });
    }
  }
  const vs = converted.filter((r) => r.kind === 'VirtualService');
  const gws = converted.filter((r) => r.kind === 'Gateway');
  const names = (rs: readonly Resource[]) => rs.map((r) => `${r.namespace}/${r.name}`).join(', ');
  // Residual VirtualServices (map/residual) are part of the output: they keep serving sidecars.
  const residual = output
    .filter((o) => o.kind === 'VirtualService' && o.apiVersion.startsWith('networking.istio.io/'))
    .map((o) => `${o.metadata.namespace ?? ''}/${o.metadata.name}`);
  const keep = residual.length
    ? `; do not delete the residual VirtualService(s) ${residual.join(', ')}: they are generated output and keep serving sidecars the rules Gateway API cannot express`
    : '';
  if (vs.length)
    addCutoverItem(list, {
      phase: 'remove',
      by,
      text: `After the old DNS records' TTL has passed, delete the converted VirtualService(s) ${names(vs)}${keep}`,
    });
  if (gws.length)
    addCutoverItem(list, {
      phase: 'remove',
      by,
      text: `Then delete the converted Istio Gateway(s) ${names(gws)}`,
    });
  const old = [
    ...new Map(
      list.gateways
        .filter((g) => g.address.from === 'provisioned' && g.previous)
        .map((g) => [text(g.previous!), g.previous!]),
    ).values(),
  ];
  for (const o of old) {
    addCutoverItem(list, {
      phase: 'remove',
      by,
      text: `Scale down the old gateway behind Service ${text(o)} only when no Istio Gateway or other traffic still uses it`,
    });
  }
  for (const item of extra) addCutoverItem(list, item);
  return list;
}

/** The output's ReferenceGrants that admit this Gateway's cross-namespace certificates. */
function grantsFor(g: CutoverGateway, output: readonly K8sObject[]): ObjectRef[] {
  const out = new Map<string, ObjectRef>();
  for (const s of g.certificates) {
    if (s.namespace === g.gateway.namespace) continue;
    for (const o of output) {
      if (o.kind !== 'ReferenceGrant' || o.metadata.namespace !== s.namespace) continue;
      const spec = (
        o as K8sObject & {
          spec: {
            from: { kind: string; namespace: string }[];
            to: { kind: string; name?: string }[];
          };
        }
      ).spec;
      const fromOk = spec.from.some(
        (f) => f.kind === 'Gateway' && f.namespace === g.gateway.namespace,
      );
      const toOk = spec.to.some(
        (t) => t.kind === 'Secret' && (t.name === undefined || t.name === s.name),
      );
      if (fromOk && toOk)
        out.set(`${s.namespace}/${o.metadata.name}`, {
          namespace: s.namespace,
          name: o.metadata.name,
        });
    }
  }
  return [...out.values()].sort((a, b) => cmp(text(a), text(b)));
}

/** The checklist as plain text lines (no indentation of their own): used by the text and Markdown reports. */
export function describeCutoverGateway(g: CutoverGateway): { head: string; details: string[] } {
  const address =
    g.address.from === 'provisioned'
      ? `new address: Service ${text(g.address.service)}${g.previous ? ` (was ${text(g.previous)})` : ''}`
      : `reused address: Service ${text(g.address.service)}`;
  const details = [`hostnames: ${g.hostnames.join(', ')}`];
  if (g.certificates.length) details.push(`certificates: ${g.certificates.map(text).join(', ')}`);
  if (g.referenceGrants.length)
    details.push(`ReferenceGrants: ${g.referenceGrants.map(text).join(', ')}`);
  return {
    head: `Gateway ${text(g.gateway)} replaces ${g.replaces.map(text).join(', ')}; ${address}`,
    details,
  };
}

/** Items grouped by phase, in phase order, empty phases left out. */
export function cutoverPhases(
  list: CutoverChecklist,
): { phase: CutoverPhase; title: string; items: CutoverItem[] }[] {
  return CUTOVER_PHASES.map((phase) => ({
    phase,
    title: PHASE_TITLES[phase],
    items: list.items.filter((i) => i.phase === phase),
  })).filter((p) => p.items.length > 0);
}

/**
 * The checklist as the pull-request comment's Cutover section reads it (emit's CutoverSummary):
 * new addresses, DNS moves, and the policies that must follow.
 */
export function cutoverSummary(list: CutoverChecklist): {
  newAddresses: string[];
  dnsMoves: string[];
  policies: string[];
} {
  const provisioned = list.gateways.filter((g) => g.address.from === 'provisioned');
  return {
    newAddresses: provisioned.map(
      (g) =>
        `Gateway ${text(g.gateway)}: Service ${text(g.address.service)} (replaces ${g.replaces.map(text).join(', ')})`,
    ),
    dnsMoves: provisioned.map(
      (g) =>
        `${g.hostnames.join(', ')} → Service ${text(g.address.service)}${g.previous ? ` (was ${text(g.previous)})` : ''}`,
    ),
    policies: list.items.filter((i) => i.phase === 'follow').map((i) => i.text),
  };
}
