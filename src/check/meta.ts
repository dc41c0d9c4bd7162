import type { FieldPath } from '../model/resources.js';

// ObjectMeta checks the API server makes on every custom resource before its schema
// (k8s.io/apimachinery/pkg/api/validation ValidateObjectMetaAccessor with NameIsDNSSubdomain).

export interface MetaProblem {
  path: FieldPath;
  message: string;
}

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const QUALIFIED_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;

export function isDns1123Subdomain(s: string): boolean {
  return s.length <= 253 && DNS1123_SUBDOMAIN.test(s);
}

export function isDns1123Label(s: string): boolean {
  return s.length <= 63 && DNS1123_LABEL.test(s);
}

function qualifiedNameProblem(key: string): string | undefined {
  const parts = key.split('/');
  if (parts.length > 2) return 'a qualified name has at most one `/`';
  const name = parts.length === 2 ? parts[1]! : parts[0]!;
  if (parts.length === 2 && (parts[0]!.length === 0 || !isDns1123Subdomain(parts[0]!)))
    return 'the prefix must be a DNS-1123 subdomain';
  if (name.length === 0 || name.length > 63 || !QUALIFIED_NAME.test(name))
    return "the name part must be 1–63 alphanumeric characters, '-', '_' or '.', starting and ending with an alphanumeric character";
  return undefined;
}

/** Problems of `metadata` for an object being created (name given, not generateName). */
export function metadataProblems(metadata: unknown, namespaced: boolean): MetaProblem[] {
  const out: MetaProblem[] = [];
  if (typeof metadata !== 'object' || metadata === null || Array.isArray(metadata)) {
    return [{ path: ['metadata'], message: 'metadata is required and must be an object' }];
  }
  const m = metadata as Record<string, unknown>;
  if (typeof m.name !== 'string' || m.name === '') {
    if (typeof m.generateName !== 'string')
      out.push({ path: ['metadata', 'name'], message: 'name or generateName is required' });
  } else if (!isDns1123Subdomain(m.name)) {
    out.push({
      path: ['metadata', 'name'],
      message: `name '${m.name}' must be a lowercase RFC 1123 subdomain (at most 253 characters of a-z, 0-9, '-' and '.')`,
    });
  }
  if (m.namespace !== undefined) {
    if (!namespaced)
      out.push({
        path: ['metadata', 'namespace'],
        message: 'the kind is cluster-scoped: namespace must not be set',
      });
    else if (typeof m.namespace !== 'string' || !isDns1123Label(m.namespace))
      out.push({
        path: ['metadata', 'namespace'],
        message: `namespace '${String(m.namespace)}' must be a lowercase RFC 1123 label`,
      });
  }
  for (const field of ['labels', 'annotations'] as const) {
    const v = m[field];
    if (v === undefined) continue;
    if (typeof v !== 'object' || v === null || Array.isArray(v)) {
      out.push({ path: ['metadata', field], message: `${field} must be a map of strings` });
      continue;
    }
    for (const [k, val] of Object.entries(v)) {
      const p = qualifiedNameProblem(k);
      if (p)
        out.push({
          path: ['metadata', field, k],
          message: `key '${k}' is not a valid qualified name: ${p}`,
        });
      if (typeof val !== 'string')
        out.push({ path: ['metadata', field, k], message: `the value of '${k}' must be a string` });
      else if (field === 'labels' && (val.length > 63 || !LABEL_VALUE.test(val)))
        out.push({
          path: ['metadata', field, k],
          message: `label value '${val}' must be at most 63 alphanumeric characters, '-', '_' or '.', starting and ending with an alphanumeric character`,
        });
    }
  }
  return out;
}
