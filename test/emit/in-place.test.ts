import type { FindingId } from '../../src/findings/finding.js';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import type { FileEntry, FileOutput } from '../../src/convert.js';
import type { Finding } from '../../src/findings/finding.js';
import type { HTTPRoute, K8sObject, ReferenceGrant } from '../../src/gateway-api/types.js';
import { rewriteInPlace, parsePath } from '../../src/emit/in-place.js';

// rewriteInPlace is tested on hand-made FileOutputs, so these tests hold whatever the mappers emit.
const route = (name: string, extra: Partial<HTTPRoute['spec']> = {}): HTTPRoute => ({
  apiVersion: 'gateway.networking.k8s.io/v1',
  kind: 'HTTPRoute',
  metadata: { name, namespace: 'default' },
  spec: {
    hostnames: ['a.example.com'],
    rules: [
      {
        matches: [{ path: { type: 'PathPrefix', value: '/' } }],
        backendRefs: [{ name, port: 80 }],
      },
    ],
    ...extra,
  },
});
const grant: ReferenceGrant = {
  apiVersion: 'gateway.networking.k8s.io/v1beta1',
  kind: 'ReferenceGrant',
  metadata: { name: 'allow', namespace: 'other' },
  spec: { from: [], to: [] },
};

function entry(
  docIndex: number,
  status: FileEntry['status'],
  generated: FileEntry['generated'] = [],
  more: Partial<FileEntry> = {},
): FileEntry {
  return {
    kind: 'VirtualService',
    namespace: 'default',
    name: `vs${docIndex}`,
    docIndex,
    line: 1,
    status,
    generated,
    ...more,
  };
}
function output(file: string, entries: FileEntry[]): FileOutput {
  return { file, objects: [], entries };
}
function rewrite(
  text: string,
  out: FileOutput,
  findings: Finding[] = [],
  annotate = false,
): string {
  const r = rewriteInPlace(text, out, findings, { annotate });
  if ('refused' in r) throw new Error(r.refused);
  return r.text;
}
const vs = (name: string, comment = '') =>
  `apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata:\n  name: ${name}${comment}\nspec:\n  hosts: [a]\n`;
const CM =
  '# my config map, keep this comment\napiVersion: v1\nkind: ConfigMap   # trailing\nmetadata: {name: cm}\ndata:\n  key: |\n    # not a comment: block scalar content\n    value\n';

describe('rewriteInPlace', () => {
  it('replaces only the converted document; comments, separators and other documents stay byte for byte', () => {
    const text = `# file header\n${vs('vs0', '  # inside, goes with the document')}# after vs0\n---\n${CM}---\n# before kept\n${vs('vs2')}`;
    const out = rewrite(
      text,
      output('a.yaml', [
        entry(0, 'converted', [route('vs0')]),
        entry(1, 'other', [], { kind: 'ConfigMap' }),
        entry(2, 'kept'),
      ]),
    );
    expect(out).toBe(
      '# file header\n# converted by istio2gateway from VirtualService default/vs0\n' +
        'apiVersion: gateway.networking.k8s.io/v1\nkind: HTTPRoute\nmetadata:\n  name: vs0\n  namespace: default\nspec:\n  hostnames:\n    - a.example.com\n  rules:\n    - matches:\n        - path:\n            type: PathPrefix\n            value: /\n      backendRefs:\n        - name: vs0\n          port: 80\n' +
        `# after vs0\n---\n${CM}---\n# before kept\n${vs('vs2')}`,
    );
  });

  it('a resource converted into several objects: one document each, each naming its source', () => {
    const out = rewrite(
      vs('vs0'),
      output('a.yaml', [entry(0, 'converted', [route('r1'), route('r2')])]),
    );
    const docs = parseAllDocuments(out);
    expect(docs.map((d) => (d.toJS() as K8sObject).metadata.name)).toEqual(['r1', 'r2']);
    expect(
      out.match(/^# converted by istio2gateway from VirtualService default\/vs0$/gm),
    ).toHaveLength(2);
  });

  it('objects added because of a kept resource go right after it, once', () => {
    const text = `${vs('vs0')}---\n${CM}`;
    const out = rewrite(
      text,
      output('a.yaml', [entry(0, 'kept', [grant]), entry(1, 'other', [], { kind: 'ConfigMap' })]),
    );
    expect(out).toBe(
      `${vs('vs0')}---\n# converted by istio2gateway from VirtualService default/vs0\napiVersion: gateway.networking.k8s.io/v1beta1\nkind: ReferenceGrant\nmetadata:\n  name: allow\n  namespace: other\nspec:\n  from: []\n  to: []\n---\n${CM}`,
    );
    // The second run finds the grant in the file and adds nothing.
    const again = rewrite(
      out,
      output('a.yaml', [
        entry(0, 'kept', [grant]),
        { ...entry(1, 'other'), kind: 'ReferenceGrant', namespace: 'other', name: 'allow' },
        entry(2, 'other', [], { kind: 'ConfigMap' }),
      ]),
    );
    expect(again).toBe(out);
  });

  it('a converted resource with no output leaves a comment saying so', () => {
    const out = rewrite(
      `${vs('vs0')}---\n${CM}`,
      output('a.yaml', [entry(0, 'converted', []), entry(1, 'other')]),
    );
    expect(out).toBe(
      `# converted by istio2gateway from VirtualService default/vs0: no Gateway API object replaces it (see the findings)\n---\n${CM}`,
    );
  });

  it('keeps CRLF line endings and a file without a final newline', () => {
    const text = `${CM.replace(/\n/g, '\r\n')}---\r\n${vs('vs1').replace(/\n/g, '\r\n').trimEnd()}`;
    const out = rewrite(
      text,
      output('a.yaml', [entry(0, 'other'), entry(1, 'converted', [route('vs1')])]),
    );
    expect(out.startsWith(`${CM.replace(/\n/g, '\r\n')}---\r\n# converted by`)).toBe(true);
    expect(out.replace(/\r\n/g, '')).not.toContain('\n');
  });

  it('a document on the `---` line and a flow-style document', () => {
    const text = `--- {apiVersion: networking.istio.io/v1, kind: VirtualService, metadata: {name: vs0}}\n--- # keep me\n${CM}`;
    const out = rewrite(
      text,
      output('a.yaml', [entry(0, 'converted', [route('vs0')]), entry(1, 'other')]),
    );
    expect(
      out.startsWith(
        '---\n# converted by istio2gateway from VirtualService default/vs0\napiVersion: gateway',
      ),
    ).toBe(true);
    expect(out.endsWith(`--- # keep me\n${CM}`)).toBe(true);
    expect(parseAllDocuments(out).map((d) => (d.toJS() as K8sObject).kind)).toEqual([
      'HTTPRoute',
      'ConfigMap',
    ]);
  });

  it('a kind: List is rewritten as a whole, items in order, converted items replaced', () => {
    const text = `# before the list\napiVersion: v1\nkind: List\nitems:\n- ${vs('vs0').trimEnd().replace(/\n/g, '\n  ')}\n- {apiVersion: v1, kind: Service, metadata: {name: s}}\n---\n${CM}`;
    const out = rewrite(
      text,
      output('a.yaml', [
        entry(0, 'converted', [route('vs0')], { itemIndex: 0 }),
        entry(0, 'other', [], { itemIndex: 1, kind: 'Service', name: 's' }),
        entry(1, 'other'),
      ]),
    );
    expect(
      out.startsWith(
        '# before the list\napiVersion: v1\nkind: List\nitems:\n  # converted by istio2gateway from VirtualService default/vs0\n  - apiVersion: gateway.networking.k8s.io/v1\n',
      ),
    ).toBe(true);
    expect(out.endsWith(`---\n${CM}`)).toBe(true);
    const list = parseAllDocuments(out)[0]!.toJS() as { items: K8sObject[] };
    expect(list.items.map((i) => i.kind)).toEqual(['HTTPRoute', 'Service']);
  });

  it('a .json file stays JSON', () => {
    const text = JSON.stringify(
      {
        apiVersion: 'networking.istio.io/v1',
        kind: 'VirtualService',
        metadata: { name: 'vs0' },
        spec: {},
      },
      null,
      2,
    );
    const one = rewrite(text, output('a.json', [entry(0, 'converted', [route('vs0')])]));
    expect(JSON.parse(one)).toEqual(route('vs0'));
    const two = rewrite(
      text,
      output('a.json', [entry(0, 'converted', [route('r1'), route('r2')])]),
    );
    expect(JSON.parse(two)).toEqual({
      apiVersion: 'v1',
      kind: 'List',
      items: [route('r1'), route('r2')],
    });
  });

  it('nothing to convert: the text is returned as it is', () => {
    const text = `${vs('vs0')}---\n${CM}`;
    expect(rewrite(text, output('a.yaml', [entry(0, 'kept'), entry(1, 'other')]))).toBe(text);
  });

  it('refuses a file with a syntax error', () => {
    const r = rewriteInPlace(
      `${vs('vs0')}---\nkey: [unclosed\n`,
      output('a.yaml', [entry(0, 'converted', [route('vs0')])]),
      [],
      { annotate: false },
    );
    expect(r).toEqual({ refused: expect.stringContaining('could not be read') });
  });

  it('--annotate: findings at the field of the generated object, or above it', () => {
    const at = (id: string, message: string, target?: Finding['target']): Finding => ({
      id: id as FindingId,
      severity: 'warning',
      message,
      source: {
        file: 'a.yaml',
        line: 1,
        column: 1,
        kind: 'VirtualService',
        namespace: 'default',
        name: 'vs0',
      },
      ...(target ? { target } : {}),
    });
    const findings = [
      at('prefix-semantics', 'prefix /a also matched /ab', {
        kind: 'HTTPRoute',
        namespace: 'default',
        name: 'vs0',
        path: 'spec.rules[0].matches[0].path.value',
      }),
      at('first-key', 'on a list item', {
        kind: 'HTTPRoute',
        name: 'vs0',
        path: 'spec.rules[0].backendRefs[0]',
      }),
      at('whole', 'about the whole route'),
      {
        ...at('elsewhere', 'another file'),
        source: {
          file: 'b.yaml',
          line: 1,
          column: 1,
          kind: 'VirtualService',
          namespace: 'default',
          name: 'vs0',
        },
      },
    ];
    const out = rewrite(
      vs('vs0'),
      output('a.yaml', [entry(0, 'converted', [route('vs0')])]),
      findings,
      true,
    );
    expect(out).toContain(
      '# converted by istio2gateway from VirtualService default/vs0\n# istio2gateway warning whole: about the whole route\napiVersion:',
    );
    expect(out).toContain(
      '            type: PathPrefix\n            # istio2gateway warning prefix-semantics: prefix /a also matched /ab\n            value: /\n',
    );
    expect(out).toContain(
      '      backendRefs:\n        # istio2gateway warning first-key: on a list item\n        - name: vs0\n',
    );
    expect(out).not.toContain('another file');
    expect(parseAllDocuments(out)[0]!.toJS()).toEqual(route('vs0'));
  });

  it.each([
    ['spec.rules[0].matches[1].path', ['spec', 'rules', 0, 'matches', 1, 'path']],
    ['metadata.annotations', ['metadata', 'annotations']],
  ])('parsePath(%s)', (path, parts) => expect(parsePath(path)).toEqual(parts));
});

describe('rewriteInPlace on hostile input', () => {
  it('an alias bomb in a JSON-named file is refused, not thrown', () => {
    const bomb = `a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\n---\n${vs('vs1')}`;
    const r = rewriteInPlace(bomb, output('a.json', [entry(1, 'converted', [route('vs1')])]), [], {
      annotate: false,
    });
    expect(r).toEqual({ refused: expect.stringContaining('could not be rewritten') });
  });
});
