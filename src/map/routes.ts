import { type MapContext, reportAt } from './context.js';
import { MESH } from './http/parent-refs.js';
import type { GatewayPlans } from './gateway/plan.js';
import { mapHttpOrGrpc } from './grpc/grpc-route.js';
import type { VirtualServiceResult } from './http/virtual-service.js';
import { mapL4Routes } from './l4/index.js';
import type { VirtualService } from '../model/resources.js';
import {
  planResidual,
  reportResidual,
  type ResidualPlan,
  residualObject,
} from './residual/plan.js';
import { residualGatewayHops } from './residual/gateway-hops.js';

/**
 * Every route one VirtualService becomes: `http[]` → HTTPRoutes (or GRPCRoutes), `tls[]` →
 * TLSRoutes, `tcp[]` → TCPRoutes, and its residual VirtualService for the mesh rules no route
 * can say (map/residual). It is replaced when any route was written (findings name whatever did
 * not convert) and kept as it is only when nothing was, or when all of it would be residual.
 */
export function mapVirtualServiceRoutes(
  vs: VirtualService,
  ctx: MapContext,
  plans: GatewayPlans,
): VirtualServiceResult {
  const residual = planResidual(vs, ctx);
  if (residual?.whole && residual.http) {
    reportResidual(vs, ctx, residual);
    return {
      emitted: [],
      keptReason: `its mesh rules hold what no Gateway API route can say (${residual.http.why}): kept as it is, sidecars keep applying it`,
    };
  }
  const http = mapHttpOrGrpc(vs, httpContext(ctx, residual), plans);
  const taken = new Set(http.emitted.map((e) => e.object.metadata.name));
  const l4 = mapL4Routes(vs, ctx, plans, taken);
  const replaced = http.emitted.length > 0 || l4.length > 0;
  const refs = vs.spec.gateways ?? [];
  if (replaced && !residual && (refs.length === 0 || refs.includes(MESH))) {
    for (const kind of ['tls', 'tcp'] as const) {
      const list = vs.spec[kind];
      if (!list?.length) continue;
      reportAt(ctx, 'mesh-l4-not-converted', vs, ['spec', kind], {
        message: `this VirtualService applies to the mesh and is replaced by its converted routes, but its ${list.length} ${kind}[] route(s) for sidecars are not converted (mesh ${kind === 'tls' ? 'TLSRoute' : 'TCPRoute'}s are not supported yet): in-mesh ${kind} connections to ${(vs.spec.hosts ?? []).join(', ')} lose these routes`,
        hint: ctx.options.residualVirtualServices
          ? `Keep a VirtualService with gateways: [mesh] and only the ${kind}[] routes.`
          : `Leave residual VirtualServices on (no --no-residual-virtual-services): the ${kind}[] routes then stay in a VirtualService with gateways: [mesh].`,
      });
    }
  }
  if (!replaced && !vs.spec.http?.length && (refs.length === 0 || refs.includes(MESH))) {
    return {
      emitted: [],
      keptReason:
        'its tls/tcp routes apply to the mesh, and mesh TLSRoute/TCPRoute are not converted yet: kept, it goes on routing sidecars',
    };
  }
  // Kept as it is (nothing converted): it goes on serving the mesh, no residual is needed.
  if (!replaced || !residual) return l4.length ? { emitted: [...http.emitted, ...l4] } : http;
  reportResidual(vs, ctx, residual);
  const hops = residualGatewayHops(residual, vs, ctx, plans);
  const rest = { object: residualObject(vs, hops), origin: vs };
  return { emitted: [...http.emitted, ...l4, rest] };
}

/** The context the route mappers see: without the mesh rules, or the hosts, the residual keeps. */
function httpContext(ctx: MapContext, residual: ResidualPlan | undefined): MapContext {
  if (residual?.http) return { ...ctx, meshInResidual: true };
  if (residual?.hosts) return { ...ctx, meshHostsInResidual: new Set(residual.hosts) };
  return ctx;
}
