import { describe, expect, it } from 'vitest';
import type { ConvertOptions } from '../../../src/options.js';
import { GATEWAY, ids, mapYaml, onlyRules, vsYaml } from './harness.js';

const ROUTE = `    route:
    - destination: {host: web, port: {number: 8080}}`;

describe('headers', () => {
  it('request/response set, add, remove → header modifiers sorted by name', () => {
    const run = mapYaml(
      GATEWAY +
        vsYaml(`  - headers:
      request:
        set: {x-z: "1", x-a: "2"}
        add: {x-m: "3"}
      response:
        remove: [server, x-envoy-upstream-service-time]
${ROUTE}
`),
    );
    expect(onlyRules(run)[0]!.filters).toEqual([
      {
        type: 'RequestHeaderModifier',
        requestHeaderModifier: {
          set: [
            { name: 'x-a', value: '2' },
            { name: 'x-z', value: '1' },
          ],
          add: [{ name: 'x-m', value: '3' }],
        },
      },
      {
        type: 'ResponseHeaderModifier',
        responseHeaderModifier: { remove: ['server', 'x-envoy-upstream-service-time'] },
      },
    ]);
    expect(ids(run)).toEqual([]);
  });

  it('one action per header name: the second is dropped with an error', () => {
    const run = mapYaml(
      GATEWAY +
        vsYaml(`  - headers:
      request:
        set: {X-Id: "1"}
        add: {x-id: "2"}
${ROUTE}
`),
    );
    expect(onlyRules(run)[0]!.filters).toEqual([
      {
        type: 'RequestHeaderModifier',
        requestHeaderModifier: { set: [{ name: 'X-Id', value: '1' }] },
      },
    ]);
    expect(ids(run)).toEqual([
      {
        id: 'header-modifier-not-converted',
        path: 'spec.http[0].headers.request.add.x-id',
        line: 27,
      },
    ]);
  });
});

describe('redirect', () => {
  it('uri, authority, scheme, explicit 301 and no backends (trap 4)', () => {
    const run = mapYaml(
      GATEWAY +
        vsYaml(`  - match:
    - uri: {exact: /old}
    redirect:
      uri: /new
      authority: new.example.com
      port: 443
      scheme: https
`),
    );
    expect(onlyRules(run)).toEqual([
      {
        matches: [{ path: { type: 'Exact', value: '/old' } }],
        filters: [
          {
            type: 'RequestRedirect',
            requestRedirect: {
              scheme: 'https',
              hostname: 'new.example.com',
              path: { type: 'ReplaceFullPath', replaceFullPath: '/new' },
              port: 443,
              statusCode: 301,
            },
          },
        ],
      },
    ]);
    expect(ids(run)).toEqual([]);
  });

  it('scheme without port: Gateway API uses the default port, Istio kept the request port', () => {
    const run = mapYaml(
      GATEWAY +
        vsYaml(`  - redirect:
      scheme: https
      redirectCode: 302
`),
    );
    expect(onlyRules(run)[0]!.filters![0]).toEqual({
      type: 'RequestRedirect',
      requestRedirect: { scheme: 'https', statusCode: 302 },
    });
    expect(ids(run)).toEqual([
      { id: 'redirect-port-differs', path: 'spec.http[0].redirect', line: 24 },
    ]);
  });

  const codes: [ConvertOptions['gatewayApi'], number, number, string[]][] = [
    ['v1.4', 308, 301, ['redirect-code-unsupported']],
    ['v1.4', 307, 302, ['redirect-code-unsupported']],
    ['v1.5', 307, 307, []],
    ['v1.6', 308, 308, []],
  ];
  for (const [api, code, written, found] of codes) {
    it(`redirectCode ${code} on ${api} → ${written}`, () => {
      const run = mapYaml(
        GATEWAY +
          vsYaml(`  - redirect:
      uri: /x
      redirectCode: ${code}
`),
        { gatewayApi: api },
      );
      expect(
        (onlyRules(run)[0]!.filters![0] as { requestRedirect: { statusCode: number } })
          .requestRedirect.statusCode,
      ).toBe(written);
      expect(run.findings.map((f) => f.id)).toEqual(found);
    });
  }
});

describe('rewrite', () => {
  it('prefix rewrite: one rule per PathPrefix match (ReplacePrefixMatch), exact → ReplaceFullPath', () => {
    const run = mapYaml(
      GATEWAY +
        vsYaml(`  - match:
    - uri: {prefix: /api/v1}
    - uri: {prefix: /legacy}
    - uri: {exact: /ping}
    rewrite:
      uri: /v2
${ROUTE}
`),
    );
    const be = [{ name: 'web', port: 8080 }];
    expect(onlyRules(run)).toEqual([
      {
        matches: [{ path: { type: 'Exact', value: '/ping' } }],
        filters: [
          {
            type: 'URLRewrite',
            urlRewrite: { path: { type: 'ReplaceFullPath', replaceFullPath: '/v2' } },
          },
        ],
        backendRefs: be,
      },
      {
        matches: [{ path: { type: 'PathPrefix', value: '/api/v1' } }],
        filters: [
          {
            type: 'URLRewrite',
            urlRewrite: { path: { type: 'ReplacePrefixMatch', replacePrefixMatch: '/v2' } },
          },
        ],
        backendRefs: be,
      },
      {
        matches: [{ path: { type: 'PathPrefix', value: '/legacy' } }],
        filters: [
          {
            type: 'URLRewrite',
            urlRewrite: { path: { type: 'ReplacePrefixMatch', replacePrefixMatch: '/v2' } },
          },
        ],
        backendRefs: be,
      },
    ]);
    expect(ids(run)).toEqual([
      { id: 'prefix-semantics', path: 'spec.http[0].match[0].uri.prefix', line: 25 },
      { id: 'prefix-semantics', path: 'spec.http[0].match[1].uri.prefix', line: 26 },
    ]);
  });

  it('string vs segment replacement differences are named (trap 6)', () => {
    const run = mapYaml(
      GATEWAY +
        vsYaml(`  - match:
    - uri: {prefix: /}
    rewrite:
      uri: /v1
${ROUTE}
`),
    );
    expect(ids(run)).toEqual([
      { id: 'rewrite-prefix-semantics', path: 'spec.http[0].rewrite.uri', line: 27 },
    ]);
    expect(run.findings[0]!.message).toContain('/x → /v1x');
    expect(run.findings[0]!.message).toContain('/x → /v1/x');
  });

  it('authority alone rewrites the host and leaves the path alone', () => {
    const run = mapYaml(
      GATEWAY +
        vsYaml(`  - match:
    - uri: {prefix: /}
    rewrite:
      authority: internal.example.com
${ROUTE}
`),
    );
    expect(onlyRules(run)[0]!.filters).toEqual([
      { type: 'URLRewrite', urlRewrite: { hostname: 'internal.example.com' } },
    ]);
  });

  it('uriRegexRewrite: a plain prefix swap is converted, anything else is an error', () => {
    const ok = mapYaml(
      GATEWAY +
        vsYaml(`  - match:
    - uri: {prefix: /svc/}
    rewrite:
      uriRegexRewrite: {match: "^/svc/(.*)", rewrite: "/\\\\1"}
${ROUTE}
`),
    );
    expect(onlyRules(ok)[0]!.filters).toEqual([
      {
        type: 'URLRewrite',
        urlRewrite: { path: { type: 'ReplacePrefixMatch', replacePrefixMatch: '/' } },
      },
    ]);
    const bad = mapYaml(
      GATEWAY +
        vsYaml(`  - match:
    - uri: {prefix: /svc/}
    rewrite:
      uriRegexRewrite: {match: "^/svc/([a-z]+)/(.*)", rewrite: "/\\\\2/\\\\1"}
${ROUTE}
`),
    );
    expect(bad.routes).toEqual([]);
    // Nothing is written, so no PathPrefix can change a request: only the rewrite is reported.
    expect(ids(bad).map((f) => f.id)).toEqual(['rewrite-not-converted']);
  });
});

describe('mirror, timeout, retries, CORS by target', () => {
  const MIRROR = `  - mirror: {host: shadow, port: {number: 8080}}
    mirrorPercentage: {value: 12.5}
${ROUTE}
`;
  const cases: { target: ConvertOptions; filters?: unknown[]; found: string[] }[] = [
    { target: { gatewayApi: 'v1.2' }, filters: undefined, found: ['mirror-not-converted'] },
    {
      target: { gatewayApi: 'v1.2', channel: 'experimental' },
      filters: [
        {
          type: 'RequestMirror',
          requestMirror: {
            backendRef: { name: 'shadow', port: 8080 },
            fraction: { numerator: 125, denominator: 1000 },
          },
        },
      ],
      found: [],
    },
    {
      target: { gatewayApi: 'v1.4' },
      filters: [
        {
          type: 'RequestMirror',
          requestMirror: {
            backendRef: { name: 'shadow', port: 8080 },
            fraction: { numerator: 125, denominator: 1000 },
          },
        },
      ],
      found: [],
    },
  ];
  for (const c of cases) {
    it(`mirror 12.5% on ${JSON.stringify(c.target)}`, () => {
      const run = mapYaml(GATEWAY + vsYaml(MIRROR), c.target);
      expect(onlyRules(run)[0]!.filters).toEqual(c.filters);
      expect(run.findings.map((f) => f.id)).toEqual(c.found);
    });
  }

  it('integer mirror percentage → percent; mirrors[] each with its own', () => {
    const run = mapYaml(
      GATEWAY +
        vsYaml(`  - mirrors:
    - destination: {host: a, port: {number: 80}}
      percentage: {value: 5}
    - destination: {host: b, port: {number: 80}}
${ROUTE}
`),
    );
    expect(onlyRules(run)[0]!.filters).toEqual([
      { type: 'RequestMirror', requestMirror: { backendRef: { name: 'a', port: 80 }, percent: 5 } },
      { type: 'RequestMirror', requestMirror: { backendRef: { name: 'b', port: 80 } } },
    ]);
  });

  const RETRY = `  - timeout: 1.5s
    retries:
      attempts: 3
      perTryTimeout: 2s
      retryOn: gateway-error,connect-failure
${ROUTE}
`;
  it('standard channel: timeout only, retry-not-converted, no backendRequest (trap 7)', () => {
    const run = mapYaml(GATEWAY + vsYaml(RETRY));
    expect(onlyRules(run)[0]).toEqual({
      timeouts: { request: '1s500ms' },
      backendRefs: [{ name: 'web', port: 8080 }],
    });
    expect(ids(run)).toEqual([
      { id: 'retry-not-converted', path: 'spec.http[0].retries', line: 25 },
    ]);
  });

  for (const api of ['v1.2', 'v1.4', 'v1.6'] as const) {
    it(`experimental ${api}: retry + per-try timeout capped by the request timeout`, () => {
      const run = mapYaml(GATEWAY + vsYaml(RETRY), { gatewayApi: api, channel: 'experimental' });
      expect(onlyRules(run)[0]).toEqual({
        timeouts: { request: '1s500ms', backendRequest: '1s500ms' },
        retry: { attempts: 3, codes: [502, 503, 504] },
        backendRefs: [{ name: 'web', port: 8080 }],
      });
      expect(run.findings.map((f) => [f.id, f.path])).toEqual([
        ['retry-partial', 'spec.http[0].retries.retryOn'],
      ]);
    });
  }

  it("retries without retryOn keep Istio's default policy exactly (503 only)", () => {
    const run = mapYaml(
      GATEWAY +
        vsYaml(`  - retries: {attempts: 2}
${ROUTE}
`),
      { channel: 'experimental' },
    );
    expect(onlyRules(run)[0]!.retry).toEqual({ attempts: 2, codes: [503] });
    expect(ids(run)).toEqual([]);
  });

  it('sub-millisecond timeout → timeout-not-converted', () => {
    const run = mapYaml(
      GATEWAY +
        vsYaml(`  - timeout: 0.0005s
${ROUTE}
`),
    );
    expect(onlyRules(run)[0]!.timeouts).toBeUndefined();
    expect(ids(run)).toEqual([
      { id: 'timeout-not-converted', path: 'spec.http[0].timeout', line: 24 },
    ]);
  });

  const CORS = `  - corsPolicy:
      allowOrigins:
      - exact: https://app.example.com
      - regex: "https://.*\\\\.example\\\\.com"
      allowMethods: [GET, POST]
      allowCredentials: true
      maxAge: 1h
${ROUTE}
`;
  // Istio reads '*' in an origin as a wildcard from 1.30 (conversion.go createCorsFilter).
  const corsCases: [ConvertOptions, 'none' | 'exact' | 'wildcard'][] = [
    [{ gatewayApi: 'v1.2', channel: 'experimental' }, 'none'],
    [{ gatewayApi: 'v1.4' }, 'none'],
    [{ gatewayApi: 'v1.4', channel: 'experimental', istio: '1.29' }, 'exact'],
    [{ gatewayApi: 'v1.6', istio: '1.29' }, 'exact'],
    [{ gatewayApi: 'v1.6' }, 'wildcard'],
  ];
  for (const [target, has] of corsCases) {
    it(`CORS on ${JSON.stringify(target)}: ${has}`, () => {
      const run = mapYaml(GATEWAY + vsYaml(CORS), target);
      const cors = { allowCredentials: true, allowMethods: ['GET', 'POST'], maxAge: 3600 };
      if (has === 'exact') {
        expect(onlyRules(run)[0]!.filters).toEqual([
          { type: 'CORS', cors: { allowOrigins: ['https://app.example.com'], ...cors } },
        ]);
        // Before 1.30 unmatched preflights still reach the backend, as in classic Istio.
        expect(ids(run)).toEqual([
          {
            id: 'cors-not-converted',
            path: 'spec.http[0].corsPolicy.allowOrigins[1].regex',
            line: 27,
          },
        ]);
      } else if (has === 'wildcard') {
        expect(onlyRules(run)[0]!.filters).toEqual([
          {
            type: 'CORS',
            cors: { allowOrigins: ['https://app.example.com', 'https://*.example.com'], ...cors },
          },
        ]);
        expect(ids(run)).toEqual([
          { id: 'cors-defaults', path: 'spec.http[0].corsPolicy', line: 24 },
        ]);
      } else {
        expect(onlyRules(run)[0]!.filters).toBeUndefined();
        expect(ids(run)).toEqual([
          { id: 'cors-not-converted', path: 'spec.http[0].corsPolicy', line: 24 },
        ]);
      }
    });
  }

  // Envoy allows every origin when a matcher matches the literal '*' (cors_filter.cc isOriginAllowed).
  const star: [string, string][] = [
    ['prefix', '"*"'],
    ['exact', '"*"'],
    ['regex', '".*"'],
    ['regex', '"\\\\*"'],
  ];
  for (const [kind, value] of star) {
    for (const istio of ['1.29', '1.31'] as const) {
      it(`origin ${kind}: ${value} allows every origin → ["*"] on Istio ${istio}`, () => {
        const run = mapYaml(
          GATEWAY +
            vsYaml(`  - corsPolicy:
      allowOrigins:
      - exact: https://app.example.com
      - ${kind}: ${value}
      maxAge: 1h
      unmatchedPreflights: IGNORE
${ROUTE}
`),
          { istio },
        );
        expect(onlyRules(run)[0]!.filters).toEqual([
          { type: 'CORS', cors: { allowOrigins: ['*'], maxAge: 3600 } },
        ]);
        // 1.30+ writes '*' as a regex for scheme://host origins ('Origin: null' loses); before,
        // unmatched preflights are forwarded although the policy said IGNORE.
        expect(ids(run)).toEqual([
          { id: 'cors-defaults', path: 'spec.http[0].corsPolicy', line: 24 },
        ]);
      });
    }
  }

  it("Gateway API v1.3 has no '*' origin: http://* and https://* on Istio 1.30+, else no filter", () => {
    const yaml =
      GATEWAY +
      vsYaml(`  - corsPolicy:
      allowOrigins:
      - prefix: "*"
      maxAge: 1h
${ROUTE}
`);
    const wild = mapYaml(yaml, { gatewayApi: 'v1.3', channel: 'experimental' });
    expect(onlyRules(wild)[0]!.filters).toEqual([
      { type: 'CORS', cors: { allowOrigins: ['http://*', 'https://*'], maxAge: 3600 } },
    ]);
    const exact = mapYaml(yaml, { gatewayApi: 'v1.3', channel: 'experimental', istio: '1.29' });
    expect(onlyRules(exact)[0]!.filters).toBeUndefined();
    expect(ids(exact).map((f) => f.path)).toEqual([
      'spec.http[0].corsPolicy.allowOrigins[0].prefix',
      'spec.http[0].corsPolicy',
    ]);
  });

  it('deprecated allowOrigin counts only when allowOrigins is empty, as in route.go', () => {
    const run = mapYaml(
      GATEWAY +
        vsYaml(`  - corsPolicy:
      allowOrigins:
      - exact: https://app.example.com
      allowOrigin: ["*"]
      maxAge: 1h
      unmatchedPreflights: IGNORE
${ROUTE}
`),
    );
    expect(onlyRules(run)[0]!.filters).toEqual([
      { type: 'CORS', cors: { allowOrigins: ['https://app.example.com'], maxAge: 3600 } },
    ]);
  });

  it('no origin carried: no CORS filter at all, never one that allows no origin', () => {
    const run = mapYaml(
      GATEWAY +
        vsYaml(`  - corsPolicy:
      allowOrigins:
      - prefix: https://app.
      - regex: "https://app[0-9]\\\\.example\\\\.com"
      maxAge: 1h
      unmatchedPreflights: IGNORE
${ROUTE}
`),
    );
    expect(onlyRules(run)[0]!.filters).toBeUndefined();
    expect(ids(run)).toEqual([
      {
        id: 'cors-not-converted',
        path: 'spec.http[0].corsPolicy.allowOrigins[0].prefix',
        line: 26,
      },
      { id: 'cors-not-converted', path: 'spec.http[0].corsPolicy.allowOrigins[1].regex', line: 27 },
      { id: 'cors-not-converted', path: 'spec.http[0].corsPolicy', line: 24 },
    ]);
  });

  it('scheme prefixes and https?://(.*\\.)? regexes become the same wildcard origins', () => {
    const run = mapYaml(
      GATEWAY +
        vsYaml(`  - corsPolicy:
      allowOrigins:
      - prefix: "https://"
      - regex: "^https?://(.*\\\\.)?example\\\\.com$"
      - regex: ".*\\\\.example\\\\.org"
      maxAge: 1h
      unmatchedPreflights: IGNORE
${ROUTE}
`),
    );
    expect(onlyRules(run)[0]!.filters).toEqual([
      {
        type: 'CORS',
        cors: {
          allowOrigins: [
            'https://*',
            'http://example.com',
            'http://*.example.com',
            'https://example.com',
            'https://*.example.com',
            'http://*.example.org',
            'https://*.example.org',
          ],
          maxAge: 3600,
        },
      },
    ]);
    expect(ids(run)).toEqual([]);
  });
});
