import type { VirtualService } from '../../model/resources.js';
import { dnsLabel } from '../reference-grants.js';

/** Names of the TLSRoutes/TCPRoutes of one VirtualService, unique among every route it becomes. */
export interface L4Names {
  /** Route `part` of `parts` for entry `entry` of `tls[]` or `tcp[]`. */
  name(kind: 'tls' | 'tcp', entry: number, part: number, parts: number): string;
}

/**
 * `<vs>` when the VirtualService has only one `tls[]` (or `tcp[]`) entry and nothing else;
 * otherwise `<vs>-tls` for a single entry and `<vs>-tls-<n>` (n from 1, written order) for
 * several, so a name never depends on which other routes happened to convert. `-<k>` follows
 * when one entry needs several routes. `taken` holds names already used (HTTPRoutes).
 */
export function l4Names(vs: VirtualService, taken: ReadonlySet<string>): L4Names {
  const used = new Set(taken);
  const tls = vs.spec.tls?.length ?? 0;
  const tcp = vs.spec.tcp?.length ?? 0;
  const alone = !vs.spec.http?.length && (tls === 0 || tcp === 0);
  return {
    name(kind, entry, part, parts) {
      const count = kind === 'tls' ? tls : tcp;
      let name =
        alone && count === 1
          ? vs.name
          : suffixed(vs.name, count === 1 ? kind : `${kind}-${entry + 1}`);
      if (parts > 1) name = suffixed(name, String(part + 1));
      const base = name;
      for (let i = 2; used.has(name); i++) name = suffixed(base, String(i));
      used.add(name);
      return name;
    },
  };
}

/** `<base>-<suffix>` as a valid object name (≤ 253). */
function suffixed(base: string, suffix: string): string {
  const s = dnsLabel(suffix);
  return `${base.slice(0, 253 - s.length - 1).replace(/[-.]+$/, '')}-${s}`;
}
