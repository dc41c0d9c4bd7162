import type { FieldPath, HTTPRouteSpecIstio, VirtualService } from '../../model/resources.js';
import type { MapContext } from '../context.js';
import type { GatewayPlans } from '../gateway/plan.js';
import { gatewayKey, MESH } from '../http/parent-refs.js';
import { hostnamesIntersect } from '../http/scope.js';
import { ownedBy, planKey } from '../gateway/plan.js';

/** gRPC paths: `/<package.Service>/<Method>` (GRPCRoute's own character rules, grpcroute_types.go). */
export const GRPC_SERVICE_RE = /^\.?[a-z_][a-z_0-9]*(\.[a-z_][a-z_0-9]*)*$/i;
export const GRPC_METHOD_RE = /^[A-Za-z_][A-Za-z_0-9]*$/;

/** Why a VirtualService is for gRPC backends, or why its rules cannot be a GRPCRoute. */
export interface GrpcVerdict {
  /** Set when the backends or servers are gRPC: what says so. */
  evidence?: string;
  /** Set when a rule needs something GRPCRoute lacks: where and what. */
  blocker?: { at: FieldPath; why: string };
}

// Rule fields GRPCRoute has no equivalent for (conversion.go convertGRPCRoute only reads matches,
// header filters, mirrors and backends): such a VirtualService stays an HTTPRoute.
const RULE_BLOCKERS = [
  ['redirect', 'a redirect'],
  ['rewrite', 'a rewrite'],
  ['timeout', 'a timeout'],
  ['retries', 'a retry policy'],
  ['corsPolicy', 'a CORS policy'],
  ['directResponse', 'a direct response'],
  ['fault', 'fault injection'],
  ['delegate', 'delegation'],
] as const;
const MATCH_FIELDS = new Set(['uri', 'headers', 'port', 'gateways', 'name', 'statPrefix']);

/** `/pkg.Service/Method` → its parts; undefined for any other path. */
export function grpcMethodPath(path: string): { service: string; method: string } | undefined {
  const m = /^\/([^/]+)\/([^/]+)$/.exec(path);
  if (
    !m ||
    !GRPC_SERVICE_RE.test(m[1]!) ||
    !GRPC_METHOD_RE.test(m[2]!) ||
    m[1]!.length > 1024 ||
    m[2]!.length > 1024
  )
    return undefined;
  return { service: m[1]!, method: m[2]! };
}

/** `/pkg.Service/` → the service; undefined for any other prefix. */
export function grpcServicePrefix(prefix: string): string | undefined {
  const m = /^\/([^/]+)\/$/.exec(prefix);
  return m && GRPC_SERVICE_RE.test(m[1]!) && m[1]!.length <= 1024 ? m[1] : undefined;
}

/** The VirtualService's own verdict, without looking at other VirtualServices. */
export function grpcVerdict(vs: VirtualService, ctx: MapContext, plans: GatewayPlans): GrpcVerdict {
  const http = vs.spec.http ?? [];
  const verdict: GrpcVerdict = {};
  const evidence = backendEvidence(vs, ctx, http) ?? serverEvidence(vs, plans);
  if (evidence) verdict.evidence = evidence;
  http.some((rule, i) => {
    const b = ruleBlocker(rule, ['spec', 'http', i]);
    if (b) verdict.blocker = b;
    return b !== undefined;
  });
  return verdict;
}

function ruleBlocker(rule: HTTPRouteSpecIstio, at: FieldPath): GrpcVerdict['blocker'] {
  for (const [field, what] of RULE_BLOCKERS) {
    if (rule[field] !== undefined)
      return { at: [...at, field], why: `it has ${what}, which GRPCRoute cannot express` };
  }
  for (const [j, m] of (rule.match ?? []).entries()) {
    const mAt: FieldPath = [...at, 'match', j];
    const other = Object.keys(m)
      .filter((k) => !MATCH_FIELDS.has(k) && (m as Record<string, unknown>)[k] !== undefined)
      .sort();
    if (other.length)
      return {
        at: [...mAt, other[0]!],
        why: `it matches on ${other[0]}, which GRPCRoute cannot express`,
      };
    const uri = m.uri;
    if (!uri) continue;
    if (uri.exact !== undefined && !grpcMethodPath(uri.exact))
      return {
        at: [...mAt, 'uri'],
        why: `exact path '${uri.exact}' is not a gRPC method path (/package.Service/Method)`,
      };
    if (uri.prefix !== undefined && uri.prefix !== '/' && !grpcServicePrefix(uri.prefix))
      return {
        at: [...mAt, 'uri'],
        why: `prefix '${uri.prefix}' is not a gRPC service prefix (/package.Service/)`,
      };
    if (uri.regex !== undefined)
      return { at: [...mAt, 'uri'], why: 'a regex path has no exact GRPCRoute equivalent' };
  }
  return undefined;
}

const CLUSTER_FQDN =
  /^([a-z0-9]([-a-z0-9]*[a-z0-9])?)\.([a-z0-9]([-a-z0-9]*[a-z0-9])?)\.svc\.cluster\.local$/;

/** Istio port naming `<protocol>[-<suffix>]`: `grpc`, `grpc-x`; `grpc-web` is another protocol. */
function isGrpcPort(p: { name?: string | undefined; appProtocol?: string | undefined }): boolean {
  const ap = p.appProtocol?.toLowerCase();
  if (ap !== undefined) return ap === 'grpc';
  const n = p.name?.toLowerCase() ?? '';
  return (
    (n === 'grpc' || n.startsWith('grpc-')) && !(n === 'grpc-web' || n.startsWith('grpc-web-'))
  );
}

/** Every destination is a Service port in the input named or declared gRPC. */
function backendEvidence(
  vs: VirtualService,
  ctx: MapContext,
  http: readonly HTTPRouteSpecIstio[],
): string | undefined {
  const seen: string[] = [];
  for (const rule of http) {
    for (const d of rule.route ?? []) {
      const host = d.destination.host.toLowerCase();
      const fq = CLUSTER_FQDN.exec(host);
      if (host.includes('.') && !fq) return undefined;
      const ns = fq ? fq[3]! : vs.namespace;
      const name = fq ? fq[1]! : host;
      const ports = ctx.index.service(ns, name)?.spec.ports ?? [];
      const port =
        d.destination.port?.number !== undefined
          ? ports.find((p) => p.port === d.destination.port!.number)
          : ports.length === 1
            ? ports[0]
            : undefined;
      if (!port || !isGrpcPort(port)) return undefined;
      const label = `Service ${ns}/${name} port ${port.port} (${port.appProtocol !== undefined ? `appProtocol ${port.appProtocol}` : `name ${port.name}`})`;
      if (!seen.includes(label)) seen.push(label);
    }
  }
  return seen.length ? seen.join(', ') : undefined;
}

/** Every listener the VirtualService can attach to came from a GRPC or HTTP2 server. */
function serverEvidence(vs: VirtualService, plans: GatewayPlans): string | undefined {
  const hosts = (vs.spec.hosts ?? []).map((h) => h.toLowerCase());
  const protocols = new Set<string>();
  for (const ref of vs.spec.gateways ?? []) {
    if (ref === MESH) continue;
    const g = gatewayKey(ref, vs.namespace);
    const plan = plans.get(planKey(g.namespace, g.name));
    if (!plan) return undefined;
    for (const lp of plan.listeners) {
      if (!ownedBy(lp, planKey(g.namespace, g.name))) continue;
      const p = lp.listener.protocol;
      if (p !== 'HTTP' && p !== 'HTTPS') continue;
      if (!hosts.some((h) => h === '*' || hostnamesIntersect(h, lp.listener.hostname))) continue;
      protocols.add(lp.server.port.protocol.toUpperCase());
    }
  }
  if (!protocols.size || [...protocols].some((p) => p !== 'GRPC' && p !== 'HTTP2'))
    return undefined;
  return `its gateway servers speak ${[...protocols].sort().join(' and ')}`;
}
