import { describe, expect, it } from 'vitest';
import { convert } from '../../src/index.js';

const text = `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: web
  namespace: shop
  uid: 0b5c6a4e-1111-2222-3333-444455556666
  ownerReferences: [{apiVersion: v1, kind: ConfigMap, name: x, uid: 1}]
  labels: {team: checkout, app.kubernetes.io/managed-by: Helm}
  annotations:
    meta.helm.sh/release-name: shop
    kubectl.kubernetes.io/last-applied-configuration: '{}'
    internal.istio.io/parents: x
spec:
  hosts: [web.example.com]
  gateways: [public]
  http:
  - route:
    - destination: {host: web, subset: v2, port: {number: 80}}
---
apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: {name: web, namespace: shop, labels: {team: other}}
spec:
  host: web
  subsets: [{name: v2, labels: {version: v2}}]
`;

describe('metadata', () => {
  const r = convert(text);
  const route = r.resources.find((o) => o.kind === 'HTTPRoute')!;
  const subset = r.resources.find((o) => o.kind === 'Service')!;

  it('the route that replaces the VirtualService gets its labels and annotations, sorted', () => {
    expect(route.metadata).toEqual({
      name: 'web',
      namespace: 'shop',
      labels: { 'app.kubernetes.io/managed-by': 'Helm', team: 'checkout' },
      annotations: { 'meta.helm.sh/release-name': 'shop' },
    });
    expect(Object.keys(route.metadata.labels!)).toEqual(['app.kubernetes.io/managed-by', 'team']);
  });

  it('an object generated beside it gets its labels only', () => {
    expect(subset.metadata).toEqual({
      name: 'web-v2',
      namespace: 'shop',
      labels: { 'app.kubernetes.io/managed-by': 'Helm', team: 'checkout' },
    });
  });

  it('lists what is not carried in one info finding', () => {
    expect(
      r.findings
        .filter((f) => f.id === 'metadata-not-carried')
        .map((f) => [f.severity, f.source?.name, f.message]),
    ).toEqual([
      [
        'info',
        'web',
        'not carried to the objects that replace this VirtualService: metadata uid, ownerReferences (set by the API server or tied to this object); annotation(s) internal.istio.io/parents, kubectl.kubernetes.io/last-applied-configuration; its other labels and annotations are',
      ],
    ]);
  });

  it('a resource with nothing to drop raises nothing', () => {
    expect(
      convert(
        text
          .replace(/ {2}uid:.*\n {2}ownerReferences:.*\n/, '')
          .replace(/ {4}kubectl.*\n {4}internal.*\n/, ''),
      ).findings.filter((f) => f.id === 'metadata-not-carried'),
    ).toEqual([]);
  });
});
