import { describe, expect, it } from 'vitest';
import type { HTTPRouteMatch } from '../../../src/gateway-api/types.js';
import type { ConvertOptions } from '../../../src/options.js';
import { GATEWAY, ids, mapYaml, onlyRules, vsYaml } from './harness.js';

// Line 24 is the first line under `http:` (GATEWAY is 12 lines, the VirtualService header 11).
const ROUTE = `    route:
    - destination: {host: web, port: {number: 8080}}`;

interface Row {
  name: string;
  match: string;
  options?: ConvertOptions;
  matches?: HTTPRouteMatch[];
  findings?: { id: string; path?: string; line?: number }[];
  /** The rule is not emitted at all. */
  dropped?: boolean;
}

const rows: Row[] = [
  {
    name: 'uri exact → Exact',
    match: `  - match:
    - uri: {exact: /login}`,
    matches: [{ path: { type: 'Exact', value: '/login' } }],
    findings: [],
  },
  {
    name: 'uri prefix / → PathPrefix / without finding',
    match: `  - match:
    - uri: {prefix: /}`,
    matches: [{ path: { type: 'PathPrefix', value: '/' } }],
    findings: [],
  },
  {
    name: 'uri prefix /foo → PathPrefix + prefix-semantics naming /foobar',
    match: `  - match:
    - uri:
        prefix: /foo`,
    matches: [{ path: { type: 'PathPrefix', value: '/foo' } }],
    findings: [{ id: 'prefix-semantics', path: 'spec.http[0].match[0].uri.prefix', line: 26 }],
  },
  {
    name: 'strictPrefix → exact RegularExpression, no prefix-semantics',
    match: `  - match:
    - uri: {prefix: /api.v1}`,
    options: { strictPrefix: true },
    matches: [{ path: { type: 'RegularExpression', value: '/api\\.v1.*' } }],
    findings: [],
  },
  {
    name: 'ignoreUriCase → (?i) regex',
    match: `  - match:
    - uri: {exact: /Login}
      ignoreUriCase: true`,
    matches: [{ path: { type: 'RegularExpression', value: '(?i)/Login' } }],
    findings: [],
  },
  {
    name: 'uri regex → RegularExpression',
    match: `  - match:
    - uri: {regex: "/u/[0-9]+"}`,
    matches: [{ path: { type: 'RegularExpression', value: '/u/[0-9]+' } }],
    findings: [],
  },
  {
    name: 'headers exact/regex/prefix/presence, sorted by name',
    match: `  - match:
    - headers:
        x-z: {}
        x-a: {exact: "1"}
        x-p: {prefix: "v1."}
        x-r: {regex: "a|b"}`,
    matches: [
      {
        path: undefined as never,
        headers: [
          { type: 'Exact', name: 'x-a', value: '1' },
          { type: 'RegularExpression', name: 'x-p', value: '^v1\\..*' },
          { type: 'RegularExpression', name: 'x-r', value: 'a|b' },
          { type: 'RegularExpression', name: 'x-z', value: '.*' },
        ],
      },
    ],
    findings: [],
  },
  {
    name: 'queryParams exact and prefix',
    match: `  - match:
    - queryParams:
        v: {exact: "2"}
        q: {prefix: "ab"}`,
    matches: [
      {
        path: undefined as never,
        queryParams: [
          { type: 'RegularExpression', name: 'q', value: '^ab.*' },
          { type: 'Exact', name: 'v', value: '2' },
        ],
      },
    ],
    findings: [],
  },
  {
    name: 'method regex of alternatives → one match per method',
    match: `  - match:
    - uri: {exact: /x}
      method: {regex: "^(GET|POST)$"}`,
    matches: [
      { path: { type: 'Exact', value: '/x' }, method: 'GET' },
      { path: { type: 'Exact', value: '/x' }, method: 'POST' },
    ],
    findings: [],
  },
  {
    name: 'method regex that is not a list → match-not-converted, rule dropped',
    match: `  - match:
    - method: {regex: "P.*"}`,
    dropped: true,
    findings: [
      { id: 'match-not-converted', path: 'spec.http[0].match[0].method.regex', line: 25 },
      { id: 'match-not-converted', path: 'spec.http[0].match', line: 24 },
    ],
  },
  {
    name: 'withoutHeaders drops only that match; the other stays',
    match: `  - match:
    - uri: {exact: /a}
      withoutHeaders:
        x-debug: {}
    - uri: {exact: /b}`,
    matches: [{ path: { type: 'Exact', value: '/b' } }],
    findings: [
      { id: 'match-not-converted', path: 'spec.http[0].match[0].withoutHeaders', line: 26 },
    ],
  },
  {
    name: 'sourceLabels and sourceNamespace are never widened',
    match: `  - match:
    - sourceLabels: {app: a}
      sourceNamespace: other`,
    dropped: true,
    findings: [
      { id: 'match-not-converted', path: 'spec.http[0].match[0].sourceLabels', line: 25 },
      { id: 'match-not-converted', path: 'spec.http[0].match[0].sourceNamespace', line: 26 },
      { id: 'match-not-converted', path: 'spec.http[0].match', line: 24 },
    ],
  },
  {
    name: 'pseudo-header match → match-not-converted',
    match: `  - match:
    - headers:
        ":authority": {exact: a.example.com}`,
    dropped: true,
    findings: [
      { id: 'match-not-converted', path: 'spec.http[0].match[0].headers.:authority', line: 26 },
      { id: 'match-not-converted', path: 'spec.http[0].match', line: 24 },
    ],
  },
  {
    name: 'match name and statPrefix are info only',
    match: `  - match:
    - name: login
      statPrefix: login
      uri: {exact: /login}`,
    matches: [{ path: { type: 'Exact', value: '/login' } }],
    findings: [
      { id: 'ignored-field', path: 'spec.http[0].match[0].name', line: 25 },
      { id: 'ignored-field', path: 'spec.http[0].match[0].statPrefix', line: 26 },
    ],
  },
];

describe('matches', () => {
  for (const row of rows) {
    it(row.name, () => {
      const run = mapYaml(GATEWAY + vsYaml(`${row.match}\n${ROUTE}\n`), row.options ?? {});
      if (row.dropped) expect(run.keptReason).toBe('no http rule could be converted');
      else {
        const expected = row.matches!.map((m) =>
          Object.fromEntries(Object.entries(m).filter(([, v]) => v !== undefined)),
        );
        expect(onlyRules(run)[0]!.matches).toEqual(expected);
      }
      expect(ids(run)).toEqual(row.findings ?? []);
    });
  }

  it('trailing-slash prefix names the path that starts matching', () => {
    const run = mapYaml(GATEWAY + vsYaml(`  - match:\n    - uri: {prefix: /foo/}\n${ROUTE}\n`));
    expect(run.findings[0]!.message).toBe(
      "Istio prefix '/foo/' matches only paths starting with '/foo/'; PathPrefix '/foo/' ignores the trailing '/', so '/foo' now matches this rule: GET /foo (Host: web.example.com) had no route and now goes to spec.http[0]",
    );
  });

  it('string prefix names the sibling path that stops matching', () => {
    const run = mapYaml(GATEWAY + vsYaml(`  - match:\n    - uri: {prefix: /foo}\n${ROUTE}\n`));
    expect(run.findings[0]!.message).toBe(
      "Istio prefix '/foo' is a string prefix; PathPrefix '/foo' matches whole path segments only ('/foo', '/foo/...'), so '/foox' no longer matches this rule: GET /foox (Host: web.example.com) went to spec.http[0] and now gets no route (404)",
    );
  });

  it('no prefix-semantics where no request changes: a later catch-all to the same backend takes the sibling paths', () => {
    const run = mapYaml(
      GATEWAY +
        vsYaml(
          `  - match:\n    - uri: {prefix: /foo}\n${ROUTE}\n  - route:\n    - destination: {host: web, port: {number: 8080}}\n`,
        ),
    );
    expect(run.findings.filter((f) => f.id === 'prefix-semantics')).toEqual([]);
  });

  it('prefix-semantics names where the sibling path goes now', () => {
    const run = mapYaml(
      GATEWAY +
        vsYaml(
          `  - match:\n    - uri: {prefix: /foo}\n${ROUTE}\n  - route:\n    - destination: {host: other, port: {number: 80}}\n`,
        ),
    );
    expect(ids(run)).toEqual([
      { id: 'prefix-semantics', path: 'spec.http[0].match[0].uri.prefix', line: 25 },
    ]);
    expect(run.findings[0]!.message).toContain(
      "so '/foox' no longer matches this rule: GET /foox (Host: web.example.com) went to spec.http[0] and now goes to spec.http[1]",
    );
  });
});
