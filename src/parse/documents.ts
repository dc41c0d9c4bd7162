import { isMap, LineCounter, parseAllDocuments, type Document, type Tags } from 'yaml';
import type { Finding, FindingId } from '../findings/finding.js';
import { findingMeta } from '../findings/catalog.js';
import {
  type DocumentSpan,
  documentShape,
  LazyYamlLocator,
  rememberDocument,
  ShapeLocator,
  type SourceFile,
  YamlLocator,
} from './locate.js';
import type { FieldPath, Locator } from '../model/resources.js';
import { kubectlHeredocs } from './heredoc.js';

/** One file's text (or stdin's, `-`). */
export interface InputFile {
  file: string;
  /** The text, without a byte-order mark. */
  text: string;
  /** The file on disk starts with a UTF-8 byte-order mark (patches must keep it to apply). */
  bom?: boolean;
}

/** One Kubernetes object read from a file: plain data plus where each of its fields stands. */
export interface RawObject {
  file: string;
  docIndex: number;
  itemIndex?: number;
  /** Where the file applies it when it names no namespace (`kubectl apply -n ns -f - <<EOF`). */
  namespace?: string;
  data: Record<string, unknown>;
  locator: Locator;
}

export interface ParsedFile {
  file: string;
  objects: RawObject[];
  findings: Finding[];
}

/** Largest number of alias expansions in one document: bounds "billion laughs" inputs. */
export const MAX_ALIASES = 1000;

function fileFinding(
  id: FindingId,
  file: string,
  message: string,
  line = 1,
  column = 1,
  hint?: string,
): Finding {
  const f: Finding = {
    id,
    severity: findingMeta(id).severity,
    message,
    source: { file, line, column },
  };
  if (hint) f.hint = hint;
  return f;
}

export interface ParseFileOptions {
  /**
   * Read scalars as YAML 1.1 does, as kubectl, Helm and Argo CD read them (go-yaml v2): plain
   * `no`, `on`, `y` are booleans, `1_000` and `0b101` numbers. Timestamps stay strings, as
   * go-yaml gives them when decoding into an untyped value (sigs.k8s.io/yaml).
   */
  yaml11?: boolean;
}

const YAML11 = {
  version: '1.1',
  customTags: (tags: Tags) =>
    tags.filter((t) => typeof t === 'string' || t.tag !== 'tag:yaml.org,2002:timestamp'),
} as const;

/**
 * Splits a file into its Kubernetes objects. Never throws: problems become findings. A file that
 * is not YAML but holds kubectl here-documents (`kubectl apply -f - <<EOF`, as docs show
 * manifests) is read as the YAML inside them (heredoc.ts), with `shell-heredoc-read`.
 */
export function parseFile(input: InputFile, opts: ParseFileOptions = {}): ParsedFile {
  const parsed = parseText(input, opts);
  if (!parsed.findings.some((f) => f.id === 'yaml-syntax')) return parsed;
  const heredocs = kubectlHeredocs(input.text);
  if (!heredocs) return parsed;
  const inner = parseText({ ...input, text: heredocs.text }, opts, heredocs.namespaceAt);
  const n = heredocs.blocks;
  inner.findings.unshift(
    fileFinding(
      'shell-heredoc-read',
      input.file,
      `the file is not YAML but holds ${n} kubectl here-document${n === 1 ? '' : 's'} ` +
        `(<<EOF … EOF): the YAML inside ${n === 1 ? 'it is' : 'them is'} read, ` +
        'every other line is ignored',
      heredocs.firstLine,
    ),
  );
  return inner;
}

function parseText(
  input: InputFile,
  opts: ParseFileOptions,
  namespaceAt?: (offset: number) => string | undefined,
): ParsedFile {
  const { file, text } = input;
  const out: ParsedFile = { file, objects: [], findings: [] };
  if (text.includes('\u0000')) {
    out.findings.push(
      fileFinding(
        'binary-file',
        file,
        'the file holds NUL bytes: it is not a YAML or JSON manifest',
      ),
    );
    return out;
  }
  const lines = new LineCounter();
  const docs = parseAllDocuments(text, {
    lineCounter: lines,
    uniqueKeys: true,
    prettyErrors: false,
    ...(opts.yaml11 ? YAML11 : {}),
  });
  const list: Document.Parsed[] = Array.isArray(docs) ? docs : [];
  // Locators keep the text and a compact table of line starts, not the documents' syntax trees.
  lines.lineStarts = Uint32Array.from(lines.lineStarts) as unknown as number[];
  const source: SourceFile = { text, lines };
  let sawContent = false;
  list.forEach((doc, docIndex) => {
    if (doc.errors.length > 0) {
      const err = doc.errors[0]!;
      const { line, col } = lines.linePos(err.pos[0]);
      const more =
        doc.errors.length > 1
          ? ` (and ${doc.errors.length - 1} more error(s) in this document)`
          : '';
      out.findings.push(
        fileFinding(
          'yaml-syntax',
          file,
          `${firstLine(err.message)}${more}`,
          line,
          col,
          'fix the syntax; the other documents of the file are still read',
        ),
      );
      sawContent = true;
      return;
    }
    let data: unknown;
    try {
      data = doc.toJS({ maxAliasCount: MAX_ALIASES });
    } catch (e) {
      const { line, col } = lines.linePos(doc.range[0]);
      out.findings.push(
        fileFinding(
          'yaml-syntax',
          file,
          `the document could not be read: ${firstLine((e as Error).message)}`,
          line,
          col,
          'aliases are bounded to protect against alias bombs',
        ),
      );
      sawContent = true;
      return;
    }
    if (data === null || data === undefined) return; // an empty document between `---` lines
    sawContent = true;
    const span: DocumentSpan = { start: doc.range[0], end: doc.range[2], docIndex };
    // Most documents get a shape (positions from the data, no parse); the rest are parsed again when asked.
    const shape = documentShape(doc.contents, data);
    if (!shape) rememberDocument(span, doc.contents);
    const locatorAt = (base: FieldPath): Locator => {
      const origin = new YamlLocator(doc.contents, lines, base).position([]);
      return shape
        ? new ShapeLocator(lines, shape, data, base, origin)
        : new LazyYamlLocator(source, span, base, origin);
    };
    const docLocator = locatorAt([]);
    if (!isMap(doc.contents) || typeof data !== 'object' || Array.isArray(data)) {
      const pos = docLocator.position([]);
      out.findings.push(
        fileFinding(
          'missing-kind',
          file,
          'the document is not a mapping, so it is not a Kubernetes object',
          pos.line,
          pos.column,
        ),
      );
      return;
    }
    const obj = data as Record<string, unknown>;
    const ns = namespaceAt?.(doc.range[0]);
    const applied = ns ? { namespace: ns } : {};
    if (obj.kind === 'List' && Array.isArray(obj.items)) {
      obj.items.forEach((item, itemIndex) => {
        accept(
          out,
          {
            file,
            docIndex,
            itemIndex,
            data: item as Record<string, unknown>,
            locator: locatorAt(['items', itemIndex]),
            ...applied,
          },
          ['items', itemIndex],
        );
      });
      return;
    }
    accept(out, { file, docIndex, data: obj, locator: docLocator, ...applied }, []);
  });
  if (!sawContent)
    out.findings.push(fileFinding('empty-file', file, 'the file holds no YAML or JSON documents'));
  return out;
}

function accept(out: ParsedFile, o: RawObject, at: FieldPath): void {
  const d = o.data as unknown;
  const pos = o.locator.position([]);
  if (typeof d !== 'object' || d === null || Array.isArray(d)) {
    out.findings.push(
      fileFinding(
        'missing-kind',
        o.file,
        `${at.length ? 'a List item' : 'the document'} is not a mapping, so it is not a Kubernetes object`,
        pos.line,
        pos.column,
      ),
    );
    return;
  }
  const missing = ['apiVersion', 'kind'].filter(
    (k) =>
      typeof (d as Record<string, unknown>)[k] !== 'string' ||
      (d as Record<string, unknown>)[k] === '',
  );
  if (missing.length) {
    out.findings.push(
      fileFinding(
        'missing-kind',
        o.file,
        `the ${at.length ? 'List item' : 'document'} has no ${missing.join(' and ')}`,
        pos.line,
        pos.column,
        'every Kubernetes manifest needs apiVersion and kind',
      ),
    );
    return;
  }
  out.objects.push(o);
}

function firstLine(s: string): string {
  return s.split('\n')[0]!.trim();
}
