// PLACEHOLDER: replaced by the HTTP mapper (issue 3). Must not land as is.
import type { Emitted, MapContext } from '../context.js';
import type { VirtualService } from '../../model/resources.js';
import type { GatewayPlans } from '../gateway/plan.js';

export interface VirtualServiceResult {
  emitted: Emitted[];
  /** Set when the VirtualService is left as it is (nothing of it could be converted). */
  keptReason?: string;
}

export function mapVirtualService(_vs: VirtualService, _ctx: MapContext, _plans: GatewayPlans): VirtualServiceResult {
  return { emitted: [], keptReason: 'not converted yet' };
}
