// pilot's delegate merge, case by case: the cases of pilot/pkg/model/virtualservice_test.go
// (TestMergeHTTPMatchRequests, TestHasConflict, TestMergeHttpRoutes) as tables, then the lookup
// of mergeVirtualServices (pilot/pkg/model/virtualservice_controller.go) and the classic router
// routing through a root with its delegate merged in.
import { describe, expect, it } from 'vitest';
import type { HTTPMatchRequest, HTTPRouteSpecIstio } from '../../src/model/resources.js';
import {
  flattenDelegates,
  hasConflict,
  mergeHTTPMatchRequests,
  mergeHTTPRoute,
} from '../../src/routing/delegation.js';
import { loadIstio } from '../../src/verify/load.js';
import { classic, get, short } from '../verify/helpers.js';

const prefix = (p: string) => ({ prefix: p });
const exact = (p: string) => ({ exact: p });
const regex = (p: string) => ({ regex: p });

describe('mergeHTTPMatchRequests (TestMergeHTTPMatchRequests)', () => {
  const cases: [string, HTTPMatchRequest[], HTTPMatchRequest[], HTTPMatchRequest[] | null][] = [
    [
      'url match',
      [{ uri: prefix('/productpage') }],
      [{ uri: exact('/productpage/v1') }],
      [{ uri: exact('/productpage/v1') }],
    ],
    [
      'url regex noconflict',
      [{ uri: regex('^/productpage') }],
      [{}],
      [{ uri: regex('^/productpage') }],
    ],
    [
      'url regex conflict',
      [{ uri: regex('^/productpage') }],
      [{ uri: prefix('/productpage') }],
      null,
    ],
    [
      'multi url match',
      [{ uri: prefix('/productpage') }, { uri: prefix('/reviews') }],
      [{ uri: exact('/productpage/v1') }, { uri: exact('/reviews/v1') }],
      [{ uri: exact('/productpage/v1') }, { uri: exact('/reviews/v1') }],
    ],
    ['url mismatch', [{ uri: prefix('/productpage') }], [{ uri: exact('/reviews') }], null],
    [
      'one delegate match conflicts',
      [{ uri: prefix('/productpage') }],
      [{ uri: exact('/productpage/v1') }, { uri: exact('/reviews') }],
      null,
    ],
    [
      'headers, no delegate match',
      [{ headers: { header: exact('h1') } }],
      [],
      [{ headers: { header: exact('h1') } }],
    ],
    [
      'headers conflict',
      [{ headers: { header: exact('h1') } }],
      [{ headers: { header: exact('h2') } }],
      null,
    ],
    [
      'headers merge',
      [{ headers: { header: exact('h1') } }],
      [{ headers: { 'header-2': exact('h2') } }],
      [{ headers: { header: exact('h1'), 'header-2': exact('h2') } }],
    ],
    [
      'complicated merge',
      [
        {
          uri: prefix('/productpage'),
          headers: { header: exact('h1') },
          port: 8080,
          authority: exact('productpage.com'),
        },
      ],
      [{ uri: exact('/productpage/v1') }, { uri: exact('/productpage/v2') }],
      [
        {
          uri: exact('/productpage/v1'),
          headers: { header: exact('h1') },
          port: 8080,
          authority: exact('productpage.com'),
        },
        {
          uri: exact('/productpage/v2'),
          headers: { header: exact('h1') },
          port: 8080,
          authority: exact('productpage.com'),
        },
      ],
    ],
    [
      'conflicted merge (port)',
      [{ uri: prefix('/productpage'), port: 8080 }],
      [{ uri: exact('/productpage/v1') }, { uri: exact('/productpage/v2'), port: 9090 }],
      null,
    ],
    [
      'gateway merge',
      [{ uri: prefix('/productpage'), gateways: ['ingress-gateway', 'mesh'] }],
      [
        { uri: exact('/productpage/v1'), gateways: ['ingress-gateway'] },
        { uri: exact('/productpage/v2'), gateways: ['mesh'] },
      ],
      [
        { uri: exact('/productpage/v1'), gateways: ['ingress-gateway'] },
        { uri: exact('/productpage/v2'), gateways: ['mesh'] },
      ],
    ],
    [
      'gateway conflicted merge',
      [{ uri: prefix('/productpage'), gateways: ['ingress-gateway'] }],
      [
        { uri: exact('/productpage/v1'), gateways: ['ingress-gateway'] },
        { uri: exact('/productpage/v2'), gateways: ['mesh'] },
      ],
      null,
    ],
    [
      'source labels merge',
      [{ sourceLabels: { app: 'test' } }],
      [{ sourceLabels: { version: 'v1' } }],
      [{ sourceLabels: { app: 'test', version: 'v1' } }],
    ],
  ];
  for (const [name, root, delegate, want] of cases) {
    it(name, () => {
      const got = mergeHTTPMatchRequests(root, delegate);
      if (want === null) expect(got.conflict).toBe(true);
      else expect(got.matches.map((m) => m.match)).toEqual(want);
    });
  }

  it('merges each delegate match with every root match it fits, delegate-major', () => {
    const got = mergeHTTPMatchRequests(
      [{ headers: { header1: regex('regex') } }, { headers: { header2: exact('exact') } }],
      [{ uri: prefix('/') }],
    );
    expect(got.matches).toEqual([
      { match: { uri: prefix('/'), headers: { header1: regex('regex') } }, delegate: 0, root: 0 },
      { match: { uri: prefix('/'), headers: { header2: exact('exact') } }, delegate: 0, root: 1 },
    ]);
  });
});

describe('hasConflict (TestHasConflict)', () => {
  const cases: [string, HTTPMatchRequest, HTTPMatchRequest, boolean][] = [
    ['regex uri', { uri: regex('^/productpage') }, { uri: prefix('/productpage/v2') }, true],
    ['regex root, delegate without uri', { uri: regex('^/productpage') }, {}, false],
    ['regex delegate, root without uri', {}, { uri: regex('^/productpage') }, false],
    [
      'regex root, prefix delegate',
      { uri: regex('^/productpage') },
      { uri: prefix('/productpage') },
      true,
    ],
    [
      'prefix root, regex delegate',
      { uri: prefix('/productpage') },
      { uri: regex('^/productpage') },
      true,
    ],
    ['match uri', { uri: prefix('/productpage') }, { uri: prefix('/productpage/v2') }, false],
    ['mismatch uri', { uri: prefix('/productpage/v2') }, { uri: prefix('/productpage') }, true],
    [
      'prefix root, exact delegate',
      { uri: prefix('/productpage/v2') },
      { uri: exact('/productpage/v2') },
      false,
    ],
    ['exact root, prefix delegate', { uri: exact('/a') }, { uri: prefix('/a') }, true],
    [
      'headers not equal',
      { headers: { header: exact('h1') } },
      { headers: { header: exact('h2') } },
      true,
    ],
    [
      'headers equal',
      { headers: { header: exact('h1') } },
      { headers: { header: exact('h1') } },
      false,
    ],
    [
      'headers match',
      { headers: { header: prefix('h1') } },
      { headers: { header: exact('h1-v1') } },
      false,
    ],
    [
      'headers mismatch',
      { headers: { header: prefix('h1') } },
      { headers: { header: exact('h2') } },
      true,
    ],
    [
      'headers prefix mismatch',
      { headers: { header: prefix('h1') } },
      { headers: { header: prefix('h2') } },
      true,
    ],
    [
      'diff headers',
      { headers: { header: exact('h1') } },
      { headers: { 'header-2': exact('h2') } },
      false,
    ],
    [
      'withoutHeaders mismatch',
      { withoutHeaders: { header: prefix('h1') } },
      { withoutHeaders: { header: exact('h2') } },
      true,
    ],
    ['port 0 / 8080', {}, { port: 8080 }, false],
    ['port 8080 / 0', { port: 8080 }, {}, false],
    ['port 8080 / 8090', { port: 8080 }, { port: 8090 }, true],
    ['sourceLabels mismatch', { sourceLabels: { a: 'b' } }, { sourceLabels: { a: 'c' } }, true],
    ['sourceNamespace mismatch', { sourceNamespace: 'test1' }, { sourceNamespace: 'test2' }, true],
    [
      'root has less gateways',
      { gateways: ['ingress-gateway'] },
      { gateways: ['ingress-gateway', 'mesh'] },
      true,
    ],
    ['ignoreUriCase on one side only', { ignoreUriCase: true }, {}, true],
  ];
  for (const [name, root, leaf, want] of cases)
    it(`${name} → ${want}`, () => expect(hasConflict(root, leaf)).toBe(want));
});

describe('mergeHTTPRoute (TestMergeHttpRoutes)', () => {
  const dst = (subset: string) => ({
    destination: { host: 'productpage.org', port: { number: 80 }, subset },
  });
  it('root catch all: the delegate keeps its matches and takes timeout and headers', () => {
    const root: HTTPRouteSpecIstio = {
      timeout: '10s',
      headers: { request: { add: { istio: 'test' }, remove: ['trace-id'] } },
      delegate: { name: 'delegate', namespace: 'default' },
    };
    const got = mergeHTTPRoute(root, {
      match: [{ uri: prefix('/productpage/v1') }],
      route: [dst('v1')],
    });
    expect(got).toEqual({
      rule: {
        match: [{ uri: prefix('/productpage/v1') }],
        route: [dst('v1')],
        timeout: '10s',
        headers: { request: { add: { istio: 'test' }, remove: ['trace-id'] } },
      },
      matches: [{ delegate: 0 }],
      inherited: ['timeout', 'headers'],
    });
  });
  it('delegate with empty match: the root match, with the root port merged in', () => {
    const root: HTTPRouteSpecIstio = { match: [{ uri: prefix('/productpage'), port: 8080 }] };
    const got = mergeHTTPRoute(root, { route: [dst('v3')] });
    expect('rule' in got && got.rule.match).toEqual([{ uri: prefix('/productpage'), port: 8080 }]);
    const v2 = mergeHTTPRoute(root, {
      match: [{ headers: { version: exact('v2') }, queryParams: { version: exact('v2') } }],
      route: [dst('v2')],
    });
    expect('rule' in v2 && v2.rule.match).toEqual([
      {
        uri: prefix('/productpage'),
        headers: { version: exact('v2') },
        queryParams: { version: exact('v2') },
        port: 8080,
      },
    ]);
  });
  it("delegate's own mirrors win; the root's are taken only when it has none", () => {
    const root: HTTPRouteSpecIstio = { mirrors: [{ destination: { host: 'm3' } }] };
    const own = mergeHTTPRoute(root, {
      mirrors: [{ destination: { host: 'm1' } }],
      route: [dst('v1')],
    });
    expect('rule' in own && own.rule.mirrors).toEqual([{ destination: { host: 'm1' } }]);
    const none = mergeHTTPRoute(root, { route: [dst('v3')] });
    expect('rule' in none && none.rule.mirrors).toEqual([{ destination: { host: 'm3' } }]);
  });
  it('names join as root-delegate; a conflict names the delegate match', () => {
    const got = mergeHTTPRoute(
      { name: 'r', match: [{ uri: prefix('/a') }] },
      { name: 'd', route: [dst('v1')] },
    );
    expect('rule' in got && got.rule.name).toBe('r-d');
    const bad = mergeHTTPRoute(
      { match: [{ uri: prefix('/a') }] },
      { match: [{ uri: prefix('/a/x') }, { uri: prefix('/b') }], route: [dst('v1')] },
    );
    expect(bad).toEqual({ conflict: 1 });
  });
});

const ROOT = `
apiVersion: networking.istio.io/v1
kind: Gateway
metadata: { name: gw, namespace: default }
spec:
  selector: { istio: ingressgateway }
  servers:
  - port: { number: 80, name: http, protocol: HTTP }
    hosts: ["*/a.example.com"]
---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: { name: root, namespace: default }
spec:
  hosts: [a.example.com]
  gateways: [gw]
  http:
  - match: [{ uri: { prefix: /team } }]
    delegate: { name: team }
  - match: [{ uri: { prefix: /other } }]
    delegate: { name: other, namespace: elsewhere }
  - route: [{ destination: { host: fallback, port: { number: 80 } } }]
`;
const TEAM = (extra = '') => `---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: { name: team, namespace: default }
spec:
${extra}  http:
  - match: [{ uri: { prefix: /team/v2 } }]
    route: [{ destination: { host: team-v2, port: { number: 80 } } }]
  - route: [{ destination: { host: team, port: { number: 80 } } }]
`;

describe('flattenDelegates (mergeVirtualServices)', () => {
  const flat = (yaml: string) => {
    const { index } = loadIstio([{ file: 'in.yaml', text: yaml }]);
    const root = index.virtualServices.find((v) => v.name === 'root')!;
    return flattenDelegates(index, root);
  };
  it("defaults the delegate's namespace to the root's, resolves its hosts there, drops missing", () => {
    const f = flat(ROOT + TEAM());
    expect(f.vs.spec.http?.map((r) => [r.match?.[0]?.uri, r.route?.[0]?.destination.host])).toEqual(
      [
        [prefix('/team/v2'), 'team-v2.default.svc.cluster.local'],
        [prefix('/team'), 'team.default.svc.cluster.local'],
        [undefined, 'fallback'],
      ],
    );
    expect(f.problems).toEqual([{ kind: 'not-found', rule: 1, key: 'elsewhere/other' }]);
    expect(f.origins.map((o) => [o.root, o.delegate?.rule])).toEqual([
      [0, 0],
      [0, 1],
      [2, undefined],
    ]);
  });
  it('a delegate with hosts is no delegate; one not exported to the root is not visible', () => {
    expect(flat(ROOT + TEAM('  hosts: [team.example.com]\n')).problems[0]).toMatchObject({
      kind: 'has-hosts',
      rule: 0,
    });
    expect(flat(ROOT + TEAM('  exportTo: [other]\n')).problems[0]).toMatchObject({
      kind: 'not-exported',
      rule: 0,
    });
    expect(flat(ROOT + TEAM('  exportTo: ["*"]\n')).problems.map((p) => p.kind)).toEqual([
      'not-found',
    ]);
  });
  it('the classic router routes through the merged rules in order', () => {
    const router = classic(ROOT + TEAM());
    const at = (path: string) => short(router.route(get('a.example.com', path)));
    expect(at('/team/v2/x')).toBe('team-v2:80');
    expect(at('/teamx')).toBe('team:80');
    expect(at('/other')).toBe('fallback:80');
  });
});
