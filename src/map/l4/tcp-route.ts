import type { TCPRoute } from '../../gateway-api/types.js';
import type { FieldPath } from '../../model/resources.js';
import { apiVersionOf, gateRequirement } from '../../target.js';
import type { Emitted } from '../context.js';
import type { GrantNeed } from '../reference-grants.js';
import { type GatewayBinding, matchGateways } from '../http/parent-refs.js';
import { type HttpScope, raise } from '../http/scope.js';
import { l4BackendRefs } from './backends.js';
import { type Claims, type L4Target, l4ParentRefs } from './listeners.js';
import type { L4Names } from './names.js';

type TcpMatch = NonNullable<NonNullable<HttpScope['vs']['spec']['tcp']>[number]['match']>[number];

const CLIENT_CONDITIONS = [
  'sourceLabels',
  'sourceNamespace',
  'sourceSubnet',
  'destinationSubnets',
] as const;

/**
 * VirtualService `tcp[]` → TCPRoutes (semantics.md §5), one per entry (a v1 TCPRoute has exactly
 * one rule). `port` and per-match `gateways` pick the TCP listeners by `sectionName`. Classic
 * tries `tcp[]` in written order and the first entry that matches a connection takes it; a TCP
 * listener serves one TCPRoute, so each entry gets only the listeners no earlier entry took.
 */
export function mapTcpRoutes(
  scope: HttpScope,
  gateways: readonly GatewayBinding[],
  names: L4Names,
): Emitted[] {
  const { vs, ctx } = scope;
  const entries = vs.spec.tcp ?? [];
  if (!entries.length) return [];
  const apiVersion = apiVersionOf(ctx.target, 'TCPRoute');
  if (!apiVersion) {
    raise(
      scope,
      'route-kind-not-converted',
      ['spec', 'tcp'],
      `this target has no TCPRoute (it needs ${gateRequirement('tcpRouteV1')}, or the experimental channel): ${entries.length} tcp[] route(s) are not converted, so when this VirtualService is replaced these TCP connections are no longer routed`,
      'Target a release and channel with TCPRoute (--gateway-api v1.6, or --channel experimental), or keep the tcp routes in a VirtualService of their own.',
    );
    return [];
  }
  const out: Emitted[] = [];
  const claims: Claims = new Set();
  entries.forEach((entry, i) => {
    const at: FieldPath = ['spec', 'tcp', i];
    const targets = tcpTargets(scope, entry.match, at, gateways);
    if (!targets.length) return;
    const grants: GrantNeed[] = [];
    const backendRefs = l4BackendRefs(scope, entry.route, at, 'TCPRoute', grants);
    if (!backendRefs) return;
    const sel = l4ParentRefs(scope, targets, 'TCP', [], claims);
    if (!sel.refs.length) {
      if (sel.shadowed) {
        raise(
          scope,
          'l4-route-shadowed',
          at,
          `earlier tcp[] entries already take every connection on the listeners this entry matches, so it never applied; nothing is written for it`,
        );
      } else {
        const ports = targets.map((t) => t.port).filter((p) => p !== undefined);
        raise(
          scope,
          'ignored-field',
          entry.match?.length ? [...at, 'match'] : at,
          `no TCP listener of ${[...new Set(targets.flatMap((t) => t.gateways.map((g) => g.key)))].join(', ')}${ports.length ? ` on port ${ports.join(', ')}` : ''} serves this entry, so it never applied there; nothing is written for it`,
        );
      }
      return;
    }
    for (const k of sel.keys) claims.add(k);
    const route: TCPRoute = {
      apiVersion,
      kind: 'TCPRoute',
      metadata: { name: names.name('tcp', i, 0, 1), namespace: vs.namespace },
      spec: { parentRefs: sel.refs, rules: [{ backendRefs }] },
    };
    for (const need of grants) ctx.needGrant(need);
    out.push({ object: route, origin: vs });
  });
  return out;
}

/** Where the entry applies: one target per convertible match, or everywhere without matches. */
function tcpTargets(
  scope: HttpScope,
  matches: readonly TcpMatch[] | undefined,
  at: FieldPath,
  gateways: readonly GatewayBinding[],
): L4Target[] {
  if (!matches?.length) return [{ gateways }];
  const out: L4Target[] = [];
  matches.forEach((m, j) => {
    const matchAt: FieldPath = [...at, 'match', j];
    const unsupported = CLIENT_CONDITIONS.filter((f) => m[f] !== undefined);
    for (const f of unsupported) {
      raise(
        scope,
        'l4-match-not-converted',
        [...matchAt, f],
        `${f} has no TCPRoute equivalent; dropping it would route every client's connection, so this match is not emitted: connections it selected go to later tcp routes or are no longer routed`,
      );
    }
    if (unsupported.length) return;
    let gws: readonly GatewayBinding[] = gateways;
    if (m.gateways?.length) {
      const picked = matchGateways(scope, m.gateways, gateways, [...matchAt, 'gateways']);
      // Mesh (sidecar) tls/tcp routes are not converted; routes.ts reports them.
      if (!picked.gateways.length) return;
      gws = picked.gateways;
    }
    out.push({ gateways: gws, ...(m.port !== undefined ? { port: m.port } : {}) });
  });
  return out;
}
