// Istio corsPolicy origin matchers → Gateway API allowOrigins, never allowing fewer origins
// unsaid. Two upstream facts decide what is equivalent:
// - Envoy's CORS filter (source/extensions/filters/http/cors/cors_filter.cc, isOriginAllowed)
//   allows every origin when a matcher matches the literal string `*`: `exact: "*"`,
//   `prefix: "*"`, `regex: ".*"` all mean "any origin".
// - Istio writes a Gateway API origin back as a StringMatch (pilot/pkg/config/kube/gateway/
//   conversion.go createCorsFilter): before 1.30 always `exact`; from 1.30 `*` alone is a regex
//   for `scheme://host[:port]`, one trailing `*` a prefix, other `*` the regex `.*`.
import { RE2JS } from 're2js';
import type { FieldPath } from '../../model/resources.js';

/** One origin matcher of a corsPolicy (`allowOrigins[i]`, or a deprecated `allowOrigin[i]` string). */
export interface OriginMatcher {
  kind: 'exact' | 'prefix' | 'regex';
  value: string;
  at: FieldPath;
}

/** What the matchers become: the allowOrigins list, and the matchers that could not be carried. */
export interface CarriedOrigins {
  origins: string[];
  allowAll: boolean;
  lost: { matcher: OriginMatcher; why: string }[];
}

/** Gateway API v1.5+ CORSOrigin pattern (the strictest release; earlier ones accept all it does). */
const ORIGIN_PATTERN =
  /^(\*|(https?):\/\/((\*\.)?([a-zA-Z0-9-]+\.)*[a-zA-Z0-9-]+|\*)(:([0-9]{1,5}))?)$/;

/**
 * The matchers Istio applies: `allowOrigins` when it has entries, else the deprecated
 * `allowOrigin` strings as exact matches (route.go translateCORSPolicy uses one or the other).
 */
export function originMatchers(
  cors: {
    allowOrigins?: { exact?: string; prefix?: string; regex?: string }[] | null;
    allowOrigin?: string[] | null;
  },
  at: FieldPath,
): OriginMatcher[] {
  const list = cors.allowOrigins ?? [];
  if (list.length) {
    return list.flatMap((o, i): OriginMatcher[] => {
      if (o.exact !== undefined)
        return [{ kind: 'exact', value: o.exact, at: [...at, 'allowOrigins', i, 'exact'] }];
      if (o.prefix !== undefined)
        return [{ kind: 'prefix', value: o.prefix, at: [...at, 'allowOrigins', i, 'prefix'] }];
      if (o.regex !== undefined)
        return [{ kind: 'regex', value: o.regex, at: [...at, 'allowOrigins', i, 'regex'] }];
      return [];
    });
  }
  return (cors.allowOrigin ?? []).map((o, i) => ({
    kind: 'exact' as const,
    value: o,
    at: [...at, 'allowOrigin', i],
  }));
}

/** Does the matcher match the literal `*` (Envoy then allows every origin)? */
export function matchesStar(m: OriginMatcher): boolean {
  if (m.kind === 'exact') return m.value === '*';
  if (m.kind === 'prefix') return m.value === '' || m.value === '*';
  try {
    return RE2JS.compile(m.value).matches('*');
  } catch {
    return false;
  }
}

/**
 * The Gateway API origins equivalent to the matchers. `wildcards`: the target Istio reads `*`
 * inside an origin as a wildcard (1.30+); before, only exact origins and `*` alone carry.
 * `star`: the target Gateway API release accepts the origin `*` (v1.4+).
 */
export function carryOrigins(
  matchers: readonly OriginMatcher[],
  wildcards: boolean,
  star = true,
): CarriedOrigins {
  const out: CarriedOrigins = { origins: [], allowAll: false, lost: [] };
  const all = matchers.find(matchesStar);
  if (all && star) return { origins: ['*'], allowAll: true, lost: [] };
  // Gateway API v1.3 has no `*` origin; Istio 1.30+ reads `http://*` as the prefix `http://`.
  if (all && wildcards) return { origins: ['http://*', 'https://*'], allowAll: true, lost: [] };
  if (all)
    return {
      origins: [],
      allowAll: false,
      lost: [
        {
          matcher: all,
          why: "this Gateway API release has no '*' origin, and Istio before 1.30 matches 'https://*' exactly",
        },
      ],
    };
  const add = (o: string): void => {
    if (!out.origins.includes(o)) out.origins.push(o);
  };
  for (const m of matchers) {
    const globs =
      m.kind === 'exact'
        ? exactOrigin(m.value)
        : !wildcards
          ? undefined
          : m.kind === 'prefix'
            ? prefixGlobs(m.value)
            : regexGlobs(m.value);
    if (globs && globs.every((g) => ORIGIN_PATTERN.test(g))) globs.forEach(add);
    else out.lost.push({ matcher: m, why: lostReason(m, wildcards) });
  }
  return out;
}

function exactOrigin(value: string): string[] | undefined {
  // An exact `*` inside a longer origin would become a wildcard on Istio 1.30+: not exact any more.
  return value.includes('*') ? undefined : [value];
}

function lostReason(m: OriginMatcher, wildcards: boolean): string {
  if (m.kind === 'exact')
    return `'${m.value}' is not a scheme://host[:port] origin Gateway API accepts`;
  if (!wildcards)
    return `Istio before 1.30 matches every Gateway API origin exactly, so no origin equals ${m.kind} '${m.value}'`;
  return m.kind === 'prefix'
    ? `Gateway API origins take '*' only as a whole host or a leading '*.' label, which no prefix but a scheme ('https://') is`
    : "it is not a list of origins whose only wildcard is '.*' as the whole host or its first labels, the one wildcard Gateway API origins have";
}

/** `http`, `https:`, `https://` → the schemes' `://*` origins (Istio: prefix `scheme://`). */
function prefixGlobs(prefix: string): string[] | undefined {
  const out = ['http://', 'https://'].filter((s) => s.startsWith(prefix)).map((s) => `${s}*`);
  // `http:/` covers only http; `http` covers both.
  return out.length ? out : undefined;
}

/**
 * A regex that is exactly a few Gateway API origins: alternatives (`|` at the top level) of
 * literal text where `https?` stands for both schemes, `(.*\.)?` for "the host or any subdomain"
 * and `.*` for a wildcard host or label. Istio 1.30 writes `https://*.a.com` back as the regex
 * `^https://.*\.a\.com$`, so the translation is the same set of origins. Undefined otherwise.
 */
function regexGlobs(regex: string): string[] | undefined {
  const body = regex.replace(/^\^/, '').replace(/(?<!\\)\$$/, '');
  const out: string[] = [];
  for (const alt of splitTop(body)) {
    const expanded = expand(alt);
    if (!expanded) return undefined;
    // A leading `.*\.` also eats the scheme: for browsers' origins that is `http(s)://*.`.
    out.push(
      ...expanded.flatMap((g) => (g.startsWith('*.') ? [`http://${g}`, `https://${g}`] : [g])),
    );
  }
  return out.length ? out : undefined;
}

function splitTop(s: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let cur = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (c === '\\') {
      cur += c + (s[i + 1] ?? '');
      i++;
      continue;
    }
    if (c === '(') depth++;
    if (c === ')') depth--;
    if (c === '|' && depth === 0) {
      parts.push(cur);
      cur = '';
      continue;
    }
    cur += c;
  }
  parts.push(cur);
  return parts;
}

/** One alternative → its globs, or undefined when it has any other regex syntax. */
function expand(alt: string): string[] | undefined {
  let variants = [''];
  const push = (...options: string[]): void => {
    variants = variants.flatMap((v) => options.map((o) => v + o));
  };
  let i = 0;
  while (i < alt.length) {
    const rest = alt.slice(i);
    if (rest.startsWith('(.*\\.)?') || rest.startsWith('(?:.*\\.)?')) {
      push('', '*.');
      i += rest.startsWith('(?:') ? 9 : 7;
      continue;
    }
    if (rest.startsWith('s?')) {
      push('', 's');
      i += 2;
      continue;
    }
    if (rest.startsWith('.*') || rest.startsWith('.+')) {
      push('*');
      i += 2;
      continue;
    }
    const c = alt[i]!;
    if (c === '\\') {
      const n = alt[i + 1];
      if (n === undefined || /[a-zA-Z0-9]/.test(n)) return undefined;
      push(n);
      i += 2;
      continue;
    }
    if ('.[]()?*+{}|^$'.includes(c)) return undefined;
    push(c);
    i++;
  }
  return variants;
}
