import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LineCounter, parseAllDocuments } from 'yaml';
import { parseFile } from '../../src/parse/documents.js';
import { kubectlHeredocs } from '../../src/parse/heredoc.js';
import { ShapeLocator, YamlLocator } from '../../src/parse/locate.js';
import type { FieldPath } from '../../src/model/resources.js';
import { HAS_SHARED, listFiles, SHARED } from '../helpers/shared.js';

const ROOT = new URL('../../', import.meta.url).pathname;

/** Every path into `value`, plus paths that lead nowhere (a missing key, an index past the end, a step below a scalar). */
function allPaths(
  value: unknown,
  at: (string | number)[] = [],
  out: FieldPath[] = [],
): FieldPath[] {
  out.push(at);
  if (Array.isArray(value)) {
    value.forEach((v, i) => allPaths(v, [...at, i], out));
    out.push([...at, value.length], [...at, -1], [...at, 0.5], [...at, 'x']);
  } else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) allPaths(v, [...at, k], out);
    out.push([...at, 'no-such-field'], [...at, 0]);
  } else {
    out.push([...at, 'below-a-scalar']);
  }
  return out;
}

/**
 * Compares every position `parseFile`'s locators answer with the one the full parse gives
 * (`YamlLocator` on the document's tree). Returns how many objects were located by shape.
 */
function compareFile(file: string, text: string): { objects: number; shaped: number } {
  const parsed = parseFile({ file, text });
  // A page read through its kubectl here-documents is located in the blanked text, which keeps
  // every offset of the file.
  const read = parsed.findings.some((f) => f.id === 'shell-heredoc-read')
    ? kubectlHeredocs(text)!.text
    : text;
  const lines = new LineCounter();
  const docs = parseAllDocuments(read, {
    lineCounter: lines,
    uniqueKeys: true,
    prettyErrors: false,
  });
  const list = Array.isArray(docs) ? docs : [];
  let shaped = 0;
  for (const o of parsed.objects) {
    if (o.locator instanceof ShapeLocator) shaped++;
    const base = o.itemIndex === undefined ? [] : ['items', o.itemIndex];
    const truth = new YamlLocator(list[o.docIndex]!.contents, lines, base);
    for (const path of allPaths(o.data)) {
      expect(
        o.locator.position(path),
        `${file} document ${o.docIndex} ${JSON.stringify(path)}`,
      ).toEqual(truth.position(path));
    }
  }
  return { objects: parsed.objects.length, shaped };
}

const EDGE_CASES: Record<string, string> = {
  directive: '%YAML 1.2\n---\napiVersion: v1\nkind: A\nmetadata: {name: a}\n',
  'indented first document': '  apiVersion: v1\n  kind: A\n  spec:\n    x: [1, 2]\n',
  'content after the marker':
    '--- {apiVersion: v1, kind: A, spec: {a: 1}}\n--- \napiVersion: v1\nkind: B\n',
  'document end marker':
    'apiVersion: v1\nkind: A\nspec: {a: [x]}\n...\n---\napiVersion: v1\nkind: B\nspec:\n  - a\n',
  CRLF: 'apiVersion: v1\r\nkind: A\r\nspec:\r\n  http:\r\n  - route:\r\n    - destination: {host: a}\r\n',
  'anchors and aliases':
    'apiVersion: v1\nkind: A\nspec:\n  a: &x\n    b: [1, {c: 2}]\n  d: *x\n  e:\n    - *x\n    - f: 1\n',
  'kind: List':
    'apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: A\n  spec: {a: 1}\n- apiVersion: v1\n  kind: B\n  spec:\n    b: [1, 2]\n',
  'integer-like keys out of order':
    'apiVersion: v1\nkind: A\nspec:\n  b: 1\n  10: {x: 1}\n  a: [1]\n  2: {y: [2]}\n  "1": z\n',
  'null, boolean and float keys':
    'apiVersion: v1\nkind: A\nspec:\n  ~: 1\n  true: {a: 1}\n  1.0: 2\n',
  'keys equal as strings': 'apiVersion: v1\nkind: A\nspec:\n  1: a\n  "1": b\n  c: [1]\n',
  'a key that is a map': 'apiVersion: v1\nkind: A\nspec:\n  ? {a: 1}\n  : b\n  c: 1\n',
  'an alias as a key': 'apiVersion: v1\nkind: A\nx: &k key\nspec:\n  *k : 1\n  c: [2]\n',
  '__proto__ key': 'apiVersion: v1\nkind: A\nspec:\n  __proto__: {a: 1}\n  b: 2\n',
  'empty values': 'apiVersion: v1\nkind: A\nspec:\n  a:\n  b: []\n  c: {}\n  d:\n  -\n  - x\n',
  'block scalars and comments':
    'apiVersion: v1 # c\nkind: A\n# between\nspec:\n  a: |\n    line\n    line\n  b: >-\n    folded\n  c:\n    # inside\n    - 1\n',
  'nested lists': 'apiVersion: v1\nkind: A\nspec:\n- - - a\n  - [b, [c]]\n- {d: [e]}\n',
};

describe('field positions without a second parse', () => {
  for (const [name, text] of Object.entries(EDGE_CASES)) {
    it(`match the full parse: ${name}`, () => {
      expect(compareFile(`${name}.yaml`, text).objects).toBeGreaterThan(0);
    });
  }

  it('fall back to parsing again where data and tree do not pair one to one', () => {
    expect(compareFile('a.yaml', EDGE_CASES['keys equal as strings']!).shaped).toBe(0);
    expect(compareFile('a.yaml', EDGE_CASES['a key that is a map']!).shaped).toBe(0);
    expect(compareFile('a.yaml', EDGE_CASES['null, boolean and float keys']!).shaped).toBe(0);
    expect(compareFile('a.yaml', EDGE_CASES['integer-like keys out of order']!).shaped).toBe(1);
    expect(compareFile('a.yaml', EDGE_CASES['anchors and aliases']!).shaped).toBe(1);
  });

  it('match the full parse on every sample and test manifest', () => {
    let shaped = 0;
    for (const file of [...listFiles(join(ROOT, 'samples')), ...listFiles(join(ROOT, 'test'))])
      shaped += compareFile(file, readFileSync(file, 'utf8')).shaped;
    expect(shaped).toBeGreaterThan(100);
  });

  it.skipIf(!HAS_SHARED)('match the full parse on every corpus manifest', () => {
    let shaped = 0;
    for (const file of listFiles(join(SHARED, 'corpus')))
      shaped += compareFile(file, readFileSync(file, 'utf8')).shaped;
    expect(shaped).toBeGreaterThan(100);
  });
});
