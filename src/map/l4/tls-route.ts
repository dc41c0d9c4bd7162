import type { TLSRoute } from '../../gateway-api/types.js';
import type { FieldPath } from '../../model/resources.js';
import { apiVersionOf, gateRequirement, tlsRouteNeedsHostnames } from '../../target.js';
import type { Emitted } from '../context.js';
import type { GrantNeed } from '../reference-grants.js';
import { type GatewayBinding, matchGateways } from '../http/parent-refs.js';
import { HOSTNAME_RE, type HttpScope, isIpAddress, raise } from '../http/scope.js';
import { l4BackendRefs } from './backends.js';
import { l4ParentRefs } from './listeners.js';
import type { L4Names } from './names.js';

type TlsEntry = NonNullable<HttpScope['vs']['spec']['tls']>[number];
type TlsMatch = TlsEntry['match'][number];

// TLSRoute spec.hostnames maxItems in every release before v1.6 (and v1alpha2 throughout).
const MAX_HOSTNAMES = 16;

/** The matches of one entry that share gateways and port: one TLSRoute, hostnames merged. */
interface TlsGroup {
  gateways: GatewayBinding[];
  port?: number;
  /** Lowercase SNI names in written order; empty with `any` = every SNI. */
  hostnames: string[];
  any: boolean;
}

/**
 * VirtualService `tls[]` → TLSRoutes (semantics.md §5): one route per entry, since a v1 TLSRoute
 * has exactly one rule. `sniHosts` become `hostnames`; `port` and per-match `gateways` pick the
 * TLS Passthrough listeners (matches that differ in them become routes of their own, so no SNI
 * name is widened to another port). Istio turns the route's hostnames back into `sniHosts`
 * (conversion.go buildTLSMatch), so SNI routing is unchanged.
 */
export function mapTlsRoutes(
  scope: HttpScope,
  gateways: readonly GatewayBinding[],
  names: L4Names,
): Emitted[] {
  const { vs, ctx } = scope;
  const entries = vs.spec.tls ?? [];
  if (!entries.length) return [];
  const apiVersion = apiVersionOf(ctx.target, 'TLSRoute');
  if (!apiVersion) {
    raise(
      scope,
      'route-kind-not-converted',
      ['spec', 'tls'],
      `this target has no TLSRoute (it needs ${tlsRequirement()}): ${entries.length} tls[] route(s) are not converted, so when this VirtualService is replaced these TLS connections are no longer routed`,
      'Target a release and channel with TLSRoute (--gateway-api v1.5, or --channel experimental), or keep the tls routes in a VirtualService of their own.',
    );
    return [];
  }
  const out: Emitted[] = [];
  entries.forEach((entry, i) => {
    const at: FieldPath = ['spec', 'tls', i];
    const groups = tlsGroups(scope, entry, at, gateways);
    if (!groups.length) return;
    const grants: GrantNeed[] = [];
    const backendRefs = l4BackendRefs(scope, entry.route, at, 'TLSRoute', grants);
    if (!backendRefs) return;
    const routes: TLSRoute[] = [];
    groups.forEach((g) => {
      const sel = l4ParentRefs(
        scope,
        [{ gateways: g.gateways, ...(g.port !== undefined ? { port: g.port } : {}) }],
        'TLS',
        g.hostnames,
      );
      if (!sel.refs.length) {
        raise(
          scope,
          'ignored-field',
          [...at, 'match'],
          `no TLS passthrough listener of ${g.gateways.map((x) => x.key).join(', ')} serves ${g.port !== undefined ? `port ${g.port} / ` : ''}${g.any ? 'any SNI' : g.hostnames.join(', ')}, so this route never applied there; nothing is written for it`,
        );
        return;
      }
      const chunks = g.any ? [[]] : chunk(g.hostnames, MAX_HOSTNAMES);
      for (const hostnames of chunks) {
        routes.push({
          apiVersion,
          kind: 'TLSRoute',
          metadata: { name: '', namespace: vs.namespace },
          spec: {
            parentRefs: sel.refs.map((r) => ({ ...r })),
            ...(hostnames.length ? { hostnames } : {}),
            rules: [{ backendRefs: backendRefs.map((b) => ({ ...b })) }],
          },
        });
      }
    });
    routes.forEach((r, k) => {
      r.metadata.name = names.name('tls', i, k, routes.length);
      out.push({ object: r, origin: vs });
    });
    if (routes.length) for (const need of grants) ctx.needGrant(need);
  });
  return out;
}

function tlsGroups(
  scope: HttpScope,
  entry: TlsEntry,
  at: FieldPath,
  gateways: readonly GatewayBinding[],
): TlsGroup[] {
  const groups = new Map<string, TlsGroup>();
  entry.match.forEach((m, j) => {
    const matchAt: FieldPath = [...at, 'match', j];
    if (!supportedMatch(scope, m, matchAt)) return;
    let gws: GatewayBinding[] = [...gateways];
    if (m.gateways?.length) {
      const picked = matchGateways(scope, m.gateways, gateways, [...matchAt, 'gateways']);
      // Mesh (sidecar) tls/tcp routes are not converted; routes.ts reports them.
      if (!picked.gateways.length) return;
      gws = picked.gateways;
    }
    const sni = sniHostnames(scope, m, matchAt);
    if (!sni) return;
    const key = JSON.stringify([gws.map((g) => g.key), m.port ?? null]);
    const g = groups.get(key) ?? {
      gateways: gws,
      ...(m.port !== undefined ? { port: m.port } : {}),
      hostnames: [],
      any: false,
    };
    if (sni.any) g.any = true;
    for (const h of sni.hostnames) if (!g.hostnames.includes(h)) g.hostnames.push(h);
    groups.set(key, g);
  });
  for (const g of groups.values()) if (g.any) g.hostnames = [];
  return [...groups.values()];
}

/** Conditions on the client: no TLSRoute equivalent, so the match is dropped rather than widened (trap 5). */
function supportedMatch(scope: HttpScope, m: TlsMatch, matchAt: FieldPath): boolean {
  const unsupported = (['sourceLabels', 'sourceNamespace', 'destinationSubnets'] as const).filter(
    (f) => m[f] !== undefined,
  );
  for (const f of unsupported) {
    raise(
      scope,
      'l4-match-not-converted',
      [...matchAt, f],
      `${f} has no TLSRoute equivalent; dropping it would route every client's connection, so this match is not emitted: connections it selected go to later tls routes or are no longer routed`,
    );
  }
  return unsupported.length === 0;
}

/** `sniHosts` → hostnames; `*` is any SNI, which only a TLSRoute without hostnames (v1alpha2) says. */
function sniHostnames(
  scope: HttpScope,
  m: TlsMatch,
  matchAt: FieldPath,
): { hostnames: string[]; any: boolean } | undefined {
  const hostnames: string[] = [];
  let any = false;
  m.sniHosts.forEach((raw, k) => {
    const h = raw.toLowerCase();
    const hAt: FieldPath = [...matchAt, 'sniHosts', k];
    if (h === '*') {
      if (tlsRouteNeedsHostnames(scope.ctx.target)) {
        raise(
          scope,
          'sni-host-not-converted',
          hAt,
          "sniHost '*' (any SNI) has no TLSRoute equivalent on this target: hostnames are required and cannot be '*', so connections with other SNI names are no longer routed by this route",
          "List the SNI names explicitly (a leading '*.' wildcard is allowed), or target the experimental channel before v1.4, whose v1alpha2 TLSRoute takes any SNI without hostnames.",
        );
      } else any = true;
      return;
    }
    if (isIpAddress(h) || !HOSTNAME_RE.test(h) || h.length > 253) {
      raise(
        scope,
        'sni-host-not-converted',
        hAt,
        `sniHost '${raw}' is not a valid TLSRoute hostname (${isIpAddress(h) ? 'an IP address' : "only a leading '*.' wildcard is allowed"}): connections with that SNI are no longer routed by this route`,
      );
      return;
    }
    if (!hostnames.includes(h)) hostnames.push(h);
  });
  if (!any && !hostnames.length) return undefined;
  return { hostnames, any };
}

function tlsRequirement(): string {
  return `${gateRequirement('tlsRouteV1')}, or the experimental channel`;
}

function chunk<T>(list: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}
