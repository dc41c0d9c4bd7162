// Semantics-preserving rewrite of the converted rules (trap 2): a match of a later Istio rule that
// an earlier match fully covers never applied under first-match. Gateway API precedence could let
// it win (`exact: /api/v2` after `prefix: /api`), so it is left out of the output: the
// VirtualService without it routes exactly as with it. Each drop is also checked with the
// routing analysis (verify's routers and probes): it is kept only when no probe request that
// routed as before starts routing differently. Announced with `order-kept`.
import type { HTTPRoute } from '../../gateway-api/types.js';
import type { FieldPath, HTTPMatchRequest, VirtualService } from '../../model/resources.js';
import { compileIstioMatch } from '../../routing/classic-router.js';
import { regexFullMatch, type PathMatcher, type StringMatcher } from '../../routing/match.js';
import type { HttpRequest } from '../../routing/request.js';
import { type CompiledMatch, type HeaderCondition, isCatchAll } from '../../routing/route-table.js';
import type { ConvertedMatch } from './matches.js';
import type { OrderedRule } from './order.js';
import { type AnalysedRoute, RoutingAnalysis } from './routing-analysis.js';
import { buildRules, type PathReplacement, type RuleTemplate } from './rules.js';
import { fieldText, type HttpScope, hostnamesIntersect, raise } from './scope.js';

/** Everything needed to (re)build the Gateway API rules of one Istio rule in one route group. */
export interface RuleSlot {
  source: number;
  at: FieldPath;
  template: RuleTemplate;
  cms: ConvertedMatch[];
  replace?: PathReplacement;
  rules: OrderedRule[];
}

export interface SlotGroup {
  /** `ns/name` of a gateway, or `mesh`. */
  binding: string;
  mesh: boolean;
  slots: RuleSlot[];
}

// ---- containment: every request matching `b` matches `a` (Istio semantics) ----

const ANY = new Set(['.*', '^.*$', '^.*', '.*$']);

function stringCovers(a: StringMatcher, b: StringMatcher): boolean {
  if (a.type === 'present') return true;
  if (b.type === 'present') return a.type === 'regex' && ANY.has(a.value);
  const aci = a.ignoreCase === true;
  const bci = b.ignoreCase === true;
  if (a.type === 'regex' && ANY.has(a.value)) return true;
  if (a.type === 'exact') {
    if (b.type !== 'exact') return false;
    return aci ? a.value.toLowerCase() === b.value.toLowerCase() : !bci && a.value === b.value;
  }
  if (a.type === 'prefix') {
    if (b.type === 'regex') return a.value === '';
    return aci
      ? b.value.toLowerCase().startsWith(a.value.toLowerCase())
      : !bci && b.value.startsWith(a.value);
  }
  // a is a regex
  if (b.type === 'exact') return !bci && regexFullMatch(a.value, b.value, aci);
  if (b.type === 'regex') return a.value === b.value && (aci || !bci);
  return false;
}

function pathCovers(a: PathMatcher | undefined, b: PathMatcher | undefined): boolean {
  if (!a) return true;
  // Request paths start with '/': prefix '/' (or '') takes them all.
  if (a.type === 'prefix' && (a.value === '' || a.value === '/')) return true;
  if (!b) return a.type === 'regex' && (ANY.has(a.value) || a.value === '/.*');
  if (a.type === 'path-prefix' || b.type === 'path-prefix') return false;
  return stringCovers(a, b);
}

function conditionCovered(a: HeaderCondition, bs: readonly HeaderCondition[]): boolean {
  if (a.invert) {
    // withoutHeaders: b must forbid at least what a forbids.
    return bs.some((b) => b.invert && b.name === a.name && stringCovers(b.matcher, a.matcher));
  }
  return bs.some((b) => !b.invert && b.name === a.name && stringCovers(a.matcher, b.matcher));
}

/** Every request that `b` matches, `a` matches too (undefined `a`: a rule without matches). */
export function matchCovers(a: CompiledMatch | undefined, b: CompiledMatch): boolean {
  if (!a) return true;
  if (!pathCovers(a.path, b.path)) return false;
  if (!a.headers.every((h) => conditionCovered(h, b.headers))) return false;
  if (
    !a.query.every((q) =>
      b.query.some((x) => x.name === q.name && stringCovers(q.matcher, x.matcher)),
    )
  )
    return false;
  for (const k of ['method', 'authority', 'scheme'] as const) {
    const am = a[k];
    const bm = b[k];
    if (am && (!bm || !stringCovers(am, bm))) return false;
  }
  if (a.port !== undefined && a.port !== b.port) return false;
  if (a.sourceNamespace !== undefined && a.sourceNamespace !== b.sourceNamespace) return false;
  for (const [k, v] of Object.entries(a.sourceLabels ?? {}))
    if (b.sourceLabels?.[k] !== v) return false;
  return true;
}

/** A match with no condition at all: it covers every request. */
const MATCH_ALL: CompiledMatch = { headers: [], query: [] };

export interface Shadow {
  /** The shadowed rule and match (-1: the rule has no matches). */
  rule: number;
  match: number;
  /** The earlier rule and match that takes every request of it (-1: that rule has no matches). */
  byRule: number;
  byMatch: number;
}

/**
 * Matches of `vs.spec.http` that an earlier match fully covers. A catch-all rule is not used as a
 * cover when another VirtualService shares a host: Istio then moves catch-alls behind the other
 * VirtualServices' routes (CombineVHostRoutes), and later rules may apply after all.
 */
export function shadowedMatches(vs: VirtualService, others: readonly VirtualService[]): Shadow[] {
  const http = vs.spec.http ?? [];
  const compiled = http.map((r) => (r.match?.length ? r.match.map(compileIstioMatch) : undefined));
  let sharedMemo: boolean | undefined;
  const shared = (): boolean => (sharedMemo ??= sharesHost(vs, others));
  // A delegating rule routes by another VirtualService's rules: not used as a cover.
  // Lazily: the shared-host question is asked only when a catch-all would be a cover.
  const usable = compiled.map(
    (ms, i) =>
      !http[i]!.delegate &&
      (!isCatchAll({
        matches: ms ?? [],
        act: () => ({ kind: 'no-route' }),
        via: { kind: '', namespace: '', name: '', path: '' },
      }) ||
        !shared()),
  );
  const out: Shadow[] = [];
  compiled.forEach((ms, j) => {
    const targets: [number, CompiledMatch][] = ms ? ms.map((m, k) => [k, m]) : [[-1, MATCH_ALL]];
    for (const [k, m] of targets) {
      for (let i = 0; i < j; i++) {
        if (!usable[i]) continue;
        const cover = compiled[i];
        const by = cover ? cover.findIndex((c) => matchCovers(c, m)) : -1;
        if (cover && by < 0) continue;
        out.push({ rule: j, match: k, byRule: i, byMatch: by });
        break;
      }
    }
  });
  return out;
}

/** Hosts of every VirtualService of an input, by name, with the wildcard ones apart (built once per input). */
const hostTables = new WeakMap<
  readonly VirtualService[],
  { exact: Map<string, number>; wild: { host: string; vs: VirtualService }[] }
>();

/** One VirtualService, also when `b` is a root with its delegates merged in (a copy). */
const same = (a: VirtualService, b: VirtualService): boolean =>
  a.namespace === b.namespace && a.name === b.name;

/** Does another VirtualService of the input serve a host of `vs`? */
function sharesHost(vs: VirtualService, all: readonly VirtualService[]): boolean {
  let t = hostTables.get(all);
  if (!t) {
    t = { exact: new Map(), wild: [] };
    for (const o of all) {
      for (const h of new Set((o.spec.hosts ?? []).map((x) => x.toLowerCase()))) {
        if (h.includes('*')) t.wild.push({ host: h, vs: o });
        else t.exact.set(h, (t.exact.get(h) ?? 0) + 1);
      }
    }
    hostTables.set(all, t);
  }
  const mine = [...new Set((vs.spec.hosts ?? []).map((x) => x.toLowerCase()))];
  for (const h of mine) {
    if (h.includes('*')) {
      // A wildcard of ours: any other host it covers (or that covers it).
      if (
        all.some(
          (o) =>
            !same(o, vs) &&
            (o.spec.hosts ?? []).some(
              (x) => x === '*' || h === '*' || hostnamesIntersect(x.toLowerCase(), h),
            ),
        )
      )
        return true;
    } else if ((t.exact.get(h) ?? 0) > 1) return true;
  }
  return t.wild.some(
    (w) => !same(w.vs, vs) && mine.some((h) => w.host === '*' || hostnamesIntersect(w.host, h)),
  );
}

// ---- the rewrite ----

function describeMatch(m: HTTPMatchRequest | undefined): string {
  if (!m) return 'every request';
  const parts: string[] = [];
  const u = m.uri;
  if (u?.exact !== undefined) parts.push(`exact '${u.exact}'`);
  else if (u?.prefix !== undefined) parts.push(`prefix '${u.prefix}'`);
  else if (u?.regex !== undefined) parts.push(`regex '${u.regex}'`);
  const n =
    Object.keys(m.headers ?? {}).length +
    Object.keys(m.queryParams ?? {}).length +
    (m.method ? 1 : 0);
  if (n) parts.push(`${n} more condition${n > 1 ? 's' : ''}`);
  return parts.length ? parts.join(' + ') : 'any path';
}

function slotRules(scope: HttpScope, slot: RuleSlot, dead: ReadonlySet<number>): OrderedRule[] {
  const kept = slot.cms.filter((c) => !dead.has(c.index));
  if (!kept.length) return [];
  // Rebuilt silently: the findings of this rule were raised when it was first built.
  const silent: HttpScope = {
    ...scope,
    ctx: { ...scope.ctx, report: () => {}, needGrant: () => {} },
    prefixNotes: [],
  };
  const rules = buildRules(silent, slot.template, kept, slot.at, slot.replace);
  return rules.map((r, k) => {
    if (r.name && rules.length > 1) r.name = `${r.name}-${k + 1}`;
    return { rule: r, source: slot.source, at: slot.at, grants: slot.template.grants };
  });
}

function asRoutes(vs: VirtualService, rules: readonly OrderedRule[]): AnalysedRoute[] {
  const route: HTTPRoute = {
    apiVersion: 'gateway.networking.k8s.io/v1',
    kind: 'HTTPRoute',
    metadata: { name: vs.name, namespace: vs.namespace },
    spec: { parentRefs: [], rules: rules.map((r) => r.rule) },
  };
  return [{ route, rules }];
}

/**
 * Drops fully shadowed matches from `groups` (in place) where the routing analysis confirms that
 * no request starts routing differently, and raises `order-kept` for each. Returns the drops.
 */
export function keepOrder(scope: HttpScope, groups: readonly SlotGroup[]): Shadow[] {
  const { vs, ctx } = scope;
  const shadows = shadowedMatches(vs, ctx.index.virtualServices);
  if (!shadows.length) return [];
  // Only matches that were converted (a match that was not is reported on its own).
  const inSlots = (s: Shadow) =>
    groups.some((g) =>
      g.slots.some((sl) => sl.source === s.rule && sl.cms.some((c) => c.index === s.match)),
    );
  let candidates = shadows.filter(inSlots);
  for (const g of groups) {
    if (!candidates.length) break;
    const analysis = new RoutingAnalysis(vs, ctx.index, g.binding, g.mesh);
    const original = asRoutes(
      vs,
      g.slots.flatMap((s) => s.rules),
    );
    const probes: HttpRequest[] = [...analysis.probes(original)];
    const changed = (rules: OrderedRule[]): Set<string> =>
      new Set([...analysis.changes(asRoutes(vs, rules), probes)].map((c) => c.key));
    const variant = (drops: readonly Shadow[]): OrderedRule[] =>
      g.slots.flatMap((s) => {
        const dead = new Set(drops.filter((d) => d.rule === s.source).map((d) => d.match));
        return dead.size ? slotRules(scope, s, dead) : s.rules;
      });
    const subset = (a: Set<string>, b: Set<string>) => [...a].every((k) => b.has(k));
    let current = changed(g.slots.flatMap((s) => s.rules));
    if (subset(changed(variant(candidates)), current)) continue;
    // Not all at once: take the drops rule by rule, each only if it adds no changed request.
    const accepted: Shadow[] = [];
    for (const rule of [...new Set(candidates.map((c) => c.rule))]) {
      const trial = [...accepted, ...candidates.filter((c) => c.rule === rule)];
      const next = changed(variant(trial));
      if (subset(next, current)) {
        accepted.push(...candidates.filter((c) => c.rule === rule));
        current = next;
      }
    }
    candidates = accepted;
  }
  if (!candidates.length) return [];
  for (const g of groups) {
    for (const s of g.slots) {
      const dead = new Set(candidates.filter((d) => d.rule === s.source).map((d) => d.match));
      if (dead.size) s.rules = slotRules(scope, s, dead);
    }
  }
  const http = vs.spec.http ?? [];
  for (const d of candidates) {
    const at: FieldPath =
      d.match >= 0 ? ['spec', 'http', d.rule, 'match', d.match] : ['spec', 'http', d.rule];
    const by: FieldPath =
      d.byMatch >= 0 ? ['spec', 'http', d.byRule, 'match', d.byMatch] : ['spec', 'http', d.byRule];
    const whole = groups.every((g) =>
      g.slots.filter((s) => s.source === d.rule).every((s) => s.rules.length === 0),
    );
    const byM = d.byMatch >= 0 ? http[d.byRule]?.match?.[d.byMatch] : undefined;
    const m = d.match >= 0 ? http[d.rule]?.match?.[d.match] : undefined;
    raise(
      scope,
      'order-kept',
      at,
      `${fieldText(scope, at)} (${describeMatch(m)}) never applied under the VirtualService: the earlier ${fieldText(scope, by)} (${describeMatch(byM)}) takes every request it matches first. Under Gateway API precedence it could win, so ${whole && d.match >= 0 ? 'this rule has no match left and is' : 'it is'} left out of the HTTPRoute: routing stays exactly as it was`,
      'Delete the unreachable match from the VirtualService, or move it before the broader one if it was meant to apply.',
    );
  }
  return candidates;
}
