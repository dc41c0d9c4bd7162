import { type Document, isMap, isPair, isScalar, isSeq, parseAllDocuments, type Node } from 'yaml';
import type { FileEntry, FileOutput } from '../convert.js';
import type { Finding } from '../findings/finding.js';
import type { K8sObject } from '../gateway-api/types.js';
import { MAX_ALIASES } from '../parse/documents.js';
import { kubectlHeredocs } from '../parse/heredoc.js';
import { yamlCommentText } from './escape.js';
import { YAML_TO_STRING as YAML_OPTIONS, yamlDocument } from './yaml.js';

/** First words of the comment above every document `--write` generates. */
export const CONVERTED_MARK = '# converted by istio2gateway from';

export interface InPlaceOptions {
  /** Write each finding as a YAML comment at the field it concerns in the generated documents. */
  annotate: boolean;
}

export type InPlaceResult = { text: string } | { refused: string };

/**
 * The text of one input file after `--write`: every converted document's text is replaced by
 * its Gateway API documents at the same place, and everything else (other documents, comments
 * between documents, `---` lines, formatting) stays byte for byte. Works on the source ranges
 * of the YAML documents, never by re-serialising the file. Three exceptions, all documented in
 * the README: a `kind: List` document with a converted item is re-serialised as a whole (its
 * inner comments are lost); a `.json` file is re-serialised as JSON (it has no comments to
 * keep); comments inside a converted document go with it. Pure; never throws on bad input.
 */
export function rewriteInPlace(
  text: string,
  output: FileOutput,
  findings: readonly Finding[],
  opts: InPlaceOptions,
): InPlaceResult {
  try {
    return rewrite(text, output, findings, opts);
  } catch (e) {
    // e.g. a document past the alias limit: its value cannot be written anew, so nothing is.
    return { refused: `it could not be rewritten (${(e as Error).message.split('\n')[0]})` };
  }
}

function rewrite(
  text: string,
  output: FileOutput,
  findings: readonly Finding[],
  opts: InPlaceOptions,
): InPlaceResult {
  const docs = parseAllDocuments(text, { uniqueKeys: true, prettyErrors: false });
  const list = Array.isArray(docs) ? docs : [];
  // A syntax error may move document boundaries: no range of such a file is trusted.
  if (list.some((d) => d.errors.length > 0))
    return {
      refused: kubectlHeredocs(text)
        ? 'it is not YAML (its manifests were read from kubectl here-documents), so it is not rewritten in place; write the output with --out-dir or to stdout'
        : 'some of its documents could not be read, so it is not rewritten in place; fix them and run again',
    };
  const byDoc = new Map<number, FileEntry[]>();
  for (const e of output.entries) byDoc.set(e.docIndex, [...(byDoc.get(e.docIndex) ?? []), e]);
  const present = new Set(output.entries.map((e) => identity(e.kind, e.namespace, e.name)));
  const notes = opts.annotate ? notesByEntry(output, findings) : new Map<FileEntry, Finding[]>();
  const isJson = output.file.toLowerCase().endsWith('.json');

  type Edit = { start: number; end: number; text: string };
  const edits: Edit[] = [];
  const jsonObjects: unknown[] = [];
  let changed = false;
  list.forEach((doc, docIndex) => {
    const entries = byDoc.get(docIndex) ?? [];
    const asWritten = (): unknown => doc.toJS({ maxAliasCount: MAX_ALIASES });
    if (
      entries.length === 0 ||
      doc.contents === null ||
      !entries.some((e) => e.status === 'converted' || additions(e, present).length > 0)
    ) {
      if (isJson && doc.contents !== null) jsonObjects.push(asWritten());
      return;
    }
    changed = true;
    const region = contentRegion(text, doc.contents);
    if (entries.some((e) => e.itemIndex !== undefined)) {
      // A `kind: List`: only this document is written anew, items in their order.
      const listObject = asWritten() as Record<string, unknown>;
      const rebuilt = rebuildList(listObject, entries, present, notes);
      if (isJson) jsonObjects.push(rebuilt.toJS());
      else
        edits.push({
          ...region,
          text: (region.atLineStart ? '' : '\n') + rebuilt.toString(YAML_OPTIONS),
        });
      return;
    }
    const entry = entries[0]!;
    if (entry.status === 'converted') {
      if (isJson) jsonObjects.push(...entry.generated);
      else
        edits.push({
          ...region,
          text:
            (region.atLineStart ? '' : '\n') +
            generatedDocuments(entry, entry.generated, notes.get(entry) ?? []),
        });
    } else {
      const added = additions(entry, present);
      if (isJson) jsonObjects.push(asWritten(), ...added);
      else
        edits.push({
          start: region.end,
          end: region.end,
          text: `${region.endsWithNewline ? '' : '\n'}---\n${generatedDocuments(entry, added, [])}`,
        });
    }
  });
  if (!changed) return { text };
  if (isJson) {
    const doc =
      jsonObjects.length === 1
        ? jsonObjects[0]
        : { apiVersion: 'v1', kind: 'List', items: jsonObjects };
    return { text: `${JSON.stringify(doc, null, 2)}\n` };
  }
  const crlf = text.includes('\r\n');
  let out = text;
  for (const e of edits.sort((a, b) => b.start - a.start)) {
    out =
      out.slice(0, e.start) + (crlf ? e.text.replace(/\r?\n/g, '\r\n') : e.text) + out.slice(e.end);
  }
  return { text: out };
}

function identity(kind: string, namespace: string | undefined, name: string): string {
  return `${kind}/${namespace ?? ''}/${name}`;
}

/** Objects the conversion added after a kept resource, less those the file already holds (a second `--write`). */
function additions(e: FileEntry, present: ReadonlySet<string>): K8sObject[] {
  if (e.status === 'converted') return [];
  return e.generated.filter(
    (o) => !present.has(identity(o.kind, o.metadata.namespace, o.metadata.name)),
  );
}

interface Region {
  start: number;
  end: number;
  atLineStart: boolean;
  endsWithNewline: boolean;
}

/**
 * The text of a document's content: from its first node (the start of its line when only
 * indentation precedes it) to the end of the line of its last value. Comments before the
 * content, after its last value and the `---` lines around it are outside.
 */
function contentRegion(text: string, contents: Node): Region {
  let start = contents.range![0];
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  const atLineStart = text.slice(lineStart, start).trim() === '';
  if (atLineStart) start = lineStart;
  else while (start > lineStart && (text[start - 1] === ' ' || text[start - 1] === '\t')) start--; // `--- {…}`: no trailing space left on the `---` line
  let end = lastValueEnd(contents);
  if (end === 0 || text[end - 1] !== '\n') {
    const nl = text.indexOf('\n', end);
    end = nl < 0 ? text.length : nl + 1;
  }
  return { start, end, atLineStart, endsWithNewline: text[end - 1] === '\n' };
}

/** Where the last value of a node ends (block collections' ranges also span trailing comments). */
function lastValueEnd(node: unknown): number {
  if (isMap(node) || isSeq(node)) {
    if (node.flow || node.items.length === 0) return node.range![1];
    const last = node.items[node.items.length - 1];
    if (isPair(last)) return lastValueEnd(last.value ?? last.key);
    return lastValueEnd(last);
  }
  return (node as { range?: [number, number, number] } | null)?.range?.[1] ?? 0;
}

/** For a comment line: names come from input and may hold line breaks. */
function sourceName(e: FileEntry): string {
  return yamlCommentText(`${e.kind} ${e.namespace}/${e.name}`);
}

/** `---`-separated documents, each under a comment naming the resource it came from. */
function generatedDocuments(
  entry: FileEntry,
  objects: readonly K8sObject[],
  notes: readonly Finding[],
): string {
  const head = `${CONVERTED_MARK} ${sourceName(entry)}`;
  if (objects.length === 0) {
    const by = entry.carriedBy?.map(yamlCommentText).join(', ');
    return (
      [
        by
          ? `${head}: its delegated rules are in ${by}, written in place of the delegates`
          : `${head}: no Gateway API object replaces it (see the findings)`,
        ...notes.map((f) => `# ${noteText(f)}`),
      ].join('\n') + '\n'
    );
  }
  const placed = placeNotes(objects, notes);
  return objects
    .map((o, i) => {
      const doc = yamlDocument(o);
      const above = annotate(doc, [], placed.get(i) ?? []);
      return [head, ...above.map((l) => `# ${l}`)].join('\n') + '\n' + doc.toString(YAML_OPTIONS);
    })
    .join('---\n');
}

function rebuildList(
  list: Record<string, unknown>,
  entries: readonly FileEntry[],
  present: ReadonlySet<string>,
  notes: ReadonlyMap<FileEntry, Finding[]>,
): Document {
  const items = Array.isArray(list.items) ? (list.items as unknown[]) : [];
  const byItem = new Map(
    entries.filter((e) => e.itemIndex !== undefined).map((e) => [e.itemIndex!, e]),
  );
  const out: unknown[] = [];
  const origins: { at: number; entry: FileEntry; notes: Finding[] }[] = [];
  items.forEach((item, i) => {
    const e = byItem.get(i);
    if (e?.status === 'converted') {
      const placed = placeNotes(e.generated, notes.get(e) ?? []);
      e.generated.forEach((o, k) => {
        origins.push({ at: out.length, entry: e, notes: placed.get(k) ?? [] });
        out.push(o);
      });
      return;
    }
    out.push(item);
    for (const o of e ? additions(e, present) : []) {
      origins.push({ at: out.length, entry: e!, notes: [] });
      out.push(o);
    }
  });
  const doc = yamlDocument({ ...list, items: out });
  for (const { at, entry, notes: itemNotes } of origins) {
    const above = annotate(doc, ['items', at], itemNotes);
    // tsc needs this assertion (typescript-eslint's type for yaml's node differs)
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-assertion
    const node = (doc.getIn(['items', at], true) ?? null) as {
      commentBefore?: string | null;
    } | null;
    if (node)
      node.commentBefore = [
        ` ${CONVERTED_MARK.slice(2)} ${sourceName(entry)}`,
        ...above.map((l) => ` ${l}`),
        ...(node.commentBefore ? [node.commentBefore] : []),
      ].join('\n');
  }
  return doc;
}

// ---- --annotate -------------------------------------------------------------------------

/** Findings about each converted resource of the file (kept resources stay as written). */
function notesByEntry(output: FileOutput, findings: readonly Finding[]): Map<FileEntry, Finding[]> {
  const out = new Map<FileEntry, Finding[]>();
  for (const e of output.entries) {
    if (e.status !== 'converted') continue;
    const mine = findings.filter(
      (f) =>
        f.source?.file === output.file &&
        f.source.kind === e.kind &&
        f.source.namespace === e.namespace &&
        f.source.name === e.name,
    );
    if (mine.length) out.set(e, mine);
  }
  return out;
}

/** Which generated object each finding belongs to: its `target`, else the first. */
function placeNotes(
  objects: readonly K8sObject[],
  notes: readonly Finding[],
): Map<number, Finding[]> {
  const out = new Map<number, Finding[]>();
  for (const f of notes) {
    const t = f.target;
    let i = t
      ? objects.findIndex(
          (o) =>
            o.kind === t.kind &&
            o.metadata.name === t.name &&
            (t.namespace === undefined || o.metadata.namespace === t.namespace),
        )
      : -1;
    if (i < 0) i = 0;
    out.set(i, [...(out.get(i) ?? []), f]);
  }
  return out;
}

function noteText(f: Finding): string {
  // Messages quote input (header names, hosts): one comment line whatever they hold, or a
  // crafted value would end the comment and add a document of its own to the written file.
  return yamlCommentText(`istio2gateway ${f.severity} ${f.id}: ${f.message}`);
}

/** `spec.rules[0].matches` → `['spec', 'rules', 0, 'matches']`. */
export function parsePath(path: string): (string | number)[] {
  const out: (string | number)[] = [];
  for (const m of path.matchAll(/\[(\d+)\]|([^.[\]]+)/g))
    out.push(m[1] !== undefined ? Number(m[1]) : m[2]!);
  return out;
}

/**
 * Puts each finding as a comment above the field its `target.path` names (the deepest part of
 * the path that exists) inside the node at `base`; returns the lines of those that have no
 * field, for the caller to write above the object.
 */
function annotate(doc: Document, base: (string | number)[], notes: readonly Finding[]): string[] {
  const above: string[] = [];
  for (const f of notes) {
    const path = f.target?.path ? parsePath(f.target.path) : [];
    const holder = path.length ? commentHolder(doc, base, path) : undefined;
    if (!holder) {
      above.push(noteText(f));
      continue;
    }
    holder.commentBefore = [
      ...(holder.commentBefore ? [holder.commentBefore] : []),
      ` ${noteText(f)}`,
    ].join('\n');
  }
  return above;
}

type Commentable = { commentBefore?: string | null };

/** The node whose `commentBefore` prints right above the field at `path`. */
function commentHolder(
  doc: Document,
  base: (string | number)[],
  path: (string | number)[],
): Commentable | undefined {
  let node: unknown = base.length ? doc.getIn(base, true) : doc.contents;
  let seqItem: unknown;
  let holder: Commentable | undefined;
  for (const part of path) {
    if (isMap(node)) {
      const i = node.items.findIndex(
        (p) => isScalar(p.key) && String(p.key.value) === String(part),
      );
      if (i < 0) break;
      const pair = node.items[i]!;
      // The first key of a list item prints on the `- ` line: comment the item instead.
      // tsc needs this assertion (typescript-eslint's type for yaml's node differs)
      // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-assertion
      holder = i === 0 && seqItem === node ? (node as Commentable) : (pair.key as Commentable);
      node = pair.value;
      seqItem = undefined;
    } else if (isSeq(node) && typeof part === 'number' && node.items[part] !== undefined) {
      node = node.items[part];
      holder = node as Commentable;
      seqItem = node;
    } else {
      break;
    }
  }
  return holder;
}
