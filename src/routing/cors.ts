// CORS origins compared as Envoy decides them, not as text. Envoy's CORS filter allows an
// origin when one of the route's matchers matches it, or when one matches the literal `*`
// (source/extensions/filters/http/cors/cors_filter.cc, isOriginAllowed). The classic model's
// matchers are the corsPolicy's StringMatches; a Gateway API origin becomes the StringMatch
// Istio writes for it (pilot/pkg/config/kube/gateway/conversion.go createCorsFilter): from Istio
// 1.30 `*` alone is a regex for `scheme://host[:port]`, one trailing `*` a prefix, other `*`
// the regex `.*`; before 1.30 every origin is exact.
import { RE2JS } from 're2js';
import { regexNonMatch, regexSamples } from './regex-samples.js';

export interface OriginMatch {
  kind: 'exact' | 'prefix' | 'regex';
  value: string;
}

/** The Istio corsPolicy's matchers: `allowOrigins`, else the deprecated exact `allowOrigin`. */
export function classicOrigins(c: {
  allowOrigins?: { exact?: string; prefix?: string; regex?: string }[] | null;
  allowOrigin?: string[] | null;
}): OriginMatch[] {
  const list = c.allowOrigins ?? [];
  if (!list.length) return (c.allowOrigin ?? []).map((value) => ({ kind: 'exact', value }));
  return list.flatMap((o): OriginMatch[] =>
    o.exact !== undefined
      ? [{ kind: 'exact', value: o.exact }]
      : o.prefix !== undefined
        ? [{ kind: 'prefix', value: o.prefix }]
        : o.regex !== undefined
          ? [{ kind: 'regex', value: o.regex }]
          : [],
  );
}

/** Go's regexp.QuoteMeta. */
const quoteMeta = (s: string): string => s.replace(/[\\.+*?()|[\]{}^$]/g, '\\$&');

/** The matchers Istio writes for Gateway API `allowOrigins` (`wildcards`: Istio 1.30+). */
export function gatewayOrigins(origins: readonly string[], wildcards: boolean): OriginMatch[] {
  return origins.flatMap((o): OriginMatch[] => {
    if (!o) return [];
    if (!wildcards || !o.includes('*')) return [{ kind: 'exact', value: o }];
    if (o === '*') return [{ kind: 'regex', value: '^[a-zA-Z][a-zA-Z0-9+.-]*://[^/\\s?#]+$' }];
    if (o.indexOf('*') === o.length - 1) return [{ kind: 'prefix', value: o.slice(0, -1) }];
    return [{ kind: 'regex', value: `^${quoteMeta(o).replaceAll('\\*', '.*')}$` }];
  });
}

function matches(m: OriginMatch, s: string): boolean {
  if (m.kind === 'exact') return m.value === s;
  if (m.kind === 'prefix') return s.startsWith(m.value);
  try {
    return RE2JS.compile(m.value).matches(s);
  } catch {
    return false; // istiod rejects an invalid regex: it allows nothing
  }
}

/** Does Envoy allow `origin` with these matchers? */
export function originAllowed(ms: readonly OriginMatch[], origin: string): boolean {
  return ms.some((m) => matches(m, '*') || matches(m, origin));
}

/** Origins worth asking both sides about: each matcher's own, its neighbours, common shapes. */
function candidates(ms: readonly OriginMatch[]): string[] {
  const out = new Set(['*', 'null', 'https://example.com', 'http://example.com:8080']);
  for (const m of ms) {
    if (m.kind === 'regex') {
      const hits = regexSamples(m.value, 4);
      hits.forEach((s) => out.add(s));
      const miss = regexNonMatch(m.value, hits);
      if (miss !== undefined) out.add(miss);
    } else {
      for (const s of [m.value, `${m.value}x`, `${m.value}.example.com`, m.value.slice(0, -1)])
        out.add(s);
    }
  }
  return [...out];
}

/**
 * The origins one side allows and the other does not, among the origins the matchers of either
 * side name (their values, the strings next to them, samples of their regexes); [] when the two
 * decide alike.
 */
export function originDifferences(a: readonly OriginMatch[], b: readonly OriginMatch[]): string[] {
  return candidates([...a, ...b])
    .filter((o) => originAllowed(a, o) !== originAllowed(b, o))
    .sort();
}

/** The matchers as one line: `exact:https://a.com,prefix:https://b.` (or `*` when any origin). */
export function originsText(ms: readonly OriginMatch[]): string {
  if (ms.some((m) => matches(m, '*'))) return '*';
  return ms.map((m) => `${m.kind}:${m.value}`).join(',');
}
