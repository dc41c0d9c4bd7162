import type {
  HTTPHeaderMatch,
  HTTPPathMatch,
  HTTPQueryParamMatch,
  HTTPRouteMatch,
} from '../../gateway-api/types.js';
import type { FieldPath, HTTPMatchRequest, StringMatch } from '../../model/resources.js';
import { byString, escapeRegex, HEADER_NAME_RE, type HttpScope, raise } from './scope.js';
import { clonePlain } from '../../collections.js';

export const METHODS = [
  'GET',
  'HEAD',
  'POST',
  'PUT',
  'DELETE',
  'CONNECT',
  'OPTIONS',
  'TRACE',
  'PATCH',
] as const;

/** Conditions that select a route or listener rather than a match: they split routes. */
export interface MatchBinding {
  /** Per-match `gateways` as written (resolved by the composer). */
  gateways?: string[];
  port?: number;
  scheme?: 'http' | 'https';
  /** Lowercase exact authority: a route with that hostname. */
  authority?: string;
}

/** One Istio match, converted: several Gateway API matches when a method regex lists alternatives. */
export interface ConvertedMatch {
  /** Index in `match[]`, or -1 for a rule without matches. */
  index: number;
  matches: HTTPRouteMatch[];
  binding: MatchBinding;
  /** The Istio uri prefix when the path is a prefix match (also when strict mode wrote a regex). */
  prefix?: string;
  /** Kind of the Istio uri match. */
  uri: 'exact' | 'prefix' | 'regex' | 'none';
  ignoreCase: boolean;
}

/** Exact/PathPrefix values the CRDs accept (start with `/`, no `//`, `/./`, `/../`, `%2f`, `#`). */
export function validPathValue(v: string): boolean {
  return (
    v.startsWith('/') &&
    !/\/\/|\/\.\/|\/\.\.\/|%2f|%2F|#/.test(v) &&
    !v.endsWith('/..') &&
    !v.endsWith('/.') &&
    v.length <= 1024
  );
}

/** A request path that Istio's string prefix matched and PathPrefix does not, or the reverse. */
export function prefixSemanticsMessage(prefix: string): string {
  if (prefix.endsWith('/')) {
    const bare = prefix.replace(/\/+$/, '');
    return `Istio prefix '${prefix}' matches only paths starting with '${prefix}'; PathPrefix '${prefix}' ignores the trailing '/' and also matches '${bare}' (e.g. GET ${bare}), which now reaches this rule instead of a later one`;
  }
  const sibling = `${prefix}bar`;
  return `Istio prefix '${prefix}' is a string prefix and matched '${sibling}' too; PathPrefix '${prefix}' matches whole path segments only ('${prefix}', '${prefix}/...'), so GET ${sibling} no longer matches this rule`;
}

/** The prefix as a PathPrefix, raising `prefix-semantics` where the meaning differs. */
export function pathPrefixFor(scope: HttpScope, prefix: string, path: FieldPath): HTTPPathMatch {
  if (prefix !== '/' && scope.prefixNotes) {
    if (!scope.prefixNotes.some((n) => n.path.join('.') === path.join('.')))
      scope.prefixNotes.push({ prefix, path });
  } else if (prefix !== '/')
    raise(
      scope,
      'prefix-semantics',
      path,
      prefixSemanticsMessage(prefix),
      `If the sibling paths matter, write the rule with a regex ('${escapeRegex(prefix)}.*') or convert with --strict-prefix (strictPrefix in the library).`,
    );
  return { type: 'PathPrefix', value: prefix };
}

function pathMatch(
  scope: HttpScope,
  m: HTTPMatchRequest,
  base: FieldPath,
): { path?: HTTPPathMatch; kind: ConvertedMatch['uri']; prefix?: string } {
  const uri = m.uri;
  const icase = m.ignoreUriCase === true;
  const ci = icase ? '(?i)' : '';
  if (!uri || (uri.exact === undefined && uri.prefix === undefined && uri.regex === undefined))
    return { kind: 'none' };
  if (uri.exact !== undefined) {
    if (!icase && validPathValue(uri.exact))
      return { kind: 'exact', path: { type: 'Exact', value: uri.exact } };
    return {
      kind: 'exact',
      path: { type: 'RegularExpression', value: `${ci}${escapeRegex(uri.exact)}` },
    };
  }
  if (uri.prefix !== undefined) {
    const p = uri.prefix;
    if (p === '' || p === '/')
      return { kind: 'prefix', prefix: '/', path: { type: 'PathPrefix', value: '/' } };
    if (icase || scope.ctx.options.strictPrefix || !validPathValue(p)) {
      return {
        kind: 'prefix',
        prefix: p,
        path: { type: 'RegularExpression', value: `${ci}${escapeRegex(p)}.*` },
      };
    }
    return { kind: 'prefix', prefix: p, path: pathPrefixFor(scope, p, [...base, 'uri', 'prefix']) };
  }
  return { kind: 'regex', path: { type: 'RegularExpression', value: `${ci}${uri.regex!}` } };
}

type KV = { name: string; type: 'Exact' | 'RegularExpression'; value: string };

/** exact → Exact, regex → RegularExpression, prefix → anchored regex, presence (`{}`) → `.*`. */
function stringMatches(
  scope: HttpScope,
  map: Record<string, StringMatch> | undefined,
  base: FieldPath,
  what: 'header' | 'query parameter',
): KV[] | undefined {
  if (!map) return [];
  const out: KV[] = [];
  const seen = new Map<string, string>();
  for (const name of Object.keys(map).sort(byString)) {
    const sm = map[name]!;
    const at = [...base, name];
    if (!HEADER_NAME_RE.test(name)) {
      raise(
        scope,
        'match-not-converted',
        at,
        `${what} '${name}' is not a valid Gateway API ${what} name (pseudo-headers like ':authority' cannot be matched); this match is not emitted, so requests it selected go to later rules`,
      );
      return undefined;
    }
    const folded = what === 'header' ? name.toLowerCase() : name;
    if (seen.has(folded)) {
      raise(
        scope,
        'match-not-converted',
        at,
        `${what}s '${seen.get(folded)}' and '${name}' differ only in case; Gateway API considers only the first, which would widen the match, so it is not emitted`,
      );
      return undefined;
    }
    seen.set(folded, name);
    if (sm.exact !== undefined) out.push({ name, type: 'Exact', value: sm.exact });
    else if (sm.regex !== undefined) out.push({ name, type: 'RegularExpression', value: sm.regex });
    else if (sm.prefix !== undefined)
      out.push({ name, type: 'RegularExpression', value: `^${escapeRegex(sm.prefix)}.*` });
    else out.push({ name, type: 'RegularExpression', value: '.*' });
  }
  if (out.length > 16) {
    raise(
      scope,
      'match-not-converted',
      base,
      `${out.length} ${what} conditions exceed the Gateway API limit of 16 per match; this match is not emitted`,
    );
    return undefined;
  }
  return out;
}

/** Methods of a method match: exact, or a regex of plain alternatives (`GET|POST`). */
function methods(
  scope: HttpScope,
  m: StringMatch | undefined,
  at: FieldPath,
): string[] | undefined | null {
  if (!m || (m.exact === undefined && m.prefix === undefined && m.regex === undefined)) return null;
  const known = (x: string): boolean => (METHODS as readonly string[]).includes(x);
  if (m.exact !== undefined) {
    if (known(m.exact)) return [m.exact];
    raise(
      scope,
      'match-not-converted',
      [...at, 'exact'],
      `method '${m.exact}' is not one of Gateway API's methods (${METHODS.join(', ')}); this match is not emitted, so ${m.exact} requests it selected go to later rules`,
    );
    return undefined;
  }
  if (m.regex !== undefined) {
    const body = m.regex
      .replace(/^\^/, '')
      .replace(/\$$/, '')
      .replace(/^\((.*)\)$/, '$1');
    const alts = body.split('|');
    if (alts.every((a) => known(a))) return [...new Set(alts)];
    raise(
      scope,
      'match-not-converted',
      [...at, 'regex'],
      `method regex '${m.regex}' is not a list of plain methods (e.g. 'GET|POST'); this match is not emitted, so requests it selected go to later rules`,
    );
    return undefined;
  }
  raise(
    scope,
    'match-not-converted',
    [...at, 'prefix'],
    `method prefix '${m.prefix}' has no Gateway API equivalent (it also matches extension methods); this match is not emitted`,
  );
  return undefined;
}

/**
 * One Istio match → Gateway API matches and the route-level binding. Undefined when a condition
 * has no equivalent: the match is then not emitted at all (trap 5: never wider than it was).
 */
export function convertMatch(
  scope: HttpScope,
  m: HTTPMatchRequest,
  index: number,
  base: FieldPath,
): ConvertedMatch | undefined {
  let ok = true;
  const fail = (field: string, why: string): void => {
    ok = false;
    raise(
      scope,
      'match-not-converted',
      [...base, field],
      `${why}; this match is not emitted (never wider than it was), so requests it selected go to later rules or get a 404`,
    );
  };
  if (m.withoutHeaders && Object.keys(m.withoutHeaders).length)
    fail('withoutHeaders', 'withoutHeaders (negative header match) has no Gateway API equivalent');
  if (m.sourceLabels && Object.keys(m.sourceLabels).length)
    fail(
      'sourceLabels',
      'sourceLabels (matching the calling workload) has no Gateway API equivalent',
    );
  if (m.sourceNamespace !== undefined)
    fail(
      'sourceNamespace',
      "sourceNamespace (matching the caller's namespace) has no Gateway API equivalent",
    );
  const binding: MatchBinding = {};
  if (m.authority) {
    const a = m.authority;
    if (a.exact !== undefined && !a.exact.includes(':') && /^[a-z0-9.-]+$/i.test(a.exact))
      binding.authority = a.exact.toLowerCase();
    else if (a.exact !== undefined)
      fail(
        'authority',
        `authority '${a.exact}' cannot be an HTTPRoute hostname (port or invalid characters)`,
      );
    else if (a.prefix !== undefined || a.regex !== undefined)
      fail(
        'authority',
        `authority ${a.prefix !== undefined ? `prefix '${a.prefix}'` : `regex '${a.regex}'`} has no Gateway API equivalent (hostnames are exact or '*.' wildcards)`,
      );
  }
  if (m.scheme) {
    const s = m.scheme.exact?.toLowerCase();
    if (s === 'http' || s === 'https') binding.scheme = s;
    else fail('scheme', `scheme ${JSON.stringify(m.scheme)} is not an exact 'http' or 'https'`);
  }
  if (m.port !== undefined && m.port !== 0) binding.port = m.port;
  if (m.gateways && m.gateways.length) binding.gateways = [...m.gateways];
  if (m.name !== undefined)
    raise(
      scope,
      'ignored-field',
      [...base, 'name'],
      `match name '${m.name}' only labels the route in Istio's stats and logs; it is not carried over`,
    );
  if (m.statPrefix !== undefined)
    raise(
      scope,
      'ignored-field',
      [...base, 'statPrefix'],
      `statPrefix '${m.statPrefix}' only names Envoy stats; it is not carried over`,
    );
  const headers = stringMatches(scope, m.headers, [...base, 'headers'], 'header');
  const query = stringMatches(scope, m.queryParams, [...base, 'queryParams'], 'query parameter');
  const meth = methods(scope, m.method, [...base, 'method']);
  if (!ok || headers === undefined || query === undefined || meth === undefined) return undefined;
  const p = pathMatch(scope, m, base);
  const one: HTTPRouteMatch = {};
  if (p.path) one.path = p.path;
  if (headers.length)
    one.headers = headers.map((h): HTTPHeaderMatch => ({
      type: h.type,
      name: h.name,
      value: h.value,
    }));
  if (query.length)
    one.queryParams = query.map((q): HTTPQueryParamMatch => ({
      type: q.type,
      name: q.name,
      value: q.value,
    }));
  const list: HTTPRouteMatch[] =
    meth === null ? [one] : meth.map((x) => ({ ...clonePlain(one), method: x }));
  for (const x of list)
    if (!x.path && !x.headers && !x.queryParams && !x.method)
      x.path = { type: 'PathPrefix', value: '/' };
  const out: ConvertedMatch = {
    index,
    matches: list,
    binding,
    uri: p.kind,
    ignoreCase: m.ignoreUriCase === true,
  };
  if (p.prefix !== undefined) out.prefix = p.prefix;
  return out;
}
