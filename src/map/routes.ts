import type { MapContext } from './context.js';
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
export function mapVirtualServiceRoutes(vs: VirtualService, ctx: MapContext, plans: GatewayPlans): VirtualServiceResult {
  const http = mapHttpOrGrpc(vs, ctx, plans);
  const taken = new Set(http.emitted.map((e) => e.object.metadata.name));
  const l4 = mapL4Routes(vs, ctx, plans, taken);
  if (!l4.length) return http;
  return { emitted: [...http.emitted, ...l4] };
}
