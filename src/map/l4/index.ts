import type { Emitted, MapContext } from '../context.js';
import type { GatewayPlans } from '../gateway/plan.js';
import { resolveGateways } from '../http/parent-refs.js';
import type { HttpScope } from '../http/scope.js';
import type { VirtualService } from '../../model/resources.js';
import { l4Names } from './names.js';
import { mapTcpRoutes } from './tcp-route.js';
import { mapTlsRoutes } from './tls-route.js';

/**
 * VirtualService `tls[]` and `tcp[]` → TLSRoutes and TCPRoutes for its gateways. Mesh-only
 * VirtualServices get none (they stay as they are). `taken` are names the VirtualService's
 * HTTP/GRPC routes already use.
 */
export function mapL4Routes(
  vs: VirtualService,
  ctx: MapContext,
  plans: GatewayPlans,
  taken: ReadonlySet<string>,
): Emitted[] {
  if (!vs.spec.tls?.length && !vs.spec.tcp?.length) return [];
  // The HTTP mapper already reported unresolved gateways; resolve again without repeating it.
  const gateways = resolveGateways({ vs, ctx: { ...ctx, report: () => {} } }, plans);
  if (!gateways.length) return [];
  const scope: HttpScope = { vs, ctx };
  const names = l4Names(vs, taken);
  return [...mapTlsRoutes(scope, gateways, names), ...mapTcpRoutes(scope, gateways, names)];
}
