// Istio Gateway → Gateway API Gateway (semantics.md §3). `planGateway` decides everything and
// reports every finding once; `emitGateway` only writes the objects the plan describes.
import type { Gateway, GatewayTLSConfig, Listener } from '../../gateway-api/types.js';
import type { IstioGateway } from '../../model/resources.js';
import type { Emitted, MapContext } from '../context.js';
import { reportAt } from '../context.js';
import { dnsLabel } from '../reference-grants.js';
import { allowedNamespaces } from './allowed-routes.js';
import { gatewayName, resolveWorkload, serviceAddress } from './deployment.js';
import { planFrontend } from './frontend.js';
import { listenerHostname, splitServerHost } from './hosts.js';
import { httpsRedirectRoute } from './https-redirect.js';
import { ListenerNamer } from './listener-names.js';
import type { GatewayPlan, ListenerPlan } from './plan.js';
import { planListenerPorts } from './ports.js';
import { parseServerProtocol } from './protocol.js';
import { serverListenerTLS } from './tls.js';
import { annotateEgress, isEgressGateway } from '../egress/rewrite.js';
import { clonePlain } from '../../collections.js';

const MAX_LISTENERS = 64;

interface Candidate {
  plan: ListenerPlan;
  key: string;
  /** Namespace parts of every host folded into the listener. */
  namespaces: string[];
}

const sameSettings = (
  a: Candidate,
  tls: GatewayTLSConfig | undefined,
  httpsRedirect: boolean,
): boolean =>
  JSON.stringify(a.plan.listener.tls ?? null) === JSON.stringify(tls ?? null) &&
  a.plan.httpsRedirect === httpsRedirect;

/** A provisioned Gateway several Istio Gateways are planned into (per-workload strategy). */
export interface Placement {
  name: string;
  namespace: string;
  /** Shared by every Istio Gateway planned into it, so listener names stay unique. */
  namer: ListenerNamer;
}

export function planGateway(gw: IstioGateway, ctx: MapContext, into?: Placement): GatewayPlan {
  const workload = resolveWorkload(gw, ctx);
  const mode = ctx.options.reuseGateway && workload && !into ? 'reuse' : 'provision';
  const namespace = into?.namespace ?? (mode === 'reuse' ? workload!.namespace : gw.namespace);
  const name = into?.name ?? gatewayName(gw, namespace, ctx);
  const credentialNamespace = workload?.namespace ?? gw.namespace;
  const plan: GatewayPlan = { source: gw, name, namespace, listeners: [], mode, members: [gw] };
  if (workload) plan.workload = workload;

  const ports = planListenerPorts(gw, workload, mode, ctx);
  const frontend = planFrontend(gw, ctx, credentialNamespace, namespace, (n) => ports.get(n) ?? n);
  if (frontend.use) {
    plan.tls = frontend.tls;
    reportAt(
      ctx,
      'gateway-frontend-validation',
      gw,
      ['spec', 'servers', frontend.firstServer, 'tls', 'mode'],
      {
        message:
          `MUTUAL client-certificate validation became spec.tls.frontend against ca.crt of Secret ${frontend.cas.map((c) => `${c.namespace}/${c.name}`).join(', ')}; ` +
          'classic Istio also read the CA from a separate <credentialName>-cacert Secret',
        hint: 'if the CA lives in a -cacert Secret or a ConfigMap, point caCertificateRefs at it',
      },
    );
  } else if (frontend.reason !== undefined) {
    reportAt(
      ctx,
      'gateway-frontend-validation-not-used',
      gw,
      ['spec', 'servers', frontend.firstServer ?? 0, 'tls', 'mode'],
      {
        message: `spec.tls.frontend was not used (${frontend.reason}); client certificates are validated through option gateway.istio.io/tls-terminate-mode instead`,
      },
    );
  }

  const namer = into?.namer ?? new ListenerNamer();
  const candidates: Candidate[] = [];
  const servers = gw.spec.servers ?? [];
  servers.forEach((server, si) => {
    const sp = ['spec', 'servers', si] as const;
    const protocol = parseServerProtocol(server.port.protocol);
    if (!protocol) {
      reportAt(ctx, 'gateway-protocol-unsupported', gw, [...sp, 'port', 'protocol'], {
        message: `protocol ${server.port.protocol} has no Gateway API listener protocol that Istio serves; no listener was written for this server`,
      });
      return;
    }
    if (server.bind)
      reportAt(ctx, 'gateway-server-field-dropped', gw, [...sp, 'bind'], {
        message: `bind ${server.bind} has no listener equivalent; the gateway listens on all addresses`,
      });
    if (server.defaultEndpoint)
      reportAt(ctx, 'gateway-server-field-dropped', gw, [...sp, 'defaultEndpoint'], {
        message: `defaultEndpoint ${server.defaultEndpoint} has no listener equivalent; dropped`,
      });
    if (server.port.targetPort !== undefined)
      reportAt(ctx, 'gateway-field-no-effect', gw, [...sp, 'port', 'targetPort'], {
        message: 'port.targetPort only applies to ServiceEntry ports; dropped',
      });

    const t = serverListenerTLS(server, protocol.family, {
      gw,
      serverIndex: si,
      ctx,
      credentialNamespace,
      gatewayNamespace: namespace,
      frontend: frontend.use,
    });
    if (t.skip) return;
    if (protocol.normalizedNote) {
      reportAt(ctx, 'gateway-protocol-normalized', gw, [...sp, 'port', 'protocol'], {
        message: protocol.normalizedNote,
      });
    } else if (t.protocol === 'TLS' && protocol.family !== 'tls') {
      reportAt(ctx, 'gateway-protocol-normalized', gw, [...sp, 'port', 'protocol'], {
        message: `${protocol.name} with TLS passthrough becomes a TLS listener (Passthrough): Istio routes it by SNI exactly as before`,
      });
    }

    const hosts = server.hosts;
    hosts.forEach((raw, hi) => {
      const { namespace: nsPart, host } = splitServerHost(raw);
      const hn = listenerHostname(host);
      let hostname: string | undefined;
      if (!hn.ok) {
        reportAt(ctx, 'gateway-hostname-invalid', gw, [...sp, 'hosts', hi], {
          message: `host ${host}: ${hn.reason}; the listener takes no hostname, so it accepts every host on port ${server.port.number} and only its routes' hostnames still filter`,
        });
      } else hostname = hn.hostname;
      if (t.protocol === 'TCP' && hostname) {
        reportAt(ctx, 'gateway-tcp-hostname-dropped', gw, [...sp, 'hosts', hi], {
          message: `host ${host} dropped: a TCP listener has no hostname (TCP carries none; Istio used it only to select VirtualServices)`,
        });
        hostname = undefined;
      }
      const port = ports.get(server.port.number) ?? server.port.number;
      const key = `${port}/${t.protocol}/${hostname ?? ''}`;
      const existing = candidates.find((c) => c.key === key);
      if (existing) {
        if (sameSettings(existing, t.tls, t.httpsRedirect)) {
          existing.namespaces.push(nsPart);
          existing.plan.alsoServes.push({ serverIndex: si, hostIndex: hi, server, istioHost: raw });
        } else {
          reportAt(ctx, 'gateway-listener-duplicate', gw, [...sp, 'hosts', hi], {
            message:
              `port ${server.port.number} ${t.protocol} host ${hostname ?? '*'} is already served by servers[${existing.plan.serverIndex}] with other TLS or redirect settings; ` +
              `Istio uses the first server's settings for it, and so does the converted listener ${existing.plan.listener.name}`,
          });
        }
        return;
      }
      const listener: Listener = {
        name: namer.name(
          server.name || server.port.name || `port-${server.port.number}`,
          hostname ?? (host === '*' ? undefined : host),
          hosts.length === 1,
        ),
        ...(hostname ? { hostname } : {}),
        port,
        protocol: t.protocol,
      };
      // Each listener owns its tls object: shared objects would become YAML aliases.
      if (t.tls) listener.tls = clonePlain(t.tls);
      candidates.push({
        key,
        namespaces: [nsPart],
        plan: {
          listener,
          serverIndex: si,
          hostIndex: hi,
          server,
          istioHost: raw,
          httpsRedirect: t.httpsRedirect,
          alsoServes: [],
          owners: [gw],
          hostNamespaces: [],
        },
      });
    });
  });

  if (candidates.length > MAX_LISTENERS) {
    const first = candidates[MAX_LISTENERS]!.plan;
    reportAt(
      ctx,
      'gateway-listener-limit',
      gw,
      ['spec', 'servers', first.serverIndex, 'hosts', first.hostIndex],
      {
        message: `${candidates.length} server × host listeners; a Gateway holds at most ${MAX_LISTENERS}, so this one and the ${candidates.length - MAX_LISTENERS - 1} after it were not written`,
        hint: 'split the Istio Gateway into several Gateways',
      },
    );
    candidates.splice(MAX_LISTENERS);
  }
  for (const c of candidates) {
    c.plan.hostNamespaces = [
      ...new Set(c.namespaces.map((p) => (p === '.' ? gw.namespace : p))),
    ].sort();
    setAllowedRoutes(c.plan, namespace);
    plan.listeners.push(c.plan);
  }
  if (plan.listeners.length === 0) {
    reportAt(ctx, 'gateway-no-listeners', gw, ['spec', 'servers'], {
      message:
        'no server could become a listener (see the other findings); no Gateway was written, so nothing this Istio Gateway served is served',
    });
    return plan;
  }

  if (mode === 'reuse') {
    plan.addresses = [{ type: 'Hostname', value: serviceAddress(workload!) }];
    const ports = workload!.service?.spec.ports;
    if (ports) {
      const have = new Set(ports.map((p) => p.port));
      const reported = new Set<number>();
      for (const lp of plan.listeners) {
        const port = lp.listener.port;
        if (have.has(port) || reported.has(port)) continue;
        reported.add(port);
        reportAt(
          ctx,
          'gateway-port-not-in-service',
          gw,
          ['spec', 'servers', lp.serverIndex, 'port', 'number'],
          {
            message: `port ${port} is not a port of Service ${workload!.namespace}/${workload!.name} (${[...have].sort((a, b) => a - b).join(', ')}); the reused gateway receives no traffic for listener ${lp.listener.name}`,
            hint: `add port ${port} to the Service`,
          },
        );
      }
    }
  } else {
    const svc = `${name}-${ctx.options.gatewayClass}`;
    reportAt(ctx, 'gateway-provisioned', gw, ['spec', 'selector'], {
      message:
        `Istio provisions a new gateway (Deployment and Service ${namespace}/${svc}) with its own address: point DNS at it. ` +
        `Resources that select the old gateway pods by label (AuthorizationPolicy, RequestAuthentication, EnvoyFilter, Telemetry, WasmPlugin) do not apply to the new pods (label gateway.networking.k8s.io/gateway-name: ${name})`,
      hint: 'give those resources targetRefs to the Gateway, or use --reuse-gateway to keep the existing deployment',
    });
  }
  return plan;
}

/**
 * `allowedRoutes.namespaces` from the namespaces of the hosts the listener serves. A redirect
 * listener admits only its own redirect route (Gateway's namespace): classic redirected every
 * request on that server, whatever VirtualService was bound to it.
 */
export function setAllowedRoutes(lp: ListenerPlan, gatewayNamespace: string): void {
  lp.listener.allowedRoutes = {
    namespaces: lp.httpsRedirect
      ? { from: 'Same' }
      : allowedNamespaces(lp.hostNamespaces, '', gatewayNamespace),
  };
}

export function emitGateway(plan: GatewayPlan, ctx: MapContext): Emitted[] {
  if (plan.listeners.length === 0) return [];
  const origin = plan.source;
  const spec: Gateway['spec'] = {
    gatewayClassName: ctx.options.gatewayClass,
    listeners: plan.listeners.map((lp) => lp.listener),
  };
  if (plan.addresses) spec.addresses = plan.addresses;
  if (plan.tls) spec.tls = plan.tls;
  const gateway: Gateway = {
    apiVersion: 'gateway.networking.k8s.io/v1',
    kind: 'Gateway',
    metadata: { name: plan.name, namespace: plan.namespace },
    spec: orderSpec(spec),
  };
  // An egress gateway stays internal: a provisioned one would get a LoadBalancer Service by default.
  if (plan.mode === 'provision' && isEgressGateway(plan)) {
    annotateEgress(gateway);
    reportAt(ctx, 'egress-gateway-cluster-ip', origin, ['spec', 'selector'], {
      message: `Gateway ${plan.namespace}/${plan.name} replaces egress gateway pods: it is annotated networking.istio.io/service-type: ClusterIP so the provisioned Service ${plan.name}-${ctx.options.gatewayClass} is reachable only inside the cluster, as the old egress gateway was`,
    });
  }
  const out: Emitted[] = [{ object: gateway, origin }];

  const routeNames = new Set<string>();
  for (const lp of plan.listeners) {
    if (!lp.httpsRedirect) continue;
    const route = httpsRedirectRoute(plan, lp);
    let n = route.metadata.name;
    for (let i = 2; routeNames.has(n); i++)
      n = dnsLabel(`${plan.name}-${lp.listener.name}-https-redirect`, `-${i}`);
    routeNames.add(n);
    route.metadata.name = n;
    out.push({ object: route, origin });
  }

  // Cross-namespace Secrets (certificates, client CAs) need a grant in the Secret's namespace.
  const secrets = new Map<string, { namespace: string; name: string }>();
  for (const lp of plan.listeners) {
    for (const r of lp.listener.tls?.certificateRefs ?? [])
      if (r.namespace)
        secrets.set(`${r.namespace}/${r.name}`, { namespace: r.namespace, name: r.name });
  }
  const fe = plan.tls?.frontend;
  for (const v of [fe?.default.validation, ...(fe?.perPort ?? []).map((p) => p.tls.validation)]) {
    for (const r of v?.caCertificateRefs ?? [])
      if (r.namespace)
        secrets.set(`${r.namespace}/${r.name}`, { namespace: r.namespace, name: r.name });
  }
  for (const s of [...secrets.values()]) {
    ctx.needGrant({
      from: { group: 'gateway.networking.k8s.io', kind: 'Gateway', namespace: plan.namespace },
      to: { group: '', kind: 'Secret', namespace: s.namespace, name: s.name },
      origin,
    });
  }
  return out;
}

/** Fixed key order in the output: class, addresses, listeners, tls. */
function orderSpec(spec: Gateway['spec']): Gateway['spec'] {
  return {
    gatewayClassName: spec.gatewayClassName,
    ...(spec.addresses ? { addresses: spec.addresses } : {}),
    listeners: spec.listeners,
    ...(spec.tls ? { tls: spec.tls } : {}),
  };
}
