import type { FieldPath } from '../../model/resources.js';
import { GATEWAY_DURATION, durationMs } from '../../duration.js';
import { supportsApi } from '../../target.js';
import { isIP, isIPv4, isIPv6 } from '../ip.js';
import type { Ctx, Rule } from './dsl.js';
import { limit } from './limits.js';

// Cross-field rules: the CEL rules of the Gateway API CRDs written in TypeScript (rule ids
// `cel:`), and the rules no CRD checks (ids `semantics:`, semantics.md §8).

// Rules and CRDs walk untyped JSON; each rule checks the shape it reads.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type O = Record<string, any>;
const has = (o: O | undefined, k: string): boolean =>
  o !== undefined && o !== null && o[k] !== undefined && o[k] !== null;
const at = (p: FieldPath, ...more: (string | number)[]): FieldPath => [...p, ...more];
const DNS = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const HOST = /^(\*\.)?[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

const same = (a: unknown, b: unknown): boolean => (a ?? '') === (b ?? '');

function refKey(r: O, withPort: boolean): string {
  return JSON.stringify([
    r.group,
    r.kind,
    r.name,
    r.namespace ?? '',
    r.sectionName ?? '',
    withPort ? (r.port ?? 0) : 0,
  ]);
}

/** parentRefs: unique, and to one parent either all with sectionName (and port) or none. */
export const uniqueParentRefs: Rule = (refs: O[], path, ctx) => {
  if (!Array.isArray(refs)) return;
  const withPort = ctx.target.channel === 'experimental';
  refs.forEach((p1, i) => {
    refs.forEach((p2) => {
      if (
        p1.group === p2.group &&
        p1.kind === p2.kind &&
        p1.name === p2.name &&
        same(p1.namespace, p2.namespace)
      ) {
        if (!!p1.sectionName !== !!p2.sectionName || (withPort && !!p1.port !== !!p2.port))
          ctx.report(
            at(path, i),
            'sectionName or port must be specified when parentRefs includes 2 or more references to the same parent',
            'cel:parentRefs-section',
          );
      }
    });
    if (refs.filter((p2) => refKey(p2, withPort) === refKey(p1, withPort)).length !== 1)
      ctx.report(
        at(path, i),
        'sectionName or port must be unique when parentRefs includes 2 or more references to the same parent',
        'cel:parentRefs-unique',
      );
  });
};

export const uniqueTargetRefs: Rule = (refs: O[], path, ctx) => {
  if (!Array.isArray(refs)) return;
  refs.forEach((p1, i) => {
    const sameTarget = refs.filter(
      (p2) => p1.group === p2.group && p1.kind === p2.kind && p1.name === p2.name,
    );
    if (sameTarget.some((p2) => !!p1.sectionName !== !!p2.sectionName))
      ctx.report(
        at(path, i),
        'sectionName must be specified when targetRefs includes 2 or more references to the same target',
        'cel:targetRefs-section',
      );
    if (sameTarget.filter((p2) => same(p1.sectionName, p2.sectionName)).length !== 1)
      ctx.report(
        at(path, i),
        'sectionName must be unique when targetRefs includes 2 or more references to the same target',
        'cel:targetRefs-unique',
      );
  });
};

/** Before v1.4 a CORS origin must be a URI with a scheme: `*` alone is rejected. */
export const corsOriginStar: Rule = (origins: unknown[], path, ctx) => {
  if (!Array.isArray(origins) || supportsApi(ctx.target, 'corsOriginStar')) return;
  origins.forEach((o, i) => {
    if (o === '*')
      ctx.report(
        at(path, i),
        "'*' must match the URI pattern of this release (scheme://…)",
        'pattern',
      );
  });
};

export const servicePort: Rule = (ref: O, path, ctx) => {
  if (ref && (ref.group ?? '') === '' && (ref.kind ?? 'Service') === 'Service' && !has(ref, 'port'))
    ctx.report(at(path, 'port'), 'Must have port for Service reference', 'cel:service-port');
};

/** Built-in only: a header name may take one action (set, add or remove), names compared without case. */
export const oneActionPerHeader: Rule = (m: O, path, ctx) => {
  if (!m) return;
  const seen = new Map<string, string>();
  for (const action of ['set', 'add', 'remove'] as const) {
    (m[action] ?? []).forEach((h: O | string, i: number) => {
      const name = (typeof h === 'string' ? h : (h?.name ?? '')).toLowerCase();
      const before = seen.get(name);
      if (before !== undefined)
        ctx.report(
          at(path, action, i),
          `header '${name}' already has an action (${before}); HTTP header names are case-insensitive, so a second action on it is applied in an unspecified order`,
          'semantics:one-action-per-header',
        );
      else seen.set(name, action);
    });
  }
};

/** Built-in only: header matches whose names differ only in case match the same header. */
export const headerNamesCaseInsensitive: Rule = (hs: O[], path, ctx) => {
  if (!Array.isArray(hs)) return;
  hs.forEach((h, i) => {
    const j = hs.findIndex((o) => String(o?.name).toLowerCase() === String(h?.name).toLowerCase());
    if (j < i && hs[j]?.name !== h?.name)
      ctx.report(
        at(path, i, 'name'),
        `header '${h.name}' is matched twice ('${hs[j]!.name}'): HTTP header names are case-insensitive`,
        'semantics:header-name-case',
      );
  });
};

export const pathModifierFields: Rule = (m: O, path, ctx) => {
  if (!m) return;
  if (m.type === 'ReplaceFullPath' && !has(m, 'replaceFullPath'))
    ctx.report(
      path,
      "replaceFullPath must be specified when type is set to 'ReplaceFullPath'",
      'cel:path-modifier',
    );
  if (has(m, 'replaceFullPath') && m.type !== 'ReplaceFullPath')
    ctx.report(
      path,
      "type must be 'ReplaceFullPath' when replaceFullPath is set",
      'cel:path-modifier',
    );
  if (m.type === 'ReplacePrefixMatch' && !has(m, 'replacePrefixMatch'))
    ctx.report(
      path,
      "replacePrefixMatch must be specified when type is set to 'ReplacePrefixMatch'",
      'cel:path-modifier',
    );
  if (has(m, 'replacePrefixMatch') && m.type !== 'ReplacePrefixMatch')
    ctx.report(
      path,
      "type must be 'ReplacePrefixMatch' when replacePrefixMatch is set",
      'cel:path-modifier',
    );
};

export const fractionBound: Rule = (f: O, path, ctx) => {
  if (f && typeof f.numerator === 'number' && f.numerator > (f.denominator ?? 100))
    ctx.report(path, 'numerator must be less than or equal to denominator', 'cel:fraction');
};

export const percentOrFraction: Rule = (m: O, path, ctx) => {
  if (m && has(m, 'percent') && has(m, 'fraction'))
    ctx.report(
      path,
      'Only one of percent or fraction may be specified in HTTPRequestMirrorFilter',
      'cel:mirror-percent-fraction',
    );
};

const QUALIFIED_KEY =
  /^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/)?([A-Za-z0-9][-A-Za-z0-9_.]{0,61})?[A-Za-z0-9]$/;

/** The CEL rules on `spec.infrastructure.labels` and `.annotations` keys (every release). */
export const qualifiedKeys =
  (what: 'label' | 'annotation'): Rule =>
  (m: O, path, ctx) => {
    if (!m || typeof m !== 'object' || Array.isArray(m)) return;
    const What = what === 'label' ? 'Label' : 'Annotation';
    for (const key of Object.keys(m)) {
      if (!QUALIFIED_KEY.test(key)) {
        const msg = `${What} keys must be in the form of an optional DNS subdomain prefix followed by a required name segment of up to 63 characters.`;
        ctx.report([...path, key], msg, `cel:${what}-keys`);
      }
      if ([...key.split('/')[0]!].length >= 253) {
        const msg = `If specified, the ${what} key's prefix must be a DNS subdomain not longer than 253 characters in total.`;
        ctx.report([...path, key], msg, `cel:${what}-key-prefix`);
      }
    }
  };

export const wildcardAlone: Rule = (l: string[], path, ctx) => {
  if (Array.isArray(l) && l.includes('*') && l.length > 1)
    ctx.report(path, "AllowMethods cannot contain '*' alongside other methods", 'cel:cors-methods');
};

export const externalAuthProtocol: Rule = (a: O, path, ctx) => {
  if (!a) return;
  if (a.protocol === 'GRPC' && !has(a, 'grpc'))
    ctx.report(path, "grpc must be specified when protocol is set to 'GRPC'", 'cel:ext-auth');
  if (has(a, 'grpc') && a.protocol !== 'GRPC')
    ctx.report(path, "protocol must be 'GRPC' when grpc is set", 'cel:ext-auth');
  if (a.protocol === 'HTTP' && !has(a, 'http'))
    ctx.report(path, "http must be specified when protocol is set to 'HTTP'", 'cel:ext-auth');
  if (has(a, 'http') && a.protocol !== 'HTTP')
    ctx.report(path, "protocol must be 'HTTP' when http is set", 'cel:ext-auth');
};

const FILTER_FIELDS: Record<string, string> = {
  requestHeaderModifier: 'RequestHeaderModifier',
  responseHeaderModifier: 'ResponseHeaderModifier',
  requestMirror: 'RequestMirror',
  requestRedirect: 'RequestRedirect',
  urlRewrite: 'URLRewrite',
  extensionRef: 'ExtensionRef',
  cors: 'CORS',
  externalAuth: 'ExternalAuth',
};

export const filterFieldMatchesType: Rule = (f: O, path, ctx) => {
  if (!f) return;
  for (const [field, type] of Object.entries(FILTER_FIELDS)) {
    if (has(f, field) && f.type !== type)
      ctx.report(
        at(path, field),
        `filter.${field} must be nil if the filter.type is not ${type}`,
        'cel:filter-type',
      );
    if (!has(f, field) && f.type === type)
      ctx.report(
        path,
        `filter.${field} must be specified for ${type} filter.type`,
        'cel:filter-type',
      );
  }
};

const count = (fs: O[], type: string): number => fs.filter((f) => f?.type === type).length;

export const headerModifierOnce: Rule = (fs: O[], path, ctx) => {
  if (!Array.isArray(fs)) return;
  for (const t of ['RequestHeaderModifier', 'ResponseHeaderModifier'])
    if (count(fs, t) > 1) ctx.report(path, `${t} filter cannot be repeated`, 'cel:filter-once');
};

export const httpFilterCombination: Rule = (fs: O[], path, ctx) => {
  if (!Array.isArray(fs)) return;
  headerModifierOnce(fs, path, ctx);
  if (count(fs, 'RequestRedirect') > 0 && count(fs, 'URLRewrite') > 0)
    ctx.report(
      path,
      'May specify either httpRouteFilterRequestRedirect or httpRouteFilterRequestRewrite, but not both',
      'cel:redirect-rewrite',
    );
  for (const t of ['RequestRedirect', 'URLRewrite'])
    if (count(fs, t) > 1) ctx.report(path, `${t} filter cannot be repeated`, 'cel:filter-once');
  if (supportsApi(ctx.target, 'routeRulesRequired') && count(fs, 'CORS') > 1)
    ctx.report(path, 'CORS filter cannot be repeated', 'cel:filter-once');
};

export const sessionPersistenceRules: Rule = (s: O, path, ctx) => {
  if (!s) return;
  if (
    has(s, 'cookieConfig') &&
    s.cookieConfig.lifetimeType === 'Permanent' &&
    !has(s, 'absoluteTimeout')
  )
    ctx.report(
      path,
      'AbsoluteTimeout must be specified when cookie lifetimeType is Permanent',
      'cel:session',
    );
  if (
    supportsApi(ctx.target, 'headerValuePattern') &&
    has(s, 'cookieConfig') &&
    s.type !== 'Cookie'
  )
    ctx.report(path, 'cookieConfig can only be set with type Cookie', 'cel:session');
};

const PATH_CHARS = /^(?:[-A-Za-z0-9/._~!$&'()*+,;=:@]|[%][0-9a-fA-F]{2})+$/;

/** Exact and PathPrefix values: absolute, normalized, no encoded slash or fragment. */
export const pathValue: Rule = (m: O, path, ctx) => {
  if (!m || (m.type !== 'Exact' && m.type !== 'PathPrefix')) return;
  const v = String(m.value ?? '/');
  const bad = (msg: string): void => ctx.report(at(path, 'value'), msg, 'cel:path-value');
  if (!v.startsWith('/'))
    bad(
      "value must be an absolute path and start with '/' when type one of ['Exact', 'PathPrefix']",
    );
  for (const s of ['//', '/./', '/../', '%2f', '%2F', '#'])
    if (v.includes(s)) bad(`must not contain '${s}' when type one of ['Exact', 'PathPrefix']`);
  for (const s of ['/..', '/.'])
    if (v.endsWith(s)) bad(`must not end with '${s}' when type one of ['Exact', 'PathPrefix']`);
  if (!PATH_CHARS.test(v))
    bad(
      `must only contain valid characters (matching ${PATH_CHARS.source}) for types ['Exact', 'PathPrefix']`,
    );
};

export const timeoutOrder: Rule = (t: O, path, ctx) => {
  if (!t || typeof t.request !== 'string' || typeof t.backendRequest !== 'string') return;
  if (!GATEWAY_DURATION.test(t.request) || !GATEWAY_DURATION.test(t.backendRequest)) return;
  const r = durationMs(t.request)!;
  if (r !== 0 && durationMs(t.backendRequest)! > r)
    ctx.report(
      path,
      'backendRequest timeout cannot be longer than request timeout',
      'cel:timeouts',
    );
};

export const retryCodesUnique: Rule = (codes: number[], path, ctx) => {
  if (!Array.isArray(codes) || !supportsApi(ctx.target, 'retryStrict')) return;
  codes.forEach((c, i) => {
    if (codes.indexOf(c) < i) ctx.report(at(path, i), `duplicate retry code ${c}`, 'list-type-set');
  });
};

export const retryAttempts: Rule = (n: number, path, ctx) => {
  const min = limit(ctx.target, 'retryAttemptsMin');
  if (min !== undefined && typeof n === 'number' && n < min)
    ctx.report(path, `must be >= ${min}`, 'minimum');
};

export const redirectWithoutBackends: Rule = (r: O, path, ctx) => {
  if (
    r &&
    Array.isArray(r.backendRefs) &&
    r.backendRefs.length > 0 &&
    Array.isArray(r.filters) &&
    r.filters.some((f: O) => has(f, 'requestRedirect'))
  ) {
    ctx.report(
      path,
      'RequestRedirect filter must not be used together with backendRefs',
      'cel:redirect-backends',
    );
  }
};

function replacesPrefix(f: O): boolean {
  return ['requestRedirect', 'urlRewrite'].some(
    (k) =>
      has(f, k) &&
      has(f[k], 'path') &&
      f[k].path.type === 'ReplacePrefixMatch' &&
      has(f[k].path, 'replacePrefixMatch'),
  );
}

/** ReplacePrefixMatch needs exactly one match, of type PathPrefix (rules mirror the CRD's `exists_one`). */
export const replacePrefixNeedsOnePrefix: Rule = (r: O, path, ctx) => {
  if (!r) return;
  const matches: O[] = r.matches ?? [];
  const okMatches =
    matches.length === 1 && has(matches[0], 'path') && matches[0]!.path.type === 'PathPrefix';
  const msg =
    'When using URLRewrite or RequestRedirect filter with path.replacePrefixMatch, exactly one PathPrefix match must be specified';
  for (const k of ['requestRedirect', 'urlRewrite']) {
    const one = (f: O): boolean =>
      has(f, k) &&
      has(f[k], 'path') &&
      f[k].path.type === 'ReplacePrefixMatch' &&
      has(f[k].path, 'replacePrefixMatch');
    if (Array.isArray(r.filters) && r.filters.filter(one).length === 1 && !okMatches)
      ctx.report(path, msg, 'cel:replace-prefix');
    if (
      Array.isArray(r.backendRefs) &&
      r.backendRefs.filter(
        (b: O) => Array.isArray(b?.filters) && b.filters.filter(one).length === 1,
      ).length === 1 &&
      !okMatches
    )
      ctx.report(path, msg, 'cel:replace-prefix');
  }
  void replacesPrefix;
};

export const uniqueRuleNames: Rule = (rules: O[], path, ctx) => {
  if (!Array.isArray(rules) || ctx.target.channel !== 'experimental') return;
  rules.forEach((r, i) => {
    if (has(r, 'name') && rules.filter((o) => o?.name === r.name).length !== 1)
      ctx.report(
        at(path, i, 'name'),
        'Rule name must be unique within the route',
        'cel:rule-names',
      );
  });
};

export const totalMatches =
  (grpc: boolean): Rule =>
  (rules: O[], path, ctx) => {
    if (!Array.isArray(rules)) return;
    const total = rules
      .slice(0, 16)
      .reduce((n, r) => n + (Array.isArray(r?.matches) ? r.matches.length : grpc ? 0 : 0), 0);
    if (total > 128)
      ctx.report(
        path,
        'While 16 rules and 64 matches per rule are allowed, the total number of matches across all rules in a route must be less than 128',
        'cel:total-matches',
      );
  };

export const grpcMethod: Rule = (m: O, path, ctx) => {
  if (!m) return;
  if (has(m, 'type') && !has(m, 'service') && !has(m, 'method'))
    ctx.report(path, "One or both of 'service' or 'method' must be specified", 'cel:grpc-method');
  if ((m.type ?? 'Exact') === 'Exact') {
    if (has(m, 'service') && !/^\.?[a-z_][a-z_0-9]*(\.[a-z_][a-z_0-9]*)*$/i.test(m.service))
      ctx.report(
        at(path, 'service'),
        'service must only contain valid characters (matching ^(?i)\\.?[a-z_][a-z_0-9]*(\\.[a-z_][a-z_0-9]*)*$)',
        'cel:grpc-method',
      );
    if (has(m, 'method') && !/^[A-Za-z_][A-Za-z_0-9]*$/.test(m.method))
      ctx.report(
        at(path, 'method'),
        'method must only contain valid characters (matching ^[A-Za-z_][A-Za-z_0-9]*$)',
        'cel:grpc-method',
      );
  }
};

export const tlsRouteHostnames: Rule = (hs: string[], path, ctx) => {
  if (!Array.isArray(hs)) return;
  hs.forEach((h, i) => {
    if (typeof h !== 'string') return;
    if (isIP(h)) ctx.report(at(path, i), 'Hostnames cannot be IP addresses', 'cel:tls-hostname');
    const ok = h.includes('*') ? h.startsWith('*.') && DNS.test(h.slice(2)) : DNS.test(h);
    if (!ok)
      ctx.report(at(path, i), 'Hostnames must be valid based on RFC-1123', 'cel:tls-hostname');
  });
};

/** Built-in only: an IP address is not a hostname (routes and listeners match SNI/Host names). */
export const noIpHostnames: Rule = (hs: string[], path, ctx) => {
  if (Array.isArray(hs)) hs.forEach((h, i) => noIpHostname(h, at(path, i), ctx));
};
export const noIpHostname: Rule = (h: string, path, ctx) => {
  if (typeof h === 'string' && isIP(h))
    ctx.report(
      path,
      `'${h}' is an IP address, not a hostname: Gateway API hostnames match the Host header or SNI by DNS name`,
      'semantics:ip-hostname',
    );
};

export const terminateNeedsCertificate: Rule = (tls: O, path, ctx) => {
  if (!tls || tls.mode !== 'Terminate') return;
  const refs = Array.isArray(tls.certificateRefs) ? tls.certificateRefs.length : 0;
  const opts = tls.options && typeof tls.options === 'object' ? Object.keys(tls.options).length : 0;
  if (refs === 0 && opts === 0)
    ctx.report(
      path,
      'certificateRefs or options must be specified when mode is Terminate',
      'cel:terminate-cert',
    );
};

export const listenerRules: Rule[] = [
  (ls: O[], path, ctx) => {
    if (!Array.isArray(ls)) return;
    const rep = (m: string, r: string): void => ctx.report(path, m, r);
    if (ls.some((l) => ['HTTP', 'TCP', 'UDP'].includes(l?.protocol) && has(l, 'tls')))
      rep("tls must not be specified for protocols ['HTTP', 'TCP', 'UDP']", 'cel:listener-tls');
    if (
      ls.some(
        (l) => l?.protocol === 'HTTPS' && has(l, 'tls') && !['', 'Terminate'].includes(l.tls.mode),
      )
    )
      rep('tls mode must be Terminate for protocol HTTPS', 'cel:listener-https-mode');
    if (
      ls.some(
        (l) => ['TCP', 'UDP'].includes(l?.protocol) && has(l, 'hostname') && l.hostname !== '',
      )
    )
      rep("hostname must not be specified for protocols ['TCP', 'UDP']", 'cel:listener-hostname');
    if (ls.some((l1) => ls.filter((l2) => l1?.name === l2?.name).length !== 1))
      rep('Listener name must be unique within the Gateway', 'cel:listener-name');
    if (
      ls.some(
        (l1) =>
          ls.filter(
            (l2) =>
              l1?.port === l2?.port &&
              l1?.protocol === l2?.protocol &&
              (has(l1, 'hostname') && has(l2, 'hostname')
                ? l1.hostname === l2.hostname
                : !has(l1, 'hostname') && !has(l2, 'hostname')),
          ).length !== 1,
      )
    ) {
      rep(
        'Combination of port, protocol and hostname must be unique for each listener',
        'cel:listener-unique',
      );
    }
    if (
      supportsApi(ctx.target, 'tlsListenerNeedsMode') &&
      ls.some(
        (l) => l?.protocol === 'TLS' && !(has(l, 'tls') && has(l.tls, 'mode') && l.tls.mode !== ''),
      )
    )
      rep('tls mode must be set for protocol TLS', 'cel:listener-tls-mode');
  },
];

export const addressValue: Rule = (a: O, path, ctx) => {
  if (!a) return;
  if (!supportsApi(ctx.target, 'optionalAddressValue') && (!has(a, 'value') || a.value === ''))
    ctx.report(at(path, 'value'), 'value is required (at least 1 character)', 'required');
  if (a.type === 'Hostname' && has(a, 'value') && !HOST.test(a.value))
    ctx.report(
      path,
      'Hostname value must be empty or contain only valid characters (matching ^(\\*\\.)?[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$)',
      'cel:address-hostname',
    );
  if (a.type === 'IPAddress' && has(a, 'value') && !isIPv4(a.value) && !isIPv6(a.value))
    ctx.report(at(path, 'value'), `'${a.value}' is not an IPv4 or IPv6 address`, 'format');
};

export const uniqueAddresses: Rule = (as: O[], path, ctx) => {
  if (!Array.isArray(as)) return;
  for (const t of ['IPAddress', 'Hostname']) {
    if (
      as.some(
        (a1) =>
          a1?.type === t &&
          has(a1, 'value') &&
          as.filter((a2) => a2?.type === t && a2?.value === a1.value).length !== 1,
      )
    )
      ctx.report(path, `${t} values must be unique`, 'cel:address-unique');
  }
};

export const wellKnownCa: Rule = (v: string, path, ctx) => {
  if (typeof v !== 'string') return;
  const ok = supportsApi(ctx.target, 'backendTlsWellKnownPattern')
    ? /^(System|[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/[A-Za-z0-9/\-._~%!$&'()*+,;=:]+)$/.test(
        v,
      )
    : v === 'System';
  if (!ok) ctx.report(path, `'${v}' is not a supported wellKnownCACertificates value`, 'enum');
};

export const subjectAltName: Rule = (s: O, path, ctx) => {
  if (!s) return;
  if (s.type === 'Hostname' && (!has(s, 'hostname') || s.hostname === ''))
    ctx.report(
      path,
      'SubjectAltName element must contain Hostname, if Type is set to Hostname',
      'cel:san',
    );
  if (s.type !== 'Hostname' && has(s, 'hostname') && s.hostname !== '')
    ctx.report(
      path,
      'SubjectAltName element must not contain Hostname, if Type is not set to Hostname',
      'cel:san',
    );
  if (s.type === 'URI' && (!has(s, 'uri') || s.uri === ''))
    ctx.report(path, 'SubjectAltName element must contain URI, if Type is set to URI', 'cel:san');
  if (s.type !== 'URI' && has(s, 'uri') && s.uri !== '')
    ctx.report(
      path,
      'SubjectAltName element must not contain URI, if Type is not set to URI',
      'cel:san',
    );
};

export const caSource: Rule = (v: O, path, ctx) => {
  if (!v) return;
  const refs = Array.isArray(v.caCertificateRefs) && v.caCertificateRefs.length > 0;
  const known = has(v, 'wellKnownCACertificates') && v.wellKnownCACertificates !== '';
  if (refs && known)
    ctx.report(
      path,
      'must not contain both CACertificateRefs and WellKnownCACertificates',
      'cel:ca-source',
    );
  if (!refs && !known)
    ctx.report(
      path,
      'must specify either CACertificateRefs or WellKnownCACertificates',
      'cel:ca-source',
    );
};

export type { Ctx };
