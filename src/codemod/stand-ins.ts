import { Computed, type Value } from './extract.js';
import type { FieldPath } from '../model/resources.js';
import { formatPath } from '../model/resources.js';

// A computed value is converted through a stand-in string. Two sets of stand-ins of different
// shapes and sort order go through the conversion; where the results differ beyond the stand-ins
// themselves, the conversion read the value, and the code cannot be carried through.

export type Variant = 'a' | 'b';

/** Stand-in of occurrence `id`: a DNS label, valid as a name, a host label and a label value. */
export function standIn(id: number, variant: Variant): string {
  return `${variant === 'a' ? 'a' : 'z'}${id}i2gdyn`;
}

/**
 * In variant b a whole host (`host: svcHost`) stands in as a fully qualified name, so that a
 * conversion that splits a host into name and namespace is seen to read it.
 */
export function hostStandIn(id: number): string {
  return `zh${id}i2gdyn.zh${id}i2gns.svc.cluster.local`;
}

const HOST_PATH =
  /^spec\.hosts\[\d+\]$|\.destination\.host$|^spec\.servers\[\d+\]\.hosts\[\d+\]$|^spec\.host$/;

export function isHostPath(path: FieldPath): boolean {
  return HOST_PATH.test(formatPath(path));
}

export const STAND_IN_A = /a(\d+)i2gdyn/g;

export interface Instantiation {
  variant: Variant;
  /** Occurrences converted in variant b while the others stay a (to find which one is read). */
  flipped?: ReadonlySet<number>;
  /** Occurrences whose value is known from their type (a `const` or enum member): converted as that value. */
  constants: ReadonlyMap<number, string | number | boolean>;
}

/** The plain data of an extracted value for one set of stand-ins. */
export function instantiate(value: Value, inst: Instantiation, path: FieldPath = []): unknown {
  if (value instanceof Computed) {
    const variantOf = (id: number): Variant =>
      inst.flipped ? (inst.flipped.has(id) ? 'b' : 'a') : inst.variant;
    if (value.whole) {
      const id = (value.parts[0] as { id: number }).id;
      if (inst.constants.has(id)) return inst.constants.get(id);
      if (variantOf(id) === 'b' && isHostPath(path)) return hostStandIn(id);
      return standIn(id, variantOf(id));
    }
    return value.parts
      .map((p) =>
        typeof p === 'string'
          ? p
          : inst.constants.has(p.id)
            ? String(inst.constants.get(p.id))
            : standIn(p.id, variantOf(p.id)),
      )
      .join('');
  }
  if (Array.isArray(value)) return value.map((v, i) => instantiate(v, inst, [...path, i]));
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = instantiate(v, inst, [...path, k]);
    return out;
  }
  return value;
}

/** Text with every stand-in of either variant replaced by a neutral mark, for comparing results. */
export function neutralize(text: string, ids: Iterable<number>): string {
  const pairs: [string, string][] = [];
  for (const id of ids) {
    pairs.push(
      [hostStandIn(id), `\u0001${id}\u0001`],
      [standIn(id, 'a'), `\u0001${id}\u0001`],
      [standIn(id, 'b'), `\u0001${id}\u0001`],
    );
  }
  // Longest first, so the host stand-in is replaced whole.
  pairs.sort((x, y) => y[0].length - x[0].length);
  let out = text;
  for (const [from, to] of pairs) out = out.split(from).join(to);
  return out;
}
