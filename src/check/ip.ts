// IP address parsing as Kubernetes does it (k8s.io/utils/net ParseIPSloppy is not used for
// validation; the CEL `isIP` and the `ipv4`/`ipv6` formats use netip-style strict parsing):
// no leading zeros in IPv4 octets, no zones, at most one `::` in IPv6.

/** True for a dotted-quad IPv4 address without leading zeros. */
export function isIPv4(s: string): boolean {
  const parts = s.split('.');
  if (parts.length !== 4) return false;
  return parts.every((p) => /^(0|[1-9][0-9]{0,2})$/.test(p) && Number(p) <= 255);
}

/** True for an IPv6 address (RFC 4291 text forms, embedded IPv4 allowed, no zone). */
export function isIPv6(s: string): boolean {
  if (!s.includes(':') || s.includes('%')) return false;
  let groups = s;
  let extra = 0;
  const lastColon = s.lastIndexOf(':');
  const tail = s.slice(lastColon + 1);
  if (tail.includes('.')) {
    if (!isIPv4(tail)) return false;
    groups = s.slice(0, lastColon + 1) + '0:0';
    extra = 0;
  }
  const halves = groups.split('::');
  if (halves.length > 2) return false;
  const hex = /^[0-9a-fA-F]{1,4}$/;
  const count = (h: string): number | undefined => {
    if (h === '') return 0;
    const g = h.split(':');
    return g.every((x) => hex.test(x)) ? g.length : undefined;
  };
  if (halves.length === 1) return count(halves[0]!) === 8 + extra;
  const a = count(halves[0]!);
  const b = count(halves[1]!);
  return a !== undefined && b !== undefined && a + b <= 7;
}

export function isIP(s: string): boolean {
  return isIPv4(s) || isIPv6(s);
}
