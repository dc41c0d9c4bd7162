// Which servers of a classic Istio Gateway a client reaches on a port of the gateway Service.
// A client connects to a Service port; the Service forwards to its targetPort on the pod; Envoy
// there serves every server whose port resolves to that pod port (pilot/pkg/model/gateway.go
// resolvePorts: a Service port's targetPort, else the number as written).
import {
  clientPortFor,
  type GatewayService,
  gatewayServiceOf,
  listenPortFor,
  podPortFor,
  workloadKey,
} from '../model/gateway-service.js';
import type { ConfigIndex } from '../model/index.js';
import type { IstioGateway, IstioServer } from '../model/resources.js';

/** The gateway Service of each Istio Gateway, looked up once per router. */
export function gatewayServices(
  index: ConfigIndex,
): (gw: IstioGateway) => GatewayService | undefined {
  const cache = new Map<IstioGateway, GatewayService | undefined>();
  return (gw) => {
    if (!cache.has(gw)) cache.set(gw, gatewayServiceOf(index, gw));
    return cache.get(gw);
  };
}

/**
 * The pod port a client on Service port `port` reaches, or undefined when the Service has no
 * such port. Without a known Service, clients reach the pod port directly. With Istio's default
 * Service assumed, a port it does not list is taken as exposed as written (the conversion
 * assumes an installation that serves it customised the Service), unless it is one of the
 * default's targetPorts (8080, 8443), which clients reach through 80 and 443.
 */
function podPort(svc: GatewayService | undefined, port: number): number | string | undefined {
  const pod = podPortFor(svc, port);
  if (pod !== undefined || !svc?.assumed) return pod;
  return svc.ports.some((p) => p.targetPort === port) ? undefined : port;
}

/** The servers of `gw` a client reaches on Service port `port`, in written order. */
export function serversOnClientPort(
  gw: IstioGateway,
  svc: GatewayService | undefined,
  port: number,
): IstioServer[] {
  const servers = gw.spec.servers ?? [];
  const pod = podPort(svc, port);
  if (pod === undefined) return [];
  return servers.filter((s) => listenPortFor(svc, s.port.number) === pod);
}

/** The Service port clients use for a server (the server port itself without a known Service). */
export function clientPortOf(svc: GatewayService | undefined, serverPort: number): number {
  return svc ? clientPortFor(svc, serverPort).port : serverPort;
}

/** A server and the Istio Gateway that declares it. */
export interface PeerServer {
  gw: IstioGateway;
  server: IstioServer;
}

/**
 * The Istio Gateways that run on the same pods as a given one (itself included), in the order
 * pilot merges their servers: oldest first, then by name, then namespace
 * (pilot/pkg/model/push_context.go initGateways, config.go configCompareByCreationTime). Creation
 * times are unknown offline: all are taken as created at once, as everywhere in verify.
 */
export function gatewayPeers(
  index: ConfigIndex,
  serviceOf: (gw: IstioGateway) => GatewayService | undefined,
): (gw: IstioGateway) => IstioGateway[] {
  const groups = new Map<string, IstioGateway[]>();
  for (const gw of index.gateways) {
    const key = workloadKey(gw, serviceOf(gw));
    if (key === undefined) continue;
    const g = groups.get(key);
    if (g) g.push(gw);
    else groups.set(key, [gw]);
  }
  for (const g of groups.values()) g.sort(byPilotOrder);
  return (gw) => {
    const key = workloadKey(gw, serviceOf(gw));
    return (key === undefined ? undefined : groups.get(key)) ?? [gw];
  };
}

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
function byPilotOrder(a: IstioGateway, b: IstioGateway): number {
  return cmp(a.name, b.name) || cmp(a.namespace, b.namespace);
}
