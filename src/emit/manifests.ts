import { renderYaml } from './yaml.js';

/** YAML documents, `---` between them, read the same by YAML 1.1 and 1.2 readers (`./yaml.ts`). */
export function toYaml(objects: readonly Record<string, unknown>[]): string {
  return objects.map((o) => renderYaml(o)).join('---\n');
}

/** One JSON document: the object itself, or a `kind: List` (as kubectl prints) for several. */
export function toJson(objects: readonly Record<string, unknown>[]): string {
  const doc =
    objects.length === 1 ? objects[0] : { apiVersion: 'v1', kind: 'List', items: objects };
  return `${JSON.stringify(doc, null, 2)}\n`;
}
