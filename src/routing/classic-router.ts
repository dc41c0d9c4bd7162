// Istio's classic routing model: Gateway servers, VirtualServices bound to gateways and to the
// mesh, `http[]` evaluated first-match in written order (pilot/pkg/networking/core
// gateway.go buildGatewayHTTPRouteConfig, route/route.go).
import type { ConfigIndex } from '../model/index.js';
import { resolveShortHost } from '../model/index.js';
import { gatewayRefKey } from '../model/gateway-ref.js';
import type {
  HTTPMatchRequest,
  HTTPRouteSpecIstio,
  IstioGateway,
  IstioServer,
  StringMatch,
  VirtualService,
} from '../model/resources.js';
import {
  compileRegex,
  headerOpsText,
  HostPatternIndex,
  hostMatches,
  intersectHosts,
  pickDomain,
  type StringMatcher,
} from './match.js';
import { durationMs } from '../duration.js';
import { classicOrigins } from './cors.js';
import type {
  ClientCert,
  ForwardOutcome,
  HttpRequest,
  Outcome,
  Request,
  RouteRef,
  StreamRequest,
  WeightedBackend,
} from './request.js';
import { toShares } from './request.js';
import { flattenDelegates, writtenRule } from './delegation.js';
import {
  gatewayPeers,
  gatewayServices,
  type PeerServer,
  serversOnClientPort,
} from './gateway-ports.js';
import {
  addRoutes,
  type CompiledMatch,
  location,
  matchingRoutes,
  queryText,
  replaceStringPrefix,
  routeThroughHosts,
  type RouteEntry,
  type VirtualHost,
} from './route-table.js';

export interface Router {
  route(req: Request): Outcome;
  /** The rules (of the virtual host `req` lands on) that match it, also under the other prefix semantics. */
  candidates(req: Request): RouteRef[];
}

type ServerFamily = 'http' | 'https' | 'tls' | 'tcp' | 'other';

/** What a server does with a connection: HTTP routing (plain or TLS-terminated), SNI routing, or TCP. */
export function serverFamily(s: IstioServer): ServerFamily {
  const p = s.port.protocol.toUpperCase();
  const mode = s.tls?.mode;
  // ISTIO_MUTUAL terminates TLS with the mesh certificate and routes like any other mode.
  if (mode === 'AUTO_PASSTHROUGH') return 'other';
  if (p === 'HTTP' || p === 'HTTP2' || p === 'GRPC' || p === 'GRPC-WEB') return 'http';
  if (p === 'HTTPS') return mode === 'PASSTHROUGH' ? 'tls' : 'https';
  if (p === 'TLS') return mode === 'PASSTHROUGH' ? 'tls' : 'tcp';
  if (p === 'TCP' || p === 'MONGO' || p === 'MYSQL' || p === 'REDIS') return 'tcp';
  return 'other';
}

/** A server host `ns/host`, `./host`, `*\/host` or `host` split into namespace part and host. */
export function splitServerHost(
  h: string,
  gatewayNamespace: string,
): { namespace: string; host: string } {
  const i = h.indexOf('/');
  if (i < 0) return { namespace: '*', host: h.toLowerCase() };
  const ns = h.slice(0, i);
  return { namespace: ns === '.' ? gatewayNamespace : ns, host: h.slice(i + 1).toLowerCase() };
}

/** `gateways` entries as written in a VirtualService, resolved to `ns/name` (or `mesh`). */
export function resolveGatewayRef(ref: string, vsNamespace: string): string {
  return gatewayRefKey(ref, vsNamespace);
}

function vsGateways(vs: VirtualService): string[] {
  const g = vs.spec.gateways;
  return g && g.length ? g.map((x) => resolveGatewayRef(x, vs.namespace)) : ['mesh'];
}

function exportedTo(vs: VirtualService, namespace: string): boolean {
  const e = vs.spec.exportTo;
  if (!e || e.length === 0) return true;
  return e.some((x) => x === '*' || x === namespace || (x === '.' && vs.namespace === namespace));
}

export function compileStringMatch(
  s: StringMatch | undefined,
  ignoreCase = false,
): StringMatcher | undefined {
  if (!s) return undefined;
  if (s.exact !== undefined) return { type: 'exact', value: s.exact, ignoreCase };
  if (s.prefix !== undefined) return { type: 'prefix', value: s.prefix, ignoreCase };
  if (s.regex !== undefined) return { type: 'regex', value: s.regex, ignoreCase };
  return { type: 'present' };
}

export function compileIstioMatch(m: HTTPMatchRequest): CompiledMatch {
  const out: CompiledMatch = { headers: [], query: [] };
  const uri = compileStringMatch(m.uri, Boolean(m.ignoreUriCase));
  if (uri && uri.type !== 'present') out.path = uri;
  for (const [name, sm] of Object.entries(m.headers ?? {}))
    out.headers.push({ name: name.toLowerCase(), matcher: compileStringMatch(sm)! });
  for (const [name, sm] of Object.entries(m.withoutHeaders ?? {}))
    out.headers.push({ name: name.toLowerCase(), matcher: compileStringMatch(sm)!, invert: true });
  for (const [name, sm] of Object.entries(m.queryParams ?? {}))
    out.query.push({ name, matcher: compileStringMatch(sm)! });
  const method = compileStringMatch(m.method);
  if (method && method.type !== 'present') out.method = method;
  const authority = compileStringMatch(m.authority);
  if (authority && authority.type !== 'present') out.authority = authority;
  const scheme = compileStringMatch(m.scheme);
  if (scheme && scheme.type !== 'present') out.scheme = scheme;
  if (m.port) out.port = m.port;
  if (m.sourceLabels && Object.keys(m.sourceLabels).length) out.sourceLabels = m.sourceLabels;
  if (m.sourceNamespace) out.sourceNamespace = m.sourceNamespace;
  return out;
}

/** Identity of a classic destination: FQDN, port (`*` when it is the Service's only, unknown port), subset. */
export function classicBackendId(
  index: ConfigIndex,
  host: string,
  namespace: string,
  port: number | undefined,
  subset: string | undefined,
): string {
  const fqdn = resolveShortHost(host, namespace);
  let p: string = port !== undefined ? String(port) : '*';
  if (port === undefined) {
    const m = /^([^.]+)\.([^.]+)\.svc\.cluster\.local$/.exec(fqdn);
    const svc = m ? index.service(m[2]!, m[1]!) : undefined;
    const ports = svc?.spec.ports ?? [];
    if (ports.length === 1 && typeof ports[0]!.port === 'number') p = String(ports[0]!.port);
  }
  return `${fqdn}:${p}${subset ? `#${subset}` : ''}`;
}

type HeaderSpec =
  { add?: Record<string, string>; set?: Record<string, string>; remove?: string[] } | undefined;
const ops = (h: HeaderSpec) =>
  h
    ? headerOpsText({
        set: Object.entries(h.set ?? {}),
        add: Object.entries(h.add ?? {}),
        remove: h.remove,
      })
    : '';

function pathWithoutMatch(
  match: CompiledMatch | undefined,
): { type: 'prefix-len'; len: number } | { type: 'full' } {
  const p = match?.path;
  if (!p) return { type: 'prefix-len', len: 1 }; // Envoy's implicit prefix `/`
  if (p.type === 'prefix') return { type: 'prefix-len', len: p.value.length };
  return { type: 'full' };
}

/** What one `http[]` entry does with a request it matched. */
export function classicAction(index: ConfigIndex, vs: VirtualService, r: HTTPRouteSpecIstio) {
  return (req: HttpRequest, match: CompiledMatch | undefined): Outcome => {
    if (r.delegate) return { kind: 'unmodelled', reason: 'delegate VirtualService' };
    if (r.redirect) {
      const rd = r.redirect;
      let path = req.path;
      if (rd.uri !== undefined) path = rd.uri;
      else if (rd.prefixRewrite !== undefined) {
        const w = pathWithoutMatch(match);
        path =
          w.type === 'full'
            ? rd.prefixRewrite
            : replaceStringPrefix(req.path, w.len, rd.prefixRewrite);
      }
      const scheme = rd.scheme ?? req.scheme;
      const port = rd.port ?? (rd.derivePort === 'FROM_REQUEST_PORT' ? req.port : undefined);
      return {
        kind: 'redirect',
        status: rd.redirectCode ?? 301,
        location: location(scheme, rd.authority ?? req.host, port, path + queryText(req)),
      };
    }
    if (r.directResponse) {
      const b = r.directResponse.body;
      const out: Outcome = { kind: 'direct', status: r.directResponse.status };
      if (b?.string !== undefined) out.body = b.string;
      else if (b?.bytes !== undefined) out.body = `<bytes ${b.bytes}>`;
      return out;
    }
    const dests = r.route ?? [];
    const weights = dests.length === 1 ? [100] : dests.map((d) => d.weight ?? 0);
    const allUnset = dests.length > 1 && dests.every((d) => d.weight === undefined);
    const shares = toShares(allUnset ? dests.map(() => 1) : weights);
    const backends: WeightedBackend[] = [];
    dests.forEach((d, i) => {
      if (shares[i]! <= 0) return;
      backends.push({
        id: classicBackendId(
          index,
          d.destination.host,
          vs.namespace,
          d.destination.port?.number,
          d.destination.subset,
        ),
        share: shares[i]!,
        headers: backendHeadersText(ops(d.headers?.request), ops(d.headers?.response)),
      });
    });
    let path = req.path;
    if (r.rewrite?.uri !== undefined) {
      const w = pathWithoutMatch(match);
      path =
        w.type === 'full' ? r.rewrite.uri : replaceStringPrefix(req.path, w.len, r.rewrite.uri);
    } else if (r.rewrite?.uriRegexRewrite?.match !== undefined) {
      const re = compileRegex(r.rewrite.uriRegexRewrite.match);
      if (re)
        path = re
          .matcher(req.path)
          .replaceAll((r.rewrite.uriRegexRewrite.rewrite ?? '').replace(/\\(\d)/g, '$$$1'));
    }
    const out: ForwardOutcome = {
      kind: 'forward',
      backends,
      upstreamPath: path + queryText(req),
      upstreamHost: r.rewrite?.authority ?? req.host,
      requestHeaders: ops(r.headers?.request),
      responseHeaders: ops(r.headers?.response),
      retry: classicRetry(r),
    };
    const t = durationMs(r.timeout);
    if (t) out.timeoutMs = t;
    const mirrors = classicMirrors(index, vs, r);
    if (mirrors.length) out.mirrors = mirrors;
    if (r.corsPolicy) {
      out.cors = classicCors(r.corsPolicy);
      out.corsOrigins = classicOrigins(r.corsPolicy);
    }
    if (r.fault) out.fault = JSON.stringify(r.fault);
    if (backends.length === 0 && dests.length > 0) return { kind: 'direct', status: 503 };
    return out;
  };
}

function classicRetry(r: HTTPRouteSpecIstio): string {
  if (!r.retries) return '2/-'; // the mesh default policy: 2 attempts
  const a = r.retries.attempts ?? 2;
  if (a === 0) return 'none';
  const per = durationMs(r.retries.perTryTimeout);
  return `${a}/${per ?? '-'}`;
}

function classicMirrors(index: ConfigIndex, vs: VirtualService, r: HTTPRouteSpecIstio): string[] {
  const out: string[] = [];
  if (r.mirror) {
    const pct = r.mirrorPercentage?.value ?? r.mirrorPercent ?? r.mirror_percent ?? 100;
    out.push(
      `${classicBackendId(index, r.mirror.host, vs.namespace, r.mirror.port?.number, r.mirror.subset)} ${pct}%`,
    );
  }
  for (const m of r.mirrors ?? []) {
    const d = m.destination;
    out.push(
      `${classicBackendId(index, d.host, vs.namespace, d.port?.number, d.subset)} ${m.percentage?.value ?? 100}%`,
    );
  }
  return out.sort();
}

function classicCors(c: NonNullable<HTTPRouteSpecIstio['corsPolicy']>): string {
  return corsText(c.allowMethods, c.allowHeaders, c.exposeHeaders, c.allowCredentials ?? undefined);
}

/** Per-backend header changes as one text, the same in both models. */
export function backendHeadersText(request: string, response: string): string {
  return [request && `request: ${request}`, response && `response: ${response}`]
    .filter(Boolean)
    .join(' | ');
}

/** A CORS policy but its origins (compared as Envoy matches them: cors.ts), as one text. */
export function corsText(
  methods?: string[],
  headers?: string[],
  expose?: string[],
  credentials?: boolean,
): string {
  const l = (x?: string[]) =>
    [...(x ?? [])]
      .map((s) => s.toLowerCase())
      .sort()
      .join(',');
  return `methods=${[...(methods ?? [])]
    .map((m) => m.toUpperCase())
    .sort()
    .join(
      ',',
    )} headers=${l(headers)} expose=${l(expose)} credentials=${credentials ? 'true' : 'false'}`;
}

/** The `http[]` entries of `vs` that apply to `gateway` (`ns/name` or `mesh`), compiled. */
export function compileVirtualServiceHttp(
  index: ConfigIndex,
  vs: VirtualService,
  gateway: string,
): RouteEntry[] {
  const out: RouteEntry[] = [];
  const vsGws = vsGateways(vs);
  (vs.spec.http ?? []).forEach((r, i) => {
    const written = r.match ?? [];
    const applies = (m: HTTPMatchRequest) => {
      const g =
        m.gateways && m.gateways.length
          ? m.gateways.map((x) => resolveGatewayRef(x, vs.namespace))
          : vsGws;
      return g.includes(gateway);
    };
    let matches: CompiledMatch[];
    if (written.length === 0) {
      if (!vsGws.includes(gateway)) return;
      matches = [];
    } else {
      const kept = written.filter(applies);
      if (kept.length === 0) return;
      matches = kept.map(compileIstioMatch);
    }
    out.push({ matches, act: classicAction(index, vs, r), via: writtenRule(vs, i), rule: i });
  });
  return out;
}

/**
 * Istio orders VirtualServices by creation time, then name; creation time is unknown here, so
 * namespace/name. Roots stand with their delegates merged in (routing/delegation.ts).
 */
function sortedVirtualServices(index: ConfigIndex): VirtualService[] {
  return [...index.virtualServices]
    .sort((a, b) =>
      a.namespace === b.namespace ? cmp(a.name, b.name) : cmp(a.namespace, b.namespace),
    )
    .map((vs) => flattenDelegates(index, vs).vs);
}
const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The classic router, and the VirtualServices that claim a mesh request's host and port. */
export interface ClassicRouter extends Router {
  /** VirtualServices whose http routes serve `host` for this client and port, in Istio's order. */
  meshClaimants(req: HttpRequest, host: string): VirtualService[];
}

export function classicRouter(index: ConfigIndex): ClassicRouter {
  const vss = sortedVirtualServices(index);
  const serviceOf = gatewayServices(index);
  const httpTables = new Map<string, VirtualHost[]>();
  // In `vss` order: the VirtualServices that name a gateway (at the top or in a match), and the
  // ones whose hosts cover a mesh host, so a table never scans every VirtualService.
  const vssByGateway = new Map<string, VirtualService[]>();
  const vsByHost = new HostPatternIndex<VirtualService>();
  for (const vs of vss) {
    const keys = new Set(vsGateways(vs));
    for (const r of vs.spec.http ?? [])
      for (const m of r.match ?? [])
        for (const g of m.gateways ?? []) keys.add(resolveGatewayRef(g, vs.namespace));
    for (const k of keys) {
      const l = vssByGateway.get(k);
      if (l) l.push(vs);
      else vssByGateway.set(k, [vs]);
    }
    for (const h of vs.spec.hosts ?? []) vsByHost.add(resolveShortHost(h, vs.namespace), vs);
  }

  const gatewayHttpTable = (servers: readonly PeerServer[]): VirtualHost[] => {
    const vhosts: VirtualHost[] = [];
    for (const { gw, server } of servers) {
      const key = `${gw.namespace}/${gw.name}`;
      const hosts = server.hosts.map((h) => splitServerHost(h, gw.namespace));
      let any = false;
      for (const vs of vssByGateway.get(key) ?? []) {
        if (!exportedTo(vs, gw.namespace)) continue;
        if (
          !vsGateways(vs).includes(key) &&
          !(vs.spec.http ?? []).some((r) =>
            (r.match ?? []).some((m) =>
              (m.gateways ?? []).map((x) => resolveGatewayRef(x, vs.namespace)).includes(key),
            ),
          )
        )
          continue;
        const domains = new Set<string>();
        for (const sh of hosts) {
          if (sh.namespace !== '*' && sh.namespace !== vs.namespace) continue;
          for (const vh of vs.spec.hosts ?? []) {
            const d = intersectHosts(sh.host, resolveShortHost(vh, vs.namespace));
            if (d) domains.add(d);
          }
        }
        if (domains.size === 0) continue;
        // A match port names the server port (pilot builds the route config per server), not
        // the Service port the client used: matches of other ports go, the rest match any port.
        const routes = compileVirtualServiceHttp(index, vs, key).flatMap((r) => {
          if (r.matches.length === 0) return [r];
          const kept = r.matches.filter(
            (m) => m.port === undefined || m.port === server.port.number,
          );
          return kept.length ? [{ ...r, matches: kept.map(({ port: _, ...m }) => m) }] : [];
        });
        for (const d of domains) addRoutes(vhosts, d, routes, Boolean(server.tls?.httpsRedirect));
        any = true;
      }
      if (server.tls?.httpsRedirect) {
        for (const sh of hosts)
          if (!vhosts.some((v) => v.domain === sh.host))
            vhosts.push({ domain: sh.host, routes: [], requireTls: true });
      } else if (!any) {
        // no VirtualService: Istio answers 404 on every host of this server
      }
    }
    return vhosts;
  };

  // The client certificate the HTTPS server picked for a request asks for (set by gatewayTable).
  const certs = new WeakMap<HttpRequest, ClientCert | undefined>();
  /** The virtual hosts an HTTP request on `gw` meets, or the outcome when it meets none. */
  const peersOf = gatewayPeers(index, serviceOf);
  /**
   * The servers a client on Service port `port` reaches on `gw`'s pods: those of every Istio
   * Gateway selecting the same pods, in pilot's order, as one proxy serves them all.
   */
  const serversCache = new Map<string, PeerServer[]>();
  const serversAt = (gw: IstioGateway, port: number): PeerServer[] => {
    const key = `${gw.namespace}/${gw.name}:${port}`;
    let at = serversCache.get(key);
    if (!at)
      serversCache.set(
        key,
        (at = peersOf(gw).flatMap((p) =>
          serversOnClientPort(p, serviceOf(p), port).map((server) => ({ gw: p, server })),
        )),
      );
    return at;
  };
  const gatewayTable = (req: HttpRequest, gw: IstioGateway): VirtualHost[] | Outcome => {
    const servers = serversAt(gw, req.port);
    if (servers.length === 0) return { kind: 'no-listener' };
    const first = servers[0]!.server;
    const fam = serverFamily(first);
    if (fam !== req.scheme)
      return fam === 'other'
        ? {
            kind: 'unmodelled',
            reason: `server protocol ${first.port.protocol} ${first.tls?.mode ?? ''}`,
          }
        : { kind: 'no-listener' };
    let chosen = servers.filter((x) => serverFamily(x.server) === fam);
    if (fam === 'https') {
      // One filter chain per server, picked by SNI (= Host here).
      const byHost = chosen.flatMap((x) =>
        x.server.hosts.map((h) => ({ x, host: splitServerHost(h, x.gw.namespace).host })),
      );
      const d = pickDomain(
        byHost.map((b) => b.host),
        req.host,
      );
      const picked = byHost.find((b) => b.host === d)?.x;
      if (!picked || !hostMatches(d!, req.host)) return { kind: 'no-listener' };
      chosen = [picked];
      certs.set(req, clientCertOf(picked.server.tls?.mode));
    }
    const key = `${req.port}:${chosen
      .map((x) => `${x.gw.namespace}/${x.gw.name}/${x.server.name ?? x.server.port.name}`)
      .join(',')}`;
    let table = httpTables.get(key);
    if (!table) httpTables.set(key, (table = gatewayHttpTable(chosen)));
    return table;
  };

  const routeGateway = (req: Request, gw: IstioGateway): Outcome => {
    if (req.protocol === 'http') {
      const table = gatewayTable(req, gw);
      return withClientCert(
        Array.isArray(table) ? routeThroughHosts(table, req) : table,
        certs.get(req),
      );
    }
    // TCP and TLS servers of the Gateways on these pods: one filter chain per SNI host, the
    // oldest Gateway's first; a later plain TCP server on a taken port is dropped (pilot's
    // mergeGateways keeps the first).
    const at = serversAt(gw, req.port);
    if (at.length === 0) return { kind: 'no-listener' };
    const sniOk = (x: PeerServer) =>
      x.server.hosts.some((h) =>
        hostMatches(splitServerHost(h, x.gw.namespace).host, req.sni ?? ''),
      );
    const owner = (req.protocol === 'tls' ? at.find(sniOk) : undefined)?.gw ?? at[0]!.gw;
    const servers = at.filter((x) => x.gw === owner).map((x) => x.server);
    return routeStream(req, owner, servers, serverFamily(servers[0]!));
  };

  const routeStream = (
    req: StreamRequest,
    gw: IstioGateway,
    servers: IstioServer[],
    fam: ServerFamily,
  ): Outcome => {
    if (fam !== req.protocol) return { kind: 'no-listener' };
    const key = `${gw.namespace}/${gw.name}`;
    const serverHosts = servers.flatMap((s) =>
      s.hosts.map((h) => splitServerHost(h, gw.namespace)),
    );
    if (req.protocol === 'tls' && !serverHosts.some((h) => hostMatches(h.host, req.sni ?? '')))
      return { kind: 'no-listener' };
    // Only a VirtualService that names this gateway can match (see `ok`).
    for (const vs of vssByGateway.get(key) ?? []) {
      if (!exportedTo(vs, gw.namespace)) continue;
      const hostsOk = (vs.spec.hosts ?? []).some((vh) =>
        serverHosts.some(
          (sh) =>
            (sh.namespace === '*' || sh.namespace === vs.namespace) &&
            intersectHosts(sh.host, resolveShortHost(vh, vs.namespace)),
        ),
      );
      if (!hostsOk) continue;
      const list = req.protocol === 'tls' ? (vs.spec.tls ?? []) : (vs.spec.tcp ?? []);
      for (let i = 0; i < list.length; i++) {
        const r = list[i]!;
        const ms = (r.match ?? []) as {
          gateways?: string[];
          port?: number;
          sniHosts?: string[];
          sourceLabels?: Record<string, string>;
        }[];
        const ok = (m: (typeof ms)[number] | undefined) => {
          const g = m?.gateways?.length
            ? m.gateways.map((x) => resolveGatewayRef(x, vs.namespace))
            : vsGateways(vs);
          if (!g.includes(key)) return false;
          // A match port names the server port (the route config is built per server).
          if (m?.port && !servers.some((sv) => sv.port.number === m.port)) return false;
          if (
            req.protocol === 'tls' &&
            !(m?.sniHosts ?? []).some((h) => hostMatches(h, req.sni ?? ''))
          )
            return false;
          return true;
        };
        if (ms.length === 0 ? ok(undefined) : ms.some(ok)) {
          return {
            ...streamForward(index, vs, r.route ?? []),
            via: {
              kind: 'VirtualService',
              namespace: vs.namespace,
              name: vs.name,
              path: `spec.${req.protocol}[${i}]`,
            },
          };
        }
      }
    }
    return { kind: 'no-route' };
  };

  const meshTables = new Map<string, { table: VirtualHost[]; claimants: VirtualService[] }>();
  const meshEntry = (req: HttpRequest, host: string) => {
    const key = `${req.source.namespace}|${host}|${req.port}`;
    let entry = meshTables.get(key);
    if (!entry) {
      entry = { table: [], claimants: [] };
      for (const vs of vsByHost.lookup(host)) {
        if (!exportedTo(vs, req.source.namespace)) continue;
        // Routes whose every match names another port are not built for this port; a
        // VirtualService left with none does not claim the host there, so Istio's default
        // route to the Service applies (pilot route.go buildSidecarVirtualHostsForVirtualService).
        const routes = compileVirtualServiceHttp(index, vs, 'mesh').filter(
          (r) =>
            r.matches.length === 0 ||
            r.matches.some((m) => m.port === undefined || m.port === req.port),
        );
        if (!routes.length) continue;
        addRoutes(entry.table, host, routes);
        entry.claimants.push(vs);
      }
      meshTables.set(key, entry);
    }
    return entry;
  };
  const meshTable = (req: HttpRequest, host: string): VirtualHost[] => meshEntry(req, host).table;
  const routeMesh = (req: HttpRequest, host: string): Outcome => {
    const table = meshTable(req, host);
    if (table.length === 0) return meshDefault(req, host);
    return routeThroughHosts(table, { ...req, host });
  };

  return {
    meshClaimants: (req, host) => meshEntry(req, host).claimants,
    candidates(req: Request): RouteRef[] {
      if (req.protocol !== 'http') return [];
      if (req.entry.kind === 'mesh')
        return matchingRoutes(meshTable(req, req.entry.host), { ...req, host: req.entry.host });
      const gw = index.gateway(req.entry.namespace, req.entry.name);
      const table = gw ? gatewayTable(req, gw) : undefined;
      return Array.isArray(table) ? matchingRoutes(table, req) : [];
    },
    route(req: Request): Outcome {
      if (req.entry.kind === 'mesh') {
        if (req.protocol !== 'http') return { kind: 'unmodelled', reason: 'mesh TLS/TCP routing' };
        return routeMesh(req, req.entry.host);
      }
      const gw = index.gateway(req.entry.namespace, req.entry.name);
      if (!gw) return { kind: 'no-listener' };
      return routeGateway(req, gw);
    },
  };
}

/** What a terminating server's TLS mode asks of the client: the probe client presents it. */
export function clientCertOf(mode: string | undefined): ClientCert | undefined {
  if (mode === 'MUTUAL') return 'required';
  if (mode === 'OPTIONAL_MUTUAL') return 'optional';
  if (mode === 'ISTIO_MUTUAL') return 'mesh';
  return undefined;
}

/** `o` with the client certificate its listener asked for (kept out when none was). */
export function withClientCert(o: Outcome, cert: ClientCert | undefined): Outcome {
  return cert && o.kind !== 'no-listener' ? { ...o, clientCert: cert } : o;
}

/** A mesh request no route claims goes to the Service it named, unchanged. */
export function meshDefault(req: HttpRequest, host: string): Outcome {
  return {
    kind: 'forward',
    backends: [{ id: `${host}:${req.port}`, share: 10000, headers: '' }],
    upstreamPath: req.path + queryText(req),
    upstreamHost: req.host,
    requestHeaders: '',
    responseHeaders: '',
    retry: '2/-',
  };
}

function streamForward(
  index: ConfigIndex,
  vs: VirtualService,
  dests: {
    destination: { host: string; port?: { number?: number }; subset?: string };
    weight?: number;
  }[],
): Outcome {
  const weights = dests.length === 1 ? [100] : dests.map((d) => d.weight ?? 0);
  const shares = toShares(
    dests.length > 1 && dests.every((d) => d.weight === undefined) ? dests.map(() => 1) : weights,
  );
  const backends = dests
    .map((d, i) => ({
      id: classicBackendId(
        index,
        d.destination.host,
        vs.namespace,
        d.destination.port?.number,
        d.destination.subset,
      ),
      share: shares[i]!,
      headers: '',
    }))
    .filter((b) => b.share > 0);
  return { kind: 'forward', backends };
}
