import { type HttpScope, HOSTNAME_RE, isIpAddress, raise } from './scope.js';

export interface RouteHostnames {
  /** True when the VirtualService serves every host (`*`): the HTTPRoute takes no hostnames. */
  any: boolean;
  /** Lowercase hostnames, in written order, without duplicates. */
  hostnames: string[];
  /** Hosts were written but none can be a hostname: emitting no hostnames would widen the route. */
  none: boolean;
}

/**
 * `hosts` → `hostnames`. Short names of a gateway-bound VirtualService are literal Host header
 * values at a gateway, so they stay as written (semantics.md §4).
 */
export function routeHostnames(scope: HttpScope): RouteHostnames {
  const hosts = scope.vs.spec.hosts ?? [];
  const out: string[] = [];
  let any = false;
  hosts.forEach((raw, i) => {
    const h = raw.toLowerCase();
    if (h === '*') {
      any = true;
      return;
    }
    if (isIpAddress(h)) {
      raise(
        scope,
        'host-not-converted',
        ['spec', 'hosts', i],
        `host '${raw}' is an IP address, which an HTTPRoute hostname cannot be: requests with 'Host: ${raw}' are no longer routed by this route`,
        'Route IP-addressed requests with a route without hostnames on a dedicated listener, or drop the host.',
      );
      return;
    }
    if (!HOSTNAME_RE.test(h) || h.length > 253) {
      raise(
        scope,
        'host-not-converted',
        ['spec', 'hosts', i],
        `host '${raw}' is not a valid HTTPRoute hostname (only a leading '*.' wildcard is allowed): requests for it are no longer routed by this route`,
      );
      return;
    }
    if (!out.includes(h)) out.push(h);
  });
  if (any) return { any: true, hostnames: [], none: false };
  return { any: false, hostnames: out, none: hosts.length > 0 && out.length === 0 };
}
