// Property tests over generated VirtualServices. Bounded for CI (VERIFY_PROPERTY_RUNS, default
// 40); `npm run verify:property` runs many more.
import fc from 'fast-check';
import { stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import { convert } from '../../src/convert.js';
import { loadIstio, loadManifests } from '../../src/verify/load.js';
import { changedRequests } from '../../src/verify/rule-changes.js';
import { verify } from '../../src/verify/verify.js';
import type { VirtualService } from '../../src/model/resources.js';
import type { Request } from '../../src/verify/request.js';

const RUNS = Number(process.env.VERIFY_PROPERTY_RUNS ?? 40);
const SEED = process.env.VERIFY_PROPERTY_SEED ? Number(process.env.VERIFY_PROPERTY_SEED) : 20240611;

const ISTIO_GATEWAY = {
  apiVersion: 'networking.istio.io/v1', kind: 'Gateway', metadata: { name: 'gw', namespace: 'default' },
  spec: { selector: { istio: 'ingressgateway' }, servers: [{ port: { number: 80, name: 'http', protocol: 'HTTP' }, hosts: ['*'] }] },
};
const GATEWAY = {
  apiVersion: 'gateway.networking.k8s.io/v1', kind: 'Gateway', metadata: { name: 'gw', namespace: 'default' },
  spec: { gatewayClassName: 'istio', listeners: [{ name: 'http', port: 80, protocol: 'HTTP', allowedRoutes: { namespaces: { from: 'All' } } }] },
};

type Uri = { exact: string } | { prefix: string } | { regex: string };
interface GenMatch { uri?: Uri; headers?: Record<string, { exact: string }>; method?: { exact: string } }
interface GenRule { match?: GenMatch[]; route: { destination: { host: string; port: { number: number } }; weight?: number }[] }

const segment = fc.constantFrom('/a', '/a/', '/a/b', '/ab', '/b', '/', '/a/b/c');
const uri: fc.Arbitrary<Uri> = fc.oneof(
  segment.map((v) => ({ prefix: v })),
  segment.map((v) => ({ exact: v })),
  fc.constantFrom('/a/.*', '/[ab]+', '/a/b/?').map((v) => ({ regex: v })),
);
const match: fc.Arbitrary<GenMatch> = fc.record(
  { uri, headers: fc.constantFrom({ 'x-v': { exact: '1' } }, { 'x-v': { exact: '2' } }), method: fc.constantFrom({ exact: 'GET' }, { exact: 'POST' }) },
  { requiredKeys: [] },
);
const rule: fc.Arbitrary<GenRule> = fc.record({
  match: fc.option(fc.array(match, { minLength: 1, maxLength: 2 }), { nil: undefined }),
  route: fc.constantFrom('s1', 's2', 's3').map((host) => [{ destination: { host, port: { number: 80 } } }]),
});
const rules = fc.array(rule, { minLength: 1, maxLength: 5 });

function virtualService(http: GenRule[]) {
  return { apiVersion: 'networking.istio.io/v1', kind: 'VirtualService', metadata: { name: 'web', namespace: 'default' }, spec: { hosts: ['a.example.com'], gateways: ['gw'], http } };
}

/** The obvious conversion (written order, prefix → PathPrefix): what a careless mapper writes. */
function naiveRoute(http: GenRule[]) {
  const pathOf = (u: Uri | undefined) =>
    !u ? undefined : 'exact' in u ? { type: 'Exact', value: u.exact } : 'prefix' in u ? { type: 'PathPrefix', value: u.prefix } : { type: 'RegularExpression', value: u.regex };
  return {
    apiVersion: 'gateway.networking.k8s.io/v1', kind: 'HTTPRoute', metadata: { name: 'web', namespace: 'default' },
    spec: {
      parentRefs: [{ name: 'gw' }], hostnames: ['a.example.com'],
      rules: http.map((r) => ({
        ...(r.match ? { matches: r.match.map((m) => ({ ...(m.uri ? { path: pathOf(m.uri) } : {}), ...(m.headers ? { headers: Object.entries(m.headers).map(([name, v]) => ({ name, value: v.exact })) } : {}), ...(m.method ? { method: m.method.exact } : {}) })) } : {}),
        backendRefs: r.route.map((d) => ({ name: d.destination.host, port: 80 })),
      })),
    },
  };
}

const yaml = (objs: object[]) => objs.map((o) => stringify(o)).join('---\n');

describe('verify properties', () => {
  it('exact-only VirtualServices with distinct paths convert naively without any change', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.constantFrom('/a', '/a/b', '/ab', '/b', '/c/d'), { minLength: 1, maxLength: 5 }), (paths) => {
        const http = paths.map((p, i) => ({ match: [{ uri: { exact: p } }], route: [{ destination: { host: `s${i}`, port: { number: 80 } } }] }));
        const r = verify([{ file: 'in.yaml', text: yaml([ISTIO_GATEWAY, virtualService(http)]) }], loadManifests([{ file: 'out.yaml', text: yaml([GATEWAY, naiveRoute(http)]) }]).objects, { findings: [] });
        expect(r.changes.map((c) => c.requestText)).toEqual([]);
      }),
      { numRuns: RUNS, seed: SEED },
    );
  });

  it('verify (through gateways and virtual hosts) and changedRequests (rules alone) find the same changed requests', () => {
    fc.assert(
      fc.property(rules, (http) => {
        const istio = yaml([ISTIO_GATEWAY, virtualService(http)]);
        const route = naiveRoute(http);
        const r = verify([{ file: 'in.yaml', text: istio }], loadManifests([{ file: 'out.yaml', text: yaml([GATEWAY, route]) }]).objects, { findings: [] });
        const key = (q: Request) => (q.protocol === 'http' ? JSON.stringify([q.method, q.path, q.headers, q.query]) : '');
        const viaVerify = new Set(r.changes.filter((c) => c.request.protocol === 'http' && c.request.host === 'a.example.com').map((c) => key(c.request)));
        const vs = loadIstio([{ file: 'in.yaml', text: istio }]).index.virtualServices[0] as VirtualService;
        const direct = changedRequests(vs, [route as never], { limit: 100_000 });
        const viaHelper = new Set(direct.map((c) => key(c.request)));
        expect(viaVerify.size).toBe(viaHelper.size);
        expect([...viaHelper].filter((t) => !viaVerify.has(t))).toEqual([]);
        expect([...viaVerify].filter((t) => !viaHelper.has(t))).toEqual([]);
      }),
      { numRuns: RUNS, seed: SEED },
    );
  });

  const placeholder = convert(yaml([ISTIO_GATEWAY])).resources.length === 0;
  it.skipIf(placeholder)('every changed outcome of a converted VirtualService is covered by a finding on it (the real mappers)', () => {
    fc.assert(
      fc.property(rules, (http) => {
        const r = verify([{ file: 'in.yaml', text: yaml([ISTIO_GATEWAY, virtualService(http)]) }], undefined);
        const silent = r.changes.filter((c) => !c.explainedBy).map((c) => c.requestText);
        expect(silent).toEqual([]);
      }),
      { numRuns: RUNS, seed: SEED },
    );
  });
});
