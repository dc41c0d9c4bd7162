import { isMap, isPair, isScalar, isSeq, type LineCounter, type Node, parseAllDocuments } from 'yaml';
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
        const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(part));
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

function documentRoot(file: SourceFile, span: DocumentSpan): { root: Node | null | undefined; shift: number } {
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
function parseDocumentAt(file: SourceFile, span: DocumentSpan): { root: Node | null | undefined; shift: number } {
  const { text } = file;
  const lineStart = text.lastIndexOf('\n', span.start - 1) + 1;
  const lead = text.slice(lineStart, span.start);
  if (/^[ ]*$/.test(lead) && !/^%/m.test(text)) {
    const docs = parseAllDocuments(text.slice(lineStart, span.end), { uniqueKeys: true, prettyErrors: false });
    if (Array.isArray(docs) && docs.length === 1 && docs[0]!.errors.length === 0) return { root: docs[0]!.contents, shift: lineStart };
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

/** A locator for the start of the file, for findings about a whole file. */
export const FILE_START: Locator = { position: () => ({ line: 1, column: 1 }) };
