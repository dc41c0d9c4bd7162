/**
 * `<base>-<suffix>` as a DNS-1123 label (≤ 63 characters, as Service names must be). When it does
 * not fit, the base is cut and a short hash of the full name keeps distinct inputs distinct.
 */
export function boundedLabel(base: string, suffix: string): string {
  const clean = (t: string): string =>
    t
      .toLowerCase()
      .replace(/[^a-z0-9-]+/g, '-')
      .replace(/-+/g, '-')
      .replace(/^-+|-+$/g, '');
  const b = clean(base) || 'x';
  const s = clean(suffix) || 'x';
  const full = `${b}-${s}`;
  if (full.length <= 63) return full;
  const h = `-${fnv1a(`${base}\u0000${suffix}`)}`;
  const room = 63 - h.length;
  return `${full.slice(0, room).replace(/-+$/, '')}${h}`;
}

/** 32-bit FNV-1a as 8 hex digits: stable across runs and platforms. */
function fnv1a(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}
