// Matching primitives shared by both routers: strings (exact, prefix, RE2 regex), paths, hosts.
import { RE2JS } from 're2js';

/** A compiled condition on one string value. `present` matches any value, even empty. */
export type StringMatcher =
  | { type: 'exact' | 'prefix'; value: string; ignoreCase?: boolean }
  | { type: 'regex'; value: string; ignoreCase?: boolean }
  | { type: 'present' };

const regexCache = new Map<string, RE2JS | null>();

/**
 * RE2 as Envoy runs it: the whole value must match (Istio and Gateway API regexes are full
 * matches). Uses re2js, a port of RE2, so syntax and semantics are RE2's, not JavaScript's.
 * An invalid pattern never matches (Istio rejects the route; we report it as a route that
 * catches nothing).
 */
export function compileRegex(pattern: string, ignoreCase = false): RE2JS | null {
  const key = `${ignoreCase ? 'i' : ''}/${pattern}`;
  let re = regexCache.get(key);
  if (re === undefined) {
    try {
      re = RE2JS.compile(pattern, ignoreCase ? RE2JS.CASE_INSENSITIVE : 0);
    } catch {
      re = null;
    }
    regexCache.set(key, re);
  }
  return re;
}

export function regexFullMatch(pattern: string, value: string, ignoreCase = false): boolean {
  const re = compileRegex(pattern, ignoreCase);
  return re ? re.matches(value) : false;
}

export function matchString(m: StringMatcher, value: string | undefined): boolean {
  if (value === undefined) return false;
  switch (m.type) {
    case 'present':
      return true;
    case 'exact':
      return m.ignoreCase ? value.toLowerCase() === m.value.toLowerCase() : value === m.value;
    case 'prefix':
      return m.ignoreCase
        ? value.toLowerCase().startsWith(m.value.toLowerCase())
        : value.startsWith(m.value);
    case 'regex':
      return regexFullMatch(m.value, value, m.ignoreCase);
  }
}

/** A path condition. `path-prefix` is Gateway API's element-wise PathPrefix (Envoy path_separated_prefix). */
export type PathMatcher =
  | { type: 'exact' | 'prefix' | 'regex'; value: string; ignoreCase?: boolean }
  | { type: 'path-prefix'; value: string };

export function matchPath(m: PathMatcher, path: string): boolean {
  if (m.type === 'path-prefix') {
    // Gateway API: "a trailing `/` is ignored", and `/foo` never matches `/foobar` (httproute_types.go PathMatchPathPrefix).
    const v = trimTrailingSlash(m.value);
    if (v === '/') return true;
    return path === v || path.startsWith(`${v}/`);
  }
  return matchString(m, path);
}

export function trimTrailingSlash(v: string): string {
  return v.length > 1 && v.endsWith('/') ? v.replace(/\/+$/, '') || '/' : v;
}

/**
 * Does `pattern` (a hostname, `*.suffix`, or `*`) cover `host`? Istio and Gateway API both treat
 * `*.example.com` as matching any name ending in `.example.com` (one or more labels), never
 * `example.com` itself.
 */
export function hostMatches(pattern: string, host: string): boolean {
  const p = pattern.toLowerCase();
  const h = host.toLowerCase();
  if (p === '*') return true;
  if (p.startsWith('*.')) return h.endsWith(p.slice(1)) && h.length > p.length - 1;
  if (p.startsWith('*')) return h.endsWith(p.slice(1));
  return p === h;
}

/**
 * The narrower of two hostnames when they overlap (`*.a.com` ∩ `b.a.com` = `b.a.com`), as
 * Istio intersects VirtualService hosts with Gateway server hosts; undefined when they do not.
 */
export function intersectHosts(a: string, b: string): string | undefined {
  if (hostMatches(a, b)) return b.toLowerCase();
  if (hostMatches(b, a)) return a.toLowerCase();
  if (a.startsWith('*') && b.startsWith('*')) {
    // Two wildcards: the longer suffix is the intersection.
    return a.length >= b.length
      ? a.endsWith(b.slice(1))
        ? a
        : undefined
      : b.endsWith(a.slice(1))
        ? b
        : undefined;
  }
  return undefined;
}

/**
 * Envoy's virtual host selection: an exact domain first, then the longest suffix wildcard,
 * then `*` (a domain is picked once; there is no fallback to a less specific one when no route
 * of it matches).
 */
export function pickDomain(domains: readonly string[], host: string): string | undefined {
  const h = host.toLowerCase();
  let best: string | undefined;
  let bestScore = -1;
  for (const d of domains) {
    const dl = d.toLowerCase();
    let score = -1;
    if (dl === h) score = 1_000_000;
    else if (dl === '*') score = 0;
    else if (dl.startsWith('*') && hostMatches(dl, h)) score = dl.length;
    if (score > bestScore) {
      best = d;
      bestScore = score;
    }
  }
  return best;
}

/** Header changes as canonical text: `set a=1; add b=2; remove c` with names lower-cased and sorted. */
export function headerOpsText(
  ops: { set?: [string, string][]; add?: [string, string][]; remove?: string[] } | undefined,
): string {
  if (!ops) return '';
  const parts: string[] = [];
  const pairs = (l: [string, string][] | undefined) =>
    (l ?? []).map(([k, v]) => `${k.toLowerCase()}=${v}`).sort();
  for (const p of pairs(ops.set)) parts.push(`set ${p}`);
  for (const p of pairs(ops.add)) parts.push(`add ${p}`);
  for (const r of [...(ops.remove ?? [])].map((x) => x.toLowerCase()).sort())
    parts.push(`remove ${r}`);
  return parts.join('; ');
}

/**
 * The items whose host pattern covers a host (`hostMatches(pattern, host)`), without testing
 * every pattern: exact names by lookup, wildcards by the host's suffixes. Answers in the order
 * the items were added, each once, so callers see what a scan over all of them would see.
 */
export class HostPatternIndex<T> {
  private readonly exact = new Map<string, number[]>();
  private readonly suffix = new Map<string, number[]>();
  private readonly any: number[] = [];
  private readonly items: { pattern: string; item: T }[] = [];

  add(pattern: string, item: T): void {
    const p = pattern.toLowerCase();
    const i = this.items.length;
    this.items.push({ pattern: p, item });
    const push = (m: Map<string, number[]>, k: string) => {
      const l = m.get(k);
      if (l) l.push(i);
      else m.set(k, [i]);
    };
    if (p === '*') this.any.push(i);
    else if (p.startsWith('*')) push(this.suffix, p.slice(1));
    else push(this.exact, p);
  }

  /** Items whose pattern covers `host`, in the order added, each item once. */
  lookup(host: string): T[] {
    const h = host.toLowerCase();
    const hits: number[] = [...this.any, ...(this.exact.get(h) ?? [])];
    for (let i = 0; i <= h.length; i++) {
      const l = this.suffix.get(h.slice(i));
      if (l) for (const x of l) if (hostMatches(this.items[x]!.pattern, h)) hits.push(x);
    }
    hits.sort((a, b) => a - b);
    const out: T[] = [];
    let last: T | undefined;
    const seen = new Set<T>();
    for (const x of hits) {
      const item = this.items[x]!.item;
      if (item === last || seen.has(item)) continue;
      seen.add(item);
      last = item;
      out.push(item);
    }
    return out;
  }
}
