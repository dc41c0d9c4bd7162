import type {
  BackendRef,
  HTTPRoute,
  HTTPRouteFilter,
  HTTPRouteRule,
} from '../../gateway-api/types.js';
import type { FieldPath, HTTPRouteSpecIstio, VirtualService } from '../../model/resources.js';
import { supports } from '../../target.js';
import type { Emitted, MapContext } from '../context.js';
import type { GatewayPlans } from '../gateway/plan.js';
import { dnsLabel } from '../reference-grants.js';
import { backendRefFor } from './backends.js';
import { toGatewayDuration } from '../../duration.js';
import { corsFilter, headerModifier, mirrorFilters, redirectPlan, rewritePlan } from './filters.js';
import { routeHostnames } from './hostnames.js';
import { type ConvertedMatch, convertMatch, type MatchBinding } from './matches.js';
import { checkOrder, type OrderedRule } from './order.js';
import { keepOrder, type RuleSlot } from './keep-order.js';
import { type AnalysedRoute, type Binding, reportRouting } from './routing-analysis.js';
import { resolveGatewayRef } from '../../routing/classic-router.js';
import {
  exportScopeUnchecked,
  type GatewayBinding,
  matchGateways,
  MESH,
  parentRefsFor,
  resolveGateways,
} from './parent-refs.js';
import { retryFor } from './retries.js';
import { buildRules, type PathReplacement, type RuleTemplate } from './rules.js';
import { type HttpScope, hostnamesIntersect, raise, SUBDOMAIN_RE } from './scope.js';
import { delegationOf } from './delegation.js';
import { flattenDelegates } from '../../routing/delegation.js';
import { type MeshParent, resolveMeshParents } from '../mesh/parents.js';
import { placeMeshRoutes } from '../mesh/placement.js';
import { meshRouteBase, type MeshRouteDraft, meshRouteDrafts } from '../mesh/routes.js';
import { reachesGateways } from '../residual/rules.js';

export interface VirtualServiceResult {
  emitted: Emitted[];
  /** Set when the VirtualService is left as it is (nothing of it could be converted). */
  keptReason?: string;
}

// Validation limits of HTTPRoute (semantics.md §8; the same in every release v1.2–v1.6).
const MAX_RULES = 16;
const MAX_MATCHES_PER_ROUTE = 128;
const MAX_HOSTNAMES = 16;
const MAX_PARENT_REFS = 32;

/** One route the VirtualService becomes before size limits split it: a binding and its rules. */
interface RouteGroup {
  key: string;
  /** The delegate whose rules these are: the route goes to its namespace. */
  owner?: VirtualService;
  /** Rules for sidecars (mesh parents) instead of gateways. */
  mesh: boolean;
  binding: MatchBinding;
  gateways: GatewayBinding[];
  hostnames: string[];
  rules: OrderedRule[];
  /** The rules per Istio rule, for the order-keeping rewrite (keep-order.ts). */
  slots: RuleSlot[];
}

/**
 * VirtualService `http[]` → HTTPRoutes (semantics.md §4). One HTTPRoute named as the
 * VirtualService, in its namespace, unless per-match gateways, port, scheme or authority need
 * routes of their own (`<vs>-<suffix>`) or the size limits split it. Written rule order is kept.
 */
export function mapVirtualService(
  written: VirtualService,
  ctx: MapContext,
  plans: GatewayPlans,
): VirtualServiceResult {
  // A root's delegating rules stand for its delegates' rules merged in (routing/delegation.ts).
  const flat = flattenDelegates(ctx.index, written);
  const vs = flat.vs;
  const spec = vs.spec;
  const http = spec.http ?? [];
  // The routing analysis (and the order-keeping rewrite) compares the VirtualService with its
  // rules on one listener; matches that pick a gateway, port, scheme or authority split routes
  // by binding, and the pairwise precedence check covers those instead.
  const analysable = !http.some((r) =>
    (r.match ?? []).some(
      (m) =>
        m.gateways?.length || (m.port !== undefined && m.port !== 0) || m.scheme || m.authority,
    ),
  );
  const scope: HttpScope = analysable ? { vs, ctx, plans, prefixNotes: [] } : { vs, ctx, plans };
  const refs = spec.gateways ?? [];
  const meshIndex = refs.indexOf(MESH);
  const gateways = resolveGateways(scope, plans);
  // Mesh rules kept in the residual VirtualService (map/residual) are not routes here.
  const meshBound = (refs.length === 0 || meshIndex >= 0) && !ctx.meshInResidual;
  const meshParents: MeshParent[] = meshBound && http.length ? resolveMeshParents(scope) : [];
  const delegation =
    vs !== written ? delegationOf(scope, written, flat, !meshParents.length) : undefined;
  if (meshBound && http.length && !meshParents.length) {
    raise(
      scope,
      'mesh-not-converted',
      meshIndex >= 0 ? ['spec', 'gateways', meshIndex] : ['spec', 'hosts'],
      gateways.length
        ? `this VirtualService also applies to the mesh (sidecars), but none of its hosts can be a mesh route parent (see mesh-host-not-converted): when it is replaced by its HTTPRoutes, in-mesh requests to ${(spec.hosts ?? []).join(', ')} lose these rules`
        : `this VirtualService applies to the mesh (sidecars) only, and none of its hosts can be a mesh route parent (see mesh-host-not-converted); it is kept as it is`,
      gateways.length
        ? ctx.options.residualVirtualServices
          ? 'Split the VirtualService: keep a copy with gateways: [mesh] for in-mesh traffic.'
          : 'Leave residual VirtualServices on (no --no-residual-virtual-services): the mesh rules then stay in <name>-residual.'
        : undefined,
    );
  }
  if (exportScopeUnchecked(spec.exportTo, gateways)) {
    raise(
      scope,
      'export-to-not-converted',
      ['spec', 'exportTo'],
      `exportTo ${JSON.stringify(spec.exportTo)} limited which gateways saw this VirtualService; an HTTPRoute attaches to every Gateway it names whose listeners allow its namespace`,
    );
  }
  if (!gateways.length && !meshParents.length)
    return {
      emitted: [],
      keptReason: meshBound
        ? 'bound to the mesh, but none of its hosts can be a mesh route parent'
        : 'no gateway could be resolved',
    };
  if (!http.length) return { emitted: [], keptReason: 'no http routes' };
  const hosts = gateways.length ? routeHostnames(scope) : { any: true, hostnames: [], none: false };
  if (hosts.none && !meshParents.length)
    return { emitted: [], keptReason: 'none of its hosts can be an HTTPRoute hostname' };

  const groups = new Map<string, RouteGroup>();
  const defaultKey = groupKey({}, gateways, false);
  const groupFor = (
    binding: MatchBinding,
    gws: GatewayBinding[],
    mesh = false,
    owner?: VirtualService,
  ): RouteGroup => {
    const key = groupKey(binding, gws, mesh, owner);
    let g = groups.get(key);
    if (!g) {
      g = {
        key,
        ...(owner ? { owner } : {}),
        mesh,
        binding,
        gateways: gws,
        hostnames: binding.authority ? [binding.authority] : hosts.hostnames,
        rules: [],
        slots: [],
      };
      groups.set(key, g);
    }
    return g;
  };
  if (gateways.length && !hosts.none) groupFor({}, gateways);
  if (meshParents.length) groupFor({}, [], true);

  http.forEach((rule, i) => {
    const at: FieldPath = ['spec', 'http', i];
    if (ctx.meshInResidual && !reachesGateways(rule, refs)) return;
    // A delegate's rules go to a route in the delegate's namespace, owned by its team.
    const owner = delegation?.ownerOf(i);
    const rs = owner ? delegation!.scopeOf(owner) : scope;
    // A delegation left in the merged rules (a chain or a cycle) routes nowhere: reported above.
    if (rule.delegate) return;
    const cms = ruleMatches(rs, rule, at);
    if (!cms.length) return;
    const built = ruleTemplate(rs, rule, at, cms);
    if (!built) return;
    // Group the matches by the route they need, keeping their order inside the rule.
    const byGroup = new Map<RouteGroup, ConvertedMatch[]>();
    for (const cm of cms) {
      const matchAt: FieldPath = cm.index >= 0 ? [...at, 'match', cm.index] : at;
      let gws = hosts.none ? [] : gateways;
      let mesh = meshParents.length > 0;
      if (cm.binding.gateways) {
        const picked = matchGateways(rs, cm.binding.gateways, gateways, [...matchAt, 'gateways']);
        gws = hosts.none ? [] : picked.gateways;
        mesh = mesh && picked.mesh;
      }
      if (mesh) {
        if (cm.binding.scheme || cm.binding.authority) {
          const field = cm.binding.scheme ? 'scheme' : 'authority';
          raise(
            rs,
            'match-not-converted',
            [...matchAt, field],
            `${field} matches have no equivalent on a mesh route (no listeners, and mesh routes ignore hostnames); this match is not emitted for sidecars, so their requests it selected go to later rules`,
          );
        } else {
          const g = groupFor(
            { ...(cm.binding.port !== undefined ? { port: cm.binding.port } : {}) },
            [],
            true,
          );
          const list = byGroup.get(g) ?? [];
          list.push(cm);
          byGroup.set(g, list);
        }
      }
      if (!gws.length) continue;
      if (
        cm.binding.authority &&
        !hosts.any &&
        !hosts.hostnames.some((h) => hostnamesIntersect(h, cm.binding.authority))
      ) {
        raise(
          rs,
          'ignored-field',
          [...matchAt, 'authority'],
          `authority '${cm.binding.authority}' is not among the VirtualService's hosts, so this match never matched; nothing is written for it`,
        );
        continue;
      }
      if (cm.binding.scheme && gws.some((g) => !g.plan)) {
        raise(
          rs,
          'match-not-converted',
          [...matchAt, 'scheme'],
          `scheme '${cm.binding.scheme}' selects listeners by protocol, but a gateway of this VirtualService is not in the input; this match is not emitted, so requests it selected go to later rules`,
        );
        continue;
      }
      const g = groupFor(cm.binding, gws, false, owner);
      const list = byGroup.get(g) ?? [];
      list.push(cm);
      byGroup.set(g, list);
    }
    for (const [g, list] of byGroup) {
      const rules = buildRules(rs, built.template, list, at, built.replace);
      const slot: RuleSlot = { source: i, at, template: built.template, cms: list, rules: [] };
      if (built.replace) slot.replace = built.replace;
      rules.forEach((r, k) => {
        if (r.name && rules.length > 1) r.name = `${r.name}-${k + 1}`;
        slot.rules.push({ rule: r, source: i, at, grants: built.template.grants });
      });
      g.slots.push(slot);
    }
  });
  const gatewayBinding = gateways.length
    ? resolveGatewayRef(gateways[0]!.key, vs.namespace)
    : undefined;
  const bindingOf = (g: RouteGroup): string => (g.mesh ? 'mesh' : (gatewayBinding ?? 'mesh'));
  if (analysable) keepOrder(scope, slotGroups([...groups.values()], bindingOf));
  for (const g of groups.values()) g.rules = g.slots.flatMap((s) => s.rules);

  const emitted: Emitted[] = [];
  const usedIn = new Map<string, Set<string>>();
  /** Names of the routes written to delegates' namespaces. */
  const delegated: string[] = [];
  const routes: { route: HTTPRoute; rules: OrderedRule[] }[] = [];
  const meshDrafts: MeshRouteDraft[] = [];
  const placements = meshParents.length ? placeMeshRoutes(scope, meshParents) : [];
  for (const g of groups.values()) {
    if (!g.rules.length) continue;
    if (g.mesh) {
      const suffix = [
        gateways.length ? 'mesh' : '',
        g.binding.port !== undefined ? `port-${g.binding.port}` : '',
      ]
        .filter(Boolean)
        .join('-');
      meshDrafts.push(...meshRouteDrafts(scope, placements, g.binding.port, g.rules, suffix));
      continue;
    }
    const owner = g.owner;
    const gs = owner ? delegation!.scopeOf(owner) : scope;
    const ownBase = owner
      ? delegation!.shared(owner)
        ? routeName(owner.name, written.name)
        : owner.name
      : vs.name;
    const base =
      g.key === defaultKey || g.key === groupKey({}, gateways, false, owner)
        ? ownBase
        : routeName(
            ownBase,
            suffixOf(g.binding, g.gateways.length === gateways.length ? [] : g.gateways),
          );
    const namespace = owner?.namespace ?? vs.namespace;
    const names = usedIn.get(namespace) ?? new Set<string>();
    usedIn.set(namespace, names);
    const hostChunks = g.hostnames.length ? chunkList(g.hostnames, MAX_HOSTNAMES) : [[]];
    hostChunks.forEach((hostnames, hi) => {
      const parentRefs = parentRefsFor(gs, g.gateways, {
        hostnames,
        ...(g.binding.port !== undefined ? { port: g.binding.port } : {}),
        ...(g.binding.scheme ? { scheme: g.binding.scheme } : {}),
      });
      if (!parentRefs.length) {
        raise(
          scope,
          'ignored-field',
          ['spec', 'http'],
          `no listener of ${g.gateways.map((x) => x.key).join(', ')} serves ${describeBinding(g.binding, hostnames)}, so ${g.rules.length} rule(s) never applied there; nothing is written for them`,
        );
        return;
      }
      ruleChunks(g.rules).forEach((rules, ri) => {
        let name = base;
        if (hi > 0) name = routeName(name, `hosts-${hi + 1}`);
        if (ri > 0) name = routeName(name, `part-${String(ri + 1).padStart(2, '0')}`);
        name = unique(name, names);
        const route: HTTPRoute = {
          apiVersion: 'gateway.networking.k8s.io/v1',
          kind: 'HTTPRoute',
          metadata: { name, namespace },
          spec: {
            parentRefs: parentRefs.slice(0, MAX_PARENT_REFS),
            ...(hostnames.length ? { hostnames } : {}),
            rules: uniqueRuleNames(rules.map((r) => r.rule)),
          },
        };
        if (parentRefs.length > MAX_PARENT_REFS)
          raise(
            scope,
            'ignored-field',
            ['spec', 'gateways'],
            `${parentRefs.length} parentRefs exceed the limit of ${MAX_PARENT_REFS}; the route attaches to the first ${MAX_PARENT_REFS} listeners only`,
          );
        routes.push({ route, rules });
        if (owner) delegated.push(name);
        const asked = new Set<string>();
        for (const r of rules)
          for (const need of r.grants) {
            const k = `${need.to.namespace}/${need.to.name}`;
            if (!asked.has(k)) {
              asked.add(k);
              ctx.needGrant(need);
            }
          }
        emitted.push(
          owner
            ? { object: route, origin: owner, carries: written }
            : { object: route, origin: written },
        );
      });
    });
  }
  const gatewayRoutes = routes.length;
  const meshBindings: AnalysedRoute[][] = [];
  for (const d of meshDrafts) {
    const names = usedIn.get(d.namespace) ?? new Set<string>();
    usedIn.set(d.namespace, names);
    const meshRoutes: { route: HTTPRoute; rules: OrderedRule[] }[] = [];
    ruleChunks(d.rules).forEach((rules, ri) => {
      let name = meshRouteBase(scope, d.namespace);
      if (d.suffix) name = routeName(name, d.suffix);
      if (ri > 0) name = routeName(name, `part-${String(ri + 1).padStart(2, '0')}`);
      name = unique(name, names);
      const route: HTTPRoute = {
        apiVersion: 'gateway.networking.k8s.io/v1',
        kind: 'HTTPRoute',
        metadata: { name, namespace: d.namespace },
        spec: { parentRefs: d.parentRefs, rules: rules.map((r) => r.rule) },
      };
      meshRoutes.push({ route, rules });
      emitted.push({ object: route, origin: written });
    });
    routes.push(...meshRoutes);
    if (!analysable)
      checkOrder(
        scope,
        meshRoutes.map((r) => ({ name: r.route.metadata.name, hostnames: [], rules: r.rules })),
      );
    else meshBindings.push(meshRoutes);
  }
  if (!emitted.length) return { emitted: [], keptReason: 'no http rule could be converted' };
  const own = routes.filter((r) => !delegated.includes(r.route.metadata.name));
  if (own.length > 1) {
    raise(
      scope,
      'route-split',
      ['spec', 'http'],
      `this VirtualService became ${own.length} HTTPRoutes (${own.map((r) => r.route.metadata.name).join(', ')}): mesh and gateway parents, per-match gateways, port, scheme or authority need routes of their own, or a route would exceed ${MAX_RULES} rules, ${MAX_MATCHES_PER_ROUTE} matches or ${MAX_HOSTNAMES} hostnames`,
    );
  }
  if (!analysable) {
    checkOrder(
      scope,
      routes.slice(0, gatewayRoutes).map((r) => ({
        name: r.route.metadata.name,
        hostnames: r.route.spec.hostnames ?? [],
        rules: r.rules,
      })),
    );
  } else {
    const bindings: Binding[] = [];
    if (gatewayRoutes && gatewayBinding)
      bindings.push({
        binding: gatewayBinding,
        mesh: false,
        routes: routes.slice(0, gatewayRoutes),
      });
    // Each placement of the mesh routes (one per parent) is analysed on its own.
    for (const m of meshBindings) bindings.push({ binding: 'mesh', mesh: true, routes: m });
    reportRouting(scope, bindings, scope.prefixNotes ?? []);
  }
  return { emitted };
}

/** The matches of one rule; a rule without `match` is one match-all entry (index -1). */
function ruleMatches(scope: HttpScope, rule: HTTPRouteSpecIstio, at: FieldPath): ConvertedMatch[] {
  if (!rule.match?.length)
    return [{ index: -1, matches: [], binding: {}, uri: 'none', ignoreCase: false }];
  const out: ConvertedMatch[] = [];
  rule.match.forEach((m, j) => {
    const cm = convertMatch(scope, m, j, [...at, 'match', j]);
    if (cm) out.push(cm);
  });
  if (!out.length) {
    raise(
      scope,
      'match-not-converted',
      [...at, 'match'],
      `none of this rule's matches can be converted, so the rule is not emitted: its requests go to later rules or get a 404`,
    );
  }
  return out;
}

/** Everything about one Istio rule except its matches; undefined when the rule cannot be emitted. */
function ruleTemplate(
  scope: HttpScope,
  rule: HTTPRouteSpecIstio,
  at: FieldPath,
  cms: readonly ConvertedMatch[],
): { template: RuleTemplate; replace?: PathReplacement } | undefined {
  const { ctx } = scope;
  let noBackends = false;
  if (rule.directResponse) {
    const d = rule.directResponse;
    if (d.status === 500 && !d.body) noBackends = true;
    else {
      raise(
        scope,
        'direct-response-not-converted',
        [...at, 'directResponse'],
        `directResponse ${d.status}${d.body ? ' with a body' : ''} has no Gateway API equivalent (only a rule without backends, answering 500); this rule is not emitted, so its requests go to later rules or get a 404`,
      );
      return undefined;
    }
  }
  if (rule.fault)
    raise(
      scope,
      'fault-not-converted',
      [...at, 'fault'],
      `fault injection (${[rule.fault.delay ? 'delay' : '', rule.fault.abort ? 'abort' : ''].filter(Boolean).join(' and ')}) has no Gateway API equivalent; requests to this rule are no longer ${rule.fault.delay && rule.fault.abort ? 'delayed or aborted' : rule.fault.delay ? 'delayed' : 'aborted'}${ctx.meshInResidual ? ' at its gateways (in-mesh requests keep it: see residual-virtual-service)' : ''}`,
    );
  const t: RuleTemplate = { filters: [], grants: [] };
  if (rule.name !== undefined) {
    if (supports(ctx.target, 'ruleName'))
      t.name =
        SUBDOMAIN_RE.test(rule.name) && rule.name.length <= 250 ? rule.name : dnsLabel(rule.name);
    else
      raise(
        scope,
        'ignored-field',
        [...at, 'name'],
        `rule name '${rule.name}' needs Gateway API v1.4 (standard) or the experimental channel; it only names the route in stats and is not carried over`,
      );
  }
  const req = headerModifier(scope, rule.headers?.request, [...at, 'headers', 'request']);
  if (req) t.filters.push({ type: 'RequestHeaderModifier', requestHeaderModifier: req });
  const res = headerModifier(scope, rule.headers?.response, [...at, 'headers', 'response']);
  if (res) t.filters.push({ type: 'ResponseHeaderModifier', responseHeaderModifier: res });
  let replace: PathReplacement | undefined;
  if (rule.redirect) {
    const plan = redirectPlan(scope, rule.redirect, [...at, 'redirect']);
    t.filters.push({ type: 'RequestRedirect', requestRedirect: plan.redirect });
    if (plan.prefixRewrite !== undefined)
      replace = {
        filter: 'RequestRedirect',
        prefix: plan.prefixRewrite,
        at: [...at, 'redirect', 'prefixRewrite'],
      };
    if (rule.rewrite)
      raise(
        scope,
        'rewrite-not-converted',
        [...at, 'rewrite'],
        'rewrite together with redirect: Gateway API forbids URLRewrite next to RequestRedirect (and the redirect answers before any rewrite); the rewrite is dropped',
      );
    if (rule.route?.length)
      raise(
        scope,
        'backend-not-converted',
        [...at, 'route'],
        'route together with redirect: a redirect rule has no backends in Gateway API, the destinations are dropped (Istio answered with the redirect too)',
      );
  } else {
    if (rule.rewrite) {
      const prefixes = cms.map((c) =>
        c.uri === 'prefix' ? c.prefix : c.uri === 'none' ? '/' : undefined,
      );
      const plan = rewritePlan(scope, rule.rewrite, [...at, 'rewrite'], prefixes);
      if (!plan) return undefined;
      const urlRewrite: Extract<HTTPRouteFilter, { type: 'URLRewrite' }>['urlRewrite'] = {};
      if (plan.hostname) urlRewrite.hostname = plan.hostname;
      if (plan.fullPath !== undefined)
        urlRewrite.path = { type: 'ReplaceFullPath', replaceFullPath: plan.fullPath };
      if (urlRewrite.hostname || urlRewrite.path)
        t.filters.push({ type: 'URLRewrite', urlRewrite });
      if (plan.prefix !== undefined && plan.fullPath === undefined)
        replace = {
          filter: 'URLRewrite',
          prefix: plan.prefix,
          at: [...at, 'rewrite', rule.rewrite.uri !== undefined ? 'uri' : 'uriRegexRewrite'],
        };
    }
    if (!noBackends) {
      const dests = rule.route ?? [];
      if (!dests.length) {
        raise(
          scope,
          'backend-not-converted',
          at,
          'rule has neither route, redirect nor directResponse; it is not emitted',
        );
        return undefined;
      }
      const refs: BackendRef[] = [];
      for (const [j, d] of dests.entries()) {
        const ref = backendRefFor(
          scope,
          d.destination,
          [...at, 'route', j, 'destination'],
          'destination',
          t.grants,
        );
        if (!ref) return undefined;
        // Trap 3: a lone destination takes all traffic whatever its weight; never write an unset weight as 0.
        if (dests.length > 1 && d.weight !== undefined) ref.weight = d.weight;
        const breq = headerModifier(scope, d.headers?.request, [
          ...at,
          'route',
          j,
          'headers',
          'request',
        ]);
        const bres = headerModifier(scope, d.headers?.response, [
          ...at,
          'route',
          j,
          'headers',
          'response',
        ]);
        const bf: HTTPRouteFilter[] = [];
        if (breq) bf.push({ type: 'RequestHeaderModifier', requestHeaderModifier: breq });
        if (bres) bf.push({ type: 'ResponseHeaderModifier', responseHeaderModifier: bres });
        if (bf.length) ref.filters = bf;
        refs.push(ref);
      }
      if (dests.length > 1) {
        if (dests.every((d) => d.weight === undefined)) {
          raise(
            scope,
            'weights-unset',
            [...at, 'route'],
            `${dests.length} destinations without weights: the HTTPRoute splits traffic equally (Gateway API default weight 1), which Istio did not promise`,
            'Write the weights explicitly (they add up to 100 in Istio).',
          );
        } else {
          // Istio reads a missing weight among several as 0 (no traffic); say so explicitly.
          for (const ref of refs) if (ref.weight === undefined) ref.weight = 0;
        }
      }
      if (refs.length > 16) {
        raise(
          scope,
          'backend-not-converted',
          [...at, 'route'],
          `${refs.length} destinations exceed the limit of 16 backendRefs; the rule is not emitted`,
        );
        return undefined;
      }
      t.backendRefs = refs;
    }
  }
  t.filters.push(...mirrorFilters(scope, rule, at, t.grants));
  if (rule.corsPolicy) {
    const cors = corsFilter(scope, rule.corsPolicy, [...at, 'corsPolicy']);
    if (cors) t.filters.push(cors);
  }
  let requestMs: bigint | undefined;
  if (rule.timeout !== undefined) {
    const d = toGatewayDuration(rule.timeout);
    if (!d.ok)
      raise(
        scope,
        'timeout-not-converted',
        [...at, 'timeout'],
        `timeout ${d.reason}; the request timeout is not set, so requests to this rule wait for the backend without a limit`,
      );
    else if (!supports(ctx.target, 'httpRouteTimeouts'))
      raise(
        scope,
        'timeout-not-converted',
        [...at, 'timeout'],
        'HTTPRoute timeouts are not available on this target; requests wait without a limit',
      );
    else {
      t.timeouts = { request: d.value };
      requestMs = d.ms;
    }
  }
  if (rule.retries) {
    const r = retryFor(scope, rule.retries, [...at, 'retries'], requestMs);
    if (r.retry) t.retry = r.retry;
    if (r.backendRequest) t.timeouts = { ...(t.timeouts ?? {}), backendRequest: r.backendRequest };
  }
  if (t.filters.length > 16) {
    raise(
      scope,
      'mirror-not-converted',
      at,
      `${t.filters.length} filters exceed the limit of 16; the rule keeps the first 16`,
    );
    t.filters = t.filters.slice(0, 16);
  }
  return replace ? { template: t, replace } : { template: t };
}

function groupKey(
  b: MatchBinding,
  gws: readonly GatewayBinding[],
  mesh: boolean,
  owner?: VirtualService,
): string {
  return JSON.stringify([
    owner ? `${owner.namespace}/${owner.name}` : null,
    mesh,
    gws.map((g) => g.key),
    b.port ?? null,
    b.scheme ?? null,
    b.authority ?? null,
  ]);
}

function suffixOf(b: MatchBinding, gws: readonly GatewayBinding[]): string {
  const parts: string[] = [];
  if (gws.length) parts.push(...gws.map((g) => g.name));
  if (b.port !== undefined) parts.push(`port-${b.port}`);
  if (b.scheme) parts.push(b.scheme);
  if (b.authority) parts.push(b.authority);
  return parts.join('-');
}

function describeBinding(b: MatchBinding, hostnames: readonly string[]): string {
  const parts: string[] = [];
  if (b.port !== undefined) parts.push(`port ${b.port}`);
  if (b.scheme) parts.push(b.scheme);
  parts.push(hostnames.length ? hostnames.join(', ') : 'any host');
  return parts.join(' / ');
}

/**
 * The slot groups of the order-keeping rewrite: one per binding, the root's and its delegates'
 * routes together (they attach to the same listeners), in Istio's rule order.
 */
function slotGroups(groups: readonly RouteGroup[], bindingOf: (g: RouteGroup) => string) {
  const out = new Map<string, { binding: string; mesh: boolean; slots: RuleSlot[] }>();
  for (const g of groups) {
    if (!g.slots.length) continue;
    const k = groupKey(g.binding, g.gateways, g.mesh);
    const s = out.get(k) ?? { binding: bindingOf(g), mesh: g.mesh, slots: [] };
    s.slots.push(...g.slots);
    out.set(k, s);
  }
  for (const s of out.values()) s.slots.sort((a, b) => a.source - b.source);
  return [...out.values()];
}

/**
 * Rule names unique within a route, as Gateway API requires: the rules pilot merges from one
 * delegate rule and a root rule all take the root's name when the delegate's rule has none.
 */
function uniqueRuleNames(rules: HTTPRouteRule[]): HTTPRouteRule[] {
  const used = new Set<string>();
  for (const r of rules) {
    if (r.name === undefined) continue;
    const name = r.name;
    for (let i = 2; used.has(r.name); i++) r.name = routeName(name, String(i));
    used.add(r.name);
  }
  return rules;
}

/** `<base>-<suffix>` as a valid object name (≤ 253, DNS subdomain). */
function routeName(base: string, suffix: string): string {
  const s = dnsLabel(suffix);
  return `${base.slice(0, 253 - s.length - 1).replace(/[-.]+$/, '')}-${s}`;
}

function unique(name: string, used: Set<string>): string {
  let n = name;
  for (let i = 2; used.has(n); i++) n = routeName(name, String(i));
  used.add(n);
  return n;
}

function chunkList<T>(list: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}

/** Rules in written order, cut so each route holds ≤ 16 rules and ≤ 128 matches. */
function ruleChunks(rules: readonly OrderedRule[]): OrderedRule[][] {
  const out: OrderedRule[][] = [];
  let cur: OrderedRule[] = [];
  let matches = 0;
  for (const r of rules) {
    const n = r.rule.matches?.length ?? 1;
    if (cur.length && (cur.length >= MAX_RULES || matches + n > MAX_MATCHES_PER_ROUTE)) {
      out.push(cur);
      cur = [];
      matches = 0;
    }
    cur.push(r);
    matches += n;
  }
  if (cur.length) out.push(cur);
  return out;
}
