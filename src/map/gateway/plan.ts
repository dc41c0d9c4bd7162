import type { IstioGateway, IstioServer } from '../../model/resources.js';
import type { Listener } from '../../gateway-api/types.js';

/** One listener the conversion writes, and the Istio server × host it came from. */
export interface ListenerPlan {
  listener: Listener;
  serverIndex: number;
  hostIndex: number;
  server: IstioServer;
  /** The server's host as written (`ns/host`, `./host`, `host`; a `*` namespace part included). */
  istioHost: string;
  /** `tls.httpsRedirect` on this server: a redirect route owns the listener, routes must not attach. */
  httpsRedirect: boolean;
}

/**
 * How one Istio Gateway becomes a Gateway API Gateway. Planned before any VirtualService is
 * mapped, so route mappers can bind to listener names (`sectionName`).
 */
export interface GatewayPlan {
  source: IstioGateway;
  /** Name and namespace of the generated Gateway (namespace differs in reuse mode). */
  name: string;
  namespace: string;
  listeners: ListenerPlan[];
}

/** Finds the plan for an Istio Gateway reference as a VirtualService writes it, already resolved. */
export type GatewayPlans = ReadonlyMap<string, GatewayPlan>;

export const planKey = (namespace: string, name: string): string => `${namespace}/${name}`;
