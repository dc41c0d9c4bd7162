// A residual VirtualService and an emitted mesh route on one host: which one a sidecar applies.
// Istio turns a mesh HTTPRoute into a VirtualService per parent host (pilot/pkg/config/kube/
// gateway/route_collections.go, no exportTo: public). A sidecar then takes HTTP routes for a host
// from ONE VirtualService, the first in this order (pilot/pkg/model/virtualservice.go
// SelectVirtualServices, PILOT_UNIFIED_SIDECAR_SCOPE on by default): VirtualServices exported only
// to the client's namespace, then those exported to it by name, then public ones; in each list
// Gateway API routes of the client's namespace first, then by creation time, then name
// (pilot/pkg/model/config.go configCompareByCreationTime). Later ones are dropped for that host
// (pilot/pkg/networking/core/httproute.go, "duplicate domain"). tls and tcp routes are taken from
// every VirtualService of the host (pilot/pkg/networking/core/tls.go getConfigsForHost).
import type { K8sObject, ParentReference } from '../../gateway-api/types.js';
import { resolveShortHost } from '../../model/index.js';
import type { VirtualService } from '../../model/resources.js';
import { type Emitted, type MapContext, reportAt } from '../context.js';

const ROUTES = new Set(['HTTPRoute', 'GRPCRoute']);

/** Raises `residual-conflict` or `residual-coexists` where a residual meets a mesh route. */
export function reportResidualCoexistence(ctx: MapContext, emitted: readonly Emitted[]): void {
  const residuals = emitted.filter(isResidual);
  if (!residuals.length) return;
  const byHost = meshRoutesByHost(ctx, emitted);
  for (const r of residuals) {
    const vs = r.origin as VirtualService;
    const spec = r.object.spec as { hosts: string[]; http?: unknown[]; exportTo?: string[] };
    spec.hosts.forEach((h, i) => {
      const host = resolveShortHost(h.toLowerCase(), vs.namespace);
      for (const route of byHost.get(host) ?? []) {
        const name = `${route.metadata.namespace}/${route.metadata.name}`;
        const mine = `${vs.namespace}/${r.object.metadata.name}`;
        if (spec.http?.length)
          reportAt(ctx, 'residual-conflict', vs, ['spec', 'hosts', i], {
            message: `VirtualService ${mine} (http rules) and ${route.kind} ${name} both route sidecar HTTP for ${host}, and a sidecar applies one of them per host: ${precedence(vs, spec.exportTo, route, host)}`,
            hint: 'Keep the HTTP rules of this host in one place: merge the source VirtualServices before converting, or drop one of the two.',
            target: {
              kind: 'VirtualService',
              namespace: vs.namespace,
              name: r.object.metadata.name,
            },
          });
        else
          reportAt(ctx, 'residual-coexists', vs, ['spec', 'hosts', i], {
            message: `${route.kind} ${name} routes sidecar HTTP for ${host} and VirtualService ${mine} its tls/tcp connections: a sidecar takes HTTP routes from one VirtualService per host but tls/tcp routes from all of them (pilot tls.go getConfigsForHost), and the route has none, so both apply as before`,
            target: {
              kind: 'VirtualService',
              namespace: vs.namespace,
              name: r.object.metadata.name,
            },
          });
      }
    });
  }
}

function isResidual(e: Emitted): boolean {
  return e.object.kind === 'VirtualService' && e.origin.kind === 'VirtualService';
}

/** Emitted HTTPRoutes and GRPCRoutes by the hosts of their Service and ServiceEntry parents. */
function meshRoutesByHost(ctx: MapContext, emitted: readonly Emitted[]): Map<string, K8sObject[]> {
  const out = new Map<string, K8sObject[]>();
  for (const e of emitted) {
    if (!ROUTES.has(e.object.kind)) continue;
    const ns = e.object.metadata.namespace ?? ctx.options.namespace;
    const parents = (e.object.spec as { parentRefs?: ParentReference[] }).parentRefs ?? [];
    const hosts = new Set<string>();
    for (const p of parents) {
      if (p.kind === 'Service') hosts.add(`${p.name}.${p.namespace ?? ns}.svc.cluster.local`);
      if (p.kind === 'ServiceEntry')
        for (const se of ctx.index.serviceEntries)
          if (se.name === p.name && se.namespace === (p.namespace ?? ns))
            for (const h of se.spec.hosts ?? []) hosts.add(h.toLowerCase());
    }
    for (const h of hosts) out.set(h, [...(out.get(h) ?? []), e.object]);
  }
  return out;
}

/** Which of the two a sidecar applies, by client namespace (see the order above). */
function precedence(
  vs: VirtualService,
  exportTo: string[] | undefined,
  route: K8sObject,
  host: string,
): string {
  const routeNs = route.metadata.namespace ?? '';
  const svcNs = host.endsWith('.svc.cluster.local') ? host.split('.')[1] : undefined;
  const parts: string[] = [];
  const privateTo = exportTo && !exportTo.includes('*') ? exportTo : undefined;
  if (privateTo)
    parts.push(
      `for clients in ${privateTo.map((n) => (n === '.' ? vs.namespace : n)).join(', ')} the residual (exported to them by name, which comes before public routes)`,
    );
  parts.push(
    `for clients in ${routeNs} the ${route.kind} (a Gateway API route in the client's namespace comes first)`,
  );
  if (svcNs !== undefined && routeNs !== svcNs)
    parts.push(
      `for other clients the residual (the ${route.kind} is a consumer route of ${routeNs})`,
    );
  else
    parts.push(
      'for other clients the one created first (then by name), so whichever is applied second is ignored for this host',
    );
  return parts.join('; ');
}
