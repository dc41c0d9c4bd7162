// Values that are not what they claim: a host or name holding a placeholder that a tool fills in
// before apply (`$(VAR)` of kustomize vars and Kubeflow manifests, `${VAR}` of envsubst,
// `{{ .Values.x }}` of Helm). Such a file is a template, not the manifest the cluster gets.
import type { FieldPath } from '../model/resources.js';

const PLACEHOLDER = /\$\([A-Za-z_][A-Za-z0-9_]*\)|\$\{[^}\s]*\}|\{\{.*?\}\}/;

/** Keys whose string values (or list items) name a host, a gateway, a subset or a secret. */
const NAME_KEYS = new Set([
  'host',
  'hosts',
  'gateways',
  'sniHosts',
  'subset',
  'credentialName',
  'authority',
  'exportTo',
]);
/** Keys that name something only under these parents (`delegate.name`, `subsets[].name`). */
const NAME_UNDER: Record<string, ReadonlySet<string>> = {
  name: new Set(['delegate', 'subsets']),
  namespace: new Set(['delegate']),
};

export interface Placeholder {
  path: FieldPath;
  value: string;
  placeholder: string;
}

function nameField(path: FieldPath): boolean {
  // The key of the value, or of the list that holds it.
  const last = path[path.length - 1];
  const key = typeof last === 'number' ? path[path.length - 2] : last;
  if (typeof key !== 'string') return false;
  if (NAME_KEYS.has(key)) return true;
  const under = NAME_UNDER[key];
  if (!under) return false;
  const parentIndex = typeof last === 'number' ? path.length - 3 : path.length - 2;
  const parent = path[parentIndex];
  const grand = path[parentIndex - 1];
  return (
    (typeof parent === 'string' && under.has(parent)) ||
    (typeof parent === 'number' && typeof grand === 'string' && under.has(grand))
  );
}

/** The first placeholder in `value`, if any. */
export function placeholderIn(value: string): string | undefined {
  return PLACEHOLDER.exec(value)?.[0];
}

/** Every host and name field under `node` (at `path`) that holds a placeholder, in document order. */
export function findPlaceholders(node: unknown, path: FieldPath = []): Placeholder[] {
  if (typeof node === 'string') {
    const p = nameField(path) ? placeholderIn(node) : undefined;
    return p ? [{ path, value: node, placeholder: p }] : [];
  }
  if (Array.isArray(node)) return node.flatMap((v, i) => findPlaceholders(v, [...path, i]));
  if (node && typeof node === 'object') {
    return Object.entries(node).flatMap(([k, v]) => findPlaceholders(v, [...path, k]));
  }
  return [];
}
