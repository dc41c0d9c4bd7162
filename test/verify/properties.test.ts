// Property tests over generated VirtualServices (VERIFY_PROPERTY_RUNS: 2000 in CI, 200 locally);
// `npm run verify:property` runs more, VERIFY_PROPERTY_SEED picks another seed.
import fc from 'fast-check';
import { stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import { loadIstio, loadManifests } from '../../src/verify/load.js';
import { changedRequests } from '../../src/verify/rule-changes.js';
import { verify } from '../../src/verify/verify.js';
import type { VirtualService } from '../../src/model/resources.js';
import type { Request } from '../../src/routing/request.js';
import { convert } from '../../src/convert.js';
import { compileIstioMatch, compileVirtualServiceHttp } from '../../src/routing/classic-router.js';
import { httpRequests } from '../../src/routing/probes.js';
import { describeOutcome } from '../../src/routing/request.js';
import { firstMatch } from '../../src/routing/route-table.js';
import type { HTTPRoute } from '../../src/gateway-api/types.js';

// Thousands of cases in CI (about a minute); fewer on a developer's run; more with npm run verify:property.
const RUNS = Number(process.env.VERIFY_PROPERTY_RUNS ?? (process.env.CI ? 2000 : 200));
const SEED = process.env.VERIFY_PROPERTY_SEED ? Number(process.env.VERIFY_PROPERTY_SEED) : 20240611;

const ISTIO_GATEWAY = {
  apiVersion: 'networking.istio.io/v1',
  kind: 'Gateway',
  metadata: { name: 'gw', namespace: 'default' },
  spec: {
    selector: { istio: 'ingressgateway' },
    servers: [{ port: { number: 80, name: 'http', protocol: 'HTTP' }, hosts: ['*'] }],
  },
};
const GATEWAY = {
  apiVersion: 'gateway.networking.k8s.io/v1',
  kind: 'Gateway',
  metadata: { name: 'gw', namespace: 'default' },
  spec: {
    gatewayClassName: 'istio',
    listeners: [
      { name: 'http', port: 80, protocol: 'HTTP', allowedRoutes: { namespaces: { from: 'All' } } },
    ],
  },
};

type Uri = { exact: string } | { prefix: string } | { regex: string };
interface GenMatch {
  uri?: Uri;
  headers?: Record<string, { exact: string }>;
  method?: { exact: string };
}
interface GenRule {
  match?: GenMatch[];
  route: { destination: { host: string; port: { number: number } }; weight?: number }[];
}

const segment = fc.constantFrom('/a', '/a/', '/a/b', '/ab', '/b', '/', '/a/b/c');
const uri: fc.Arbitrary<Uri> = fc.oneof(
  segment.map((v) => ({ prefix: v })),
  segment.map((v) => ({ exact: v })),
  fc.constantFrom('/a/.*', '/[ab]+', '/a/b/?').map((v) => ({ regex: v })),
);
const match: fc.Arbitrary<GenMatch> = fc.record(
  {
    uri,
    headers: fc.constantFrom({ 'x-v': { exact: '1' } }, { 'x-v': { exact: '2' } }),
    method: fc.constantFrom({ exact: 'GET' }, { exact: 'POST' }),
  },
  { requiredKeys: [] },
);
const rule: fc.Arbitrary<GenRule> = fc.record({
  match: fc.option(fc.array(match, { minLength: 1, maxLength: 2 }), { nil: undefined }),
  route: fc
    .constantFrom('s1', 's2', 's3')
    .map((host) => [{ destination: { host, port: { number: 80 } } }]),
});
const rules = fc.array(rule, { minLength: 1, maxLength: 5 });

function virtualService(http: GenRule[]) {
  return {
    apiVersion: 'networking.istio.io/v1',
    kind: 'VirtualService',
    metadata: { name: 'web', namespace: 'default' },
    spec: { hosts: ['a.example.com'], gateways: ['gw'], http },
  };
}

/** The obvious conversion (written order, prefix → PathPrefix): what a careless mapper writes. */
function naiveRoute(http: GenRule[]) {
  const pathOf = (u: Uri | undefined) =>
    !u
      ? undefined
      : 'exact' in u
        ? { type: 'Exact', value: u.exact }
        : 'prefix' in u
          ? { type: 'PathPrefix', value: u.prefix }
          : { type: 'RegularExpression', value: u.regex };
  return {
    apiVersion: 'gateway.networking.k8s.io/v1',
    kind: 'HTTPRoute',
    metadata: { name: 'web', namespace: 'default' },
    spec: {
      parentRefs: [{ name: 'gw' }],
      hostnames: ['a.example.com'],
      rules: http.map((r) => ({
        ...(r.match
          ? {
              matches: r.match.map((m) => ({
                ...(m.uri ? { path: pathOf(m.uri) } : {}),
                ...(m.headers
                  ? {
                      headers: Object.entries(m.headers).map(([name, v]) => ({
                        name,
                        value: v.exact,
                      })),
                    }
                  : {}),
                ...(m.method ? { method: m.method.exact } : {}),
              })),
            }
          : {}),
        backendRefs: r.route.map((d) => ({ name: d.destination.host, port: 80 })),
      })),
    },
  };
}

const yaml = (objs: object[]) => objs.map((o) => stringify(o)).join('---\n');

describe('verify properties', { timeout: 300_000 }, () => {
  it('exact-only VirtualServices with distinct paths convert naively without any change', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.constantFrom('/a', '/a/b', '/ab', '/b', '/c/d'), {
          minLength: 1,
          maxLength: 5,
        }),
        (paths) => {
          const http = paths.map((p, i) => ({
            match: [{ uri: { exact: p } }],
            route: [{ destination: { host: `s${i}`, port: { number: 80 } } }],
          }));
          const r = verify(
            [{ file: 'in.yaml', text: yaml([ISTIO_GATEWAY, virtualService(http)]) }],
            loadManifests([{ file: 'out.yaml', text: yaml([GATEWAY, naiveRoute(http)]) }]).objects,
            { findings: [] },
          );
          expect(r.changes.map((c) => c.requestText)).toEqual([]);
        },
      ),
      { numRuns: RUNS, seed: SEED },
    );
  });

  it('verify (through gateways and virtual hosts) and changedRequests (rules alone) find the same changed requests', () => {
    fc.assert(
      fc.property(rules, (http) => {
        const istio = yaml([ISTIO_GATEWAY, virtualService(http)]);
        const route = naiveRoute(http);
        const r = verify(
          [{ file: 'in.yaml', text: istio }],
          loadManifests([{ file: 'out.yaml', text: yaml([GATEWAY, route]) }]).objects,
          { findings: [] },
        );
        const key = (q: Request) =>
          q.protocol === 'http' ? JSON.stringify([q.method, q.path, q.headers, q.query]) : '';
        const viaVerify = new Set(
          r.changes
            .filter((c) => c.request.protocol === 'http' && c.request.host === 'a.example.com')
            .map((c) => key(c.request)),
        );
        const vs = loadIstio([{ file: 'in.yaml', text: istio }]).index
          .virtualServices[0] as VirtualService;
        const direct = changedRequests(vs, [route as never], { limit: 100_000 });
        const viaHelper = new Set(direct.map((c) => key(c.request)));
        expect(viaVerify.size).toBe(viaHelper.size);
        expect([...viaHelper].filter((t) => !viaVerify.has(t))).toEqual([]);
        expect([...viaVerify].filter((t) => !viaHelper.has(t))).toEqual([]);
      }),
      { numRuns: RUNS, seed: SEED },
    );
  });

  it('every changed outcome of a converted VirtualService is covered by a finding on it (the real mappers)', () => {
    fc.assert(
      fc.property(rules, (http) => {
        const r = verify(
          [{ file: 'in.yaml', text: yaml([ISTIO_GATEWAY, virtualService(http)]) }],
          undefined,
        );
        const silent = r.changes.filter((c) => !c.explainedBy).map((c) => c.requestText);
        expect(silent).toEqual([]);
      }),
      { numRuns: RUNS, seed: SEED },
    );
  });

  it("the order-keeping rewrite only removes changes: changed requests are a subset of the naive conversion's, each explained, and the dropped matches never applied under Istio", () => {
    let rewritten = 0;
    fc.assert(
      fc.property(rules, (http) => {
        const istio = yaml([ISTIO_GATEWAY, virtualService(http)]);
        const index = loadIstio([{ file: 'in.yaml', text: istio }]).index;
        const vs = index.virtualServices[0] as VirtualService;
        const out = convert([{ file: 'in.yaml', text: istio }]);
        const kept = out.findings.filter((f) => f.id === 'order-kept');
        if (!kept.length) return;
        rewritten++;
        const routes = out.resources.filter(
          (o) => o.kind === 'HTTPRoute',
        ) as unknown as HTTPRoute[];
        const key = (c: { request: Request }) =>
          c.request.protocol === 'http'
            ? JSON.stringify([c.request.method, c.request.path, c.request.headers, c.request.query])
            : '';
        // Subset: every request the rewritten output changes, the same rules written in place change too.
        const after = changedRequests(vs, routes, { limit: 100_000 }).map(key);
        const before = new Set(
          changedRequests(vs, [naiveRoute(http) as never], { limit: 100_000 }).map(key),
        );
        expect(after.filter((k) => !before.has(k))).toEqual([]);
        // Explained: verify names a finding for every remaining change.
        const r = verify([{ file: 'in.yaml', text: istio }], undefined);
        expect(r.changes.filter((c) => !c.explainedBy).map((c) => c.requestText)).toEqual([]);
        // Exact under Istio: the VirtualService without the dropped matches routes every probe the same.
        const dead = new Set(kept.map((f) => f.source?.path));
        const reduced = http
          .map((rule, i) =>
            rule.match
              ? {
                  ...rule,
                  match: rule.match.filter((_, k) => !dead.has(`spec.http[${i}].match[${k}]`)),
                }
              : rule,
          )
          .filter((rule, i) => !dead.has(`spec.http[${i}]`) && (!rule.match || rule.match.length));
        const vsReduced = loadIstio([
          { file: 'in.yaml', text: yaml([ISTIO_GATEWAY, virtualService(reduced)]) },
        ]).index.virtualServices[0] as VirtualService;
        const a = compileVirtualServiceHttp(index, vs, 'default/gw');
        const b = compileVirtualServiceHttp(index, vsReduced, 'default/gw');
        const matches = (vs.spec.http ?? []).flatMap((x) => (x.match ?? []).map(compileIstioMatch));
        for (const req of httpRequests(
          {
            protocol: 'http',
            entry: { kind: 'gateway', namespace: 'default', name: 'gw' },
            scheme: 'http',
            port: 80,
            host: 'a.example.com',
            source: { namespace: 'default', labels: {} },
          },
          matches,
        )) {
          const x = firstMatch(a, req);
          const y = firstMatch(b, req);
          expect(y ? describeOutcome(y.route.act(req, y.match)) : 'none').toBe(
            x ? describeOutcome(x.route.act(req, x.match)) : 'none',
          );
        }
      }),
      // A quarter of the runs: each case converts, verifies and replays three times.
      { numRuns: Math.max(50, Math.floor(RUNS / 4)), seed: SEED },
    );
    expect(rewritten).toBeGreaterThan(0);
  });
});
