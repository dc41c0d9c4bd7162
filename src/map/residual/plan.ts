// Residual VirtualServices (docs/migration-guide.md, "Coexistence"): what a VirtualService's
// sidecars do that no Gateway API route can say stays in `<name>-residual`, bound to `mesh` only.
//
// Which rules may go there follows how sidecars pick VirtualServices. For HTTP a sidecar builds
// one virtual host per host and port from the first VirtualService that claims it and drops the
// others' (pilot/pkg/networking/core/httproute.go buildSidecarOutboundHTTPRouteConfigForPort,
// "duplicate domain"; istio.io best practices: "Host merging is not supported in sidecars"), and
// Istio turns a mesh HTTPRoute into such a VirtualService too (pilot/pkg/config/kube/gateway/
// route_collections.go). So a residual holding only a fault rule beside the host's HTTPRoute would
// hide the HTTPRoute or be hidden by it: when a mesh http rule cannot be converted, all the mesh
// http rules stay in the residual and no mesh HTTPRoute is written. For TLS and TCP a sidecar
// takes the routes of every VirtualService of the host (pilot/pkg/networking/core/tls.go
// getConfigsForHost), and the HTTPRoute's VirtualService has none, so tls/tcp residuals only add.
import type { VirtualService as ResidualVirtualService } from '../../gateway-api/types.js';
import type { FieldPath, VirtualService } from '../../model/resources.js';
import { MESH } from '../../model/gateway-ref.js';
import { type MapContext, reportAt } from '../context.js';
import { canBeMeshParent } from '../mesh/parents.js';
import { inexpressible, meshBound, type MeshRules, meshRules, ruleOnMesh } from './rules.js';

export interface ResidualPlan {
  /** Name of the residual VirtualService (same namespace as the source). */
  name: string;
  /** The mesh rules it keeps; `http` is empty unless they must all stay (see above). */
  rules: MeshRules;
  /** Every rule would stay: the VirtualService is kept as it is instead. */
  whole: boolean;
  /** Why the mesh http rules stay (unset when only tls/tcp routes do), and where. */
  http?: { at: FieldPath; why: string };
  /**
   * Indices of the hosts that can be no mesh parent, when only their mesh rules stay: the
   * residual holds just these hosts, and the others get mesh HTTPRoutes (no host is in both).
   */
  hosts?: number[];
}

/** The residual of `vs`, or undefined when nothing of it needs one (or residuals are off). */
export function planResidual(vs: VirtualService, ctx: MapContext): ResidualPlan | undefined {
  const { options } = ctx;
  // Ambient: istio.io (ambient/usage/l7-features) calls mixing VirtualServices and Gateway API
  // routes for one workload undefined, so no residual is written there.
  if (!options.residualVirtualServices || options.mesh !== 'sidecar' || !meshBound(vs)) return;
  const all = meshRules(vs);
  const http = httpReason(vs, ctx, all);
  const hosts = http ? undefined : unparented(vs, ctx, all);
  const rules = { http: http || hosts ? all.http : [], tls: all.tls, tcp: all.tcp };
  if (!rules.http.length && !rules.tls.length && !rules.tcp.length) return undefined;
  const meshOnly = (vs.spec.gateways ?? []).every((g) => g === MESH);
  const whole = meshOnly && (http !== undefined || !(vs.spec.http ?? []).length);
  const plan: ResidualPlan = { name: residualName(vs, ctx), rules, whole };
  if (http) plan.http = http;
  if (hosts) plan.hosts = hosts;
  return plan;
}

/**
 * The hosts (indices) that can be no mesh parent when others can: their mesh http rules can
 * stay in a residual of their own hosts, which no route claims. Not beside tls/tcp routes (those
 * need every host in the residual) nor delegation.
 */
function unparented(vs: VirtualService, ctx: MapContext, rules: MeshRules): number[] | undefined {
  if (!rules.http.length || rules.tls.length || rules.tcp.length) return undefined;
  if (rules.http.some((r) => r.delegate)) return undefined;
  const hosts = vs.spec.hosts ?? [];
  const out = hosts.flatMap((h, i) => (canBeMeshParent(h, vs, ctx) ? [] : [i]));
  return out.length && out.length < hosts.length ? out : undefined;
}

/** Why the mesh http rules cannot be mesh HTTPRoutes, or undefined when they can. */
function httpReason(
  vs: VirtualService,
  ctx: MapContext,
  rules: MeshRules,
): { at: FieldPath; why: string } | undefined {
  if (!rules.http.length) return undefined;
  // Delegation is converted (or not) by the HTTP mapper; a residual must not name a delegate.
  if (rules.http.some((r) => r.delegate)) return undefined;
  const source = vs.spec.http ?? [];
  for (let i = 0; i < source.length; i++) {
    const rule = source[i]!;
    const kind = inexpressible(rule);
    if (!kind || !ruleOnMesh(rule)) continue;
    const why =
      kind === 'fault'
        ? `rule http[${i}] injects faults`
        : `rule http[${i}] answers directResponse ${rule.directResponse!.status}`;
    return { at: ['spec', 'http', i, kind], why: `${why}, which no Gateway API route can say` };
  }
  // A mesh-only VirtualService without a mesh parent is kept as it is already (mesh-not-converted).
  const gateways = (vs.spec.gateways ?? []).some((g) => g !== MESH);
  const hosts = vs.spec.hosts ?? [];
  if (gateways && !hosts.some((h) => canBeMeshParent(h, vs, ctx)))
    return {
      at: ['spec', 'hosts'],
      why: 'none of its hosts can be a mesh route parent (a Service or ServiceEntry host)',
    };
  return undefined;
}

/** `<name>-residual`, numbered on when the input already has a VirtualService of that name. */
function residualName(vs: VirtualService, ctx: MapContext): string {
  const taken = new Set(
    ctx.index.virtualServices.filter((v) => v.namespace === vs.namespace).map((v) => v.name),
  );
  let name = `${vs.name}-residual`;
  for (let n = 2; taken.has(name); n++) name = `${vs.name}-residual-${n}`;
  return name;
}

/** The residual VirtualService: hosts and exportTo as written, `gateways: [mesh]`, the rules. */
export function residualObject(vs: VirtualService, plan: ResidualPlan): ResidualVirtualService {
  const { rules } = plan;
  return {
    apiVersion: vs.apiVersion,
    kind: 'VirtualService',
    metadata: { name: plan.name, namespace: vs.namespace },
    spec: {
      hosts: plan.hosts ? plan.hosts.map((i) => vs.spec.hosts![i]!) : (vs.spec.hosts ?? []),
      gateways: [MESH],
      ...(vs.spec.exportTo ? { exportTo: vs.spec.exportTo } : {}),
      ...(rules.http.length ? { http: rules.http.map(canonical) } : {}),
      ...(rules.tls.length ? { tls: rules.tls.map(canonical) } : {}),
      ...(rules.tcp.length ? { tcp: rules.tcp.map(canonical) } : {}),
    },
  };
}

/**
 * A copy with the keys of every map in name order (the CRD's order, as kubectl prints it), so the
 * input's key order never shows in the output.
 */
function canonical<T>(value: T): T {
  if (Array.isArray(value)) return value.map(canonical) as T;
  if (value === null || typeof value !== 'object') return value;
  const o = value as Record<string, unknown>;
  const keys = Object.keys(o).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return Object.fromEntries(keys.map((k) => [k, canonical(o[k])])) as T;
}

/** Says what stays in the residual (or that the VirtualService is kept whole) and why. */
export function reportResidual(vs: VirtualService, ctx: MapContext, plan: ResidualPlan): void {
  const ref = `${vs.namespace}/${plan.name}`;
  const { http, tls, tcp } = plan.rules;
  const l4 = [tls.length ? `${tls.length} tls` : '', tcp.length ? `${tcp.length} tcp` : '']
    .filter(Boolean)
    .join(' and ');
  const target = { kind: 'VirtualService', namespace: vs.namespace, name: plan.name };
  if (plan.whole) {
    reportAt(ctx, 'residual-virtual-service', vs, plan.http?.at ?? ['spec'], {
      message: `${plan.http ? `${plan.http.why}, and ` : ''}this VirtualService applies to the mesh only, so all of its rules would stay in a residual: it is kept as it is, and sidecars keep applying it (no mesh route is written for it)`,
    });
    return;
  }
  if (plan.hosts) {
    const names = plan.hosts.map((i) => `'${vs.spec.hosts![i]!}'`).join(', ');
    reportAt(ctx, 'residual-virtual-service', vs, ['spec', 'hosts', plan.hosts[0]!], {
      message: `mesh host(s) ${names} can be no mesh route parent (a wildcard, or neither a Service nor a ServiceEntry host in the input): the ${http.length} mesh http rule(s) stay for them in VirtualService ${ref} (hosts ${names} only, gateways: [mesh]), which Istio keeps applying and no route claims; the other hosts get the mesh HTTPRoute`,
      target,
    });
    return;
  }
  if (plan.http) {
    reportAt(ctx, 'residual-virtual-service', vs, plan.http.at, {
      message: `${plan.http.why}. Sidecars apply one VirtualService per host to HTTP (pilot httproute.go; istio.io: host merging is not supported in sidecars), and a mesh HTTPRoute is one too, so a residual beside it would hide it or be hidden: all ${http.length} mesh http rule(s)${l4 ? ` and the ${l4} route(s)` : ''} stay in VirtualService ${ref} (gateways: [mesh]), which Istio keeps applying, and no mesh HTTPRoute is written; the gateway rules are converted`,
      target,
    });
    return;
  }
  reportAt(ctx, 'residual-virtual-service', vs, ['spec', tls.length ? 'tls' : 'tcp'], {
    message: `the ${l4} route(s) for sidecars have no mesh conversion (no Service-parented TLSRoute or TCPRoute is written): they stay in VirtualService ${ref} (gateways: [mesh]), which Istio keeps applying beside the converted routes, as sidecars take tls and tcp routes from every VirtualService of a host (pilot tls.go getConfigsForHost)`,
    target,
  });
}
