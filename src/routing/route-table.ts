// The routing table both models compile to: virtual hosts (one per domain) holding an ordered
// route list, evaluated first-match as Envoy does. The models differ only in how they build it:
// classic keeps the VirtualService's written order, Gateway API sorts by precedence.
import type { HttpRequest, Outcome, RouteRef } from './request.js';
import {
  hostMatches,
  matchPath,
  matchString,
  pickDomain,
  type PathMatcher,
  type StringMatcher,
} from './match.js';

export interface HeaderCondition {
  name: string;
  matcher: StringMatcher;
  /** Istio `withoutHeaders`: the request matches when the header does NOT match (or is absent). */
  invert?: boolean;
}

/** One match: every condition must hold (AND). */
export interface CompiledMatch {
  path?: PathMatcher;
  headers: HeaderCondition[];
  query: { name: string; matcher: StringMatcher }[];
  method?: StringMatcher;
  authority?: StringMatcher;
  scheme?: StringMatcher;
  port?: number;
  sourceLabels?: Record<string, string>;
  sourceNamespace?: string;
}

/** One route: its matches (OR; none = every request) and what it does with a matched request. */
export interface RouteEntry {
  matches: CompiledMatch[];
  act(req: HttpRequest, matched: CompiledMatch | undefined): Outcome;
  via: RouteRef;
  /** Index of the rule in the `http[]` it was compiled from (a root's with delegates merged in). */
  rule?: number;
}

export interface VirtualHost {
  domain: string;
  routes: RouteEntry[];
  /** Istio `tls.httpsRedirect`: every request gets a 301 to https. */
  requireTls?: boolean;
}

/**
 * Whether `m` holds for `req`. `loose` also accepts a string prefix under element-wise semantics
 * and vice versa: used to find the rules a changed request concerns, never to route.
 */
export function matchesRequest(m: CompiledMatch, req: HttpRequest, loose = false): boolean {
  if (m.port !== undefined && m.port !== req.port) return false;
  if (m.path && !matchPath(m.path, req.path)) {
    if (!loose || (m.path.type !== 'prefix' && m.path.type !== 'path-prefix')) return false;
    const other: PathMatcher =
      m.path.type === 'prefix'
        ? { type: 'path-prefix', value: m.path.value }
        : { type: 'prefix', value: m.path.value };
    if (!matchPath(other, req.path)) return false;
  }
  if (m.method && !matchString(m.method, req.method)) return false;
  if (m.scheme && !matchString(m.scheme, req.scheme)) return false;
  if (m.authority && !matchString(m.authority, req.host)) return false;
  for (const h of m.headers) {
    const ok = matchString(h.matcher, req.headers[h.name.toLowerCase()]);
    if (ok === Boolean(h.invert)) return false;
  }
  for (const q of m.query) if (!matchString(q.matcher, req.query[q.name])) return false;
  if (m.sourceNamespace !== undefined && m.sourceNamespace !== req.source.namespace) return false;
  if (m.sourceLabels)
    for (const [k, v] of Object.entries(m.sourceLabels))
      if (req.source.labels[k] !== v) return false;
  return true;
}

/** First route (in order) with a match that holds; the match that held. */
export function firstMatch(
  routes: readonly RouteEntry[],
  req: HttpRequest,
): { route: RouteEntry; match: CompiledMatch | undefined } | undefined {
  for (const route of routes) {
    if (route.matches.length === 0) return { route, match: undefined };
    for (const m of route.matches) if (matchesRequest(m, req)) return { route, match: m };
  }
  return undefined;
}

/** Domain lookup of one table: exact names and wildcard suffixes (lower case) to their first virtual host. */
interface DomainIndex {
  size: number;
  exact: Map<string, VirtualHost>;
  wildcard: Map<string, VirtualHost>;
  star: VirtualHost | undefined;
}
const domainIndexes = new WeakMap<readonly VirtualHost[], DomainIndex>();

/**
 * The virtual host `host` lands on: `vhosts.find((v) => v.domain === pickDomain(domains, host))`,
 * answered by lookups (tables grow only by `push`, so the index is rebuilt when the size changed).
 */
export function virtualHostFor(
  vhosts: readonly VirtualHost[],
  host: string,
): VirtualHost | undefined {
  if (vhosts.length < 8) {
    const domain = pickDomain(
      vhosts.map((v) => v.domain),
      host,
    );
    return domain === undefined ? undefined : vhosts.find((v) => v.domain === domain);
  }
  let ix = domainIndexes.get(vhosts);
  if (!ix || ix.size !== vhosts.length) {
    ix = { size: vhosts.length, exact: new Map(), wildcard: new Map(), star: undefined };
    for (const v of vhosts) {
      const d = v.domain.toLowerCase();
      // The first of a domain wins, as pickDomain (strictly better scores only) and `find` have it.
      if (d === '*') ix.star ??= v;
      else if (d.startsWith('*')) {
        if (!ix.wildcard.has(d)) ix.wildcard.set(d, v);
      } else if (!ix.exact.has(d)) ix.exact.set(d, v);
    }
    domainIndexes.set(vhosts, ix);
  }
  const h = host.toLowerCase();
  const exact = ix.exact.get(h);
  if (exact) return exact;
  // The longest matching wildcard: the longest suffix of the host that a `*…` domain names.
  for (let i = 0; i < h.length; i++) {
    const d = `*${h.slice(i)}`;
    const v = ix.wildcard.get(d);
    if (v && hostMatches(d, h)) return v;
  }
  return ix.star;
}

/** Routes an HTTP request through a table of virtual hosts (one port of one listener set). */
export function routeThroughHosts(vhosts: readonly VirtualHost[], req: HttpRequest): Outcome {
  const vhost = virtualHostFor(vhosts, req.host);
  if (!vhost) return { kind: 'no-route' };
  if (vhost.requireTls && req.scheme === 'http') {
    return {
      kind: 'redirect',
      status: 301,
      location: `https://${req.host}${req.path}${queryText(req)}`,
    };
  }
  const hit = firstMatch(vhost.routes, req);
  if (!hit) return { kind: 'no-route' };
  return { ...hit.route.act(req, hit.match), via: hit.route.via };
}

/** Every route of the virtual host `req` lands on that (loosely) matches it: the rules a change concerns. */
export function matchingRoutes(vhosts: readonly VirtualHost[], req: HttpRequest): RouteRef[] {
  const vhost = virtualHostFor(vhosts, req.host);
  if (!vhost) return [];
  const hit = vhost.routes
    .filter((r) => r.matches.length === 0 || r.matches.some((m) => matchesRequest(m, req, true)))
    .map((r) => r.via);
  if (hit.length) return hit;
  // No rule matches: the resources that own this virtual host are still involved, as a whole.
  const owners = new Map<string, RouteRef>();
  for (const r of vhost.routes)
    owners.set(`${r.via.kind}|${r.via.namespace}|${r.via.name}`, { ...r.via, path: '' });
  return [...owners.values()];
}

export function queryText(req: HttpRequest): string {
  const q = Object.entries(req.query);
  return q.length ? `?${q.map(([k, v]) => `${k}=${v}`).join('&')}` : '';
}

/** A catch-all route as Istio's CombineVHostRoutes sees it: prefix `/` (or none) with no header or query match. */
export function isCatchAll(r: RouteEntry): boolean {
  if (r.matches.length === 0) return true;
  return r.matches.some((m) => {
    const p = m.path;
    const slash = !p || ((p.type === 'prefix' || p.type === 'path-prefix') && p.value === '/');
    return (
      slash &&
      m.headers.length === 0 &&
      m.query.length === 0 &&
      !m.method &&
      !m.authority &&
      !m.scheme
    );
  });
}

/**
 * Merges the routes of several route sets that land on the same domain: concatenated in order,
 * catch-alls moved to the end (pilot/pkg/networking/core/route CombineVHostRoutes).
 */
export function combineRoutes(first: RouteEntry[], second: RouteEntry[]): RouteEntry[] {
  const all = [...first, ...second];
  return [...all.filter((r) => !isCatchAll(r)), ...all.filter(isCatchAll)];
}

/** Adds `routes` for `domain` to `vhosts`, merging with an existing virtual host of that domain. */
export function addRoutes(
  vhosts: VirtualHost[],
  domain: string,
  routes: RouteEntry[],
  requireTls = false,
): void {
  const existing = vhosts.find((v) => v.domain === domain);
  if (existing) existing.routes = combineRoutes(existing.routes, routes);
  else vhosts.push({ domain, routes: [...routes], requireTls });
}

/** Where `path` goes when `prefix` (as matched) is swapped for `replacement` as a plain string (Istio `rewrite.uri` on a prefix match). */
export function replaceStringPrefix(
  path: string,
  prefixLength: number,
  replacement: string,
): string {
  return replacement + path.slice(prefixLength);
}

/**
 * Gateway API ReplacePrefixMatch, element-wise (httproute_types.go HTTPPathModifier table):
 * `/foo/bar` with prefix `/foo` and `/xyz/` → `/xyz/bar`; `/foo` with `` → `/`.
 */
export function replacePathPrefix(path: string, prefix: string, replacement: string): string {
  const p = prefix.length > 1 ? prefix.replace(/\/+$/, '') : prefix;
  const rest = p === '/' ? path : path.slice(p.length);
  const repl = replacement.replace(/\/+$/, '');
  const out = repl + (rest.startsWith('/') || rest === '' ? rest : `/${rest}`);
  return out === '' ? '/' : out;
}

export function wellKnownPort(scheme: string): number {
  return scheme === 'https' ? 443 : 80;
}

export function location(
  scheme: string,
  host: string,
  port: number | undefined,
  path: string,
): string {
  const p = port === undefined || port === wellKnownPort(scheme) ? '' : `:${port}`;
  return `${scheme}://${host}${p}${path}`;
}

export { hostMatches };
