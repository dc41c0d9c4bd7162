// Which rules of a VirtualService sidecars apply, trimmed to those (pure, over Istio objects).
// A VirtualService reaches sidecars only when its `gateways` is empty or names `mesh`
// (pilot/pkg/model/push_context.go getGatewayNames); a match's own `gateways` then overrides the
// top-level list for that match (virtual_service.proto HTTPMatchRequest.gateways).
import type { HTTPRouteSpecIstio, VirtualService } from '../../model/resources.js';
import { MESH } from '../../model/gateway-ref.js';

type Spec = VirtualService['spec'];
export type TlsRoute = NonNullable<Spec['tls']>[number];
export type TcpRoute = NonNullable<Spec['tcp']>[number];

/** Is the VirtualService seen by sidecars at all? */
export function meshBound(vs: VirtualService): boolean {
  const refs = vs.spec.gateways ?? [];
  return refs.length === 0 || refs.includes(MESH);
}

/** Does a match (with its own `gateways` or none) apply to `mesh`? */
function matchOnMesh(m: { gateways?: string[] | undefined }): boolean {
  return !m.gateways?.length || m.gateways.includes(MESH);
}

/** Does a rule of a mesh-bound VirtualService apply to sidecars (no match, or a mesh match)? */
export function ruleOnMesh(rule: { match?: { gateways?: string[] | undefined }[] | undefined }) {
  return !rule.match?.length || rule.match.some(matchOnMesh);
}

/** Does a rule apply to a gateway other than `mesh` (top-level `refs`, or its matches')? */
export function reachesGateways(rule: HTTPRouteSpecIstio, refs: readonly string[]): boolean {
  const others = refs.some((g) => g !== MESH);
  if (!rule.match?.length) return others;
  return rule.match.some((m) => (m.gateways?.length ? m.gateways.some((g) => g !== MESH) : others));
}

/**
 * The entries of a route list that apply to sidecars, each with only its mesh matches and those
 * without their `gateways` (the residual is bound to `mesh` alone, so they mean the same).
 */
function onMesh<R extends { match?: { gateways?: string[] | undefined }[] | undefined }>(
  list: readonly R[],
): R[] {
  const out: R[] = [];
  for (const r of list) {
    if (!r.match?.length) {
      out.push(r);
      continue;
    }
    const kept = r.match.filter(matchOnMesh).map((m) => {
      const { gateways: _dropped, ...rest } = m;
      void _dropped;
      return rest;
    });
    if (kept.length) out.push({ ...r, match: kept });
  }
  return out;
}

/** The rules sidecars apply, per protocol, trimmed to their mesh matches. */
export interface MeshRules {
  http: HTTPRouteSpecIstio[];
  tls: TlsRoute[];
  tcp: TcpRoute[];
}

export function meshRules(vs: VirtualService): MeshRules {
  if (!meshBound(vs)) return { http: [], tls: [], tcp: [] };
  return {
    http: onMesh(vs.spec.http ?? []),
    tls: onMesh(vs.spec.tls ?? []),
    tcp: onMesh(vs.spec.tcp ?? []),
  };
}

/**
 * What a sidecar does with this rule that no Gateway API route can say, or undefined: fault
 * injection, and a `directResponse` other than a bare 500 (a rule without backends answers 500).
 */
export function inexpressible(rule: HTTPRouteSpecIstio): 'fault' | 'directResponse' | undefined {
  if (rule.fault) return 'fault';
  const d = rule.directResponse;
  if (d && !(d.status === 500 && !d.body)) return 'directResponse';
  return undefined;
}
