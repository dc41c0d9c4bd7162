import { isMap, isPair, isScalar, isSeq, type LineCounter, type Node } from 'yaml';
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
    return range ? range[0] : undefined;
  }
}

/** A locator for the start of the file, for findings about a whole file. */
export const FILE_START: Locator = { position: () => ({ line: 1, column: 1 }) };
