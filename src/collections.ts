/**
 * Appends `items` to `target`. `target.push(...items)` passes every item as an argument, which
 * overflows the stack past about 100,000 items (a 100,000-VirtualService repository has more
 * findings than that); this does not.
 */
export function append<T>(target: T[], items: Iterable<T>): T[] {
  for (const item of items) target.push(item);
  return target;
}

/**
 * A deep copy of JSON-like data (plain objects, arrays, primitives): what `structuredClone`
 * gives for such data, several times faster (every generated rule and every validated object is
 * copied, 170,000 objects at 100,000 VirtualServices).
 */
export function clonePlain<T>(value: T): T {
  if (Array.isArray(value)) return value.map(clonePlain) as T;
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(value)) {
      const v = clonePlain((value as Record<string, unknown>)[k]);
      if (k === '__proto__')
        Object.defineProperty(out, k, {
          value: v,
          enumerable: true,
          writable: true,
          configurable: true,
        });
      else out[k] = v;
    }
    return out as T;
  }
  return value;
}

/**
 * A deep copy of JSON-like data with the keys of every object in code-point order (list order
 * kept): user content copied into output then reads the same whatever its key order in the input.
 */
export function clonePlainSorted<T>(value: T): T {
  if (Array.isArray(value)) return value.map(clonePlainSorted) as T;
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(value).sort()) {
      const v = clonePlainSorted((value as Record<string, unknown>)[k]);
      if (k === '__proto__')
        Object.defineProperty(out, k, {
          value: v,
          enumerable: true,
          writable: true,
          configurable: true,
        });
      else out[k] = v;
    }
    return out as T;
  }
  return value;
}
