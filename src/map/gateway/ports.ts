// Listener ports are the ports clients connect to. A classic server port is matched against
// the gateway Service: a Service port as written, else the pod port behind a Service port
// (model/gateway-service.ts). A provisioned Gateway's Service exposes its listener ports, and a
// reused one is addressed by Service port, so the listener takes the Service port clients use.
import {
  type ClientPort,
  clientPortFor,
  describeGatewayService,
  type GatewayService,
  listenPortFor,
} from '../../model/gateway-service.js';
import type { FieldPath, IstioGateway } from '../../model/resources.js';
import { type MapContext, reportAt } from '../context.js';
import type { GatewayWorkload } from './plan.js';

/** Server port → listener port, for every server of `gw`; reports where each came from. */
export function planListenerPorts(
  gw: IstioGateway,
  workload: GatewayWorkload | undefined,
  mode: 'provision' | 'reuse',
  ctx: MapContext,
): Map<number, number> {
  const out = new Map<number, number>();
  const servers = gw.spec.servers ?? [];
  const svc = workload?.gatewayService;
  if (!svc) {
    for (const s of servers) out.set(s.port.number, s.port.number);
    return out;
  }
  const kept: number[] = [];
  const assumedMissing: number[] = [];
  servers.forEach((s, si) => {
    const n = s.port.number;
    if (out.has(n)) return;
    const c = clientPortFor(svc, n);
    out.set(n, c.port);
    const at = ['spec', 'servers', si, 'port', 'number'] as const;
    if (c.kind === 'target-port') {
      reportAt(ctx, 'gateway-listener-port-changed', gw, at, {
        message: changedMessage(n, c, describeGatewayService(svc)),
        hint: changedHint(svc.assumed),
      });
    } else if (c.kind === 'service-port') kept.push(n);
    else if (svc.assumed && c.unresolved.length === 0) assumedMissing.push(n);
    // In reuse mode the listener must be a Service port: gateway-port-not-in-service says so.
    else if (mode === 'provision')
      reportAt(ctx, 'gateway-port-not-exposed', gw, at, notExposed(n, c, svc));
    if (mode === 'provision' && c.kind !== 'not-exposed')
      reportDroppedClientPorts(ctx, gw, at, svc, n, c.port);
  });
  // For Istio's default Service, gateway-service-assumed already names the source and its ports.
  if ((kept.length && !svc.assumed) || assumedMissing.length) {
    const parts: string[] = [];
    if (kept.length && !svc.assumed)
      parts.push(
        `${list(kept)} ${kept.length === 1 ? 'is a port' : 'are ports'} of that Service, kept as written`,
      );
    if (assumedMissing.length) {
      parts.push(
        `${list(assumedMissing)} ${assumedMissing.length === 1 ? 'is' : 'are'} not among its default ports and kept as written (an installation that exposes ${assumedMissing.length === 1 ? 'it' : 'them'} customised the Service)`,
      );
    }
    reportAt(ctx, 'gateway-listener-ports', gw, ['spec', 'selector'], {
      message: `listener ports are the ports clients connect to through ${describeGatewayService(svc)}: ${parts.join('; ')}`,
      ...(svc.assumed
        ? {
            hint: 'add the gateway Service manifest to the input if your installation changed its ports',
          }
        : {}),
    });
  }
  return out;
}

const list = (ports: readonly number[]): string =>
  ports.length === 1 ? `server port ${ports[0]}` : `server ports ${ports.join(', ')}`;

function changedMessage(n: number, c: ClientPort & { kind: 'target-port' }, svc: string): string {
  const name = c.via.name ? ` (${c.via.name})` : '';
  const of = c.via.service
    ? `Service ${c.via.service}, which selects the same pods as ${svc}`
    : svc;
  return (
    `server port ${n} is the gateway pod port behind port ${c.port}${name} of ${of}: clients connect on ${c.port}. ` +
    `The Gateway's Service exposes its listener ports, so the listener is on port ${c.port} (on ${n}, every client on :${c.port} would lose the site)`
  );
}

function changedHint(assumed: boolean): string {
  return assumed
    ? 'add the gateway Service manifest to the input if your installation maps ports differently'
    : 'routes bind to the listener by name, so nothing else needs to change';
}

function notExposed(
  n: number,
  c: ClientPort & { kind: 'not-exposed' },
  gs: GatewayService,
): { message: string; hint: string } {
  const ports = svcPorts(gs);
  const svc = describeGatewayService(gs);
  if (c.unresolved.length) {
    return {
      message: `server port ${n} is not a port of ${svc}${ports}, and named targetPort ${c.unresolved.join(', ')} could not be resolved (no workload in the input names it); the listener stays on ${n}`,
      hint: 'add the gateway Deployment to the input, or check which Service port clients use and set the server port to it',
    };
  }
  return {
    message: `server port ${n} is neither a port nor a targetPort of ${svc}${ports}: clients could not reach it through that Service. The Gateway's own Service exposes listener port ${n}`,
    hint: `remove the server if it was unreachable on purpose, or add port ${n} to the gateway Service`,
  };
}

function svcPorts(svc: GatewayService): string {
  const shown = svc.ports.map((p) =>
    p.targetPort === p.port ? `${p.port}` : `${p.port}→${p.targetPort ?? p.targetName}`,
  );
  return shown.length ? ` (ports ${shown.join(', ')})` : ' (no ports)';
}

/**
 * Other Service ports in front of the pod port Envoy listened on for server port `n`: their
 * clients reached the server too, but the provisioned Service exposes only the listener port.
 */
function reportDroppedClientPorts(
  ctx: MapContext,
  gw: IstioGateway,
  at: FieldPath,
  svc: GatewayService,
  n: number,
  listener: number,
): void {
  const pod = listenPortFor(svc, n);
  if (typeof pod !== 'number') return;
  const others = svc.ports.filter((p) => p.targetPort === pod && p.port !== listener);
  if (others.length === 0) return;
  const named = others
    .map(
      (p) =>
        `${p.port}${p.name ? ` (${p.name})` : ''}${p.service ? ` of Service ${p.service}` : ''}`,
    )
    .join(', ');
  const ports = others.map((p) => `:${p.port}`).join(', ');
  reportAt(ctx, 'gateway-client-port-dropped', gw, at, {
    message:
      `server port ${n} listens on pod port ${pod}, which clients also reach through ` +
      `port ${named} of ${describeGatewayService(svc)}; the Gateway's Service exposes only ` +
      `listener port ${listener}, so clients on ${ports} lose the server`,
    hint:
      `add a listener on port ${others[0]!.port} with the same hostname and protocol ` +
      '(routes bind to it by parentRefs sectionName), ' +
      `or move those clients to :${listener}`,
  });
}
