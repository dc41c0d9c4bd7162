import { type MapContext, reportAt } from './context.js';
import { MESH } from './http/parent-refs.js';
import type { GatewayPlans } from './gateway/plan.js';
import { mapHttpOrGrpc } from './grpc/grpc-route.js';
import type { VirtualServiceResult } from './http/virtual-service.js';
import { mapL4Routes } from './l4/index.js';
import type { VirtualService } from '../model/resources.js';

/**
 * Every route one VirtualService becomes: `http[]` → HTTPRoutes (or GRPCRoutes), `tls[]` →
 * TLSRoutes, `tcp[]` → TCPRoutes. It is replaced when any route was written (findings name
 * whatever did not convert) and kept as it is only when nothing was.
 */
export function mapVirtualServiceRoutes(
  vs: VirtualService,
  ctx: MapContext,
  plans: GatewayPlans,
): VirtualServiceResult {
  const http = mapHttpOrGrpc(vs, ctx, plans);
  const taken = new Set(http.emitted.map((e) => e.object.metadata.name));
  const l4 = mapL4Routes(vs, ctx, plans, taken);
  const replaced = http.emitted.length > 0 || l4.length > 0;
  const refs = vs.spec.gateways ?? [];
  if (replaced && (refs.length === 0 || refs.includes(MESH))) {
    for (const kind of ['tls', 'tcp'] as const) {
      const list = vs.spec[kind];
      if (!list?.length) continue;
      reportAt(ctx, 'mesh-l4-not-converted', vs, ['spec', kind], {
        message: `this VirtualService applies to the mesh and is replaced by its converted routes, but its ${list.length} ${kind}[] route(s) for sidecars are not converted (mesh ${kind === 'tls' ? 'TLSRoute' : 'TCPRoute'}s are not supported yet): in-mesh ${kind} connections to ${(vs.spec.hosts ?? []).join(', ')} lose these routes`,
        hint: `Keep a VirtualService with gateways: [mesh] and only the ${kind}[] routes.`,
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
  if (!l4.length) return http;
  return { emitted: [...http.emitted, ...l4] };
}
