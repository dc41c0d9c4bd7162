import type { GatewayService } from '../../model/gateway-service.js';
import type { IstioGateway, IstioServer, Service } from '../../model/resources.js';
import type { Gateway, Listener } from '../../gateway-api/types.js';

/** One server × host of the Istio Gateway that a listener serves. */
export interface ListenerSource {
  serverIndex: number;
  hostIndex: number;
  server: IstioServer;
  /** The server's host as written (`ns/host`, `./host`, `host`). */
  istioHost: string;
}

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
  /**
   * Other server × host pairs folded into this listener because they give the same
   * (port, protocol, hostname): a TCP server's hosts, or `ns1/h` and `ns2/h` on one port.
   */
  alsoServes: ListenerSource[];
  /**
   * The Istio Gateways whose servers this listener serves: routes bound to one of them attach
   * here. Several only when the per-workload strategy folded equal servers of several Gateways.
   */
  owners: IstioGateway[];
  /** Namespaces whose routes the served hosts admitted (`*` = all), `./` resolved. */
  hostNamespaces: string[];
}

/** The classic server ports a listener serves (folded servers may differ; VirtualService `port` matches name them). */
export function serverPortsOf(lp: ListenerPlan): number[] {
  return [...new Set([lp.server.port.number, ...lp.alsoServes.map((a) => a.server.port.number)])];
}

/** Where the gateway pods of the Istio Gateway run: the Service that selects them. */
export interface GatewayWorkload {
  namespace: string;
  name: string;
  /** The Service manifest from the input, when there is one. */
  service?: Service;
  /** True when taken from the well-known defaults (`istio: ingressgateway` → istio-system). */
  assumed: boolean;
  /** Its ports, with the pod port behind each (how clients reach the servers). */
  gatewayService: GatewayService;
}

/**
 * How one Istio Gateway becomes a Gateway API Gateway. Planned before any VirtualService is
 * mapped, so route mappers can bind to listener names (`sectionName`).
 */
export interface GatewayPlan {
  /** The first (by namespace/name) of `members`: where the Gateway's findings and output go. */
  source: IstioGateway;
  /** Every Istio Gateway this Gateway replaces: one, or (per-workload) all that share pods. */
  members: IstioGateway[];
  /** Name and namespace of the generated Gateway (namespace differs in reuse mode). */
  name: string;
  namespace: string;
  listeners: ListenerPlan[];
  /** `provision`: Istio deploys `<name>-<class>` pods; `reuse`: bound to the existing Service by address. */
  mode: 'provision' | 'reuse';
  /** The classic gateway workload, when it is known. */
  workload?: GatewayWorkload;
  /** `spec.addresses`, `spec.tls` as planned (reuse address, frontend validation). */
  addresses?: Gateway['spec']['addresses'];
  tls?: Gateway['spec']['tls'];
}

/** Finds the plan for an Istio Gateway reference as a VirtualService writes it, already resolved. */
export type GatewayPlans = ReadonlyMap<string, GatewayPlan>;

export const planKey = (namespace: string, name: string): string => `${namespace}/${name}`;

/** Whether routes bound to Istio Gateway `key` (`namespace/name`) attach to this listener. */
export const ownedBy = (lp: ListenerPlan, key: string): boolean =>
  lp.owners.some((g) => planKey(g.namespace, g.name) === key);

/** A Gateway that replaces several Istio Gateways: routes bind to their own Gateway's listeners only. */
export const isMerged = (plan: GatewayPlan): boolean => plan.members.length > 1;
