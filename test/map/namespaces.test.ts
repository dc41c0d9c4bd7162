// Resources without metadata.namespace: their objects get none; an object elsewhere that must
// name the assumed namespace says so.
import { describe, expect, it } from 'vitest';
import { convert } from '../../src/convert.js';

const GATEWAY = `apiVersion: networking.istio.io/v1
kind: Gateway
metadata: {name: public, namespace: istio-system}
spec:
  selector: {istio: ingressgateway}
  servers:
  - port: {number: 80, name: http, protocol: HTTP}
    hosts: ["*/shop.example.com"]
`;
const ROUTE = (host: string) => `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: shop}
spec:
  hosts: [shop.example.com]
  gateways: [istio-system/public]
  http:
  - route:
    - destination: {host: ${host}, port: {number: 80}}
`;

const meta = (o: { metadata: object }) => o.metadata as Record<string, unknown>;

describe('namespace-less resources', () => {
  it('give objects without a namespace; no finding when nothing names it', () => {
    const r = convert([{ file: 'a.yaml', text: `${GATEWAY}---\n${ROUTE('web')}` }]);
    const route = r.resources.find((o) => o.kind === 'HTTPRoute')!;
    expect(meta(route)).toEqual({ name: 'shop' });
    expect(meta(r.resources.find((o) => o.kind === 'Gateway')!).namespace).toBe('istio-system');
    expect(r.findings.map((f) => f.id)).not.toContain('namespace-assumed');
  });

  it('a ReferenceGrant elsewhere keeps the assumed namespace, with namespace-assumed', () => {
    const r = convert(
      [{ file: 'a.yaml', text: `${GATEWAY}---\n${ROUTE('api.backend.svc.cluster.local')}` }],
      {
        namespace: 'shop',
      },
    );
    const grant = r.resources.find((o) => o.kind === 'ReferenceGrant')!;
    expect(meta(grant).namespace).toBe('backend');
    expect(JSON.stringify(grant)).toContain('"namespace":"shop"');
    const f = r.findings.find((x) => x.id === 'namespace-assumed')!;
    expect(f.severity).toBe('warning');
    expect(f.message).toBe(
      'ReferenceGrant backend/' +
        meta(grant).name +
        ' names namespace shop, which was assumed for resources without metadata.namespace; ' +
        'it is right only if they are applied to that namespace',
    );
    expect(meta(r.resources.find((o) => o.kind === 'HTTPRoute')!).namespace).toBeUndefined();
  });

  it('an explicit namespace is kept as written', () => {
    const text = `${GATEWAY}---\n${ROUTE('web').replace('{name: shop}', '{name: shop, namespace: default}')}`;
    const r = convert([{ file: 'a.yaml', text }]);
    expect(meta(r.resources.find((o) => o.kind === 'HTTPRoute')!).namespace).toBe('default');
  });
});
