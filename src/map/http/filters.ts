import type { HTTPHeaderFilter, HTTPRouteFilter } from '../../gateway-api/types.js';
import type { FieldPath, HTTPRouteSpecIstio } from '../../model/resources.js';
import { supports, gateRequirement, describeTarget } from '../../target.js';
import type { GrantNeed } from '../reference-grants.js';
import { backendRefFor } from './backends.js';
import { durationSeconds } from '../../duration.js';
import { carryOrigins, originMatchers } from './cors-origins.js';
import { METHODS } from './matches.js';
import { byString, HEADER_NAME_RE, type HttpScope, PRECISE_HOSTNAME_RE, raise } from './scope.js';

type HeaderOps = NonNullable<NonNullable<HTTPRouteSpecIstio['headers']>['request']>;

/**
 * Istio header operations → a header modifier, entries sorted by header name. Gateway API allows
 * one action per header name (case-insensitive) and 16 entries per list.
 */
export function headerModifier(
  scope: HttpScope,
  ops: HeaderOps | undefined,
  at: FieldPath,
): HTTPHeaderFilter | undefined {
  if (!ops) return undefined;
  const taken = new Map<string, string>();
  const out: HTTPHeaderFilter = {};
  const accept = (name: string, where: FieldPath, action: string): boolean => {
    if (!HEADER_NAME_RE.test(name)) {
      raise(
        scope,
        'header-modifier-not-converted',
        where,
        `header '${name}' cannot be ${action} by a Gateway API header modifier (not a valid header name; pseudo-headers are not allowed); this operation is dropped`,
      );
      return false;
    }
    const folded = name.toLowerCase();
    const prev = taken.get(folded);
    if (prev !== undefined) {
      raise(
        scope,
        'header-modifier-not-converted',
        where,
        `header '${name}' is already ${prev}; Gateway API allows one action per header name, so '${action}' is dropped`,
      );
      return false;
    }
    taken.set(folded, action);
    return true;
  };
  for (const [key, action] of [
    ['set', 'set'],
    ['add', 'added'],
  ] as const) {
    const map = ops[key];
    if (!map) continue;
    const list = Object.keys(map)
      .sort(byString)
      .filter((name) => accept(name, [...at, key, name], action))
      .map((name) => ({ name, value: map[name]! }));
    if (list.length > 16)
      raise(
        scope,
        'header-modifier-not-converted',
        [...at, key],
        `${list.length} headers to ${key} exceed the limit of 16; '${list
          .slice(16)
          .map((h) => h.name)
          .join("', '")}' are dropped`,
      );
    if (list.length) out[key] = list.slice(0, 16);
  }
  if (ops.remove) {
    const list = ops.remove
      .map((name, i) => ({ name, i }))
      .sort((a, b) => byString(a.name, b.name))
      .filter(({ name, i }) => accept(name, [...at, 'remove', i], 'removed'))
      .map(({ name }) => name);
    if (list.length > 16)
      raise(
        scope,
        'header-modifier-not-converted',
        [...at, 'remove'],
        `${list.length} headers to remove exceed the limit of 16; '${list.slice(16).join("', '")}' are kept`,
      );
    if (list.length) out.remove = list.slice(0, 16);
  }
  return out.set || out.add || out.remove ? out : undefined;
}

export type RedirectFilter = Extract<
  HTTPRouteFilter,
  { type: 'RequestRedirect' }
>['requestRedirect'];

export interface RedirectPlan {
  redirect: RedirectFilter;
  /** `prefixRewrite`: a ReplacePrefixMatch written per PathPrefix match by the composer. */
  prefixRewrite?: string;
}

/** Istio `redirect` → RequestRedirect with an explicit status code (trap 4: Istio 301, Gateway API 302). */
export function redirectPlan(
  scope: HttpScope,
  r: NonNullable<HTTPRouteSpecIstio['redirect']>,
  at: FieldPath,
): RedirectPlan {
  const red: RedirectFilter = {};
  const code = r.redirectCode ?? 301;
  if (r.scheme !== undefined) {
    const s = r.scheme.toLowerCase();
    if (s === 'http' || s === 'https') red.scheme = s;
    else
      raise(
        scope,
        'redirect-not-converted',
        [...at, 'scheme'],
        `redirect scheme '${r.scheme}' is not http or https; the Location keeps the request's scheme`,
      );
  }
  let authorityPort: number | undefined;
  if (r.authority !== undefined) {
    const [h, p] = r.authority.toLowerCase().split(':');
    if (h && PRECISE_HOSTNAME_RE.test(h) && (p === undefined || /^\d{1,5}$/.test(p))) {
      red.hostname = h;
      if (p !== undefined) authorityPort = Number(p);
    } else {
      raise(
        scope,
        'redirect-not-converted',
        [...at, 'authority'],
        `redirect authority '${r.authority}' is not a valid hostname; the Location keeps the request's host`,
      );
    }
  }
  if (r.uri !== undefined) red.path = { type: 'ReplaceFullPath', replaceFullPath: r.uri };
  const port = r.port ?? authorityPort;
  if (port !== undefined) red.port = port;
  else {
    // Istio's conversion (createRedirectFilter): no port + scheme → protocol default port; no port,
    // no scheme → request port. Classic keeps the request's port unless FROM_PROTOCOL_DEFAULT.
    const classicProtocolDefault = r.derivePort === 'FROM_PROTOCOL_DEFAULT';
    const gatewayProtocolDefault = red.scheme !== undefined;
    if (classicProtocolDefault !== gatewayProtocolDefault) {
      raise(
        scope,
        'redirect-port-differs',
        r.derivePort !== undefined ? [...at, 'derivePort'] : at,
        classicProtocolDefault
          ? "Istio redirected to the default port of the scheme; without a scheme Gateway API keeps the request's port, so a request to http://host:8080/ is now redirected to port 8080"
          : `Istio kept the request's port; with scheme '${red.scheme}' Gateway API redirects to the scheme's default port, so a request to http://host:8080/ is now redirected to ${red.scheme}://host/ without :8080`,
        'Set redirect.port explicitly if clients use a non-default port.',
      );
    }
  }
  let status = code;
  if (![301, 302, 303, 307, 308].includes(code)) {
    raise(
      scope,
      'redirect-not-converted',
      [...at, 'redirectCode'],
      `redirect code ${code} is not a redirect status Gateway API knows; 301 is written`,
    );
    status = 301;
  } else if (
    (code === 303 || code === 307 || code === 308) &&
    !supports(scope.ctx.target, 'redirect3xx')
  ) {
    status = code === 308 ? 301 : 302;
    raise(
      scope,
      'redirect-code-unsupported',
      [...at, 'redirectCode'],
      `redirect code ${code} needs ${gateRequirement('redirect3xx')} (target: ${describeTarget(scope.ctx.target)}); ${status} is written, so clients ${code === 303 ? 'keep the method instead of switching to GET' : 'may change POST to GET'}`,
    );
  }
  red.statusCode = status;
  const plan: RedirectPlan = { redirect: red };
  if (r.prefixRewrite !== undefined) {
    if (r.uri !== undefined)
      raise(
        scope,
        'redirect-not-converted',
        [...at, 'prefixRewrite'],
        'redirect has both uri and prefixRewrite; uri is written',
      );
    else plan.prefixRewrite = r.prefixRewrite;
  }
  return plan;
}

export interface RewritePlan {
  hostname?: string;
  /** Replacement of the matched prefix (Istio `rewrite.uri`, or a plain-prefix `uriRegexRewrite`). */
  prefix?: string;
  /** A replacement of the whole path whatever the match (`uriRegexRewrite` of the whole path). */
  fullPath?: string;
}

const WHOLE_PATH = new Set(['.*', '^.*$', '/.*', '^/.*$', '^/.*', '^.*']);
const REGEX_META = /[\\.+*?()|[\]{}^$]/;

/** Istio `rewrite` → the parts of a URLRewrite; undefined when the path rewrite cannot be kept. */
export function rewritePlan(
  scope: HttpScope,
  rw: NonNullable<HTTPRouteSpecIstio['rewrite']>,
  at: FieldPath,
  prefixes: readonly (string | undefined)[],
): RewritePlan | undefined {
  const plan: RewritePlan = {};
  if (rw.authority !== undefined) {
    const h = rw.authority.toLowerCase();
    if (PRECISE_HOSTNAME_RE.test(h)) plan.hostname = h;
    else {
      raise(
        scope,
        'rewrite-not-converted',
        [...at, 'authority'],
        `rewrite authority '${rw.authority}' is not a valid Gateway API hostname (no port, no wildcard); the Host header is not rewritten, the rule is not emitted`,
      );
      return undefined;
    }
  }
  if (rw.uri !== undefined) plan.prefix = rw.uri;
  const rr = rw.uriRegexRewrite;
  if (rr && (rr.match !== undefined || rr.rewrite !== undefined)) {
    const match = rr.match ?? '';
    const rewrite = rr.rewrite ?? '';
    const swap = /^\^?(.*)\(\.\*\)\$?$/.exec(match);
    const lit = swap?.[1];
    if (WHOLE_PATH.has(match) && !rewrite.includes('\\')) {
      plan.fullPath = rewrite;
    } else if (
      lit !== undefined &&
      !REGEX_META.test(lit.replace(/\\\./g, '')) &&
      rewrite.endsWith('\\1') &&
      !rewrite.slice(0, -2).includes('\\') &&
      prefixes.length > 0 &&
      prefixes.every((p) => p === lit.replace(/\\\./g, '.'))
    ) {
      plan.prefix = rewrite.slice(0, -2);
    } else {
      raise(
        scope,
        'rewrite-not-converted',
        [...at, 'uriRegexRewrite'],
        `uriRegexRewrite '${match}' → '${rewrite}' is not a plain prefix swap of the rule's prefix match nor a whole-path replacement; URLRewrite cannot express it, the rule is not emitted and its requests go to later rules`,
      );
      return undefined;
    }
  }
  return plan;
}

/**
 * The request path Istio and Gateway API give for a prefix rewrite, when they differ: Istio swaps
 * the matched string, Gateway API swaps whole segments (trap 6).
 */
export function prefixRewriteDifference(prefix: string, replacement: string): string | undefined {
  const pSlash = prefix.endsWith('/');
  const rSlash = replacement.endsWith('/');
  if (prefix === '/' && replacement === '/') return undefined;
  if (pSlash === rSlash) return undefined;
  const req = `${prefix.replace(/\/$/, '')}/x`;
  const istio = `${replacement}${req.slice(prefix.length)}`;
  const trimmed = replacement.replace(/\/$/, '');
  const gw = `${trimmed}/x`;
  return `Istio replaces the matched string: ${req} → ${istio}; Gateway API ReplacePrefixMatch replaces whole segments: ${req} → ${gw}`;
}

/** `mirror`/`mirrors` → RequestMirror filters; percentages as `percent` or `fraction` where the target has them. */
export function mirrorFilters(
  scope: HttpScope,
  rule: HTTPRouteSpecIstio,
  at: FieldPath,
  grants: GrantNeed[],
): HTTPRouteFilter[] {
  const out: HTTPRouteFilter[] = [];
  const items: {
    dest: NonNullable<HTTPRouteSpecIstio['mirror']>;
    pct: number | undefined;
    at: FieldPath;
    pctAt: FieldPath;
  }[] = [];
  if (rule.mirror) {
    const pct =
      rule.mirrorPercentage?.value ?? rule.mirrorPercent ?? rule.mirror_percent ?? undefined;
    const pctKey = rule.mirrorPercentage
      ? 'mirrorPercentage'
      : rule.mirrorPercent != null
        ? 'mirrorPercent'
        : 'mirror_percent';
    items.push({
      dest: rule.mirror,
      pct: pct ?? undefined,
      at: [...at, 'mirror'],
      pctAt: [...at, pctKey],
    });
  }
  (rule.mirrors ?? []).forEach((m, i) =>
    items.push({
      dest: m.destination,
      pct: m.percentage?.value,
      at: [...at, 'mirrors', i, 'destination'],
      pctAt: [...at, 'mirrors', i, 'percentage'],
    }),
  );
  for (const item of items) {
    const mirrorGrants: GrantNeed[] = [];
    const ref = backendRefFor(scope, item.dest, item.at, 'mirror', mirrorGrants);
    if (!ref) continue;
    const mirror: Extract<HTTPRouteFilter, { type: 'RequestMirror' }>['requestMirror'] = {
      backendRef: ref,
    };
    const pct = item.pct;
    if (pct !== undefined && pct < 100) {
      if (!supports(scope.ctx.target, 'mirrorPercent')) {
        raise(
          scope,
          'mirror-not-converted',
          item.pctAt,
          `mirroring ${pct}% of requests needs ${gateRequirement('mirrorPercent')} (target: ${describeTarget(scope.ctx.target)}); writing the mirror would copy 100% of requests to ${item.dest.host}, so it is not written and requests are no longer mirrored`,
        );
        continue;
      }
      if (Number.isInteger(pct)) mirror.percent = Math.max(0, pct);
      else {
        const decimals = Math.min(6, (String(pct).split('.')[1] ?? '').length);
        const scale = 10 ** decimals;
        mirror.fraction = { numerator: Math.round(pct * scale), denominator: 100 * scale };
      }
    }
    grants.push(...mirrorGrants);
    out.push({ type: 'RequestMirror', requestMirror: mirror });
  }
  return out;
}

/**
 * `corsPolicy` → CORS filter. Origins carry only where the target Istio matches the same set
 * (cors-origins.ts). An origin that cannot be carried is an error; when none can, no CORS filter
 * is written at all: a filter without origins would answer every preflight itself and allow
 * none, while without one the backend still sees them, as it saw those the policy did not match.
 */
export function corsFilter(
  scope: HttpScope,
  cors: NonNullable<HTTPRouteSpecIstio['corsPolicy']>,
  at: FieldPath,
): HTTPRouteFilter | undefined {
  if (!supports(scope.ctx.target, 'cors')) {
    raise(
      scope,
      'cors-not-converted',
      at,
      `the CORS filter needs ${gateRequirement('cors')} (target: ${describeTarget(scope.ctx.target)}); browsers' cross-origin requests to this rule no longer get CORS headers and preflights go to the backend`,
    );
    return undefined;
  }
  const c: Record<string, unknown> = {};
  const notes: string[] = [];
  const matchers = originMatchers(cors, at);
  const wildcards = supports(scope.ctx.target, 'corsOriginWildcards');
  const carried = carryOrigins(matchers, wildcards, supports(scope.ctx.target, 'corsOriginStar'));
  const origins = carried.origins;
  for (const { matcher: m, why } of carried.lost) {
    raise(
      scope,
      'cors-not-converted',
      m.at,
      `origin ${m.kind} '${m.value}' cannot be carried: ${why}; requests from the origins it matched no longer get CORS headers`,
      'List the exact origins (scheme://host[:port]), or `*.`-wildcard hosts on Istio 1.30+.',
    );
  }
  if (matchers.length && !origins.length) {
    raise(
      scope,
      'cors-not-converted',
      at,
      'no origin of this corsPolicy can be carried, so no CORS filter is written: preflights reach the backend as before for origins the policy did not match, and browsers at the origins it matched lose the CORS headers Istio added',
    );
    return undefined;
  }
  if (carried.allowAll && wildcards) {
    notes.push(
      "Istio 1.30+ writes an allow-all origin list as a match on scheme://host[:port] origins, so requests with 'Origin: null' (sandboxed frames, file:// pages) no longer get the CORS headers that every origin got before",
    );
  }
  if (origins.length > 64)
    raise(
      scope,
      'cors-not-converted',
      [...at, 'allowOrigins'],
      `${origins.length} origins exceed the limit of 64; the rest are dropped`,
    );
  if (origins.length) c.allowOrigins = origins.slice(0, 64);
  if (cors.allowCredentials === true) c.allowCredentials = true;
  const methods: string[] = [];
  (cors.allowMethods ?? []).forEach((m, i) => {
    if ((METHODS as readonly string[]).includes(m) || m === '*') {
      if (!methods.includes(m)) methods.push(m);
    } else
      raise(
        scope,
        'cors-not-converted',
        [...at, 'allowMethods', i],
        `method '${m}' is not one Gateway API's CORS filter accepts; preflights for it are no longer allowed`,
      );
  });
  if (methods.includes('*') && methods.length > 1) methods.splice(0, methods.length, '*');
  if (methods.length) c.allowMethods = methods;
  for (const key of ['allowHeaders', 'exposeHeaders'] as const) {
    const list: string[] = [];
    (cors[key] ?? []).forEach((h, i) => {
      if (HEADER_NAME_RE.test(h)) {
        if (!list.includes(h)) list.push(h);
      } else
        raise(
          scope,
          'cors-not-converted',
          [...at, key, i],
          `'${h}' is not a valid header name for ${key}; it is dropped`,
        );
    });
    if (list.length) c[key] = list.slice(0, 64);
  }
  if (cors.maxAge !== undefined) {
    const secs = durationSeconds(cors.maxAge);
    if (secs === undefined || secs < 1n || secs > 2_147_483_647n)
      raise(
        scope,
        'cors-not-converted',
        [...at, 'maxAge'],
        `maxAge '${cors.maxAge}' cannot be written in whole seconds ≥ 1; Gateway API's default of 5 seconds applies`,
      );
    else c.maxAge = Number(secs);
  } else {
    notes.push('preflight responses now carry Access-Control-Max-Age: 5 (Istio sent none)');
  }
  const ignores = supports(scope.ctx.target, 'corsIgnoresUnmatchedPreflights');
  if (ignores && cors.unmatchedPreflights !== 'IGNORE') {
    notes.push(
      'preflight requests from origins that are not allowed were forwarded to the backend and are now answered by the gateway without CORS headers',
    );
  } else if (!ignores && cors.unmatchedPreflights === 'IGNORE') {
    notes.push(
      `preflight requests from origins that are not allowed were answered by the gateway and now go to the backend (Istio ${scope.ctx.target.istio} forwards them)`,
    );
  }
  if (notes.length)
    raise(
      scope,
      'cors-defaults',
      at,
      `Istio's Gateway API CORS filter differs from this corsPolicy: ${notes.join('; ')}`,
    );
  return { type: 'CORS', cors: c };
}
