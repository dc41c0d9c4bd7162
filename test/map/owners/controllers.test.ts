import { describe, expect, it } from 'vitest';
import { convert } from '../../../src/index.js';

const GW = `apiVersion: networking.istio.io/v1
kind: Gateway
metadata: {name: public, namespace: shop}
spec:
  selector: {istio: ingressgateway}
  servers:
  - port: {number: 80, name: http, protocol: HTTP}
    hosts: ["*.example.com"]
`;
const VS = (name: string, namespace = 'shop') => `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: ${name}, namespace: ${namespace}}
spec:
  hosts: [${name}.example.com]
  gateways: [shop/public]
  http:
  - route:
    - destination: {host: ${name}-stable.shop.svc.cluster.local, port: {number: 80}}
      weight: 100
    - destination: {host: ${name}-canary.shop.svc.cluster.local, port: {number: 80}}
      weight: 0
`;
const ROLLOUT = (istio: string) => `apiVersion: argoproj.io/v1alpha1
kind: Rollout
metadata: {name: web, namespace: shop}
spec:
  strategy:
    canary:
      trafficRouting:
        istio:
${istio}
`;
const CANARY = (spec: string) => `apiVersion: flagger.app/v1beta1
kind: Canary
metadata: {name: podinfo, namespace: shop}
spec:
  targetRef: {apiVersion: apps/v1, kind: Deployment, name: podinfo}
${spec}
`;
const owned = (text: string) =>
  convert(text)
    .findings.filter((f) => f.id === 'rollout-owned' || f.id === 'flagger-owned')
    .map((f) => [
      f.id,
      f.severity,
      f.source?.kind,
      `${f.source?.namespace}/${f.source?.name}`,
      f.source?.path ?? '',
    ]);

describe('resources owned by a controller', () => {
  it.each([
    ['virtualService', '          virtualService: {name: web}', 'shop/web'],
    [
      'virtualServices[]',
      '          virtualServices: [{name: other}, {name: web, routes: [primary]}]',
      'shop/web',
    ],
    ['<name>.<namespace>', '          virtualServices: [{name: web.team}]', 'team/web'],
  ])('an Argo Rollout naming a converted VirtualService (%s) warns at it', (_form, istio, vs) => {
    const [name, namespace] = vs.split('/').reverse();
    const text = [GW, VS(name!, namespace), ROLLOUT(istio)].join('---\n');
    expect(owned(text)).toEqual([['rollout-owned', 'warning', 'VirtualService', vs, '']]);
  });

  it('says that the Rollout also rewrites the subset labels of its DestinationRule', () => {
    const text = [
      GW,
      VS('web'),
      ROLLOUT(
        '          virtualService: {name: web}\n          destinationRule: {name: web-dr, canarySubsetName: canary, stableSubsetName: stable}',
      ),
    ].join('---\n');
    expect(convert(text).findings.find((f) => f.id === 'rollout-owned')?.message).toContain(
      'subset labels of DestinationRule web-dr',
    );
  });

  it('passes the Rollout through untouched and says nothing when its VirtualService is not in the input', () => {
    const r = convert(
      [GW, VS('api'), ROLLOUT('          virtualService: {name: web}')].join('---\n'),
    );
    expect(
      owned([GW, VS('api'), ROLLOUT('          virtualService: {name: web}')].join('---\n')),
    ).toEqual([]);
    expect(r.files[0]!.objects.filter((o) => o.kind === 'Rollout')).toHaveLength(1);
  });

  it('a Flagger Canary: warns at the VirtualService it generates and at a converted gateway it binds to', () => {
    const text = [
      GW,
      VS('podinfo'),
      CANARY(
        '  service: {port: 9898, gateways: [public.shop, mesh], hosts: [podinfo.example.com]}',
      ),
    ].join('---\n');
    expect(owned(text)).toEqual([
      ['flagger-owned', 'warning', 'VirtualService', 'shop/podinfo', ''],
      ['flagger-owned', 'warning', 'Canary', 'shop/podinfo', 'spec.service.gateways[0]'],
    ]);
  });

  it('a Flagger Canary names its VirtualService after spec.service.name, and another provider owns none', () => {
    expect(
      owned([GW, VS('front'), CANARY('  service: {name: front, port: 9898}')].join('---\n')).map(
        (f) => f[3],
      ),
    ).toEqual(['shop/front']);
    expect(
      owned(
        [GW, VS('podinfo'), CANARY('  provider: gatewayapi:v1\n  service: {port: 9898}')].join(
          '---\n',
        ),
      ),
    ).toEqual([]);
  });
});
