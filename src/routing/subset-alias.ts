import type { ConfigIndex } from '../model/index.js';
import { resolveShortHost } from '../model/index.js';

const SUBSET_ALIASES = new WeakMap<ConfigIndex, (id: string) => string>();

/**
 * Reads a per-subset Service backend (`reviews-v1.ns.svc.cluster.local:9080`) as the classic
 * subset (`reviews.ns.svc.cluster.local:9080#v1`) where a DestinationRule defines that subset.
 * Built once per input: the mappers' routing analysis asks for it for every VirtualService.
 */
export function subsetBackendAlias(index: ConfigIndex): (id: string) => string {
  let alias = SUBSET_ALIASES.get(index);
  if (alias) return alias;
  const aliases = new Map<string, string>();
  for (const dr of index.destinationRules) {
    const fqdn = resolveShortHost(dr.spec.host ?? '', dr.namespace);
    const m = /^([^.]+)\.([^.]+)\.svc\.cluster\.local$/.exec(fqdn);
    if (!m) continue;
    for (const s of dr.spec.subsets ?? [])
      aliases.set(`${m[1]}-${s.name}.${m[2]}.svc.cluster.local`, `${fqdn}|${s.name}`);
  }
  alias = (id) => {
    const i = id.lastIndexOf(':');
    const hit = aliases.get(id.slice(0, i));
    if (!hit) return id;
    const [fqdn, subset] = hit.split('|');
    return `${fqdn}${id.slice(i)}#${subset}`;
  };
  SUBSET_ALIASES.set(index, alias);
  return alias;
}
