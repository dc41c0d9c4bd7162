import { stringify } from 'yaml';

/** YAML documents, `---` between them; no line folding, so output never depends on width. */
export function toYaml(objects: readonly Record<string, unknown>[]): string {
  return objects.map((o) => stringify(o, { lineWidth: 0, minContentWidth: 0 })).join('---\n');
}

/** One JSON document: the object itself, or a `kind: List` (as kubectl prints) for several. */
export function toJson(objects: readonly Record<string, unknown>[]): string {
  const doc = objects.length === 1 ? objects[0] : { apiVersion: 'v1', kind: 'List', items: objects };
  return `${JSON.stringify(doc, null, 2)}\n`;
}
