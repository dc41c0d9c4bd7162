// A kept DestinationRule applies by host. When every converted destination that named its host
// now names another Service (a per-subset Service, the Service of a converted Gateway), no
// converted route sends there any more: the rule no longer shapes that traffic, and saying it
// "still applies" would mislead. Its policy went with the traffic where a copy was made.
import { resolveShortHost } from '../../model/index.js';
import type { DestinationRule, VirtualService } from '../../model/resources.js';
import { type Emitted, type MapContext, reportAt } from '../context.js';
import { copiedFrom } from '../subsets/policy.js';

type Json = Record<string, unknown>;

/** Hosts (FQDN) the destinations and mirrors of `vs` name. */
function destinationHosts(vs: VirtualService): string[] {
  const out: string[] = [];
  const spec = (vs.raw.spec ?? {}) as Json;
  for (const kind of ['http', 'tcp', 'tls']) {
    for (const rule of (spec[kind] as Json[] | undefined) ?? []) {
      const dests = [
        ...((rule.route as Json[] | undefined) ?? []),
        ...(rule.mirror ? [{ destination: rule.mirror }] : []),
        ...((rule.mirrors as Json[] | undefined) ?? []),
      ];
      for (const d of dests) {
        const host = (d.destination as Json | undefined)?.host;
        if (typeof host === 'string') out.push(resolveShortHost(host, vs.namespace));
      }
    }
  }
  return out;
}

/** Hosts (FQDN) emitted routes send to: Services and registry Hostnames. */
function routedHosts(emitted: readonly Emitted[]): Set<string> {
  const out = new Set<string>();
  const add = (ref: Json | undefined, ns: string): void => {
    if (!ref) return;
    if ((ref.group ?? '') === '' && (ref.kind ?? 'Service') === 'Service')
      out.add(`${String(ref.name)}.${String(ref.namespace ?? ns)}.svc.cluster.local`);
    else if (ref.kind === 'Hostname') out.add(String(ref.name));
  };
  for (const { object } of emitted) {
    if (!object.kind.endsWith('Route')) continue;
    const ns = object.metadata.namespace ?? '';
    for (const rule of ((object.spec as Json | undefined)?.rules as Json[] | undefined) ?? []) {
      const filters = [...((rule.filters as Json[] | undefined) ?? [])];
      for (const b of (rule.backendRefs as Json[] | undefined) ?? []) {
        add(b, ns);
        filters.push(...((b.filters as Json[] | undefined) ?? []));
      }
      for (const f of filters)
        add((f.requestMirror as Json | undefined)?.backendRef as Json | undefined, ns);
    }
  }
  return out;
}

/**
 * The kept DestinationRules whose host converted routes no longer send to, each reported with
 * `destination-rule-unrouted`; the returned map gives their kept reason.
 */
export function unroutedDestinationRules(
  ctx: MapContext,
  converted: readonly VirtualService[],
  kept: readonly VirtualService[],
  emitted: readonly Emitted[],
): Map<DestinationRule, string> {
  const named = new Set(converted.flatMap(destinationHosts));
  const stillNamed = new Set(kept.flatMap(destinationHosts));
  const routed = routedHosts(emitted);
  const out = new Map<DestinationRule, string>();
  for (const dr of ctx.index.destinationRules) {
    const host = resolveShortHost(dr.spec.host ?? '', dr.namespace);
    if (host.includes('*') || !named.has(host) || stillNamed.has(host) || routed.has(host))
      continue;
    const copies = emitted.flatMap(({ object: o }) =>
      o.kind === 'DestinationRule' && copiedFrom.get(o) === dr ? [o] : [],
    );
    const carried = copies.length
      ? `; its policy now applies where that traffic goes through ${copies.map((c) => `DestinationRule ${c.metadata.namespace}/${c.metadata.name} (host ${c.spec.host})`).join(', ')}`
      : '';
    reportAt(ctx, 'destination-rule-unrouted', dr, ['spec', 'host'], {
      message: `no converted route sends to ${host} any more (the destinations that named it now name other Services, or their rules were not emitted); DestinationRule ${dr.namespace}/${dr.name} is kept but shapes only traffic that still reaches ${host} some other way${carried}`,
    });
    out.set(
      dr,
      `kept, but no converted route sends to ${host} any more: it applies only to traffic that still reaches the host some other way`,
    );
  }
  return out;
}
