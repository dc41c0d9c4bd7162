import type { Finding } from '../../findings/finding.js';
import type {
  GRPCRoute,
  GRPCRouteFilter,
  GRPCRouteMatch,
  GRPCRouteRule,
  HTTPRoute,
  HTTPRouteFilter,
  HTTPRouteRule,
} from '../../gateway-api/types.js';
import type { VirtualService } from '../../model/resources.js';
import { formatPath, refOf } from '../../model/resources.js';
import type { Emitted, MapContext } from '../context.js';
import type { GatewayPlans } from '../gateway/plan.js';
import { MESH } from '../http/parent-refs.js';
import { hostnamesIntersect, raise } from '../http/scope.js';
import { mapVirtualService, type VirtualServiceResult } from '../http/virtual-service.js';
import type { GrantNeed } from '../reference-grants.js';
import { grpcMethodPath, grpcServicePrefix, grpcVerdict } from './eligibility.js';

const GRPC_FILTERS = new Set(['RequestHeaderModifier', 'ResponseHeaderModifier', 'RequestMirror']);

/**
 * VirtualService `http[]` → GRPCRoutes when its backends or servers are gRPC and every rule is
 * a gRPC match GRPCRoute can say (semantics.md §5); else HTTPRoutes, which Istio serves gRPC over
 * just as well. Istio turns a GRPCRoute back into the same Istio matches: `{service, method}` →
 * exact `/service/method`, `{service}` → prefix `/service/` (conversion.go createGRPCURIMatch), so
 * the HTTP mapper's rules, parents, hostnames, order check and backends carry over unchanged.
 */
export function mapHttpOrGrpc(
  vs: VirtualService,
  ctx: MapContext,
  plans: GatewayPlans,
): VirtualServiceResult {
  const scope = { vs, ctx };
  const verdict = grpcVerdict(vs, ctx, plans);
  if (!verdict.evidence || !(vs.spec.http ?? []).length) return mapVirtualService(vs, ctx, plans);
  const kept = (at: Parameters<typeof raise>[2], why: string): VirtualServiceResult => {
    const r = mapVirtualService(vs, ctx, plans);
    if (r.emitted.length) {
      raise(
        scope,
        'grpc-kept-httproute',
        at,
        `the backends are gRPC (${verdict.evidence}) but this VirtualService stays an HTTPRoute: ${why}; Istio serves gRPC over an HTTPRoute alike`,
      );
    }
    return r;
  };
  if (verdict.blocker)
    return kept(verdict.blocker.at, `${formatPath(verdict.blocker.at)}: ${verdict.blocker.why}`);
  const peer = sharedHostPeer(vs, ctx, plans);
  if (peer)
    return kept(
      ['spec', 'hosts', peer.hostIndex],
      `host '${peer.host}' is also routed by ${refOf(peer.vs)}, which stays an HTTPRoute, and one hostname must not be in both an HTTPRoute and a GRPCRoute`,
    );

  // Map as HTTP with findings and grants held back: they are kept only if every route converts.
  const findings: Finding[] = [];
  const needs: GrantNeed[] = [];
  const held: MapContext = {
    ...ctx,
    options: { ...ctx.options, strictPrefix: false },
    report: (f) => findings.push(f),
    needGrant: (n) => needs.push(n),
  };
  const r = mapVirtualService(vs, held, plans);
  const emitted: Emitted[] = [];
  for (const e of r.emitted) {
    if (e.object.kind !== 'HTTPRoute') {
      emitted.push(e);
      continue;
    }
    const g = toGrpcRoute(e.object);
    if (typeof g === 'string') return kept(['spec', 'http'], g);
    emitted.push({ object: g, origin: e.origin });
  }
  // A gRPC service prefix means the same in both (see above): prefix-semantics does not apply.
  for (const f of findings) {
    if (f.id === 'prefix-semantics') continue;
    ctx.report({ ...f, message: f.message.replaceAll('HTTPRoute', 'GRPCRoute') });
  }
  for (const n of needs) ctx.needGrant({ ...n, from: { ...n.from, kind: 'GRPCRoute' } });
  if (r.keptReason) return r;
  raise(
    scope,
    'grpc-route',
    ['spec', 'http'],
    `the backends are gRPC (${verdict.evidence}) and every rule is a gRPC service/method match: written as ${emitted.length === 1 ? 'a GRPCRoute' : `${emitted.length} GRPCRoutes`}`,
  );
  return { emitted };
}

/** The HTTPRoute as a GRPCRoute, or why it cannot be one. */
function toGrpcRoute(h: HTTPRoute): GRPCRoute | string {
  const rules: GRPCRouteRule[] = [];
  for (const rule of h.spec.rules) {
    const r = toGrpcRule(rule);
    if (typeof r === 'string') return r;
    rules.push(r);
  }
  const spec: GRPCRoute['spec'] = {
    ...(h.spec.parentRefs ? { parentRefs: h.spec.parentRefs } : {}),
    ...(h.spec.hostnames ? { hostnames: h.spec.hostnames } : {}),
    rules,
  };
  return {
    apiVersion: 'gateway.networking.k8s.io/v1',
    kind: 'GRPCRoute',
    metadata: h.metadata,
    spec,
  };
}

function toGrpcRule(rule: HTTPRouteRule): GRPCRouteRule | string {
  if (rule.timeouts || rule.retry)
    return 'a rule has a timeout or retry policy, which GRPCRoute cannot express';
  const out: GRPCRouteRule = {};
  if (rule.name) out.name = rule.name;
  if (rule.matches) {
    const ms: GRPCRouteMatch[] = [];
    let catchAll = false;
    for (const m of rule.matches) {
      if (m.method || m.queryParams)
        return 'a match on method or query parameters, which GRPCRoute cannot express';
      const g: GRPCRouteMatch = {};
      if (m.path && !(m.path.type === 'PathPrefix' && m.path.value === '/')) {
        const exact = m.path.type === 'Exact' ? grpcMethodPath(m.path.value) : undefined;
        const service = m.path.type === 'PathPrefix' ? grpcServicePrefix(m.path.value) : undefined;
        if (exact) g.method = { type: 'Exact', service: exact.service, method: exact.method };
        else if (service) g.method = { type: 'Exact', service };
        else return `path ${m.path.type} '${m.path.value}' is not a gRPC service or method`;
      }
      if (m.headers?.length) g.headers = m.headers;
      if (!g.method && !g.headers) catchAll = true;
      ms.push(g);
    }
    // A match without conditions takes every request, whatever the other matches say.
    if (!catchAll) out.matches = ms;
  }
  if (rule.filters?.length) {
    const f = grpcFilters(rule.filters);
    if (typeof f === 'string') return f;
    out.filters = f;
  }
  if (rule.backendRefs) {
    const refs: NonNullable<GRPCRouteRule['backendRefs']> = [];
    for (const b of rule.backendRefs) {
      const { filters, ...ref } = b;
      if (filters?.length) {
        const f = grpcFilters(filters);
        if (typeof f === 'string') return f;
        refs.push({ ...ref, filters: f });
      } else refs.push(ref);
    }
    out.backendRefs = refs;
  }
  return out;
}

function grpcFilters(filters: readonly HTTPRouteFilter[]): GRPCRouteFilter[] | string {
  const bad = filters.find((f) => !GRPC_FILTERS.has(f.type));
  if (bad) return `a ${bad.type} filter, which GRPCRoute cannot express`;
  return filters as GRPCRouteFilter[];
}

/**
 * Another VirtualService with an http section and a host in common that cannot become a
 * GRPCRoute, directly or through a chain of shared hosts (they are decided together).
 */
function sharedHostPeer(
  vs: VirtualService,
  ctx: MapContext,
  plans: GatewayPlans,
): { vs: VirtualService; host: string; hostIndex: number } | undefined {
  const all = ctx.index.virtualServices.filter(
    (v) => (v.spec.http ?? []).length && (v.spec.gateways ?? []).some((g) => g !== MESH),
  );
  const hostsOf = (v: VirtualService): string[] => (v.spec.hosts ?? []).map((h) => h.toLowerCase());
  const shared = (a: VirtualService, b: VirtualService): string | undefined => {
    for (const x of hostsOf(a))
      for (const y of hostsOf(b)) if (x === '*' || y === '*' || hostnamesIntersect(x, y)) return x;
    return undefined;
  };
  const seen = new Set<VirtualService>([vs]);
  const queue: VirtualService[] = [vs];
  while (queue.length) {
    const cur = queue.shift()!;
    for (const other of all) {
      if (seen.has(other)) continue;
      const host = shared(cur, other);
      if (host === undefined) continue;
      seen.add(other);
      const v = grpcVerdict(other, ctx, plans);
      if (!v.evidence || v.blocker) {
        const mine = shared(vs, other) ?? hostsOf(vs)[0] ?? '*';
        return { vs: other, host: mine, hostIndex: Math.max(0, hostsOf(vs).indexOf(mine)) };
      }
      queue.push(other);
    }
  }
  return undefined;
}
