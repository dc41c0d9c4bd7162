import type {
  HTTPHeaderMatch,
  HTTPPathMatch,
  HTTPRouteMatch,
  HTTPRouteRule,
} from '../../gateway-api/types.js';
import type { FieldPath } from '../../model/resources.js';
import { formatPath } from '../../model/resources.js';
import type { GrantNeed } from '../reference-grants.js';
import { type HttpScope, hostnamesIntersect, raise } from './scope.js';
import { compileRegex, regexFullMatch } from '../../routing/match.js';
import { regexSamples } from '../../routing/regex-samples.js';

/** A Gateway API rule and the Istio rule it came from. */
export interface OrderedRule {
  rule: HTTPRouteRule;
  /** Index of the Istio rule in `http[]`. */
  source: number;
  at: FieldPath;
  grants: readonly GrantNeed[];
}

export interface OrderedRoute {
  name: string;
  hostnames: readonly string[];
  rules: readonly OrderedRule[];
}

interface Entry {
  route: OrderedRoute;
  routeIndex: number;
  rule: OrderedRule;
  match: HTTPRouteMatch;
}

const DEFAULT_PATH: HTTPPathMatch = { type: 'PathPrefix', value: '/' };

/**
 * Trap 2: Istio tries `http[]` in written order; Gateway API (as Istio implements it, conversion.go
 * sortHTTPRoutes) orders matches by host specificity, then Exact > PathPrefix (longer first) >
 * RegularExpression, then method, more headers, more query params, then route age/name and rule
 * order. Every pair where a later Istio rule now wins over an earlier overlapping one is reported
 * with one concrete request that changes destination.
 */
export function checkOrder(scope: HttpScope, routes: readonly OrderedRoute[]): void {
  for (const c of orderCandidates(routes)) {
    const desc = describe(c.request, c.host);
    raise(
      scope,
      'order-changed',
      c.later.at,
      `${formatPath(c.later.at)} now takes precedence over the earlier ${formatPath(c.earlier.at)} (${c.why}): ${desc} went to ${formatPath(c.earlier.at)} under the VirtualService and now goes to ${formatPath(c.later.at)}`,
      'Make the earlier rule more specific (Exact path, longer prefix, more header or query matches), or narrow the later one so they no longer overlap.',
    );
  }
}

/** A pair of overlapping rules where the later one now ranks first, with one request both match. */
export interface OrderCandidate {
  earlier: OrderedRule;
  later: OrderedRule;
  request: SampleRequest;
  /** `*` when both routes take any host. */
  host: string;
  why: string;
}

/** Every pair (once) where a later Istio rule ranks above an earlier overlapping one, with a request both match. */
export function orderCandidates(routes: readonly OrderedRoute[]): OrderCandidate[] {
  const entries: Entry[] = [];
  routes.forEach((route, routeIndex) => {
    for (const rule of route.rules) {
      const ms = rule.rule.matches?.length ? rule.rule.matches : [{}];
      for (const match of ms) entries.push({ route, routeIndex, rule, match });
    }
  });
  const reported = new Set<string>();
  const out: OrderCandidate[] = [];
  for (let x = 0; x < entries.length; x++) {
    for (let y = 0; y < entries.length; y++) {
      const a = entries[x]!;
      const b = entries[y]!;
      if (b.rule.source <= a.rule.source) continue;
      const pairKey = `${a.rule.source}/${b.rule.source}`;
      if (reported.has(pairKey)) continue;
      const host = sampleHost(a.route.hostnames, b.route.hostnames);
      if (host === undefined) continue;
      const req = sampleRequest(a.match, b.match);
      if (!req) continue;
      const why = laterWins(a, b, host);
      if (!why) continue;
      reported.add(pairKey);
      out.push({ earlier: a.rule, later: b.rule, request: req, host, why });
    }
  }
  return out;
}

export interface SampleRequest {
  path: string;
  method?: string;
  headers: [string, string][];
  query: [string, string][];
}

export function describe(r: SampleRequest, host: string): string {
  const q = r.query.length ? `?${r.query.map(([k, v]) => `${k}=${v}`).join('&')}` : '';
  const h = r.headers.length
    ? ` with ${r.headers.map(([k, v]) => `'${k}: ${v}'`).join(' and ')}`
    : '';
  return `${r.method ?? 'GET'} ${r.path}${q}${host === '*' ? '' : ` (Host: ${host})`}${h}`;
}

/** A host both routes serve, or undefined. `*` when both take any host. */
function sampleHost(a: readonly string[], b: readonly string[]): string | undefined {
  if (!a.length && !b.length) return '*';
  const concrete = (h: string): string => (h.startsWith('*.') ? `a${h.slice(1)}` : h);
  if (!a.length) return concrete(b[0]!);
  if (!b.length) return concrete(a[0]!);
  for (const ha of a)
    for (const hb of b) {
      if (!hostnamesIntersect(ha, hb)) continue;
      const ca = concrete(ha);
      const cb = concrete(hb);
      return ca.length >= cb.length ? ca : cb;
    }
  return undefined;
}

/** How specific the route's best hostname for `host` is: exact beats longer wildcard beats any. */
function hostRank(hostnames: readonly string[], host: string): number {
  if (!hostnames.length || host === '*') return 0;
  let best = 0;
  for (const h of hostnames) {
    if (h === host) return 100_000;
    if (h.startsWith('*.') && host.endsWith(h.slice(1))) best = Math.max(best, h.length);
  }
  return best;
}

function pathRank(p: HTTPPathMatch): [number, number] {
  if (p.type === 'Exact') return [3, p.value.length];
  if (p.type === 'PathPrefix') return [2, p.value === '/' ? 1 : p.value.replace(/\/$/, '').length];
  return [1, p.value.length];
}

/** Why b (later in Istio) now wins over a, or undefined when a still wins. */
function laterWins(a: Entry, b: Entry, host: string): string | undefined {
  const ha = hostRank(a.route.hostnames, host);
  const hb = hostRank(b.route.hostnames, host);
  if (hb !== ha)
    return hb > ha ? `route ${b.route.name} has a more specific hostname for ${host}` : undefined;
  const pa = a.match.path ?? DEFAULT_PATH;
  const pb = b.match.path ?? DEFAULT_PATH;
  const [ra, la] = pathRank(pa);
  const [rb, lb] = pathRank(pb);
  if (ra !== rb) return rb > ra ? `${pb.type} ranks above ${pa.type}` : undefined;
  if (la !== lb)
    return lb > la ? `the longer ${pb.type} '${pb.value}' ranks above '${pa.value}'` : undefined;
  if (!!a.match.method !== !!b.match.method)
    return b.match.method ? 'a method match ranks above none' : undefined;
  const hca = a.match.headers?.length ?? 0;
  const hcb = b.match.headers?.length ?? 0;
  if (hca !== hcb) return hcb > hca ? `${hcb} header matches rank above ${hca}` : undefined;
  const qa = a.match.queryParams?.length ?? 0;
  const qb = b.match.queryParams?.length ?? 0;
  if (qa !== qb) return qb > qa ? `${qb} query parameter matches rank above ${qa}` : undefined;
  if (a.routeIndex !== b.routeIndex)
    return b.route.name < a.route.name
      ? `equal precedence is decided by route age, then name: ${b.route.name} sorts before ${a.route.name}`
      : undefined;
  return undefined;
}

/** RE2 full match, as Envoy matches (the same matcher verify uses). */
function regexOf(value: string): { test(s: string): boolean } | undefined {
  const ignoreCase = value.startsWith('(?i)');
  const v = ignoreCase ? value.slice(4) : value;
  return compileRegex(v, ignoreCase)
    ? { test: (s: string) => regexFullMatch(v, s, ignoreCase) }
    : undefined;
}

function pathMatches(p: HTTPPathMatch, path: string): boolean | undefined {
  if (p.type === 'Exact') return p.value === path;
  if (p.type === 'PathPrefix') {
    if (p.value === '/') return true;
    const t = p.value.replace(/\/$/, '');
    return path === t || path.startsWith(`${t}/`);
  }
  const re = regexOf(p.value);
  return re ? re.test(path) : undefined;
}

/** A literal the regex starts with (`/api/.*` → `/api/`), for sample paths. */
function regexLiteral(value: string): string {
  const m = /^(?:\(\?i\))?\^?((?:[^\\.+*?()|[\]{}^$]|\\.)*)/.exec(value);
  return (m?.[1] ?? '').replace(/\\(.)/g, '$1');
}

function pathCandidates(p: HTTPPathMatch): string[] {
  if (p.type === 'Exact') return [p.value];
  if (p.type === 'PathPrefix') {
    const t = p.value.replace(/\/$/, '');
    return [t || '/', `${t}/x`];
  }
  const lit = regexLiteral(p.value);
  const ignoreCase = p.value.startsWith('(?i)');
  // Strings the regex really matches: a literal head alone misses `/[ab]+` and the like.
  const samples = regexSamples(ignoreCase ? p.value.slice(4) : p.value, 3, ignoreCase);
  return [...(lit ? [lit, `${lit}x`, `${lit.replace(/\/$/, '')}/x`] : ['/', '/x']), ...samples];
}

function valueFor(conds: { type?: string; value: string }[]): string | undefined {
  const candidates = new Set<string>();
  for (const c of conds) {
    if ((c.type ?? 'Exact') === 'Exact') candidates.add(c.value);
  }
  for (const c of conds) {
    if ((c.type ?? 'Exact') === 'Exact') continue;
    const lit = regexLiteral(c.value.replace(/^\^/, ''));
    if (lit) candidates.add(lit);
    candidates.add(`${lit}x`);
  }
  for (const v of candidates) {
    if (
      conds.every((c) =>
        (c.type ?? 'Exact') === 'Exact' ? c.value === v : regexOf(c.value)?.test(v) === true,
      )
    )
      return v;
  }
  return undefined;
}

function mergeKV(
  a: HTTPHeaderMatch[] | undefined,
  b: HTTPHeaderMatch[] | undefined,
  fold: boolean,
): [string, string][] | undefined {
  const byName = new Map<string, { name: string; conds: { type?: string; value: string }[] }>();
  for (const m of [...(a ?? []), ...(b ?? [])]) {
    const k = fold ? m.name.toLowerCase() : m.name;
    const e = byName.get(k) ?? { name: m.name, conds: [] };
    e.conds.push(m);
    byName.set(k, e);
  }
  const out: [string, string][] = [];
  for (const { name, conds } of byName.values()) {
    const v = valueFor(conds);
    if (v === undefined) return undefined;
    out.push([name, v]);
  }
  return out;
}

/** One request both matches select, or undefined when they are disjoint (or it cannot be told). */
function sampleRequest(a: HTTPRouteMatch, b: HTTPRouteMatch): SampleRequest | undefined {
  if (a.method && b.method && a.method !== b.method) return undefined;
  const pa = a.path ?? DEFAULT_PATH;
  const pb = b.path ?? DEFAULT_PATH;
  const path = [...pathCandidates(pb), ...pathCandidates(pa)].find(
    (c) => pathMatches(pa, c) === true && pathMatches(pb, c) === true,
  );
  if (path === undefined) return undefined;
  const headers = mergeKV(a.headers, b.headers, true);
  const query = mergeKV(a.queryParams, b.queryParams, false);
  if (!headers || !query) return undefined;
  const r: SampleRequest = { path, headers, query };
  const method = a.method ?? b.method;
  if (method) r.method = method;
  return r;
}
