// Gateway API routing as Istio implements it (pilot/pkg/config/kube/gateway): listeners and
// route attachment, every HTTPRoute rule split into one route per match, merged per
// listener + hostname across routes and sorted by precedence (conversion.go sortHTTPRoutes:
// Exact > PathPrefix > RegularExpression, longer value first, method, more headers, more query
// params; ties by creation time (all equal here), namespace/name, rule order).
import type {
  BackendRef,
  Gateway,
  HTTPRouteFilter,
  HTTPRouteMatch,
  HTTPRouteRule,
  K8sObject,
  Listener,
  ParentReference,
} from '../gateway-api/types.js';
import {
  headerOpsText,
  HostPatternIndex,
  intersectHosts,
  hostMatches,
  pickDomain,
  trimTrailingSlash,
} from './match.js';
import { durationMs } from '../duration.js';
import { gatewayOrigins } from './cors.js';
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
import { virtualServiceFirst } from './mesh-precedence.js';
import {
  backendHeadersText,
  type ClassicRouter,
  clientCertOf,
  corsText,
  meshDefault,
  type Router,
  withClientCert,
} from './classic-router.js';
import {
  addRoutes,
  type CompiledMatch,
  location,
  matchingRoutes,
  queryText,
  replacePathPrefix,
  routeThroughHosts,
  type RouteEntry,
  type VirtualHost,
} from './route-table.js';

const GW_GROUP = 'gateway.networking.k8s.io';
const DOMAIN = 'svc.cluster.local';

export interface GatewayApiRouterOptions {
  /**
   * Maps a backend (`<fqdn>:<port>`) to the identity the classic model uses. The hook for
   * per-subset Services: `reviews-v1.ns.svc.cluster.local:9080` → `reviews.ns.svc.cluster.local:9080#v1`.
   */
  backendAlias?: (id: string) => string;
  /** Labels of a namespace, for `allowedRoutes.namespaces.selector` (default: only `kubernetes.io/metadata.name`). */
  namespaceLabels?: (namespace: string) => Record<string, string>;
  /** Hosts of a ServiceEntry (for ServiceEntry-parented mesh routes). */
  serviceEntryHosts?: (namespace: string, name: string) => string[];
  /** Whether a Service exists (a missing one answers 500). Default: every Service exists. */
  serviceExists?: (namespace: string, name: string) => boolean;
  /**
   * The ports of a Service, when it is known: a Gateway bound to an existing Service by address
   * (reuse mode) is reached only on the ports that Service exposes.
   */
  servicePorts?: (namespace: string, name: string) => readonly number[] | undefined;
  /**
   * Istio VirtualServices among the output (residual ones, and those kept as they are): they go
   * on routing sidecars, beside or instead of mesh routes (mesh-precedence.ts).
   */
  meshVirtualServices?: ClassicRouter;
  /** Istio reads `*` inside a CORS origin as a wildcard (1.30+, the default), or exactly. */
  corsOriginWildcards?: boolean;
  /** The Gateway a probe's entry stands for (default: the same namespace/name, else the same name). */
  gatewayFor?: (namespace: string, name: string) => { namespace: string; name: string } | undefined;
}

type AnyRoute = K8sObject & {
  spec: { parentRefs?: ParentReference[]; hostnames?: string[]; rules?: unknown[] };
};

const ns = (o: K8sObject, fallback = 'default') => o.metadata.namespace ?? fallback;
const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const byNamespaceName = (a: K8sObject, b: K8sObject) =>
  cmp(ns(a), ns(b)) || cmp(a.metadata.name, b.metadata.name);

function isGatewayParent(p: ParentReference): boolean {
  return (p.group ?? GW_GROUP) === GW_GROUP && (p.kind ?? 'Gateway') === 'Gateway';
}
function isServiceParent(p: ParentReference): boolean {
  return (p.group === '' || p.group === 'core' || p.group === undefined) && p.kind === 'Service';
}
function isServiceEntryParent(p: ParentReference): boolean {
  return p.group === 'networking.istio.io' && p.kind === 'ServiceEntry';
}

function defaultKinds(l: Listener): string[] {
  switch (l.protocol) {
    case 'HTTP':
    case 'HTTPS':
      return ['HTTPRoute', 'GRPCRoute'];
    case 'TLS':
      return l.tls?.mode === 'Terminate' ? ['TCPRoute'] : ['TLSRoute'];
    case 'TCP':
      return ['TCPRoute'];
    default:
      return [];
  }
}

type Family = 'http' | 'https' | 'tls' | 'tcp';
function listenerFamily(l: Listener): Family | undefined {
  if (l.protocol === 'HTTP') return 'http';
  if (l.protocol === 'HTTPS') return l.tls?.mode === 'Passthrough' ? 'tls' : 'https';
  if (l.protocol === 'TLS') return l.tls?.mode === 'Terminate' ? 'tcp' : 'tls';
  if (l.protocol === 'TCP') return 'tcp';
  return undefined;
}

function selectorMatches(
  sel: {
    matchLabels?: Record<string, string>;
    matchExpressions?: { key: string; operator: string; values?: string[] }[];
  },
  labels: Record<string, string>,
): boolean {
  for (const [k, v] of Object.entries(sel.matchLabels ?? {})) if (labels[k] !== v) return false;
  for (const e of sel.matchExpressions ?? []) {
    const v = labels[e.key];
    if (e.operator === 'In' && (v === undefined || !(e.values ?? []).includes(v))) return false;
    if (e.operator === 'NotIn' && v !== undefined && (e.values ?? []).includes(v)) return false;
    if (e.operator === 'Exists' && v === undefined) return false;
    if (e.operator === 'DoesNotExist' && v !== undefined) return false;
  }
  return true;
}

/** Precedence key of one (rule, match) as Istio sorts it. */
function rank(m: CompiledMatch): [number, number] {
  const p = m.path;
  if (!p) return [-1, 0];
  if (p.type === 'exact') return [3, p.value.length];
  if (p.type === 'path-prefix' || p.type === 'prefix')
    return [2, trimTrailingSlash(p.value).length];
  return [1, p.value.length];
}

/** Istio's sortHTTPRoutes comparator over one-match routes (negative: `a` goes first). */
export function comparePrecedence(
  a: CompiledMatch | undefined,
  b: CompiledMatch | undefined,
): number {
  if (!a && !b) return 0;
  if (!a) return 1;
  if (!b) return -1;
  const [ra, la] = rank(a);
  const [rb, lb] = rank(b);
  if (ra !== rb) return rb - ra;
  if (la !== lb) return lb - la;
  if (Boolean(a.method) !== Boolean(b.method)) return a.method ? -1 : 1;
  if (a.headers.length !== b.headers.length) return b.headers.length - a.headers.length;
  return b.query.length - a.query.length;
}

/** CRD defaults: a rule without matches has one `PathPrefix /`; a match without path has `PathPrefix /`. */
export function compileHttpRouteMatch(m: HTTPRouteMatch): CompiledMatch {
  const path = m.path ?? { type: 'PathPrefix', value: '/' };
  const type = path.type ?? 'PathPrefix';
  const value = path.value ?? '/';
  const out: CompiledMatch = {
    path:
      type === 'Exact'
        ? { type: 'exact', value }
        : type === 'RegularExpression'
          ? { type: 'regex', value }
          : { type: 'path-prefix', value },
    headers: (m.headers ?? []).map((h) => ({
      name: h.name.toLowerCase(),
      matcher:
        h.type === 'RegularExpression'
          ? { type: 'regex', value: h.value }
          : { type: 'exact', value: h.value },
    })),
    query: (m.queryParams ?? []).map((q) => ({
      name: q.name,
      matcher:
        q.type === 'RegularExpression'
          ? { type: 'regex', value: q.value }
          : { type: 'exact', value: q.value },
    })),
  };
  if (m.method) out.method = { type: 'exact', value: m.method };
  return out;
}

interface GrpcMatch {
  method?: { type?: string; service?: string; method?: string };
  headers?: { type?: string; name: string; value: string }[];
}

/** GRPCRoute matches as Istio converts them (createGRPCURIMatch): service+method exact, service prefix, method regex. */
export function compileGrpcRouteMatch(m: GrpcMatch): CompiledMatch {
  const out: CompiledMatch = {
    headers: (m.headers ?? []).map((h) => ({
      name: h.name.toLowerCase(),
      matcher:
        h.type === 'RegularExpression'
          ? { type: 'regex', value: h.value }
          : { type: 'exact', value: h.value },
    })),
    query: [],
  };
  const mm = m.method;
  if (mm && (mm.type ?? 'Exact') === 'Exact') {
    if (mm.service && mm.method) out.path = { type: 'exact', value: `/${mm.service}/${mm.method}` };
    else if (mm.service) out.path = { type: 'prefix', value: `/${mm.service}/` };
    else if (mm.method) out.path = { type: 'regex', value: `/[^/]+/${mm.method}` };
  } else if (mm)
    out.path = { type: 'regex', value: `/${mm.service ?? '[^/]+'}/${mm.method ?? '[^/]+'}` };
  return out;
}

/** Compiles HTTPRoute/GRPCRoute rules into route entries (one per match), and sorts them by precedence. */
export function routeCompiler(
  objects: readonly K8sObject[],
  options: GatewayApiRouterOptions = {},
) {
  const grants = objects.filter((o) => o.kind === 'ReferenceGrant') as (K8sObject & {
    spec: {
      from: { group: string; kind: string; namespace: string }[];
      to: { group: string; kind: string; name?: string }[];
    };
  })[];
  const alias = options.backendAlias ?? ((id: string) => id);
  const serviceExists = options.serviceExists ?? (() => true);

  const backendId = (
    b: BackendRef,
    route: AnyRoute,
    meshRoute: boolean,
  ): { id: string } | { invalid: string } => {
    const group = b.group ?? '';
    const kind = b.kind ?? 'Service';
    const rns = ns(route);
    if ((group === '' || group === 'core') && kind === 'Service') {
      const bns = b.namespace ?? rns;
      if (b.port === undefined) return { invalid: `backendRef ${b.name} has no port` };
      if (bns !== rns && !meshRoute && !granted(route, bns, 'Service', b.name))
        return { invalid: `backendRef ${bns}/${b.name} not allowed by a ReferenceGrant` };
      if (!serviceExists(bns, b.name)) return { invalid: `Service ${bns}/${b.name} not found` };
      return { id: alias(`${b.name}.${bns}.${DOMAIN}:${b.port}`) };
    }
    if (group === 'networking.istio.io' && kind === 'Hostname')
      return { id: alias(`${b.name.toLowerCase()}:${b.port ?? '*'}`) };
    return { invalid: `backendRef kind ${group}/${kind} is not supported` };
  };

  const granted = (route: AnyRoute, toNs: string, kind: string, name: string): boolean =>
    grants.some(
      (g) =>
        ns(g) === toNs &&
        g.spec.from.some(
          (f) => f.group === GW_GROUP && f.kind === route.kind && f.namespace === ns(route),
        ) &&
        g.spec.to.some(
          (t) =>
            (t.group === '' || t.group === 'core') &&
            t.kind === kind &&
            (!t.name || t.name === name),
        ),
    );

  const weighted = (
    refs: BackendRef[],
    route: AnyRoute,
    mesh: boolean,
  ): { backends: WeightedBackend[]; allZero: boolean } => {
    const live = refs.filter((b) => (b.weight ?? 1) > 0);
    const shares = toShares(live.map((b) => b.weight ?? 1));
    const backends = live.map((b, i) => {
      const id = backendId(b, route, mesh);
      return {
        id: 'id' in id ? id.id : `(500: ${id.invalid})`,
        share: shares[i]!,
        headers: filterHeaders(b.filters ?? []),
      };
    });
    return { backends, allZero: live.length === 0 };
  };

  const mirrorId = (b: BackendRef, route: AnyRoute, mesh: boolean) => {
    const id = backendId(b, route, mesh);
    return 'id' in id ? id.id : `(invalid: ${id.invalid})`;
  };

  const httpAction =
    (route: AnyRoute, rule: HTTPRouteRule, mesh: boolean) =>
    (req: HttpRequest, match: CompiledMatch | undefined): Outcome => {
      const filters = rule.filters ?? [];
      const matchedPrefix = match?.path?.type === 'path-prefix' ? match.path.value : '/';
      const redirect = filters.find((f) => f.type === 'RequestRedirect');
      if (redirect && redirect.type === 'RequestRedirect') {
        const rr = redirect.requestRedirect;
        let path = req.path;
        if (rr.path?.type === 'ReplaceFullPath') path = rr.path.replaceFullPath ?? '/';
        else if (rr.path?.type === 'ReplacePrefixMatch')
          path = replacePathPrefix(req.path, matchedPrefix, rr.path.replacePrefixMatch ?? '');
        const scheme = rr.scheme ?? req.scheme;
        // Istio: no port and no scheme → the request's port; a scheme alone → its well-known port.
        const port = rr.port ?? (rr.scheme ? undefined : req.port);
        return {
          kind: 'redirect',
          status: rr.statusCode ?? 302,
          location: location(scheme, rr.hostname ?? req.host, port, path + queryText(req)),
        };
      }
      const { backends, allZero } = weighted(rule.backendRefs ?? [], route, mesh);
      if (allZero) return { kind: 'direct', status: 500 };
      let path = req.path;
      let host = req.host;
      const rewrite = filters.find((f) => f.type === 'URLRewrite');
      if (rewrite && rewrite.type === 'URLRewrite') {
        const u = rewrite.urlRewrite;
        if (u.hostname) host = u.hostname;
        if (u.path?.type === 'ReplaceFullPath') path = u.path.replaceFullPath ?? '/';
        else if (u.path?.type === 'ReplacePrefixMatch')
          path = replacePathPrefix(req.path, matchedPrefix, u.path.replacePrefixMatch ?? '');
      }
      const out: ForwardOutcome = {
        kind: 'forward',
        backends,
        upstreamPath: path + queryText(req),
        upstreamHost: host,
        requestHeaders: headerFilterText(filters, 'RequestHeaderModifier'),
        responseHeaders: headerFilterText(filters, 'ResponseHeaderModifier'),
        retry: '2/-',
      };
      const reqT = durationMs(rule.timeouts?.request);
      const backT = durationMs(rule.timeouts?.backendRequest);
      if (reqT) out.timeoutMs = reqT;
      if (rule.retry) {
        const a = rule.retry.attempts ?? 2;
        out.retry = a === 0 ? 'none' : `${a}/${backT || '-'}`;
      } else if (backT) out.timeoutMs = backT; // without retry, backendRequest replaces the request timeout (Istio convertHTTPRoute)
      const mirrors = filters.flatMap((f) => {
        if (f.type !== 'RequestMirror') return [];
        const m = f.requestMirror;
        const pct =
          m.percent ??
          (m.fraction ? (m.fraction.numerator * 100) / (m.fraction.denominator ?? 100) : 100);
        return [`${mirrorId(m.backendRef, route, mesh)} ${pct}%`];
      });
      if (mirrors.length) out.mirrors = mirrors.sort();
      const cors = filters.find((f) => f.type === 'CORS');
      if (cors && cors.type === 'CORS') {
        const c = cors.cors as {
          allowOrigins?: string[];
          allowMethods?: string[];
          allowHeaders?: string[];
          exposeHeaders?: string[];
          allowCredentials?: boolean;
        };
        out.corsOrigins = gatewayOrigins(c.allowOrigins ?? [], options.corsOriginWildcards ?? true);
        out.cors = corsText(c.allowMethods, c.allowHeaders, c.exposeHeaders, c.allowCredentials);
      }
      return out;
    };

  /** One RouteEntry per (rule, match), in rule then match order. */
  const compileRoute = (r: AnyRoute, mesh: boolean): RouteEntry[] => {
    const out: RouteEntry[] = [];
    const rules = (r.spec.rules ?? []) as HTTPRouteRule[];
    rules.forEach((rule, i) => {
      const via: RouteRef = {
        kind: r.kind,
        namespace: ns(r),
        name: r.metadata.name,
        path: `spec.rules[${i}]`,
      };
      const act = httpAction(r, rule, mesh);
      const matches: CompiledMatch[] =
        r.kind === 'GRPCRoute'
          ? ((rule as { matches?: GrpcMatch[] }).matches ?? [{}]).map(compileGrpcRouteMatch)
          : (rule.matches && rule.matches.length ? rule.matches : [{}]).map(compileHttpRouteMatch);
      for (const m of matches) out.push({ matches: [m], act, via });
    });
    return out;
  };

  const sortEntries = (entries: RouteEntry[]): RouteEntry[] =>
    entries
      .map((e, i) => [e, i] as const)
      .sort(([a, ia], [b, ib]) => comparePrecedence(a.matches[0], b.matches[0]) || ia - ib)
      .map(([e]) => e);

  return { compileRoute, sortEntries, weighted };
}

export function gatewayApiRouter(
  objects: readonly K8sObject[],
  options: GatewayApiRouterOptions = {},
): Router {
  const gateways = objects.filter(
    (o): o is Gateway => o.kind === 'Gateway' && o.apiVersion.startsWith(GW_GROUP),
  );
  const routes = objects
    .filter(
      (o) =>
        o.apiVersion.startsWith(GW_GROUP) &&
        ['HTTPRoute', 'GRPCRoute', 'TLSRoute', 'TCPRoute'].includes(o.kind),
    )
    .sort(byNamespaceName) as AnyRoute[];
  const nsLabels =
    options.namespaceLabels ?? ((n: string) => ({ 'kubernetes.io/metadata.name': n }));
  const { compileRoute, sortEntries, weighted } = routeCompiler(objects, options);

  // Lookups instead of scans (the first of equals wins, as `find` would have it).
  const gatewayByKey = new Map<string, Gateway>();
  const gatewayByName = new Map<string, Gateway>();
  for (const g of gateways) {
    const k = `${ns(g)}/${g.metadata.name}`;
    if (!gatewayByKey.has(k)) gatewayByKey.set(k, g);
    if (!gatewayByName.has(g.metadata.name)) gatewayByName.set(g.metadata.name, g);
  }
  // Gateways bound to one existing Service (reuse: `addresses` naming it) run on the same pods,
  // which Istio serves as one proxy, as it merges classic Gateways (pilot/pkg/model/gateway.go
  // mergeGateways): oldest first, then name, then namespace.
  const addressOf = (g: Gateway): string =>
    (g.spec.addresses ?? [])
      .filter((a) => a.type === 'Hostname')
      .map((a) => a.value)
      .sort()
      .join(',');
  const onAddress = new Map<string, Gateway[]>();
  for (const g of gatewayByKey.values()) {
    const a = addressOf(g);
    if (a) onAddress.set(a, [...(onAddress.get(a) ?? []), g]);
  }
  for (const l of onAddress.values())
    l.sort((a, b) => cmp(a.metadata.name, b.metadata.name) || cmp(ns(a), ns(b)));
  const peersOf = (g: Gateway): Gateway[] => {
    const a = addressOf(g);
    return (a && onAddress.get(a)) || [g];
  };
  /** Routes (in `routes` order) with a Gateway parentRef of that name: the only ones `attached` can accept. */
  const routesByGateway = new Map<string, AnyRoute[]>();
  for (const r of routes) {
    for (const n of new Set((r.spec.parentRefs ?? []).filter(isGatewayParent).map((p) => p.name))) {
      const l = routesByGateway.get(n);
      if (l) l.push(r);
      else routesByGateway.set(n, [r]);
    }
  }
  const gatewayFor = (namespace: string, name: string): Gateway | undefined => {
    const mapped = options.gatewayFor?.(namespace, name);
    if (mapped) return gatewayByKey.get(`${mapped.namespace}/${mapped.name}`);
    return gatewayByKey.get(`${namespace}/${name}`) ?? gatewayByName.get(name);
  };

  const attached = (r: AnyRoute, gw: Gateway, l: Listener): boolean => {
    const rns = ns(r);
    const refOk = (r.spec.parentRefs ?? []).some(
      (p) =>
        isGatewayParent(p) &&
        p.name === gw.metadata.name &&
        (p.namespace ?? rns) === ns(gw) &&
        (!p.sectionName || p.sectionName === l.name) &&
        (p.port === undefined || p.port === l.port),
    );
    if (!refOk) return false;
    const from = l.allowedRoutes?.namespaces;
    const f = from?.from ?? 'Same';
    if (f === 'Same' && rns !== ns(gw)) return false;
    if (
      f === 'Selector' &&
      !(from && 'selector' in from && selectorMatches(from.selector, nsLabels(rns)))
    )
      return false;
    const kinds = l.allowedRoutes?.kinds?.map((k) => k.kind) ?? defaultKinds(l);
    if (!kinds.includes(r.kind)) return false;
    const hostnames = r.spec.hostnames ?? [];
    if (hostnames.length && l.hostname && !hostnames.some((h) => intersectHosts(h, l.hostname!)))
      return false;
    return true;
  };

  /** A backendRef as the classic model names it, or a reason it answers 500. */

  /** A Gateway on an existing Service (`addresses: Hostname <svc>.<ns>.svc…`) answers only on its ports. */
  const reachable = (gw: Gateway, port: number): boolean => {
    for (const a of gw.spec.addresses ?? []) {
      const m = a.type === 'Hostname' ? /^([^.]+)\.([^.]+)\.svc\./.exec(a.value) : null;
      const ports = m ? options.servicePorts?.(m[2]!, m[1]!) : undefined;
      if (ports && !ports.includes(port)) return false;
    }
    return true;
  };

  const tables = new Map<string, VirtualHost[]>();
  const httpTable = (gw: Gateway, listeners: Listener[]): VirtualHost[] => {
    const vhosts: VirtualHost[] = [];
    // Istio builds one route set per listener + route hostname (merge key), sorted as a whole.
    const byKey = new Map<string, { domain: string; hostname: string; entries: RouteEntry[] }>();
    for (const l of listeners) {
      for (const r of routesByGateway.get(gw.metadata.name) ?? []) {
        if (r.kind !== 'HTTPRoute' && r.kind !== 'GRPCRoute') continue;
        if (!attached(r, gw, l)) continue;
        const hostnames = r.spec.hostnames?.length ? r.spec.hostnames : ['*'];
        for (const h of hostnames) {
          const domain = intersectHosts(l.hostname ?? '*', h);
          if (!domain) continue;
          const key = `${l.name}/${h}`;
          const slot = byKey.get(key) ?? { domain, hostname: h, entries: [] };
          slot.entries.push(...compileRoute(r, false));
          byKey.set(key, slot);
        }
      }
    }
    // Route sets that land on one domain are combined, the more specific route hostname first.
    const slots = [...byKey.values()].sort(
      (a, b) => specificity(b.hostname) - specificity(a.hostname),
    );
    for (const s of slots) addRoutes(vhosts, s.domain, sortEntries(s.entries));
    return vhosts;
  };

  /** An HTTP request on pods that serve several Gateways: their listeners as one proxy's. */
  const routeSharedHttp = (req: HttpRequest, peers: Gateway[]): Outcome => {
    const pairs = peers
      .filter((g) => reachable(g, req.port))
      .flatMap((g) => g.spec.listeners.filter((l) => l.port === req.port).map((l) => ({ g, l })));
    if (pairs.length === 0) return { kind: 'no-listener' };
    let chosen = pairs.filter((p) => listenerFamily(p.l) === req.scheme);
    if (chosen.length === 0) return { kind: 'no-listener' };
    if (req.scheme === 'https') {
      // One filter chain per hostname; the first Gateway's wins (pilot CheckDuplicates).
      const d = pickDomain(
        chosen.map((p) => p.l.hostname ?? '*'),
        req.host,
      );
      if (d === undefined || !hostMatches(d, req.host)) return { kind: 'no-listener' };
      const first = chosen.find((p) => (p.l.hostname ?? '*') === d)!;
      chosen = [first];
    }
    const key = `shared:${req.port}:${chosen.map((p) => `${ns(p.g)}/${p.g.metadata.name}/${p.l.name}`).join(',')}`;
    let table = tables.get(key);
    if (!table) {
      table = [];
      for (const g of peers) {
        const ls = chosen.filter((p) => p.g === g).map((p) => p.l);
        if (ls.length === 0) continue;
        for (const v of httpTable(g, ls)) addRoutes(table, v.domain, v.routes, v.requireTls);
      }
      tables.set(key, table);
    }
    lastTable = table;
    const cert =
      req.scheme === 'https' ? listenerClientCert(chosen[0]!.g, chosen[0]!.l) : undefined;
    return withClientCert(routeThroughHosts(table, req), cert);
  };

  const routeGateway = (req: Request, gw: Gateway): Outcome => {
    const peers = peersOf(gw);
    if (peers.length > 1 && req.protocol === 'http') return routeSharedHttp(req, peers);
    if (!reachable(gw, req.port)) return { kind: 'no-listener' };
    const onPort = gw.spec.listeners.filter((l) => l.port === req.port);
    if (onPort.length === 0) return { kind: 'no-listener' };
    const want: Family = req.protocol === 'http' ? req.scheme : req.protocol;
    let listeners = onPort.filter((l) => listenerFamily(l) === want);
    if (listeners.length === 0) return { kind: 'no-listener' };
    if (want === 'https' || want === 'tls') {
      const sni = req.protocol === 'http' ? req.host : (req.sni ?? '');
      const d = pickDomain(
        listeners.map((l) => l.hostname ?? '*'),
        sni,
      );
      if (d === undefined || !hostMatches(d, sni)) return { kind: 'no-listener' };
      listeners = want === 'https' ? listeners.filter((l) => (l.hostname ?? '*') === d) : listeners;
    }
    if (req.protocol === 'http') {
      const key = `${ns(gw)}/${gw.metadata.name}:${listeners.map((l) => l.name).join(',')}`;
      let table = tables.get(key);
      if (!table) tables.set(key, (table = httpTable(gw, listeners)));
      lastTable = table;
      const cert = want === 'https' ? listenerClientCert(gw, listeners[0]!) : undefined;
      return withClientCert(routeThroughHosts(table, req), cert);
    }
    return routeStream(req, gw, listeners);
  };
  let lastTable: VirtualHost[] = [];

  const routeStream = (req: StreamRequest, gw: Gateway, listeners: Listener[]): Outcome => {
    const kind = req.protocol === 'tls' ? 'TLSRoute' : 'TCPRoute';
    let best: { r: AnyRoute; score: number } | undefined;
    for (const l of listeners) {
      if (req.protocol === 'tls' && !hostMatches(l.hostname ?? '*', req.sni ?? '')) continue;
      for (const r of routesByGateway.get(gw.metadata.name) ?? []) {
        if (r.kind !== kind || !attached(r, gw, l)) continue;
        let score = 0;
        if (req.protocol === 'tls') {
          const hs = r.spec.hostnames?.length ? r.spec.hostnames : [l.hostname ?? '*'];
          const hit = hs.filter((h) => hostMatches(h, req.sni ?? ''));
          if (!hit.length) continue;
          score = Math.max(...hit.map(specificity));
        }
        if (!best || score > best.score) best = { r, score };
      }
    }
    if (!best) return { kind: 'no-route' };
    const rule = ((best.r.spec.rules ?? []) as { backendRefs?: BackendRef[] }[])[0];
    const { backends, allZero } = weighted(rule?.backendRefs ?? [], best.r, false);
    const via: RouteRef = {
      kind: best.r.kind,
      namespace: ns(best.r),
      name: best.r.metadata.name,
      path: 'spec.rules[0]',
    };
    if (allZero) return { kind: 'no-route', via };
    return { kind: 'forward', backends, via };
  };

  const meshTables = new Map<string, VirtualHost[]>();
  const meshParentHost = (p: ParentReference, r: AnyRoute): string[] => {
    if (isServiceParent(p)) return [`${p.name}.${p.namespace ?? ns(r)}.${DOMAIN}`];
    if (isServiceEntryParent(p))
      return options.serviceEntryHosts?.(p.namespace ?? ns(r), p.name) ?? [];
    return [];
  };
  // HTTPRoutes by the hosts of their Service and ServiceEntry parents, in `routes` order.
  let meshRoutes: HostPatternIndex<AnyRoute> | undefined;
  const meshRoutesFor = (host: string): AnyRoute[] => {
    if (!meshRoutes) {
      meshRoutes = new HostPatternIndex<AnyRoute>();
      for (const r of routes)
        if (r.kind === 'HTTPRoute')
          for (const p of r.spec.parentRefs ?? [])
            for (const h of meshParentHost(p, r)) meshRoutes.add(h, r);
    }
    return meshRoutes.lookup(host);
  };
  const chosenRoutes = new Map<string, AnyRoute[]>();
  // A VirtualService of the output that claims the host and comes first serves the request.
  const classicMesh = (req: HttpRequest, host: string): ClassicRouter | undefined => {
    const classic = options.meshVirtualServices;
    const vs = classic?.meshClaimants(req, host)[0];
    if (!classic || !vs) return undefined;
    routeMesh(req, host);
    const routes = chosenRoutes.get(`${req.source.namespace}|${host}|${req.port}`) ?? [];
    return virtualServiceFirst(
      vs,
      routes.map((r) => ns(r)),
      req.source.namespace,
      host,
    )
      ? classic
      : undefined;
  };
  const routeMesh = (req: HttpRequest, host: string): Outcome => {
    const key = `${req.source.namespace}|${host}|${req.port}`;
    let table = meshTables.get(key);
    if (!table) {
      const bound = (r: AnyRoute) =>
        r.kind === 'HTTPRoute' &&
        (r.spec.parentRefs ?? []).some(
          (p) =>
            meshParentHost(p, r).some((h) => hostMatches(h, host)) &&
            (p.port === undefined || p.port === req.port),
        );
      const candidates = meshRoutesFor(host).filter(bound);
      // A consumer route (in the client's namespace) wins over the producer route (the Service's namespace); others do not apply (GEP-1294).
      const svcNs = host.endsWith(`.${DOMAIN}`) ? host.split('.')[1] : undefined;
      const consumer = candidates.filter((r) => ns(r) === req.source.namespace && ns(r) !== svcNs);
      const producer = candidates.filter((r) => ns(r) === svcNs || (svcNs === undefined && true));
      const chosen = consumer.length ? consumer : producer;
      chosenRoutes.set(key, chosen);
      table = [];
      if (chosen.length)
        addRoutes(table, host, sortEntries(chosen.flatMap((r) => compileRoute(r, true))));
      meshTables.set(key, table);
    }
    lastTable = table;
    if (table.length === 0) return meshDefault(req, host);
    return routeThroughHosts(table, { ...req, host });
  };

  return {
    candidates(req: Request): RouteRef[] {
      if (req.protocol !== 'http') return [];
      if (req.entry.kind === 'mesh') {
        const classic = classicMesh(req, req.entry.host);
        if (classic) return classic.candidates(req);
      }
      lastTable = [];
      this.route(req);
      return matchingRoutes(
        lastTable,
        req.entry.kind === 'mesh' ? { ...req, host: req.entry.host } : req,
      );
    },
    route(req: Request): Outcome {
      if (req.entry.kind === 'mesh') {
        if (req.protocol !== 'http') return { kind: 'unmodelled', reason: 'mesh TLS/TCP routing' };
        return classicMesh(req, req.entry.host)?.route(req) ?? routeMesh(req, req.entry.host);
      }
      const gw = gatewayFor(req.entry.namespace, req.entry.name);
      if (!gw) return { kind: 'no-listener' };
      return routeGateway(req, gw);
    },
  };
}

/**
 * The client certificate a terminating listener asks for: Istio's option
 * `gateway.istio.io/tls-terminate-mode` (conversion.go buildTLS), else the Gateway's
 * `spec.tls.frontend` validation for the listener's port.
 */
function listenerClientCert(gw: Gateway, l: Listener): ClientCert | undefined {
  const option = clientCertOf(l.tls?.options?.['gateway.istio.io/tls-terminate-mode']);
  if (option) return option;
  const fe = (gw.spec as { tls?: { frontend?: Frontend } }).tls?.frontend;
  if (!fe) return undefined;
  const v = fe.perPort?.find((p) => p.port === l.port)?.tls.validation ?? fe.default?.validation;
  if (!v?.caCertificateRefs?.length) return undefined;
  return v.mode === 'AllowInsecureFallback' ? 'optional' : 'required';
}

interface FrontendValidation {
  caCertificateRefs?: unknown[];
  mode?: string;
}
interface Frontend {
  default?: { validation?: FrontendValidation };
  perPort?: { port: number; tls: { validation?: FrontendValidation } }[];
}

/** Gateway API hostname precedence: more characters in a non-wildcard name first, then in any name. */
function specificity(h: string): number {
  if (h === '*') return 0;
  return h.startsWith('*') ? h.length : 1000 + h.length;
}

function headerFilterText(
  filters: HTTPRouteFilter[],
  type: 'RequestHeaderModifier' | 'ResponseHeaderModifier',
): string {
  const f = filters.find((x) => x.type === type);
  if (!f) return '';
  const h =
    f.type === 'RequestHeaderModifier'
      ? f.requestHeaderModifier
      : f.type === 'ResponseHeaderModifier'
        ? f.responseHeaderModifier
        : undefined;
  if (!h) return '';
  return headerOpsText({
    set: (h.set ?? []).map((x) => [x.name, x.value]),
    add: (h.add ?? []).map((x) => [x.name, x.value]),
    remove: h.remove,
  });
}

function filterHeaders(filters: HTTPRouteFilter[]): string {
  return backendHeadersText(
    headerFilterText(filters, 'RequestHeaderModifier'),
    headerFilterText(filters, 'ResponseHeaderModifier'),
  );
}
