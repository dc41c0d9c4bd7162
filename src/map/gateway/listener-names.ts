// Listener names (SectionName: lowercase DNS-1123 subdomain, ≤ 253). Routes refer to them by
// `sectionName`, so they are derived from what the user wrote (server name or port name, and
// the host), never from a position, and stay the same when unrelated servers change.

const MAX = 253;

/** Lowercase, `[a-z0-9-.]` only, no empty or edge dashes/dots per label. */
export function sectionNameFrom(text: string): string {
  const labels = text
    .toLowerCase()
    .replace(/\*/g, 'wildcard')
    .replace(/[^a-z0-9.-]+/g, '-')
    .split('.')
    .map((l) => l.replace(/-+/g, '-').replace(/^-+|-+$/g, ''))
    .filter((l) => l.length > 0);
  return labels.join('.');
}

function clip(name: string, room: number): string {
  return name.slice(0, room).replace(/[-.]+$/g, '');
}

/** Hands out unique listener names for one Gateway, in the order listeners are planned. */
export class ListenerNamer {
  private readonly used = new Set<string>();

  /**
   * `base` (the server name, else the port name, else `port-<n>`) alone when the server has one
   * host; `<base>-<host>` when it has several or the base is taken; `-2`, `-3`… only when even
   * that collides.
   */
  name(base: string, host: string | undefined, serverHasOneHost: boolean): string {
    const b = sectionNameFrom(base) || 'listener';
    const h = sectionNameFrom(host ?? 'wildcard') || 'wildcard';
    const candidates = serverHasOneHost
      ? [clip(b, MAX), clip(`${b}-${h}`, MAX)]
      : [clip(`${b}-${h}`, MAX)];
    for (const c of candidates) {
      if (c && !this.used.has(c)) {
        this.used.add(c);
        return c;
      }
    }
    const stem = candidates[candidates.length - 1]!;
    for (let i = 2; ; i++) {
      const suffix = `-${i}`;
      const c = `${clip(stem, MAX - suffix.length)}${suffix}`;
      if (!this.used.has(c)) {
        this.used.add(c);
        return c;
      }
    }
  }
}
