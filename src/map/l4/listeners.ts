import type { ParentReference } from '../../gateway-api/types.js';
import { isMerged, type ListenerPlan, ownedBy, serverPortsOf } from '../gateway/plan.js';
import type { GatewayBinding } from '../http/parent-refs.js';
import { hostnamesIntersect, type HttpScope } from '../http/scope.js';

/** The listener protocol a route kind attaches to: TLSRoute → TLS (Passthrough), TCPRoute → TCP. */
export type L4Protocol = 'TLS' | 'TCP';

/** Where one match of a `tls[]`/`tcp[]` entry applies: its gateways and, optionally, one port. */
export interface L4Target {
  gateways: readonly GatewayBinding[];
  port?: number;
}

/**
 * Listeners already taken by earlier `tcp[]` entries, as `<gateway>/<listener>` (or
 * `<gateway>#<port|*>` for a gateway not in the input): classic tries `tcp[]` in written order.
 */
export type Claims = Set<string>;

export interface L4Selection {
  refs: ParentReference[];
  /** Claim keys of what `refs` attach to. */
  keys: string[];
  /** True when every listener that could serve the targets was claimed by an earlier entry. */
  shadowed: boolean;
}

/** Classic tls[] routes apply only where TLS is not terminated: Passthrough (or mode-less TLS) listeners. */
function carries(l: ListenerPlan, protocol: L4Protocol): boolean {
  if (l.httpsRedirect) return false;
  if (l.listener.protocol !== protocol) return false;
  return protocol === 'TCP' || l.listener.tls?.mode !== 'Terminate';
}

/**
 * parentRefs for one TLSRoute/TCPRoute. A gateway whose every carrying listener applies gets one
 * parentRef without `sectionName` (the route kind picks the listeners); a port, a hostname that
 * excludes a listener, or listeners claimed earlier narrow it to `sectionName` per listener.
 * A gateway not in the input is referred to by name (and `port`).
 */
export function l4ParentRefs(
  scope: HttpScope,
  targets: readonly L4Target[],
  protocol: L4Protocol,
  hostnames: readonly string[],
  claims?: Claims,
): L4Selection {
  const refs: ParentReference[] = [];
  const keys: string[] = [];
  const seen = new Set<string>();
  let candidates = 0;
  const push = (ref: ParentReference, key: string): void => {
    const k = JSON.stringify(ref);
    if (seen.has(k)) return;
    seen.add(k);
    refs.push(ref);
    keys.push(key);
  };
  // Gateways in first-seen order; per gateway the ports asked for (undefined = any port).
  const byGateway = new Map<string, { gw: GatewayBinding; ports: (number | undefined)[] }>();
  for (const t of targets) {
    for (const gw of t.gateways) {
      const e = byGateway.get(gw.key) ?? { gw, ports: [] };
      if (!e.ports.includes(t.port)) e.ports.push(t.port);
      byGateway.set(gw.key, e);
    }
  }
  for (const { gw, ports } of byGateway.values()) {
    const base: ParentReference = { name: gw.plan?.name ?? gw.name };
    const ns = gw.plan?.namespace ?? gw.namespace;
    if (ns !== scope.vs.namespace) base.namespace = ns;
    const anyPort = ports.includes(undefined);
    if (!gw.plan) {
      candidates++;
      if (claims?.has(`${gw.key}#*`)) continue;
      if (anyPort) {
        push(base, `${gw.key}#*`);
        continue;
      }
      for (const p of ports)
        if (!claims?.has(`${gw.key}#${p}`)) push({ ...base, port: p! }, `${gw.key}#${p}`);
      continue;
    }
    const carrying = gw.plan.listeners.filter((l) => carries(l, protocol) && ownedBy(l, gw.key));
    const wanted = carrying.filter(
      (l) =>
        (anyPort || serverPortsOf(l).some((p) => ports.includes(p))) &&
        (hostnames.length === 0 ||
          hostnames.some((h) => hostnamesIntersect(h, l.listener.hostname))),
    );
    candidates += wanted.length;
    const free = wanted.filter((l) => !claims?.has(`${gw.key}/${l.listener.name}`));
    if (!free.length) continue;
    if (free.length === carrying.length && anyPort && !isMerged(gw.plan)) {
      push(base, `${gw.key}#*`);
      for (const l of free) keys.push(`${gw.key}/${l.listener.name}`);
      continue;
    }
    for (const l of free)
      push({ ...base, sectionName: l.listener.name }, `${gw.key}/${l.listener.name}`);
  }
  return { refs, keys, shadowed: candidates > 0 && refs.length === 0 };
}
