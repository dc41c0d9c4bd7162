// Istio Gateways that select the same pods are served by one proxy: pilot merges their servers
// (pilot/pkg/model/push_context.go mergeGateways), so a request reaching those pods through one
// Gateway's address meets the VirtualServices bound to all of them. Istio's own samples are the
// case: bookinfo, httpbin and helloworld each ship a Gateway on `istio: ingressgateway` port 80
// with hosts "*", and a repository that holds them together runs them on one proxy.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { GatewayStrategy } from '../../src/options.js';
import { classicRouter } from '../../src/routing/classic-router.js';
import { describeOutcome } from '../../src/routing/request.js';
import { loadIstio } from '../../src/verify/load.js';
import { verify } from '../../src/verify/index.js';
import { HAS_SHARED, SHARED } from '../helpers/shared.js';
import { get } from './helpers.js';

const SAMPLES = `${SHARED}corpus/istio/samples/`;
const FILES = [
  'bookinfo/networking/bookinfo-gateway.yaml',
  'httpbin/httpbin-gateway.yaml',
  'helloworld/helloworld-gateway.yaml',
];
const inputs = HAS_SHARED
  ? FILES.map((f) => ({ file: f, text: readFileSync(SAMPLES + f, 'utf8') }))
  : [];

describe.skipIf(!HAS_SHARED)('Istio Gateways sharing pods', () => {
  it('route as one proxy on the classic side: /status/200 through bookinfo-gateway reaches httpbin', () => {
    const router = classicRouter(loadIstio(inputs).index);
    const entry = { kind: 'gateway' as const, namespace: 'default', name: 'bookinfo-gateway' };
    const out = router.route(get('any-host.example', '/status/200', { entry }));
    expect(describeOutcome(out)).toContain('httpbin.default.svc.cluster.local:8000');
  });

  for (const strategy of ['per-workload', 'per-gateway', 'reuse'] as GatewayStrategy[]) {
    it(`leave no change unexplained (--gateway-strategy ${strategy})`, () => {
      const r = verify(inputs, undefined, { gatewayStrategy: strategy });
      expect(r.probes).toBeGreaterThan(50);
      const silent = r.changes.filter((c) => !c.explainedBy).map((c) => c.requestText);
      expect(silent).toEqual([]);
    });
  }

  it('per-gateway: the split Gateways change requests, and the split warning names them', () => {
    const r = verify(inputs, undefined, { gatewayStrategy: 'per-gateway' });
    const ids = new Set(r.changes.map((c) => c.explainedBy?.id));
    expect(ids.has('gateway-shared-workload-split')).toBe(true);
  });
});
