// Istio server hosts (`ns/host`) → listener hostname and the namespace part that decides
// which routes may attach (semantics.md §3, trap 10).

/** A server host split into its namespace part and its hostname part. */
export interface ServerHost {
  /** `*` (any namespace; also for a bare host), `.` (the Istio Gateway's namespace) or a namespace name. */
  namespace: string;
  /** The host part, as written. */
  host: string;
}

export function splitServerHost(raw: string): ServerHost {
  const slash = raw.indexOf('/');
  if (slash < 0) return { namespace: '*', host: raw };
  return { namespace: raw.slice(0, slash) || '*', host: raw.slice(slash + 1) };
}

const HOSTNAME = /^(\*\.)?[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const IPV4 = /^[0-9]+(\.[0-9]+){3}$/;

export type ListenerHostname = { ok: true; hostname?: string } | { ok: false; reason: string };

/**
 * The listener hostname for an Istio host part: lowercased, `*` → none. Gateway API hostnames
 * are DNS names (optionally `*.`-prefixed); IP addresses match the CRD pattern but the spec
 * forbids them, so they are refused here too.
 */
export function listenerHostname(host: string): ListenerHostname {
  const h = host.toLowerCase();
  if (h === '*' || h === '') return { ok: true };
  if (IPV4.test(h) || h.includes(':') || h.startsWith('['))
    return { ok: false, reason: 'an IP address is not a hostname in Gateway API' };
  if (h.length > 253) return { ok: false, reason: 'longer than 253 characters' };
  if (!HOSTNAME.test(h))
    return { ok: false, reason: 'not a DNS name (optionally prefixed by `*.`)' };
  return { ok: true, hostname: h };
}
