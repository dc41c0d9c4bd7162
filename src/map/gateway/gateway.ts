// PLACEHOLDER: replaced by the Gateway mapper (issue 3). Must not land as is.
import type { Emitted, MapContext } from '../context.js';
import type { IstioGateway } from '../../model/resources.js';
import type { GatewayPlan } from './plan.js';

export function planGateway(gw: IstioGateway, _ctx: MapContext): GatewayPlan {
  return { source: gw, name: gw.name, namespace: gw.namespace, listeners: [] };
}

export function emitGateway(_plan: GatewayPlan, _ctx: MapContext): Emitted[] {
  return [];
}
