// For mapper authors: "given these converted rules for one VirtualService, which concrete request
// now goes elsewhere?" Used to write `order-changed` and `prefix-semantics` findings that name a
// real request, and to check that a mapping changes nothing where it claims so.
import type { HTTPRoute, K8sObject } from '../gateway-api/types.js';
import { ConfigIndex } from '../model/index.js';
import { resolveShortHost } from '../model/index.js';
import type { VirtualService } from '../model/resources.js';
import {
  compileIstioMatch,
  compileVirtualServiceHttp,
  resolveGatewayRef,
} from '../routing/classic-router.js';
import { compileHttpRouteMatch, routeCompiler } from '../routing/gateway-api-router.js';
import { concreteHost, httpRequests } from '../routing/probes.js';
import {
  describeRequest,
  type HttpRequest,
  type Outcome,
  outcomeDifferences,
} from '../routing/request.js';
import { firstMatch, type CompiledMatch } from '../routing/route-table.js';
import { routerOptionsFor } from './verify.js';

export interface RuleChange {
  request: HttpRequest;
  /** `GET http://a.example.com:80/api/v2/x @gateway default/gw` */
  requestText: string;
  before: Outcome;
  after: Outcome;
  /** `result`, `backends`, `path`, … (see outcomeDifferences). */
  differences: string[];
  /** The VirtualService rule that took the request before (`spec.http[0]`), if any. */
  beforeRule?: string;
  /** The generated rule that takes it now (`HTTPRoute default/web spec.rules[1]`), if any. */
  afterRule?: string;
}

export interface RuleChangeOptions {
  /** The index of the whole input (Service ports, DestinationRule subsets); default: the VirtualService alone. */
  index?: ConfigIndex;
  /** Which binding of the VirtualService to compare: `ns/gateway` or `mesh` (default: its first). */
  binding?: string;
  /** Host of the probe requests (default: the VirtualService's first host, wildcards made concrete). */
  host?: string;
  /** At most this many changes (default 20), first in probe order. */
  limit?: number;
  /** Only changes in these aspects (default: all; `['result', 'backends']` for routing only). */
  aspects?: readonly string[];
}

/**
 * Replays probe requests built from `vs`'s matches and `routes`' matches through the
 * VirtualService's `http[]` (first match, written order) and through the rules of `routes`
 * (Gateway API precedence, as Istio sorts them), and returns the requests whose outcome differs.
 * Hostnames and parentRefs of `routes` are not consulted: all their rules are taken as
 * competing for the same requests, which is what they do when they share a listener and host.
 */
export function changedRequests(
  vs: VirtualService,
  routes: readonly HTTPRoute[],
  options: RuleChangeOptions = {},
): RuleChange[] {
  const index = options.index ?? new ConfigIndex([vs], vs.namespace);
  const binding =
    options.binding ??
    (vs.spec.gateways?.length ? resolveGatewayRef(vs.spec.gateways[0]!, vs.namespace) : 'mesh');
  const classic = compileVirtualServiceHttp(index, vs, binding);
  const objects = routes as readonly K8sObject[];
  const compiler = routeCompiler(objects, routerOptionsFor(index, objects));
  const generated = compiler.sortEntries(
    routes.flatMap((r) =>
      compiler.compileRoute(r as Parameters<typeof compiler.compileRoute>[0], binding === 'mesh'),
    ),
  );

  const matches: CompiledMatch[] = [
    ...(vs.spec.http ?? []).flatMap((r) => (r.match ?? []).map(compileIstioMatch)),
    ...routes.flatMap((r) =>
      (r.spec.rules ?? []).flatMap((rule) => (rule.matches ?? []).map(compileHttpRouteMatch)),
    ),
  ];
  const host =
    options.host ?? concreteHost(resolveShortHost(vs.spec.hosts?.[0] ?? '*', vs.namespace));
  const ports = [
    ...new Set(matches.map((m) => m.port).filter((p): p is number => p !== undefined)),
  ];
  const entry =
    binding === 'mesh'
      ? { kind: 'mesh' as const, host }
      : {
          kind: 'gateway' as const,
          namespace: binding.split('/')[0]!,
          name: binding.split('/')[1]!,
        };
  const limit = options.limit ?? 20;
  const out: RuleChange[] = [];
  for (const port of ports.length ? ports : [80]) {
    for (const req of httpRequests(
      {
        protocol: 'http',
        entry,
        scheme: 'http',
        port,
        host,
        source: { namespace: vs.namespace, labels: {} },
      },
      matches,
    )) {
      const b = firstMatch(classic, req);
      const a = firstMatch(generated, req);
      const before: Outcome = b
        ? { ...b.route.act(req, b.match), via: b.route.via }
        : { kind: 'no-route' };
      const after: Outcome = a
        ? { ...a.route.act(req, a.match), via: a.route.via }
        : { kind: 'no-route' };
      let differences = outcomeDifferences(before, after);
      if (options.aspects) differences = differences.filter((d) => options.aspects!.includes(d));
      if (differences.length === 0) continue;
      const change: RuleChange = {
        request: req,
        requestText: describeRequest(req),
        before,
        after,
        differences,
      };
      if (before.via) change.beforeRule = before.via.path;
      if (after.via)
        change.afterRule = `${after.via.kind} ${after.via.namespace}/${after.via.name} ${after.via.path}`;
      out.push(change);
      if (out.length >= limit) return out;
    }
  }
  return out;
}
