// Kubernetes structural schemas (apiextensions.k8s.io/v1 openAPIV3Schema): the subset of
// keywords the Gateway API CRDs use, turned into JSON Schema for ajv, plus the steps the
// API server takes that JSON Schema has no keyword for (defaulting, list types, CEL values).
import { clonePlain } from '../../collections.js';

/** One node of a structural schema as it stands in a CRD. */
export interface StructuralSchema {
  type?: 'object' | 'array' | 'string' | 'integer' | 'number' | 'boolean';
  properties?: Record<string, StructuralSchema>;
  additionalProperties?: StructuralSchema | boolean;
  items?: StructuralSchema;
  required?: string[];
  default?: unknown;
  nullable?: boolean;
  enum?: unknown[];
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  minProperties?: number;
  maxProperties?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: boolean;
  exclusiveMaximum?: boolean;
  allOf?: StructuralSchema[];
  anyOf?: StructuralSchema[];
  oneOf?: StructuralSchema[];
  not?: StructuralSchema;
  'x-kubernetes-int-or-string'?: boolean;
  'x-kubernetes-preserve-unknown-fields'?: boolean;
  'x-kubernetes-embedded-resource'?: boolean;
  'x-kubernetes-list-type'?: 'atomic' | 'set' | 'map';
  'x-kubernetes-list-map-keys'?: string[];
  'x-kubernetes-map-type'?: 'atomic' | 'granular';
  'x-kubernetes-validations'?: CelValidation[];
  [key: string]: unknown;
}

export interface CelValidation {
  rule: string;
  message?: string;
  messageExpression?: string;
  reason?: string;
  fieldPath?: string;
  optionalOldSelf?: boolean;
}

type JsonSchema = Record<string, unknown>;

const COPIED = [
  'enum',
  'format',
  'pattern',
  'minLength',
  'maxLength',
  'minItems',
  'maxItems',
  'minProperties',
  'maxProperties',
  'minimum',
  'maximum',
  'required',
] as const;

/**
 * JSON Schema (draft 7, for ajv) equal to what the API server checks with the OpenAPI part
 * of a structural schema. Unknown fields are rejected (`additionalProperties: false`) where
 * the schema lists properties and does not preserve unknown fields: that is what
 * `kubectl apply` gets with its default strict field validation; with a lax client the
 * server would silently prune them instead, which for generated output is a bug as well.
 * `structural` is false inside `allOf`/`anyOf`/`oneOf`/`not`, which only add value checks.
 */
export function toJsonSchema(s: StructuralSchema, structural = true): JsonSchema {
  const out: JsonSchema = {};
  for (const k of COPIED) if (s[k] !== undefined) out[k] = s[k];
  if (s['x-kubernetes-int-or-string']) {
    out.type = s.nullable ? ['integer', 'string', 'null'] : ['integer', 'string'];
  } else if (s.type) {
    out.type = s.nullable ? [s.type, 'null'] : s.type;
    if (s.nullable && Array.isArray(s.enum) && !s.enum.includes(null)) out.enum = [...s.enum, null];
  }
  if (s.exclusiveMinimum && typeof s.minimum === 'number') {
    delete out.minimum;
    out.exclusiveMinimum = s.minimum;
  }
  if (s.exclusiveMaximum && typeof s.maximum === 'number') {
    delete out.maximum;
    out.exclusiveMaximum = s.maximum;
  }
  if (s.properties) {
    out.properties = Object.fromEntries(
      Object.entries(s.properties).map(([k, v]) => [k, toJsonSchema(v, structural)]),
    );
  }
  if (s.items) out.items = toJsonSchema(s.items, structural);
  if (typeof s.additionalProperties === 'object')
    out.additionalProperties = toJsonSchema(s.additionalProperties, structural);
  else if (typeof s.additionalProperties === 'boolean')
    out.additionalProperties = s.additionalProperties;
  else if (
    structural &&
    s.properties &&
    !s['x-kubernetes-preserve-unknown-fields'] &&
    !s['x-kubernetes-embedded-resource']
  )
    out.additionalProperties = false;
  for (const k of ['allOf', 'anyOf', 'oneOf'] as const) {
    const list = s[k];
    if (list) out[k] = list.map((x) => toJsonSchema(x, false));
  }
  if (s.not) out.not = toJsonSchema(s.not, false);
  return out;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Applies schema defaults in place, as the API server does before validating (absent or null fields). */
export function applyDefaults(value: unknown, s: StructuralSchema): void {
  if (Array.isArray(value)) {
    if (s.items) for (const item of value) applyDefaults(item, s.items);
    return;
  }
  if (!isObject(value)) return;
  if (s.properties) {
    for (const [k, ps] of Object.entries(s.properties)) {
      // The API server drops nulls of non-nullable fields before defaulting.
      if (value[k] === null && !ps.nullable) delete value[k];
      if (value[k] === undefined && ps.default !== undefined) value[k] = clonePlain(ps.default);
      if (value[k] !== undefined) applyDefaults(value[k], ps);
    }
  } else if (typeof s.additionalProperties === 'object') {
    for (const v of Object.values(value)) applyDefaults(v, s.additionalProperties);
  }
}

// CEL sees object fields under escaped names (k8s.io/apiserver/pkg/cel/escaping.go).
const CEL_RESERVED = new Set([
  'true',
  'false',
  'null',
  'in',
  'as',
  'break',
  'const',
  'continue',
  'else',
  'for',
  'function',
  'if',
  'import',
  'let',
  'loop',
  'package',
  'namespace',
  'return',
  'var',
  'void',
  'while',
]);

/** The name under which CEL sees a property, or undefined when CEL cannot reach it. */
export function celFieldName(name: string): string | undefined {
  if (CEL_RESERVED.has(name)) return `__${name}__`;
  if (!/^[a-zA-Z_.\-/][a-zA-Z0-9_.\-/]*$/.test(name)) return undefined;
  return name
    .replace(/__/g, '__underscores__')
    .replace(/\./g, '__dot__')
    .replace(/-/g, '__dash__')
    .replace(/\//g, '__slash__');
}

/**
 * The value CEL rules see for `value`: integers as CEL ints (bigint), fields of structured
 * objects under escaped names; keys of maps (`additionalProperties`) stay as they are.
 */
export function toCelValue(value: unknown, s: StructuralSchema | undefined): unknown {
  if (Array.isArray(value)) return value.map((v) => toCelValue(v, s?.items));
  if (isObject(value)) {
    const out: Record<string, unknown> = {};
    if (s?.properties) {
      for (const [k, v] of Object.entries(value)) {
        const name = celFieldName(k);
        if (name !== undefined) out[name] = toCelValue(v, s.properties[k]);
      }
    } else {
      const inner =
        typeof s?.additionalProperties === 'object' ? s.additionalProperties : undefined;
      for (const [k, v] of Object.entries(value)) out[k] = toCelValue(v, inner);
    }
    return out;
  }
  if (typeof value === 'number') {
    const wantsInt =
      s?.type === 'integer' ||
      s?.['x-kubernetes-int-or-string'] ||
      (s?.type === undefined && Number.isInteger(value));
    return wantsInt && Number.isInteger(value) ? BigInt(value) : value;
  }
  return value;
}

/** Deep equality of plain JSON values, for list-type set/map uniqueness. */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b))
    return a.length === b.length && a.every((x, i) => jsonEqual(x, b[i]));
  if (isObject(a) && isObject(b)) {
    const ka = Object.keys(a);
    return ka.length === Object.keys(b).length && ka.every((k) => k in b && jsonEqual(a[k], b[k]));
  }
  return false;
}
