// The DestinationRule policy of a hop to an old gateway Service follows the hop to the new
// gateway's Service. istio.io's egress tasks (egress-gateway, egress-gateway-tls-origination,
// Gateway API tab) keep `tls: ISTIO_MUTUAL` with `sni` for the sidecar → egress gateway hop in a
// DestinationRule for `<gateway>-<class>.<ns>.svc.cluster.local`; without it the sidecar sends
// plain text (or mTLS without the SNI the gateway's listener selects by) and the hop fails.
import type { DestinationRule as DestinationRuleObject } from '../../gateway-api/types.js';
import type { Finding } from '../../findings/finding.js';
import type { DestinationRule, FieldPath, VirtualService } from '../../model/resources.js';
import type { Emitted } from '../context.js';
import { type HttpScope, raise } from '../http/scope.js';
import { boundedLabel } from '../subsets/names.js';
import { destinationRuleCopy, mergeSubsetPolicy } from '../subsets/policy.js';
import { referencedServices } from '../subsets/registry.js';
import type { MapContext } from '../context.js';

type Json = Record<string, unknown>;

interface HopCopy {
  /** `namespace/name` of the new gateway Service the copy is for. */
  service: string;
  origin: VirtualService;
  source: DestinationRule;
  object: DestinationRuleObject;
  findings: Finding[];
}

const registries = new WeakMap<object, Map<string, HopCopy>>();

function registry(ctx: MapContext): Map<string, HopCopy> {
  let r = registries.get(ctx.index);
  if (!r) registries.set(ctx.index, (r = new Map()));
  return r;
}

/**
 * The DestinationRule a sidecar in `client` applies to `fqdn`: one in its own namespace first,
 * then the host's, then any other (Istio's DestinationRule lookup order, input order within).
 */
export function ruleForClient(
  drs: readonly DestinationRule[],
  client: string,
  hostNamespace: string,
  subset?: string,
): { dr: DestinationRule; index: number } | undefined {
  const rank = (dr: DestinationRule): number =>
    dr.namespace === client ? 0 : dr.namespace === hostNamespace ? 1 : 2;
  for (const dr of [...drs].sort((a, b) => rank(a) - rank(b))) {
    const index =
      subset === undefined ? -1 : (dr.spec.subsets ?? []).findIndex((s) => s.name === subset);
    if (subset === undefined || index >= 0) return { dr, index };
  }
  return undefined;
}

/**
 * Carry the policy of the hop to old gateway Service `namespace/name` (subset `subset`, if any)
 * to the new gateway Service `to`: a DestinationRule for its host, emitted with the route.
 */
export function carryHopPolicy(
  scope: HttpScope,
  namespace: string,
  name: string,
  subset: string | undefined,
  to: { namespace: string; name: string },
  at: FieldPath,
): void {
  const { ctx, vs } = scope;
  const found = ruleForClient(
    ctx.index.destinationRulesFor(`${name}.${namespace}.svc.cluster.local`),
    vs.namespace,
    namespace,
    subset,
  );
  if (!found) return;
  const { dr, index } = found;
  const raw = (dr.raw.spec ?? {}) as Json;
  const subsetPolicy =
    index >= 0
      ? ((raw.subsets as Json[] | undefined)?.[index]?.trafficPolicy as Json | undefined)
      : undefined;
  const policy = mergeSubsetPolicy(raw.trafficPolicy as Json | undefined, subsetPolicy);
  if (!policy) return;
  const host = `${to.name}.${to.namespace}.svc.cluster.local`;
  const key = `${dr.namespace}/${dr.name}/${subset ?? ''}/${host}`;
  if (registry(ctx).has(key)) return;
  const drName = boundedLabel(dr.name, subset !== undefined ? `${subset}-${to.name}` : to.name);
  const object = destinationRuleCopy(dr, drName, host, policy);
  const entry: HopCopy = {
    service: `${to.namespace}/${to.name}`,
    origin: vs,
    source: dr,
    object,
    findings: [],
  };
  registry(ctx).set(key, entry);
  const held: HttpScope = { ...scope, ctx: { ...ctx, report: (f) => entry.findings.push(f) } };
  const what =
    subset !== undefined
      ? `subset '${subset}' of DestinationRule ${dr.namespace}/${dr.name} (merged with its top-level policy as Istio merges them)`
      : `DestinationRule ${dr.namespace}/${dr.name}`;
  raise(
    held,
    'gateway-destination-policy-copied',
    [...at, subset !== undefined ? 'subset' : 'host'],
    `the traffic policy of the hop to ${name}.${namespace} (${what}${describePolicy(policy)}) now applies to the new gateway Service through DestinationRule ${dr.namespace}/${drName} for host ${host}, as istio.io's egress tasks configure it`,
  );
}

function describePolicy(policy: Json): string {
  const tls = [
    policy.tls,
    ...((policy.portLevelSettings as Json[] | undefined) ?? []).map((p) => p.tls),
  ].filter(Boolean) as Json[];
  const shown = tls.map((t) => `tls ${String(t.mode)}${t.sni ? ` with sni ${String(t.sni)}` : ''}`);
  return shown.length ? `: ${[...new Set(shown)].join(', ')}` : '';
}

/** The hop DestinationRules whose gateway Service an emitted route sends to. */
export function hopPolicyObjects(ctx: MapContext, emitted: readonly Emitted[]): Emitted[] {
  const used = referencedServices(emitted);
  const out: Emitted[] = [];
  for (const e of registry(ctx).values()) {
    if (!used.has(e.service)) continue;
    for (const f of e.findings) ctx.report(f);
    out.push({ object: e.object, origin: e.origin });
  }
  return out;
}
