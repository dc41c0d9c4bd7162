import type { Node, SourceFile } from 'ts-morph';
import { Computed, type Extracted, type Occurrence, type Value } from './extract.js';
import type { Site } from './find.js';
import { type FieldPath, formatPath } from '../model/resources.js';

/** One Istio resource found in TypeScript, read as data, with the name it has in the conversion. */
export interface SourceResource {
  site: Site;
  sf: SourceFile;
  /** The file as findings and diffs show it. */
  file: string;
  extracted: Extracted;
  /** The resource as a manifest (apiVersion and kind included), computed values still open. */
  value: Record<string, Value>;
  /** Its input file name in the conversion: one resource per input file, so each file's output is its replacement. */
  inputName: string;
}

export function kindOf(r: SourceResource): string {
  return r.site.kind;
}

/** metadata.namespace and metadata.name as written (`<computed>` when computed, empty when absent). */
export function nameOf(r: SourceResource): { namespace: string; name: string } {
  const meta = r.value.metadata;
  const part = (k: string): string => {
    const v =
      meta && typeof meta === 'object' && !Array.isArray(meta) && !(meta instanceof Computed)
        ? meta[k]
        : undefined;
    return typeof v === 'string' ? v : v === undefined ? '' : '<computed>';
  };
  return { namespace: part('namespace'), name: part('name') };
}

/** `VirtualService default/reviews` for messages. */
export function describe(r: SourceResource): string {
  const { namespace, name } = nameOf(r);
  return `${r.site.kind} ${namespace ? `${namespace}/` : ''}${name || '<unnamed>'}`;
}

/** The node of the deepest field of `path` that the source writes (the resource itself at worst). */
export function nodeAt(r: SourceResource, path: FieldPath | string | undefined): Node {
  const text = typeof path === 'string' ? path : path ? formatPath(path) : '';
  let p = text;
  while (p) {
    const n = r.extracted.nodes.get(p);
    if (n) return n;
    const cut = Math.max(p.lastIndexOf('.'), p.lastIndexOf('['));
    p = cut > 0 ? p.slice(0, cut) : '';
  }
  return r.site.node;
}

export function positionOf(node: Node): { line: number; column: number } {
  return node.getSourceFile().getLineAndColumnAtPos(node.getStart());
}

export function occurrencesOf(r: SourceResource): readonly Occurrence[] {
  return r.extracted.occurrences;
}
