import { describe, expect, it } from 'vitest';
import { GATEWAY, mapYaml, vsYaml } from './harness.js';
import { changedRequests } from '../../../src/verify/rule-changes.js';
import { ConfigIndex } from '../../../src/model/index.js';
import { parseFile } from '../../../src/parse/documents.js';
import { readResource } from '../../../src/parse/resources.js';
import type { Resource, VirtualService } from '../../../src/model/resources.js';

const to = (host: string): string =>
  `    route:\n    - destination: {host: ${host}, port: {number: 80}}`;

/** The VirtualService of a manifest, as verify's changedRequests takes it. */
function vsOf(yaml: string): VirtualService {
  const rs: Resource[] = [];
  for (const o of parseFile({ file: 'input.yaml', text: yaml }).objects) {
    const r = readResource(o, 'default').resource;
    if (r) rs.push(r);
  }
  return new ConfigIndex(rs, 'default').virtualServices[0]!;
}

interface Row {
  name: string;
  http: string;
  /** Findings of the order analysis and the rewrite: id, path, line, exact message. */
  findings: { id: string; path: string; line: number; message: string }[];
  /** Path values of the emitted matches, in order. */
  paths?: string[];
}

// GATEWAY is 12 lines and the VirtualService header 11: `http[0]` starts at line 24.
const rows: Row[] = [
  {
    name: 'a header-gated catch-all before /api: /api wins under Gateway API',
    http: `  - match:\n    - headers: {x-canary: {exact: "1"}}\n${to('canary')}\n  - match:\n    - uri: {prefix: /api}\n${to('api')}`,
    findings: [
      {
        id: 'order-changed',
        path: 'spec.http[1]',
        line: 28,
        message:
          "spec.http[1] now takes precedence over the earlier spec.http[0] (the longer PathPrefix '/api' ranks above '/'): GET /api (Host: web.example.com) with 'x-canary: 1' went to spec.http[0] under the VirtualService and now goes to spec.http[1]",
      },
      {
        id: 'prefix-semantics',
        path: 'spec.http[1].match[0].uri.prefix',
        line: 29,
        message:
          "Istio prefix '/api' is a string prefix; PathPrefix '/api' matches whole path segments only ('/api', '/api/...'), so '/apix' no longer matches this rule: GET /apix (Host: web.example.com) went to spec.http[1] and now gets no route (404)",
      },
    ],
  },
  {
    name: '/api before /api/v2: the later prefix never applied, so it is left out (order kept)',
    http: `  - match:\n    - uri: {prefix: /api}\n${to('api')}\n  - match:\n    - uri: {prefix: /api/v2}\n${to('v2')}`,
    findings: [
      {
        id: 'order-kept',
        path: 'spec.http[1].match[0]',
        line: 29,
        message:
          "spec.http[1].match[0] (prefix '/api/v2') never applied under the VirtualService: the earlier spec.http[0].match[0] (prefix '/api') takes every request it matches first. Under Gateway API precedence it could win, so this rule has no match left and is left out of the HTTPRoute: routing stays exactly as it was",
      },
      {
        id: 'prefix-semantics',
        path: 'spec.http[0].match[0].uri.prefix',
        line: 25,
        message:
          "Istio prefix '/api' is a string prefix; PathPrefix '/api' matches whole path segments only ('/api', '/api/...'), so '/apix' no longer matches this rule: GET /apix (Host: web.example.com) went to spec.http[0] and now gets no route (404)",
      },
    ],
    paths: ['/api'],
  },
  {
    name: 'a catch-all before an exact match: the exact match is unreachable and left out',
    http: `  - match:\n    - uri: {prefix: /}\n${to('all')}\n  - match:\n    - uri: {exact: /health}\n${to('health')}`,
    findings: [
      {
        id: 'order-kept',
        path: 'spec.http[1].match[0]',
        line: 29,
        message:
          "spec.http[1].match[0] (exact '/health') never applied under the VirtualService: the earlier spec.http[0].match[0] (prefix '/') takes every request it matches first. Under Gateway API precedence it could win, so this rule has no match left and is left out of the HTTPRoute: routing stays exactly as it was",
      },
    ],
    paths: ['/'],
  },
  {
    name: 'a duplicate match in a later rule is left out; the rule keeps its other match',
    http: `  - match:\n    - uri: {exact: /a}\n${to('a')}\n  - match:\n    - uri: {exact: /a}\n    - uri: {exact: /b}\n${to('b')}`,
    findings: [
      {
        id: 'order-kept',
        path: 'spec.http[1].match[0]',
        line: 29,
        message:
          "spec.http[1].match[0] (exact '/a') never applied under the VirtualService: the earlier spec.http[0].match[0] (exact '/a') takes every request it matches first. Under Gateway API precedence it could win, so it is left out of the HTTPRoute: routing stays exactly as it was",
      },
    ],
    paths: ['/a', '/b'],
  },
  {
    name: 'a header-gated exact match after a plain prefix is covered too (the prefix takes it whatever the header)',
    http: `  - match:\n    - uri: {prefix: /api}\n${to('api')}\n  - match:\n    - uri: {exact: /api/v2}\n      headers: {x-v: {exact: "2"}}\n${to('v2')}`,
    findings: [
      {
        id: 'order-kept',
        path: 'spec.http[1].match[0]',
        line: 29,
        message:
          "spec.http[1].match[0] (exact '/api/v2' + 1 more condition) never applied under the VirtualService: the earlier spec.http[0].match[0] (prefix '/api') takes every request it matches first. Under Gateway API precedence it could win, so this rule has no match left and is left out of the HTTPRoute: routing stays exactly as it was",
      },
      {
        id: 'prefix-semantics',
        path: 'spec.http[0].match[0].uri.prefix',
        line: 25,
        message:
          "Istio prefix '/api' is a string prefix; PathPrefix '/api' matches whole path segments only ('/api', '/api/...'), so '/apix' no longer matches this rule: GET /apix (Host: web.example.com) went to spec.http[0] and now gets no route (404)",
      },
    ],
    paths: ['/api'],
  },
  {
    name: 'not covered when the earlier match has a condition the later one lacks: order-changed stays',
    http: `  - match:\n    - uri: {prefix: /api}\n      headers: {x-v: {exact: "2"}}\n${to('api')}\n  - match:\n    - uri: {exact: /api/v2}\n${to('v2')}`,
    findings: [
      {
        id: 'order-changed',
        path: 'spec.http[1]',
        line: 29,
        message:
          "spec.http[1] now takes precedence over the earlier spec.http[0] (Exact ranks above PathPrefix): GET /api/v2 (Host: web.example.com) with 'x-v: 2' went to spec.http[0] under the VirtualService and now goes to spec.http[1]",
      },
      {
        id: 'prefix-semantics',
        path: 'spec.http[0].match[0].uri.prefix',
        line: 25,
        message:
          "Istio prefix '/api' is a string prefix; PathPrefix '/api' matches whole path segments only ('/api', '/api/...'), so '/apix' no longer matches this rule: GET /apix (Host: web.example.com) with 'x-v: 2' went to spec.http[0] and now gets no route (404)",
      },
    ],
    paths: ['/api', '/api/v2'],
  },
  {
    name: 'precedence-consistent order raises nothing',
    http: `  - match:\n    - uri: {exact: /health}\n${to('health')}\n  - match:\n    - uri: {prefix: /api}\n${to('api')}\n  - route:\n    - destination: {host: all, port: {number: 80}}`,
    findings: [
      {
        id: 'prefix-semantics',
        path: 'spec.http[1].match[0].uri.prefix',
        line: 29,
        message:
          "Istio prefix '/api' is a string prefix; PathPrefix '/api' matches whole path segments only ('/api', '/api/...'), so '/apix' no longer matches this rule: GET /apix (Host: web.example.com) went to spec.http[1] and now goes to spec.http[2]",
      },
    ],
  },
  {
    name: 'disjoint header values do not overlap',
    http: `  - match:\n    - headers: {x-v: {exact: a}}\n${to('a')}\n  - match:\n    - headers: {x-v: {exact: b}}\n      method: {exact: GET}\n${to('b')}`,
    findings: [],
  },
  {
    name: 'rules after a catch-all rule without matches are unreachable and left out',
    http: `  - route:\n    - destination: {host: all, port: {number: 80}}\n  - match:\n    - uri: {exact: /x}\n${to('x')}`,
    findings: [
      {
        id: 'order-kept',
        path: 'spec.http[1].match[0]',
        line: 27,
        message:
          "spec.http[1].match[0] (exact '/x') never applied under the VirtualService: the earlier spec.http[0] (every request) takes every request it matches first. Under Gateway API precedence it could win, so this rule has no match left and is left out of the HTTPRoute: routing stays exactly as it was",
      },
    ],
    paths: ['/'],
  },
];

const ORDER_IDS = ['order-changed', 'order-kept', 'prefix-semantics'];

describe('order-changed, prefix-semantics and order-kept come from the routing analysis (trap 1, trap 2)', () => {
  for (const row of rows) {
    it(row.name, () => {
      const yaml = GATEWAY + vsYaml(`${row.http}\n`);
      const run = mapYaml(yaml);
      const found = run.findings.filter((f) => ORDER_IDS.includes(f.id));
      expect(found).toEqual(row.findings);
      if (row.paths) {
        const paths = run.routes.flatMap((r) =>
          r.spec.rules.flatMap((rule) =>
            (rule.matches?.length ? rule.matches : [{}]).map((m) => m.path?.value ?? '/'),
          ),
        );
        expect(paths).toEqual(row.paths);
      }
      // Every request a finding names is one verify's changedRequests reports as changed.
      const changed = changedRequests(vsOf(yaml), run.routes, { limit: 100_000 }).map(
        (c) => `${c.request.method} ${c.request.path}`,
      );
      for (const f of found.filter((x) => x.id !== 'order-kept')) {
        const named = / ((?:GET|POST|PUT|DELETE|PATCH|HEAD|OPTIONS) \/\S*) /.exec(f.message)![1]!;
        expect(changed).toContain(named);
      }
    });
  }

  it('a shadowed match is kept when dropping it would send a request elsewhere that routed as before', () => {
    // exact /a/b is covered by prefix /a (s1). Istio's prefix /a/b/ never took GET /a/b, but
    // PathPrefix /a/b/ does and outranks /a: with http[2], the Exact /a/b still sends it to s1 as
    // Istio did; without it, it would go to s2. So http[2] stays.
    const run = mapYaml(
      GATEWAY +
        vsYaml(
          `  - match:\n    - uri: {prefix: /a/b/}\n${to('s2')}\n  - match:\n    - uri: {prefix: /a}\n${to('s1')}\n  - match:\n    - uri: {exact: /a/b}\n${to('s1')}\n`,
        ),
    );
    expect(run.findings.filter((f) => f.id === 'order-kept')).toEqual([]);
    const paths = run.routes.flatMap((r) =>
      r.spec.rules.flatMap((rule) => (rule.matches ?? []).map((m) => m.path?.value)),
    );
    expect(paths).toEqual(['/a/b/', '/a', '/a/b']);
  });

  it('a catch-all does not cover later rules when another VirtualService shares the host (Istio moves catch-alls last)', () => {
    const other = `---\napiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata: {name: other, namespace: shop}\nspec:\n  hosts: [web.example.com]\n  gateways: [istio-system/public]\n  http:\n  - match:\n    - uri: {prefix: /other}\n${to('other')}\n`;
    const run = mapYaml(
      GATEWAY +
        vsYaml(
          `  - match:\n    - uri: {prefix: /}\n${to('all')}\n  - match:\n    - uri: {exact: /health}\n${to('health')}\n`,
        ) +
        other,
    );
    expect(run.findings.filter((f) => f.id === 'order-kept')).toEqual([]);
  });

  it('matches with per-match gateways, port, scheme or authority keep the pairwise check', () => {
    const run = mapYaml(
      GATEWAY +
        vsYaml(
          `  - match:\n    - uri: {prefix: /}\n      port: 80\n${to('all')}\n  - match:\n    - uri: {exact: /health}\n${to('health')}\n`,
        ),
    );
    expect(run.findings.filter((f) => f.id === 'order-kept')).toEqual([]);
  });
});
