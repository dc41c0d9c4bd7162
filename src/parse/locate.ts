import {
  isMap,
  isPair,
  isScalar,
  isSeq,
  type LineCounter,
  type Node,
  parseAllDocuments,
} from 'yaml';
import type { FieldPath, Locator, Position } from '../model/resources.js';

/**
 * Finds fields in a parsed YAML document: a map member is located at its key (`uri:`), a list
 * item at its first character. A path that does not exist is located at its deepest ancestor.
 */
export class YamlLocator implements Locator {
  constructor(
    private readonly root: Node | null | undefined,
    private readonly lines: LineCounter,
    private readonly base: FieldPath = [],
    /** Added to every offset in `root` (a document re-parsed from a slice of its file). */
    private readonly shift = 0,
  ) {}

  position(path: FieldPath): Position {
    let node: unknown = this.root;
    let at = this.rangeStart(node) ?? 0;
    for (const part of [...this.base, ...path]) {
      if (isMap(node)) {
        const pair = node.items.find(
          (p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(part),
        );
        if (!pair) break;
        at = this.rangeStart(pair.key) ?? at;
        node = pair.value;
      } else if (isSeq(node) && typeof part === 'number' && node.items[part] !== undefined) {
        node = node.items[part];
        at = this.rangeStart(node) ?? at;
      } else {
        break;
      }
    }
    const { line, col } = this.lines.linePos(at);
    return { line, column: col };
  }

  private rangeStart(node: unknown): number | undefined {
    const range = (node as { range?: [number, number, number] } | null)?.range;
    return range ? range[0] + this.shift : undefined;
  }
}

/** One file as the lazy locators of its documents share it: its text and where its lines start. */
export interface SourceFile {
  text: string;
  lines: LineCounter;
}

/** A document's place in its file: `[start, end)` of its source, its index among the file's documents. */
export interface DocumentSpan {
  start: number;
  end: number;
  docIndex: number;
}

/**
 * Parsed documents kept for position lookups, the most recently used last. Findings about one
 * resource come in bursts, so a few dozen documents serve nearly every lookup; the rest of the
 * input holds no syntax tree, so memory stays near the size of the text.
 */
const CACHE_SIZE = 64;
const cache = new Map<DocumentSpan, { root: Node | null | undefined; shift: number }>();

/** Puts a document just parsed in the cache: the findings about it while it is read need no parse. */
export function rememberDocument(span: DocumentSpan, root: Node | null | undefined): void {
  cache.set(span, { root, shift: 0 });
  if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value!);
}

function documentRoot(
  file: SourceFile,
  span: DocumentSpan,
): { root: Node | null | undefined; shift: number } {
  const hit = cache.get(span);
  if (hit) {
    cache.delete(span);
    cache.set(span, hit);
    return hit;
  }
  const parsed = parseDocumentAt(file, span);
  cache.set(span, parsed);
  if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value!);
  return parsed;
}

/**
 * The document re-parsed from its own slice of the file (from the start of its first line, so
 * indentation reads the same), offsets shifted back. Where the slice could read differently
 * (directives, text before the document on its line, a slice that is not one clean document),
 * the whole file is parsed again instead: the answer is always the one the full parse gives.
 */
function parseDocumentAt(
  file: SourceFile,
  span: DocumentSpan,
): { root: Node | null | undefined; shift: number } {
  const { text } = file;
  const lineStart = text.lastIndexOf('\n', span.start - 1) + 1;
  const lead = text.slice(lineStart, span.start);
  if (/^[ ]*$/.test(lead) && !/^%/m.test(text)) {
    const docs = parseAllDocuments(text.slice(lineStart, span.end), {
      uniqueKeys: true,
      prettyErrors: false,
    });
    if (Array.isArray(docs) && docs.length === 1 && docs[0]!.errors.length === 0)
      return { root: docs[0]!.contents, shift: lineStart };
  }
  const docs = parseAllDocuments(text, { uniqueKeys: true, prettyErrors: false });
  const all = Array.isArray(docs) ? docs : [];
  return { root: all[span.docIndex]?.contents, shift: 0 };
}

/**
 * A YamlLocator whose syntax tree is parsed again when asked (and kept in a small cache) instead
 * of living as long as the resource: the same answers, a fraction of the memory.
 */
export class LazyYamlLocator implements Locator {
  constructor(
    private readonly file: SourceFile,
    private readonly span: DocumentSpan,
    private readonly base: FieldPath,
    /** `position([])`, known when the resource was read (every resource is asked it). */
    private readonly origin: Position,
  ) {}

  position(path: FieldPath): Position {
    if (path.length === 0) return { ...this.origin };
    const { root, shift } = documentRoot(this.file, this.span);
    return new YamlLocator(root, this.file.lines, this.base, shift).position(path);
  }
}

/**
 * A document's shape: one entry per node reachable the way `YamlLocator` walks (map members in
 * the order of `Object.keys` of the document's data, list items in order), pre-order. Each entry
 * is the offset `YamlLocator` answers for that node (a member's key, an item's first character),
 * with a flag saying whether the walk may go on into it as a map or a list. Built from the syntax
 * tree while it exists, so a field's position later needs neither the tree nor a parse.
 */
const SHAPE_MAP = 0x80000000;
const SHAPE_SEQ = 0x40000000;
const SHAPE_OFFSET = 0x3fffffff;

/**
 * The shape of `root`, whose plain data is `data`; undefined where the data and the tree do not
 * pair one to one (a key that is not a scalar, keys that read the same as strings, a node
 * without a range…): such documents keep being located by parsing them again.
 */
export function documentShape(
  root: Node | null | undefined,
  data: unknown,
): Uint32Array | undefined {
  if (!root) return undefined;
  const out: number[] = [];
  const add = (at: number, node: unknown, value: unknown): boolean => {
    if (at > SHAPE_OFFSET) return false;
    if (isMap(node)) {
      if (
        typeof value !== 'object' ||
        value === null ||
        Object.getPrototypeOf(value) !== Object.prototype
      )
        return false;
      const keys = Object.keys(value);
      if (keys.length !== node.items.length) return false;
      const pairs = new Map<string, { key: Node; value: unknown }>();
      for (const p of node.items) {
        if (!isScalar(p.key) || !p.key.range) return false;
        const k = String(p.key.value);
        if (pairs.has(k)) return false;
        pairs.set(k, { key: p.key, value: p.value });
      }
      out.push(at | SHAPE_MAP);
      for (const k of keys) {
        const p = pairs.get(k);
        if (!p || !add(p.key.range![0], p.value, (value as Record<string, unknown>)[k]))
          return false;
      }
      return true;
    }
    if (isSeq(node)) {
      if (!Array.isArray(value) || value.length !== node.items.length) return false;
      out.push(at | SHAPE_SEQ);
      for (let i = 0; i < node.items.length; i++) {
        const item = node.items[i] as Node | null;
        if (!item?.range || !add(item.range[0], item, value[i])) return false;
      }
      return true;
    }
    out.push(at); // a scalar, an alias, or nothing: the walk stops here
    return true;
  };
  return root.range && add(root.range[0], root, data) ? Uint32Array.from(out) : undefined;
}

const subtreeSizes = new WeakMap<Uint32Array, Uint32Array>();

/**
 * Number of entries of each node's subtree (itself included), computed once per document when a
 * field of it is first located: skipping a sibling is then one step, not a walk of its subtree
 * (a VirtualService with 1,000 rules × 50 headers has 50,000 findings to place).
 */
function sizesOf(shape: Uint32Array, data: unknown): Uint32Array {
  let sizes = subtreeSizes.get(shape);
  if (sizes) return sizes;
  const out = new Uint32Array(shape.length);
  const fill = (i: number, value: unknown): number => {
    const e = shape[i]!;
    let n = 1;
    if (e & SHAPE_MAP)
      for (const k of Object.keys(value as object))
        n += fill(i + n, (value as Record<string, unknown>)[k]);
    else if (e & SHAPE_SEQ) for (const item of value as unknown[]) n += fill(i + n, item);
    out[i] = n;
    return n;
  };
  fill(0, data);
  subtreeSizes.set(shape, (sizes = out));
  return sizes;
}

/**
 * Locates fields through a document's shape and its plain data (kept anyway as the resource's
 * `raw`): the answers `YamlLocator` gives on the parsed tree, with no tree and no parse.
 */
export class ShapeLocator implements Locator {
  constructor(
    private readonly lines: LineCounter,
    private readonly shape: Uint32Array,
    /** The document's data, as the shape was built from it (never changed after reading). */
    private readonly data: unknown,
    private readonly base: FieldPath,
    private readonly origin: Position,
  ) {}

  position(path: FieldPath): Position {
    if (path.length === 0) return { ...this.origin };
    const { shape } = this;
    const sizes = sizesOf(shape, this.data);
    let i = 0;
    let value = this.data;
    for (const part of [...this.base, ...path]) {
      const e = shape[i]!;
      let index: number;
      let children: unknown[];
      if (e & SHAPE_MAP) {
        const keys = Object.keys(value as object);
        index = keys.indexOf(String(part));
        if (index < 0) break;
        children = keys.map((k) => (value as Record<string, unknown>)[k]);
      } else if (
        e & SHAPE_SEQ &&
        typeof part === 'number' &&
        Number.isInteger(part) &&
        part >= 0 &&
        part < (value as unknown[]).length
      ) {
        index = part;
        children = value as unknown[];
      } else {
        break;
      }
      let j = i + 1;
      for (let c = 0; c < index; c++) j += sizes[j]!;
      i = j;
      value = children[index];
    }
    const { line, col } = this.lines.linePos(shape[i]! & SHAPE_OFFSET);
    return { line, column: col };
  }
}

/** A locator for the start of the file, for findings about a whole file. */
export const FILE_START: Locator = { position: () => ({ line: 1, column: 1 }) };
