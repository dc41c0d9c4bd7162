import { describe, expect, it } from 'vitest';
import { convert } from '../../src/index.js';
import { findPlaceholders, placeholderIn } from '../../src/parse/placeholders.js';

describe('placeholders in hosts and names', () => {
  it.each([
    ['$(JWA_NAMESPACE)', '$(JWA_NAMESPACE)'],
    ['svc.$(NS).svc.cluster.local', '$(NS)'],
    ['${HOST}', '${HOST}'],
    ['{{ .Values.host }}', '{{ .Values.host }}'],
    ['{{.Release.Namespace}}/gw', '{{.Release.Namespace}}'],
    ['web.example.com', undefined],
    ['$HOME', undefined],
    ['a$b', undefined],
  ])('%s holds %s', (value, expected) => {
    expect(placeholderIn(value)).toBe(expected);
  });

  it('looks only at host and name fields, not at header values or regexes', () => {
    const spec = {
      hosts: ['${HOST}'],
      http: [
        {
          match: [{ uri: { regex: '^/v[0-9]{1,2}/${x}' } }],
          headers: { request: { set: { 'x-env': '${ENV}' } } },
          route: [
            { destination: { host: 'web.$(NS).svc.cluster.local', subset: '{{ .Values.v }}' } },
          ],
          delegate: { name: '$(NAME)', namespace: 'ok' },
        },
      ],
    };
    expect(findPlaceholders(spec, ['spec']).map((p) => p.path.join('.'))).toEqual([
      'spec.hosts.0',
      'spec.http.0.route.0.destination.host',
      'spec.http.0.route.0.destination.subset',
      'spec.http.0.delegate.name',
    ]);
  });

  it('is an error at the field and passes the resource through, never as a lower-cased backend', () => {
    const r = convert(`apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: app, namespace: kubeflow}
spec:
  hosts: [app.example.com]
  gateways: [istio-system/public]
  http:
  - route:
    - destination: {host: app.$(APP_NAMESPACE).svc.cluster.local, port: {number: 80}}
`);
    expect(r.findings.map((f) => [f.id, f.severity, f.source?.line, f.source?.path])).toEqual([
      ['unrendered-placeholder', 'error', 9, 'spec.http[0].route[0].destination.host'],
    ]);
    expect(r.resources).toEqual([]);
    expect(r.kept.map((k) => k.name)).toEqual(['app']);
  });

  it('covers metadata names and namespaces', () => {
    const r = convert(`apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: {name: "{{ .Release.Name }}-dr", namespace: $(NS)}
spec: {host: web}
`);
    expect(r.findings.map((f) => [f.id, f.source?.path])).toEqual([
      ['unrendered-placeholder', 'metadata.name'],
      ['unrendered-placeholder', 'metadata.namespace'],
    ]);
  });
});
