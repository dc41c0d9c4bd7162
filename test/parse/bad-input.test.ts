import { describe, expect, it } from 'vitest';
import { convert, type ConvertResult } from '../../src/index.js';
import { READ_FINDINGS } from '../../src/parse/findings.js';

// These tests are about reading; the mappers' own findings are tested with the mappers.
const READ_IDS = new Set(READ_FINDINGS.map((m) => m.id));
const readFindings = (r: ConvertResult) => r.findings.filter((f) => READ_IDS.has(f.id));

const GW = `apiVersion: networking.istio.io/v1
kind: Gateway
metadata:
  name: gw
  namespace: istio-system
spec:
  selector:
    istio: ingressgateway
  servers:
  - port: {number: 80, name: http, protocol: HTTP}
    hosts: ["a.example.com"]
`;

const bomb = [
  'a: &a ["x","x","x","x","x","x","x","x","x","x"]',
  'b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]',
  'c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b,*b]',
  'd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c,*c]',
  'e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d,*d]',
  'f: [*e,*e,*e,*e,*e,*e,*e,*e,*e,*e]',
].join('\n');

// One row per kind of bad input: the id, where it points, and that the good file beside it still reads.
const cases: {
  name: string;
  text: string;
  id: string;
  line: number;
  column: number;
  message: RegExp;
}[] = [
  {
    name: 'YAML syntax error',
    text: 'apiVersion: v1\nkind: Service\nmetadata:\n  name: [unclosed\n',
    id: 'yaml-syntax',
    line: 5,
    column: 1,
    message: /Flow sequence .* must .* end with a \]/,
  },
  {
    name: 'duplicate key',
    text: 'apiVersion: v1\nkind: ConfigMap\nkind: Secret\nmetadata: {name: x}\n',
    id: 'yaml-syntax',
    line: 3,
    column: 1,
    message: /unique/i,
  },
  { name: 'alias bomb', text: bomb, id: 'yaml-syntax', line: 1, column: 1, message: /alias/i },
  {
    name: 'no kind',
    text: 'apiVersion: v1\nmetadata: {name: x}\n',
    id: 'missing-kind',
    line: 1,
    column: 1,
    message: /no kind/,
  },
  {
    name: 'no apiVersion, second document',
    text: 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: ok}\n---\nkind: Service\nmetadata: {name: x}\n',
    id: 'missing-kind',
    line: 5,
    column: 1,
    message: /no apiVersion/,
  },
  {
    name: 'a scalar document',
    text: 'just a string\n',
    id: 'missing-kind',
    line: 1,
    column: 1,
    message: /not a mapping/,
  },
  {
    name: 'binary',
    text: 'apiVersion: v1\u0000\u0001',
    id: 'binary-file',
    line: 1,
    column: 1,
    message: /NUL/,
  },
  {
    name: 'empty',
    text: '# only a comment\n',
    id: 'empty-file',
    line: 1,
    column: 1,
    message: /no YAML/,
  },
];

describe('bad input gets one clear finding with file:line, and the other files still convert', () => {
  for (const c of cases) {
    it(c.name, () => {
      const r = convert([
        { file: 'bad.yaml', text: c.text },
        { file: 'good.yaml', text: GW },
      ]);
      const bad = readFindings(r).filter((f) => f.source?.file === 'bad.yaml');
      expect(bad).toHaveLength(1);
      expect(bad[0]).toMatchObject({
        id: c.id,
        source: { file: 'bad.yaml', line: c.line, column: c.column },
      });
      expect(bad[0]!.message).toMatch(c.message);
      expect(r.converted.map((x) => x.name)).toEqual(['gw']);
    });
  }
});

describe('schema checks', () => {
  it('reports an unknown (misspelled) field at its line and ignores it', () => {
    const text = `${GW}    tls:\n      httpsRedirekt: true\n`;
    const r = convert(text);
    const f = r.findings.find((x) => x.id === 'unknown-field');
    expect(f).toMatchObject({
      severity: 'warning',
      source: {
        line: 13,
        column: 7,
        path: 'spec.servers[0].tls.httpsRedirekt',
        kind: 'Gateway',
        name: 'gw',
        namespace: 'istio-system',
      },
    });
    expect(r.converted).toHaveLength(1);
  });

  it('reports a mis-indented corsPolicy as an unknown field of the route destination', () => {
    const text = `apiVersion: networking.istio.io/v1beta1
kind: VirtualService
metadata: {name: vs}
spec:
  hosts: [a.example.com]
  http:
  - route:
    - destination: {host: a, port: {number: 80}}
      corsPolicy:
        allowOrigins: [{exact: "https://x"}]
`;
    const r = convert(text);
    expect(
      r.findings
        .filter((f) => f.id === 'unknown-field')
        .map((f) => [f.source?.path, f.source?.line]),
    ).toEqual([['spec.http[0].route[0].corsPolicy', 9]]);
  });

  it('skips a resource with a wrong type, with an error at the field, and keeps it as written', () => {
    const text = GW.replace('number: 80', 'number: eighty');
    const r = convert([{ file: 'gw.yaml', text }]);
    expect(readFindings(r)).toEqual([
      expect.objectContaining({
        id: 'invalid-field',
        severity: 'error',
        source: expect.objectContaining({
          file: 'gw.yaml',
          line: 10,
          path: 'spec.servers[0].port.number',
        }),
      }),
    ]);
    expect(r.converted).toEqual([]);
    expect(r.kept.map((k) => [k.kind, k.name])).toEqual([['Gateway', 'gw']]);
  });

  it('enforces Istio oneOf rules (exact and prefix together)', () => {
    const text = `apiVersion: networking.istio.io/v1alpha3
kind: VirtualService
metadata: {name: vs, namespace: a}
spec:
  hosts: [a.example.com]
  http:
  - match:
    - uri: {exact: /a, prefix: /b}
    route:
    - destination: {host: a}
`;
    const r = convert(text);
    expect(r.findings.map((f) => [f.id, f.source?.path])).toEqual([
      ['invalid-field', 'spec.http[0].match[0].uri.prefix'],
    ]);
  });

  it('reports the same resource twice and, as kubectl apply, converts the later one', () => {
    const later = GW.replace('networking.istio.io/v1', 'networking.istio.io/v1beta1');
    const r = convert([
      { file: 'b.yaml', text: later },
      { file: 'a.yaml', text: GW },
    ]);
    expect(readFindings(r).map((f) => [f.id, f.severity, f.source?.file, f.source?.line])).toEqual([
      ['duplicate-resource', 'warning', 'a.yaml', 1],
    ]);
    expect(readFindings(r)[0]!.message).toContain('defined again at b.yaml:1');
    expect(r.converted.map((c) => c.file)).toEqual(['b.yaml']);
    expect(r.kept).toEqual([]);
    // The earlier definition is replaced by nothing: applying the output gives the later one only.
    expect(r.files.map((f) => [f.file, f.objects.length])).toEqual([
      ['a.yaml', 0],
      ['b.yaml', 1],
    ]);
  });

  it('passes an unknown Istio apiVersion through with a warning', () => {
    const r = convert(GW.replace('networking.istio.io/v1', 'networking.istio.io/v2'));
    expect(readFindings(r).map((f) => f.id)).toEqual(['unsupported-api-version']);
    expect(r.converted).toEqual([]);
  });
});

describe('input forms', () => {
  it('reads kind: List as kubectl prints it, with positions inside the items', () => {
    const text = `apiVersion: v1
kind: List
items:
- apiVersion: networking.istio.io/v1
  kind: Gateway
  metadata: {name: gw, namespace: istio-system}
  spec:
    servers:
    - port: {number: 80, name: http, protocol: HTTP}
      hosts: ["a.example.com"]
      bogus: 1
`;
    const r = convert(text);
    expect(r.converted.map((c) => [c.kind, c.name, c.line])).toEqual([['Gateway', 'gw', 4]]);
    expect(readFindings(r).map((f) => [f.id, f.source?.line, f.source?.path])).toEqual([
      ['unknown-field', 11, 'spec.servers[0].bogus'],
    ]);
  });

  it('reads JSON', () => {
    const json = JSON.stringify(
      {
        apiVersion: 'networking.istio.io/v1',
        kind: 'Gateway',
        metadata: { name: 'gw' },
        spec: { servers: [] },
      },
      null,
      2,
    );
    const r = convert([{ file: 'gw.json', text: json }], { namespace: 'edge' });
    expect(r.converted).toEqual([
      { kind: 'Gateway', namespace: 'edge', name: 'gw', file: 'gw.json', line: 1 },
    ]);
  });

  it('reads objects', () => {
    const r = convert([
      {
        apiVersion: 'networking.istio.io/v1',
        kind: 'Gateway',
        metadata: { name: 'gw', namespace: 'x' },
        spec: {},
      },
    ]);
    expect(r.converted.map((c) => `${c.namespace}/${c.name}`)).toEqual(['x/gw']);
  });

  it('passes other kinds through untouched', () => {
    const r = convert('apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\n');
    expect(r.findings).toEqual([]);
    expect(r.resources).toEqual([]);
    expect(r.files).toEqual([]);
  });
});

describe('names the API server would reject', () => {
  it.each([
    [
      'name',
      GW.replace('name: gw', 'name: Bad_Name'),
      'metadata.name',
      /metadata.name 'Bad_Name' is not a valid Kubernetes name/,
    ],
    [
      'namespace',
      GW.replace('namespace: istio-system', 'namespace: Istio.System'),
      'metadata.namespace',
      /metadata.namespace 'Istio.System' is not a valid Kubernetes namespace/,
    ],
  ])(
    'an invalid %s skips the resource with an error at that field',
    (_field, text, path, message) => {
      const r = convert(text);
      expect(readFindings(r).map((f) => [f.id, f.source?.path])).toEqual([['invalid-field', path]]);
      expect(readFindings(r)[0]!.message).toMatch(message);
      expect(r.resources).toEqual([]);
    },
  );
});

describe('null values', () => {
  it('a field left empty (null) is absent, as the API server prunes it; a mis-indented child is still reported', () => {
    const text = `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: vs, namespace: a}
spec:
  hosts: [a.example.com]
  gateways: [istio-system/gw]
  http:
  - corsPolicy:
    allowOrigins: [{exact: "https://x.example.com"}]
    route:
    - destination: {host: a, port: {number: 80}}
`;
    const r = convert(text);
    expect(readFindings(r).map((f) => [f.id, f.source?.path, f.source?.line])).toEqual([
      ['unknown-field', 'spec.http[0].allowOrigins', 9],
    ]);
    expect(r.converted.map((c) => c.name)).toEqual(['vs']);
  });
});
