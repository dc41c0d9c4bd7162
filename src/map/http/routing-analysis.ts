// The routing analysis the conversion shares with `verify`: replay probe requests through the
// VirtualService's `http[]` (classic router, first match in written order) and through the
// converted rules (Gateway API router, Istio's precedence), and attribute every request that
// now goes elsewhere to its cause: the order (`order-changed`), or element-wise PathPrefix
// (`prefix-semantics`, paths that stop or start matching). The probes are verify's
// (src/routing/probes.ts), so a request named in a finding is one verify reports as changed.
import type { HTTPRoute, K8sObject } from '../../gateway-api/types.js';
import type { ConfigIndex } from '../../model/index.js';
import { resolveShortHost } from '../../model/index.js';
import type { FieldPath, VirtualService } from '../../model/resources.js';
import { compileIstioMatch, compileVirtualServiceHttp } from '../../routing/classic-router.js';
import { subsetBackendAlias } from '../../routing/subset-alias.js';
import { flattenDelegates } from '../../routing/delegation.js';
import {
  compileHttpRouteMatch,
  routeCompiler,
  type GatewayApiRouterOptions,
} from '../../routing/gateway-api-router.js';
import { hostMatches, matchPath, type PathMatcher } from '../../routing/match.js';
import { concreteHost, httpRequests } from '../../routing/probes.js';
import { type HttpRequest, type Outcome, outcomeDifferences } from '../../routing/request.js';
import {
  type CompiledMatch,
  firstMatch,
  matchesRequest,
  type RouteEntry,
} from '../../routing/route-table.js';
import { type OrderedRule, orderCandidates } from './order.js';
import { escapeRegex, fieldText, type HttpScope, raise, ruleText } from './scope.js';

/** Bound on probes per VirtualService binding: conversion stays linear-ish in the input. */
export const MAX_ANALYSIS_PROBES = 20_000;

/** An Istio `uri.prefix` written as PathPrefix (element-wise): the analysis decides whether it changes anything. */
export interface PrefixNote {
  prefix: string;
  /** `spec.http[i].match[j].uri.prefix` */
  path: FieldPath;
}

/** One route of the analysed output and the Istio rules its rules came from. */
export interface AnalysedRoute {
  route: HTTPRoute;
  rules: readonly OrderedRule[];
}

/** A request whose routing differs, and the rules that took it. */
export interface RoutingChange {
  request: HttpRequest;
  key: string;
  before: Outcome;
  after: Outcome;
  /** Istio rule index that took it (classic), if any. */
  istioRule?: number;
  /** Istio rule index whose converted rule takes it now, if any. */
  gatewayRule?: number;
  /** The converted match that took it now. */
  gatewayMatch?: CompiledMatch;
  gatewayRoute?: string;
  /** Does a converted rule of Istio rule `rule` still match this request? */
  gatewayMatched: (rule: number) => boolean;
}

export interface Binding {
  /** `ns/name` of a gateway, or `mesh`. */
  binding: string;
  mesh: boolean;
  routes: readonly AnalysedRoute[];
}

/** Backend ids of per-subset Services (`reviews-v1`) read as the classic subset (`reviews#v1`), as verify does. */
export function routerOptions(index: ConfigIndex): GatewayApiRouterOptions {
  return { backendAlias: subsetBackendAlias(index) };
}

/** The rule of the analysed `http[]` a classic entry was compiled from. */
const ruleOf = (e: RouteEntry): number | undefined => {
  if (e.rule !== undefined) return e.rule;
  const m = /^spec\.http\[(\d+)\]/.exec(e.via.path);
  return m ? Number(m[1]) : undefined;
};

/** The analysis of one binding: compiled tables and probe requests, reusable for several outputs. */
export class RoutingAnalysis {
  readonly classic: RouteEntry[];
  readonly host: string;
  private readonly istioMatches: CompiledMatch[];

  constructor(
    readonly vs: VirtualService,
    readonly index: ConfigIndex,
    readonly binding: string,
    readonly mesh: boolean,
  ) {
    this.classic = compileVirtualServiceHttp(index, vs, binding);
    this.istioMatches = (vs.spec.http ?? []).flatMap((r) => (r.match ?? []).map(compileIstioMatch));
    this.host = concreteHost(resolveShortHost(vs.spec.hosts?.[0] ?? '*', vs.namespace));
  }

  /** Compiled, precedence-sorted entries of `routes`, each with the Istio rule it came from. */
  table(routes: readonly AnalysedRoute[]): {
    entries: RouteEntry[];
    source: Map<RouteEntry, number>;
  } {
    const objects = routes.map((r) => r.route) as readonly K8sObject[];
    const compiler = routeCompiler(objects, routerOptions(this.index));
    const source = new Map<RouteEntry, number>();
    const all: RouteEntry[] = [];
    for (const r of routes) {
      for (const e of compiler.compileRoute(r.route, this.mesh)) {
        const k = Number(/\[(\d+)\]/.exec(e.via.path)?.[1]);
        const o = r.rules[k];
        if (o) source.set(e, o.source);
        all.push(e);
      }
    }
    return { entries: compiler.sortEntries(all), source };
  }

  /** Probe requests from the VirtualService's matches and those of `routes` (verify's generator). */
  *probes(routes: readonly AnalysedRoute[]): Generator<HttpRequest> {
    const matches = [
      ...this.istioMatches,
      ...routes.flatMap((r) =>
        (r.route.spec.rules ?? []).flatMap((rule) =>
          (rule.matches ?? []).map(compileHttpRouteMatch),
        ),
      ),
    ];
    const ports = [
      ...new Set(matches.map((m) => m.port).filter((p): p is number => p !== undefined)),
    ];
    const entry = this.mesh
      ? { kind: 'mesh' as const, host: this.host }
      : {
          kind: 'gateway' as const,
          namespace: this.binding.split('/')[0]!,
          name: this.binding.split('/')[1]!,
        };
    let n = 0;
    for (const port of ports.length ? ports : [80]) {
      for (const req of httpRequests(
        {
          protocol: 'http',
          entry,
          scheme: 'http',
          port,
          host: this.host,
          source: { namespace: this.vs.namespace, labels: {} },
        },
        matches,
      )) {
        if (n++ >= MAX_ANALYSIS_PROBES) return;
        yield req;
      }
    }
  }

  /**
   * Requests (of `probes`) that another rule (or none) takes now and whose outcome differs. A
   * request the same Istio rule takes in both is skipped: what its rule does is not routing.
   */
  *changes(
    routes: readonly AnalysedRoute[],
    probes: Iterable<HttpRequest> = this.probes(routes),
  ): Generator<RoutingChange> {
    const { entries, source } = this.table(routes);
    for (const req of probes) {
      const b = firstMatch(this.classic, req);
      const a = firstMatch(entries, req);
      // The same Istio rule before and after: not a routing change (its actions are other findings' business).
      if (b && a && source.get(a.route) !== undefined && source.get(a.route) === ruleOf(b.route))
        continue;
      const before: Outcome = b ? b.route.act(req, b.match) : { kind: 'no-route' };
      const after: Outcome = a ? a.route.act(req, a.match) : { kind: 'no-route' };
      if (outcomeDifferences(before, after).length === 0) continue;
      const c: RoutingChange = {
        request: req,
        key: requestKey(req),
        before,
        after,
        gatewayMatched: (rule) =>
          entries.some(
            (e) =>
              source.get(e) === rule &&
              (e.matches.length === 0 || e.matches.some((m) => matchesRequest(m, req))),
          ),
      };
      const i = b ? ruleOf(b.route) : undefined;
      if (i !== undefined) c.istioRule = i;
      if (a) {
        const j = source.get(a.route);
        if (j !== undefined) c.gatewayRule = j;
        c.gatewayMatch = a.match ?? a.route.matches[0]!;
        c.gatewayRoute = a.route.via.name;
      }
      yield c;
    }
  }

  /** Does the Istio rule `rule` match `req` (any of its matches, or it has none)? */
  istioRuleMatches(rule: number, req: HttpRequest): boolean {
    const e = this.classic.find((x) => ruleOf(x) === rule);
    return !!e && (e.matches.length === 0 || e.matches.some((m) => matchesRequest(m, req)));
  }
}

export function requestKey(r: HttpRequest): string {
  return JSON.stringify([r.port, r.method, r.path, r.headers, r.query]);
}

/** `GET /api (Host: web.example.com) with 'x-canary: 1'`: the shape order-changed has always used. */
export function describeProbe(r: HttpRequest, anyHost: boolean): string {
  const q = Object.entries(r.query);
  const h = Object.entries(r.headers);
  const qs = q.length ? `?${q.map(([k, v]) => `${k}=${v}`).join('&')}` : '';
  const hs = h.length ? ` with ${h.map(([k, v]) => `'${k}: ${v}'`).join(' and ')}` : '';
  return `${r.method} ${r.path}${qs}${anyHost ? '' : ` (Host: ${r.host})`}${hs}`;
}

/** Why `later` (the converted match that now wins) outranks `earlier` under Istio's sortHTTPRoutes. */
export function precedenceReason(
  earlier: CompiledMatch,
  later: CompiledMatch,
  earlierRoute: string,
  laterRoute: string,
): string {
  const kind = (p: PathMatcher | undefined): [number, string, number, string] => {
    if (!p) return [2, 'PathPrefix', 1, '/'];
    if (p.type === 'exact') return [3, 'Exact', p.value.length, p.value];
    if (p.type === 'path-prefix' || p.type === 'prefix') {
      const t = p.value.length > 1 ? p.value.replace(/\/+$/, '') : p.value;
      return [2, 'PathPrefix', t === '/' ? 1 : t.length, p.value];
    }
    return [1, 'RegularExpression', p.value.length, p.value];
  };
  const [ra, na, la, va] = kind(earlier.path);
  const [rb, nb, lb, vb] = kind(later.path);
  if (ra !== rb) return `${nb} ranks above ${na}`;
  if (la !== lb) return `the longer ${nb} '${vb}' ranks above '${va}'`;
  if (!!earlier.method !== !!later.method) return 'a method match ranks above none';
  if (earlier.headers.length !== later.headers.length)
    return `${later.headers.length} header matches rank above ${earlier.headers.length}`;
  if (earlier.query.length !== later.query.length)
    return `${later.query.length} query parameter matches rank above ${earlier.query.length}`;
  if (earlierRoute !== laterRoute)
    return `equal precedence is decided by route age, then name: ${laterRoute} sorts before ${earlierRoute}`;
  return 'equal precedence';
}

/** Istio `prefix` as a string prefix, and as the element-wise PathPrefix it became. */
export function prefixMeanings(prefix: string): { istio: PathMatcher; gateway: PathMatcher } {
  return {
    istio: { type: 'prefix', value: prefix },
    gateway: { type: 'path-prefix', value: prefix },
  };
}

export function stringPrefixMatches(prefix: string, path: string): boolean {
  return matchPath({ type: 'prefix', value: prefix }, path);
}

export function pathPrefixMatches(prefix: string, path: string): boolean {
  return matchPath({ type: 'path-prefix', value: prefix }, path);
}

export function describeOutcomeRule(scope: HttpScope, rule: number | undefined): string {
  return rule === undefined ? 'gets no route (404)' : `goes to ${ruleText(scope, rule)}`;
}

interface NoteHits {
  note: PrefixNote;
  stop: string[];
  start: string[];
  example?: string;
}

/** The other VirtualServices in Istio's order (the classic router's: namespace, then name). */
const othersCache = new WeakMap<ConfigIndex, VirtualService[]>();
const entriesCache = new WeakMap<VirtualService, Map<string, RouteEntry[]>>();

/**
 * Where another VirtualService of the request's host sends `req` on this binding, if one does:
 * routes for one host on one parent merge (Istio merges VirtualServices on a gateway, Gateway
 * API merges HTTPRoutes), so a request this VirtualService no longer takes falls to it, not to a
 * 404. Its written rules stand for its converted ones.
 */
export function otherVirtualServiceTaking(
  index: ConfigIndex,
  vs: VirtualService,
  binding: string,
  req: HttpRequest,
): { text: string; outcome: Outcome } | undefined {
  let all = othersCache.get(index);
  if (!all) {
    const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
    all = [...index.virtualServices].sort((a, b) =>
      a.namespace === b.namespace ? cmp(a.name, b.name) : cmp(a.namespace, b.namespace),
    );
    othersCache.set(index, all);
  }
  for (const written of all) {
    const other = flattenDelegates(index, written).vs;
    if (
      (other.namespace === vs.namespace && other.name === vs.name) ||
      !(other.spec.hosts ?? []).some((h) =>
        hostMatches(resolveShortHost(h, other.namespace), req.host),
      )
    )
      continue;
    let byBinding = entriesCache.get(other);
    if (!byBinding) entriesCache.set(other, (byBinding = new Map()));
    let entries = byBinding.get(binding);
    if (!entries)
      byBinding.set(binding, (entries = compileVirtualServiceHttp(index, other, binding)));
    const m = firstMatch(entries, req);
    if (m)
      return {
        text: `goes to VirtualService ${other.namespace}/${other.name} ${m.route.via.path}`,
        outcome: m.route.act(req, m.match),
      };
  }
  return undefined;
}

/**
 * `order-changed` and `prefix-semantics` from the analysis: each changed request is attributed to
 * the later rule that now wins (both rules match it under Istio too), or to the element-wise
 * PathPrefix that stops (the Istio rule no longer matches it) or starts matching it.
 */
export function reportRouting(
  scope: HttpScope,
  bindings: readonly Binding[],
  notes: readonly PrefixNote[],
): void {
  const { vs, ctx } = scope;
  const anyHost = (vs.spec.hosts?.[0] ?? '*') === '*' && !bindings.every((b) => b.mesh);
  const pairs = new Set<string>();
  const hits = new Map<PrefixNote, NoteHits>();
  const notesOf = (rule: number) => notes.filter((n) => n.path[2] === rule);
  const istioMatchAt = (n: PrefixNote) => {
    const m =
      typeof n.path[4] === 'number'
        ? vs.spec.http?.[n.path[2] as number]?.match?.[n.path[4]]
        : undefined;
    return m ? compileIstioMatch(m) : undefined;
  };
  const hit = (n: PrefixNote): NoteHits => {
    let h = hits.get(n);
    if (!h) hits.set(n, (h = { note: n, stop: [], start: [] }));
    return h;
  };
  // Order needs two rules; prefix-semantics needs a prefix written as PathPrefix.
  if ((vs.spec.http?.length ?? 0) < 2 && !notes.length) return;
  for (const b of bindings) {
    if (!b.routes.length) continue;
    const analysis = new RoutingAnalysis(vs, ctx.index, b.binding, b.mesh);
    const { entries, source } = analysis.table(b.routes);
    for (const c of analysis.changes(b.routes)) {
      const i = c.istioRule;
      const j = c.gatewayRule;
      const req = c.request;
      if (i !== undefined && i === j) continue;
      const desc = describeProbe(req, anyHost);
      if (i !== undefined && !c.gatewayMatched(i)) {
        // Istio rule i took it; none of its converted matches does: a string prefix that stopped matching?
        for (const n of notesOf(i)) {
          const im = istioMatchAt(n);
          if (
            !im ||
            !matchesRequest(im, req) ||
            pathPrefixMatches(n.prefix, req.path) ||
            !stringPrefixMatches(n.prefix, req.path)
          )
            continue;
          // Not in this VirtualService any more: another one of the host may take it now.
          const other =
            j === undefined ? otherVirtualServiceTaking(ctx.index, vs, b.binding, req) : undefined;
          if (other && outcomeDifferences(c.before, other.outcome).length === 0) break;
          const h = hit(n);
          if (!h.stop.includes(req.path) && h.stop.length < 3) h.stop.push(req.path);
          h.example ??= `${desc} went to ${ruleText(scope, i)} and now ${other ? other.text : describeOutcomeRule(scope, j)}`;
          break;
        }
        continue;
      }
      if (j === undefined) continue;
      if (i === undefined || !analysis.istioRuleMatches(j, req)) {
        // Rule j catches a request none of its Istio matches took: its PathPrefix matches more than the string prefix.
        for (const n of notesOf(j)) {
          if (!pathPrefixMatches(n.prefix, req.path) || stringPrefixMatches(n.prefix, req.path))
            continue;
          const h = hit(n);
          if (!h.start.includes(req.path) && h.start.length < 3) h.start.push(req.path);
          const before =
            i === undefined
              ? (otherVirtualServiceTaking(ctx.index, vs, b.binding, req)?.text.replace(
                  /^goes/,
                  'went',
                ) ?? 'had no route')
              : `went to ${ruleText(scope, i)}`;
          h.example ??= `${desc} ${before} and now goes to ${ruleText(scope, j)}`;
          break;
        }
        continue;
      }
      const key = `${i}/${j}`;
      if (pairs.has(key)) continue;
      pairs.add(key);
      const earlier = entries.find(
        (e) =>
          source.get(e) === i &&
          (e.matches.length === 0 || e.matches.some((m) => matchesRequest(m, req))),
      );
      const em = earlier?.matches.find((m) => matchesRequest(m, req)) ?? earlier?.matches[0];
      const why =
        em && c.gatewayMatch
          ? precedenceReason(em, c.gatewayMatch, earlier!.via.name, c.gatewayRoute ?? '')
          : 'Gateway API precedence';
      const ri = ruleText(scope, i);
      const rj = ruleText(scope, j);
      raise(
        scope,
        'order-changed',
        ['spec', 'http', j],
        `${rj} now takes precedence over the earlier ${ri} (${why}): ${desc} went to ${ri} under the VirtualService and now goes to ${rj}`,
        'Make the earlier rule more specific (Exact path, longer prefix, more header or query matches), or narrow the later one so they no longer overlap.',
      );
    }
    // Pairs the probes did not reach (a request needs the conditions of both rules at once):
    // the pairwise sample request, reported only when the routers confirm that it changes.
    for (const cand of orderCandidates(
      b.routes.map((r) => ({ name: r.route.metadata.name, hostnames: [], rules: r.rules })),
    )) {
      const i = cand.earlier.source;
      const j = cand.later.source;
      if (pairs.has(`${i}/${j}`)) continue;
      const s = cand.request;
      const req: HttpRequest = {
        protocol: 'http',
        entry: b.mesh
          ? { kind: 'mesh', host: analysis.host }
          : {
              kind: 'gateway',
              namespace: b.binding.split('/')[0]!,
              name: b.binding.split('/')[1]!,
            },
        scheme: 'http',
        port: 80,
        host: analysis.host,
        path: s.path,
        method: s.method ?? 'GET',
        headers: Object.fromEntries(s.headers.map(([k, v]) => [k.toLowerCase(), v])),
        query: Object.fromEntries(s.query),
        source: { namespace: vs.namespace, labels: {} },
      };
      const c = [...analysis.changes(b.routes, [req])][0];
      if (!c || c.istioRule !== i || c.gatewayRule !== j || !analysis.istioRuleMatches(j, req))
        continue;
      pairs.add(`${i}/${j}`);
      const ri = ruleText(scope, i);
      const rj = ruleText(scope, j);
      raise(
        scope,
        'order-changed',
        ['spec', 'http', j],
        `${rj} now takes precedence over the earlier ${ri} (${cand.why}): ${describeProbe(req, anyHost)} went to ${ri} under the VirtualService and now goes to ${rj}`,
        'Make the earlier rule more specific (Exact path, longer prefix, more header or query matches), or narrow the later one so they no longer overlap.',
      );
    }
  }
  // A root prefix merged into several delegate rules is one written field: reported once.
  const written = new Set<string>();
  for (const h of hits.values()) {
    const field = fieldText(scope, h.note.path);
    if (written.has(field)) continue;
    written.add(field);
    const p = h.note.prefix;
    const t = p.length > 1 ? p.replace(/\/+$/, '') : p;
    const parts: string[] = [];
    if (h.stop.length)
      parts.push(
        `Istio prefix '${p}' is a string prefix; PathPrefix '${p}' matches whole path segments only ('${t}', '${t}/...'), so ${h.stop.map((x) => `'${x}'`).join(', ')} no longer ${h.stop.length > 1 ? 'match' : 'matches'} this rule`,
      );
    if (h.start.length)
      parts.push(
        `${h.stop.length ? 'and' : `Istio prefix '${p}' matches only paths starting with '${p}';`} PathPrefix '${p}' ignores the trailing '/', so ${h.start.map((x) => `'${x}'`).join(', ')} now ${h.start.length > 1 ? 'match' : 'matches'} this rule`,
      );
    raise(
      scope,
      'prefix-semantics',
      h.note.path,
      `${parts.join(' ')}: ${h.example}`,
      `If those paths matter, write the rule with a regex ('${escapeRegex(p)}.*') or convert with --strict-prefix (strictPrefix in the library).`,
    );
  }
}
