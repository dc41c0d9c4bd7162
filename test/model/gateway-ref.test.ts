import { describe, expect, it } from 'vitest';
import { gatewayRefKey, looksLikeMesh, resolveGatewayName } from '../../src/model/gateway-ref.js';

// The cases of Istio's TestResolveGatewayName (pilot/pkg/model/virtualservice_test.go), plus the
// forms seen in public repositories.
describe('resolveGatewayName', () => {
  it.each([
    ['./gateway', 'default', 'default/gateway', 'slash'],
    ['gateway', 'default', 'default/gateway', 'short'],
    ['default/gateway', 'foo', 'default/gateway', 'slash'],
    ['gateway.default', 'default', 'default/gateway', 'legacy'],
    ['gateway.default', 'foo', 'default/gateway', 'legacy'],
    ['private.ingress.svc.cluster.local', 'foo', 'ingress/private', 'legacy'],
    ['public-gateway.istio-system', 'shop', 'istio-system/public-gateway', 'legacy'],
    ['gw.edge.svc.corp.example', 'shop', 'edge/gw', 'legacy'],
  ])('%s in %s is %s', (ref, ns, key, form) => {
    const g = resolveGatewayName(ref, ns);
    expect(`${g.namespace}/${g.name}`).toBe(key);
    expect(g.form).toBe(form);
  });

  it('keeps mesh as mesh and nothing else', () => {
    expect(gatewayRefKey('mesh', 'shop')).toBe('mesh');
    expect(gatewayRefKey('Mesh', 'shop')).toBe('shop/Mesh');
    expect(gatewayRefKey('istio-system/mesh', 'shop')).toBe('istio-system/mesh');
  });

  it.each([
    ['Mesh', true],
    ['MESH', true],
    [' mesh', true],
    ['istio-system/mesh', true],
    ['mesh', false],
    ['meshgw', false],
    ['mesh.istio-system', false],
  ])('looksLikeMesh(%j) is %s', (ref, expected) => {
    expect(looksLikeMesh(ref as string)).toBe(expected);
  });
});
