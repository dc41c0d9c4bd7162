import type { ReferenceGrant } from '../gateway-api/types.js';
import type { Resource } from '../model/resources.js';
import type { Target } from '../target.js';
import { apiVersionOf } from '../target.js';
import type { Emitted } from './context.js';

/**
 * A cross-namespace reference that needs a ReferenceGrant in the referent's namespace:
 * an HTTPRoute's backendRef to a Service, or a Gateway's certificateRef to a Secret
 * (semantics.md trap 10; route→Gateway attachment never needs one).
 */
export interface GrantNeed {
  from: { group: string; kind: string; namespace: string };
  to: { group: string; kind: string; namespace: string; name: string };
  /** The input resource that caused it: the grant is written to that resource's file. */
  origin: Resource;
}

/**
 * Merges every need into one ReferenceGrant per (referent namespace, referent kind, referent
 * name), named `<from-namespace(s)>-to-<kind>-<name>` style but always valid and unique, with
 * `from` entries sorted: the same needs in any order give the same grants.
 */
export function buildReferenceGrants(needs: readonly GrantNeed[], target: Target): Emitted[] {
  const groups = new Map<string, GrantNeed[]>();
  for (const n of needs) {
    const k = `${n.to.namespace}\u0000${n.to.group}\u0000${n.to.kind}\u0000${n.to.name}`;
    const list = groups.get(k) ?? [];
    list.push(n);
    groups.set(k, list);
  }
  const out: Emitted[] = [];
  const keys = [...groups.keys()].sort();
  const used = new Set<string>();
  for (const k of keys) {
    const list = groups.get(k)!;
    const to = list[0]!.to;
    const froms = new Map<string, GrantNeed['from']>();
    for (const n of list) froms.set(`${n.from.group}/${n.from.kind}/${n.from.namespace}`, n.from);
    const from = [...froms.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([, f]) => f);
    let name = dnsLabel(`allow-to-${to.kind}-${to.name}`);
    for (let i = 2; used.has(`${to.namespace}/${name}`); i++)
      name = dnsLabel(`allow-to-${to.kind}-${to.name}`, `-${i}`);
    used.add(`${to.namespace}/${name}`);
    const grant: ReferenceGrant = {
      apiVersion: apiVersionOf(target, 'ReferenceGrant')!,
      kind: 'ReferenceGrant',
      metadata: { name, namespace: to.namespace },
      spec: { from, to: [{ group: to.group, kind: to.kind, name: to.name }] },
    };
    // The grant goes with the first resource (in input order) that needed it.
    out.push({ object: grant, origin: list[0]!.origin });
  }
  return out;
}

/** A valid DNS-1123 label (≤ 63 chars) from free text, with an optional suffix kept intact. */
export function dnsLabel(text: string, suffix = ''): string {
  let s = text
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/-+/g, '-')
    .replace(/^-+|-+$/g, '');
  if (!s) s = 'x';
  s = s.slice(0, 63 - suffix.length).replace(/-+$/g, '');
  return `${s}${suffix}`;
}
