// VirtualService delegation as pilot resolves it, shared by the mapper (map/http) and the classic
// router (verify): a root VirtualService (one with hosts) whose `http[]` rule names `delegate`
// gets, in that rule's place, the delegate's rules merged with it. Source:
// pilot/pkg/model/virtualservice_controller.go (mergeVirtualServices, delegateVirtualServices)
// and pilot/pkg/model/virtualservice.go (MergeHTTPRoutes, mergeHTTPRoute,
// mergeHTTPMatchRequests, mergeHTTPMatchRequest, hasConflict, stringMatchConflict).
import type { ConfigIndex } from '../model/index.js';
import { resolveShortHost } from '../model/index.js';
import { gatewayRefKey, MESH } from '../model/gateway-ref.js';
import type { RouteRef } from './request.js';
import type {
  HTTPMatchRequest,
  HTTPRouteSpecIstio,
  StringMatch,
  VirtualService,
} from '../model/resources.js';

/** Where a rule of the flattened `http[]` was written. */
export interface RuleOrigin {
  /** Index of the root rule it stands in for (the delegating rule, or the rule itself). */
  root: number;
  /** The delegate it came from, with the index of its rule there. */
  delegate?: { vs: VirtualService; rule: number };
  /** Per merged match: the delegate's match index and the root's it was merged with. */
  matches: { delegate?: number; root?: number }[];
  /** Rule fields taken from the root rule because the delegate's rule left them unset. */
  inherited: readonly string[];
}

/** Why a delegating rule (or one rule of its delegate) is not in the flattened `http[]`. */
export type DelegationProblem =
  | { kind: 'not-found'; rule: number; key: string }
  | { kind: 'has-hosts'; rule: number; delegate: VirtualService }
  | { kind: 'not-exported'; rule: number; delegate: VirtualService }
  | {
      kind: 'conflict';
      rule: number;
      delegate: VirtualService;
      delegateRule: number;
      /** The delegate match that conflicts with every root match (undefined: none merged). */
      match?: number;
    }
  | {
      kind: 'chain' | 'cycle';
      rule: number;
      delegate: VirtualService;
      delegateRule: number;
      key: string;
    };

export interface Flattened {
  /** The root with `http[]` as pilot merges it (the same object when nothing is delegated). */
  vs: VirtualService;
  /** One per rule of `vs.spec.http`. */
  origins: RuleOrigin[];
  problems: DelegationProblem[];
}

/** `ns/name` of the VirtualService a `delegate` names (namespace defaults to the root's). */
export function delegateKey(d: { name?: string; namespace?: string }, rootNs: string): string {
  return `${d.namespace || rootNs}/${d.name ?? ''}`;
}

/** Does `vs` name a delegate in any rule (pilot isRootVs)? */
export function isRoot(vs: VirtualService): boolean {
  return (vs.spec.http ?? []).some((r) => r.delegate);
}

/**
 * A delegate is a VirtualService without hosts (pilot delegateVirtualServices); one with hosts is
 * a root of its own and never found as a delegate.
 */
export function isDelegate(vs: VirtualService): boolean {
  return !vs.spec.hosts?.length;
}

const byIndex = new WeakMap<ConfigIndex, Map<string, VirtualService>>();
const flatCache = new WeakMap<VirtualService, Flattened>();
/** The flattening each merged VirtualService came from. */
const ofMerged = new WeakMap<VirtualService, Flattened>();

/**
 * Where rule `i` of `vs.spec.http` was written: `vs` itself, or for a root with delegates
 * merged in, the root's rule or the delegate's rule with the root's delegating rule beside it.
 */
export function writtenRule(vs: VirtualService, i: number): RouteRef {
  const o = ofMerged.get(vs)?.origins[i];
  const at = (v: VirtualService, k: number): RouteRef => ({
    kind: 'VirtualService',
    namespace: v.namespace,
    name: v.name,
    path: `spec.http[${k}]`,
  });
  if (!o) return at(vs, i);
  if (!o.delegate) return at(vs, o.root);
  return { ...at(o.delegate.vs, o.delegate.rule), root: at(vs, o.root) };
}

/** The VirtualServices of the input by `ns/name` (the first one when names repeat). */
export function virtualServiceByKey(index: ConfigIndex): Map<string, VirtualService> {
  let m = byIndex.get(index);
  if (!m) {
    m = new Map();
    for (const vs of index.virtualServices) {
      const k = `${vs.namespace}/${vs.name}`;
      if (!m.has(k)) m.set(k, vs);
    }
    byIndex.set(index, m);
  }
  return m;
}

/** Is the delegate visible to the root's namespace (its exportTo; mesh default: public)? */
function exportedTo(d: VirtualService, ns: string): boolean {
  const e = d.spec.exportTo;
  if (!e?.length) return true;
  return e.some((x) => x === '*' || x === ns || (x === '.' && d.namespace === ns));
}

/**
 * `vs` with every delegating rule replaced by its delegate's rules merged into it, as pilot's
 * mergeVirtualServices does: a delegate that is missing, has hosts or is not exported to the
 * root's namespace drops the delegating rule only; a delegate rule whose matches conflict with
 * the root's is dropped. Destination and mirror hosts are resolved to FQDNs in the namespace
 * they were written in (pilot resolves short names per VirtualService before merging).
 */
export function flattenDelegates(index: ConfigIndex, vs: VirtualService): Flattened {
  const hit = flatCache.get(vs);
  if (hit) return hit;
  const http = vs.spec.http ?? [];
  const identity = (i: number, r: HTTPRouteSpecIstio): RuleOrigin => ({
    root: i,
    matches: (r.match ?? []).map((_, k) => ({ root: k })),
    inherited: [],
  });
  if (!isRoot(vs) || isDelegate(vs)) {
    const out = { vs, origins: http.map((r, i) => identity(i, r)), problems: [] };
    flatCache.set(vs, out);
    return out;
  }
  const all = virtualServiceByKey(index);
  const rules: HTTPRouteSpecIstio[] = [];
  const origins: RuleOrigin[] = [];
  const problems: DelegationProblem[] = [];
  http.forEach((r, i) => {
    if (!r.delegate) {
      rules.push(r);
      origins.push(identity(i, r));
      return;
    }
    const key = delegateKey(r.delegate, vs.namespace);
    const d = all.get(key);
    if (!d) return void problems.push({ kind: 'not-found', rule: i, key });
    if (!isDelegate(d)) return void problems.push({ kind: 'has-hosts', rule: i, delegate: d });
    if (!exportedTo(d, vs.namespace))
      return void problems.push({ kind: 'not-exported', rule: i, delegate: d });
    const root = qualifyRule(r, vs.namespace);
    (d.spec.http ?? []).forEach((dr, j) => {
      const merged = mergeHTTPRoute(root, qualifyRule(dr, d.namespace));
      if ('conflict' in merged) {
        const at = merged.conflict;
        const p: DelegationProblem = { kind: 'conflict', rule: i, delegate: d, delegateRule: j };
        problems.push(at === undefined ? p : { ...p, match: at });
        return;
      }
      if (dr.delegate) {
        const next = delegateKey(dr.delegate, d.namespace);
        const cycle = next === key || next === `${vs.namespace}/${vs.name}`;
        problems.push({
          kind: cycle ? 'cycle' : 'chain',
          rule: i,
          delegate: d,
          delegateRule: j,
          key: next,
        });
      }
      rules.push(merged.rule);
      origins.push({
        root: i,
        delegate: { vs: d, rule: j },
        matches: merged.matches,
        inherited: merged.inherited,
      });
    });
  });
  const out: Flattened = { vs: { ...vs, spec: { ...vs.spec, http: rules } }, origins, problems };
  flatCache.set(vs, out);
  ofMerged.set(out.vs, out);
  return out;
}

/**
 * A rule as pilot holds it after ResolveVirtualServiceShortnames: destination and mirror hosts
 * as FQDNs and match gateways as `ns/name`, resolved in the namespace the rule was written in.
 */
function qualifyRule(r: HTTPRouteSpecIstio, ns: string): HTTPRouteSpecIstio {
  const host = <T extends { host: string }>(d: T): T => ({
    ...d,
    host: resolveShortHost(d.host, ns),
  });
  const out: HTTPRouteSpecIstio = { ...r };
  if (r.match)
    out.match = r.match.map((m) =>
      m.gateways ? { ...m, gateways: m.gateways.map((g) => qualifyGateway(g, ns)) } : m,
    );
  if (r.route) out.route = r.route.map((d) => ({ ...d, destination: host(d.destination) }));
  if (r.mirror) out.mirror = host(r.mirror);
  if (r.mirrors) out.mirrors = r.mirrors.map((m) => ({ ...m, destination: host(m.destination) }));
  return out;
}

function qualifyGateway(g: string, ns: string): string {
  return g === MESH ? g : gatewayRefKey(g, ns);
}

/** Rule fields a delegate's rule takes from the root's when it leaves them unset (mergeHTTPRoute). */
const INHERITED = [
  'rewrite',
  'directResponse',
  'timeout',
  'retries',
  'fault',
  'mirror',
  'mirrorPercent',
  'mirror_percent',
  'mirrorPercentage',
  'corsPolicy',
  'mirrors',
  'headers',
] as const;

export interface MergedRule {
  rule: HTTPRouteSpecIstio;
  matches: { delegate?: number; root?: number }[];
  inherited: string[];
}

/**
 * pilot mergeHTTPRoute: the delegate's rule with the merged matches, the root's name prefixed to
 * its own, and every field of INHERITED it leaves unset taken from the root. Undefined when the
 * matches conflict (pilot logs "HTTPMatchRequests conflict" and drops the rule): then the
 * delegate match that conflicts with every root match.
 */
export function mergeHTTPRoute(
  root: HTTPRouteSpecIstio,
  delegate: HTTPRouteSpecIstio,
): MergedRule | { conflict: number | undefined } {
  const m = mergeHTTPMatchRequests(root.match ?? [], delegate.match ?? []);
  if (m.conflict) return { conflict: m.at };
  const out: Record<string, unknown> = { ...delegate };
  if (m.matches.length) out.match = m.matches.map((x) => x.match);
  else delete out.match;
  if (!delegate.name) {
    if (root.name) out.name = root.name;
  } else if (root.name) out.name = `${root.name}-${delegate.name}`;
  const inherited: string[] = [];
  const d = delegate as Record<string, unknown>;
  const r = root as Record<string, unknown>;
  for (const k of INHERITED) {
    if (d[k] === undefined && r[k] !== undefined) {
      out[k] = r[k];
      inherited.push(k);
    }
  }
  return {
    rule: out,
    matches: m.matches.map(({ delegate: dj, root: rj }) => ({
      ...(dj !== undefined ? { delegate: dj } : {}),
      ...(rj !== undefined ? { root: rj } : {}),
    })),
    inherited,
  };
}

/**
 * pilot mergeHTTPMatchRequests: no root matches → the delegate's; no delegate matches → the
 * root's; otherwise, per delegate match, its merge with every root match it does not conflict
 * with. A delegate match that conflicts with every root match makes the whole rule conflict.
 */
export function mergeHTTPMatchRequests(
  root: readonly HTTPMatchRequest[],
  delegate: readonly HTTPMatchRequest[],
): {
  matches: { match: HTTPMatchRequest; delegate?: number; root?: number }[];
  conflict: boolean;
  /** The delegate match that conflicts with every root match. */
  at?: number;
} {
  if (root.length === 0)
    return { matches: delegate.map((match, k) => ({ match, delegate: k })), conflict: false };
  if (delegate.length === 0)
    return { matches: root.map((match, k) => ({ match, root: k })), conflict: false };
  const out: { match: HTTPMatchRequest; delegate: number; root: number }[] = [];
  for (const [k, sub] of delegate.entries()) {
    let found = false;
    for (const [j, rm] of root.entries()) {
      if (hasConflict(rm, sub)) continue;
      out.push({ match: mergeHTTPMatchRequest(rm, sub), delegate: k, root: j });
      found = true;
    }
    if (!found) return { matches: [], conflict: true, at: k };
  }
  return { matches: out, conflict: out.length === 0 };
}

const mapMerge = <V>(
  a: Record<string, V> | undefined,
  b: Record<string, V> | undefined,
): Record<string, V> | undefined => (a || b ? { ...(a ?? {}), ...(b ?? {}) } : undefined);

/** pilot mergeHTTPMatchRequest: the delegate's match, with what it leaves unset from the root's. */
export function mergeHTTPMatchRequest(
  root: HTTPMatchRequest,
  delegate: HTTPMatchRequest,
): HTTPMatchRequest {
  const out: HTTPMatchRequest = { ...delegate };
  if (!out.name) {
    if (root.name) out.name = root.name;
  } else if (root.name) out.name = `${root.name}-${out.name}`;
  for (const k of ['uri', 'scheme', 'method', 'authority'] as const)
    if (out[k] === undefined && root[k] !== undefined) out[k] = root[k];
  for (const k of ['headers', 'withoutHeaders', 'queryParams', 'sourceLabels'] as const) {
    const v = mapMerge<never>(root[k] as never, delegate[k] as never);
    if (v) (out as Record<string, unknown>)[k] = v;
  }
  if (!out.port && root.port) out.port = root.port;
  if (!out.sourceNamespace && root.sourceNamespace) out.sourceNamespace = root.sourceNamespace;
  if (!out.gateways?.length && root.gateways?.length) out.gateways = root.gateways;
  if (!out.statPrefix && root.statPrefix) out.statPrefix = root.statPrefix;
  return out;
}

/** pilot hasConflict: can `leaf` (a delegate's match) not be merged into `root`? */
export function hasConflict(root: HTTPMatchRequest, leaf: HTTPMatchRequest): boolean {
  for (const k of ['uri', 'scheme', 'method', 'authority'] as const)
    if (stringMatchConflict(root[k], leaf[k])) return true;
  for (const k of ['headers', 'withoutHeaders', 'queryParams'] as const)
    for (const [key, v] of Object.entries(leaf[k] ?? {}))
      if (stringMatchConflict(root[k]?.[key], v)) return true;
  if (Boolean(root.ignoreUriCase) !== Boolean(leaf.ignoreUriCase)) return true;
  if ((root.port ?? 0) > 0 && (leaf.port ?? 0) > 0 && root.port !== leaf.port) return true;
  if (root.sourceNamespace && leaf.sourceNamespace !== root.sourceNamespace) return true;
  for (const [k, v] of Object.entries(leaf.sourceLabels ?? {})) {
    const rv = root.sourceLabels?.[k];
    if (rv !== undefined && rv !== v) return true;
  }
  const rg = root.gateways ?? [];
  const lg = leaf.gateways ?? [];
  if (rg.length && lg.length) {
    if (rg.length < lg.length) return true;
    if (lg.some((g) => !rg.includes(g))) return true;
  }
  return false;
}

/**
 * pilot stringMatchConflict, literally: Go's getters read an unset or empty value as "", and a
 * root match of a kind not handled below (a bare `{}`) conflicts with any leaf match.
 */
export function stringMatchConflict(
  root: StringMatch | undefined,
  leaf: StringMatch | undefined,
): boolean {
  if (!root || !leaf) return false;
  const [rx, rp, rr] = [root.exact ?? '', root.prefix ?? '', root.regex ?? ''];
  const [lx, lp, lr] = [leaf.exact ?? '', leaf.prefix ?? '', leaf.regex ?? ''];
  if (rr !== '' && (lr !== '' || lp !== '' || lx !== '')) return true;
  if (lr !== '' && (rr !== '' || rp !== '' || rx !== '')) return true;
  if (rx !== '') return lp !== '' || lx !== rx;
  if (rp !== '') {
    if (lp !== '') return !lp.startsWith(rp);
    if (lx !== '') return !lx.startsWith(rp);
  }
  return true;
}
