import { describe, expect, it } from 'vitest';
import { parseFile } from '../../src/parse/documents.js';
import { kubectlHeredocs } from '../../src/parse/heredoc.js';

// Manifests shown as shell here-documents (istio.io pages, snips.sh, runbooks) are read as the
// YAML inside them, with every position where it is in the file as written.

const VS = [
  'apiVersion: networking.istio.io/v1',
  'kind: VirtualService',
  'metadata:',
  '  name: reviews',
  'spec:',
  '  hosts: [reviews]',
];

describe('kubectlHeredocs', () => {
  it('blanks all but the kubectl here-documents, keeping every line and its length', () => {
    const text = ['$ kubectl apply -f - <<EOF', ...VS, 'EOF', 'virtualservice created', ''].join(
      '\n',
    );
    const h = kubectlHeredocs(text)!;
    expect(h.text.length).toBe(text.length);
    expect(h.text.split('\n')).toEqual(['---' + ' '.repeat(23), ...VS, '---', ' '.repeat(22), '']);
    expect([h.blocks, h.firstLine]).toEqual([1, 1]);
  });

  it('knows the spellings of the opening line, an indented body and CRLF', () => {
    for (const open of [
      'cat <<EOF | kubectl apply -f -',
      "kubectl create -f - <<'END'",
      'kubectl apply -f - <<"END"',
      'kubectl apply -f - <<\\END',
      'kubectl apply -f - <<-END',
    ]) {
      const end = open.includes('END') ? 'END' : 'EOF';
      const text = [`    ${open}`, ...VS.map((l) => `    ${l}`), `    ${end}`, ''].join('\r\n');
      const h = kubectlHeredocs(text);
      expect(h?.blocks, open).toBe(1);
      expect(h!.text.split('\r\n').slice(1, -2), open).toEqual(VS.map((l) => `    ${l}`));
    }
  });

  it("knows the namespace each block's command applies it to", () => {
    const text = [
      'kubectl apply -n foo -f - <<EOF',
      ...VS,
      'EOF',
      'cat <<EOF | kubectl --namespace=bar apply -f -',
      ...VS,
      'EOF',
      'kubectl apply -f - <<EOF',
      ...VS,
      'EOF',
    ].join('\n');
    const h = kubectlHeredocs(text)!;
    const r = parseFile({ file: 'page.md', text });
    expect(r.objects.map((o) => o.namespace)).toEqual(['foo', 'bar', undefined]);
    expect([h.namespaceAt(0), h.namespaceAt(text.length - 1)]).toEqual(['foo', undefined]);
  });

  it('ignores here-documents that do not feed kubectl', () => {
    expect(kubectlHeredocs('cat <<EOF > nginx.conf\nevents {}\nEOF\n')).toBeUndefined();
  });
});

describe('parseFile with here-documents', () => {
  it('reads the manifests of a docs page and points findings at its lines', () => {
    const text = [
      'Apply the route:',
      '',
      '    $ kubectl apply -f - <<EOF',
      ...VS.map((l) => `    ${l}`),
      '    EOF',
      '',
    ].join('\n');
    const r = parseFile({ file: 'page.md', text });
    expect(r.findings.map((f) => [f.id, f.source?.line])).toEqual([['shell-heredoc-read', 3]]);
    expect(r.objects.map((o) => o.data.kind)).toEqual(['VirtualService']);
    expect(r.objects[0]!.locator.position(['spec', 'hosts'])).toMatchObject({ line: 9 });
  });

  it('leaves a YAML file alone even when a block scalar holds a here-document', () => {
    const text = [
      'apiVersion: v1',
      'kind: ConfigMap',
      'metadata: {name: script}',
      'data:',
      '  run.sh: |',
      '    kubectl apply -f - <<EOF',
      '    kind: Namespace',
      '    EOF',
      '',
    ].join('\n');
    const r = parseFile({ file: 'cm.yaml', text });
    expect(r.findings).toEqual([]);
    expect(r.objects.map((o) => o.data.kind)).toEqual(['ConfigMap']);
  });

  it('keeps the syntax errors of a file without kubectl here-documents', () => {
    const r = parseFile({ file: 'bad.yaml', text: 'a: [\n' });
    expect(r.findings.map((f) => f.id)).toEqual(['yaml-syntax']);
  });
});
