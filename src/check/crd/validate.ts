import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import type { FieldPath } from '../../model/resources.js';
import { isIPv4, isIPv6 } from '../ip.js';
import { metadataProblems } from '../meta.js';
import { re2ToRegExp } from '../re2.js';
import { objectRef, type ObjectRef, type UncheckedRule, type Violation } from '../violation.js';
import { evaluateRule, isTransitionRule } from './cel.js';
import { findCrd, type CrdSet, type CrdVersion } from './load.js';
import {
  applyDefaults,
  celFieldName,
  jsonEqual,
  toCelValue,
  toJsonSchema,
  type StructuralSchema,
} from './schema.js';
import { clonePlain } from '../../collections.js';

/** What the CRDs say about a list of objects. */
export interface CrdValidationResult {
  violations: Violation[];
  /** CEL rules that applied but could not be evaluated: the objects are NOT proven valid. */
  unchecked: UncheckedRule[];
  /** Indexes of the objects a CRD of the set serves (or should: same group, unknown kind/version). */
  checked: number[];
  /** Transition rules (`oldSelf`) met and skipped: they only apply to updates. */
  transitionRulesSkipped: number;
}

let ajvInstance: Ajv | undefined;
function ajv(): Ajv {
  if (ajvInstance) return ajvInstance;
  ajvInstance = new Ajv({
    allErrors: true,
    strict: false,
    // Kubernetes reads `pattern` as RE2.
    code: { regExp: ((pattern: string) => re2ToRegExp(pattern)) as never },
  });
  // The formats kube-openapi validates for these CRDs; int32/int64 only describe integers.
  ajvInstance.addFormat('ipv4', isIPv4);
  ajvInstance.addFormat('ipv6', isIPv6);
  ajvInstance.addFormat('int32', {
    type: 'number',
    validate: (n: number) => n >= -2147483648 && n <= 2147483647,
  });
  ajvInstance.addFormat('int64', { type: 'number', validate: () => true });
  ajvInstance.addFormat(
    'date-time',
    /^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/,
  );
  return ajvInstance;
}

const createSchemas = new WeakMap<CrdVersion, StructuralSchema>();
/** The schema an object is created with: metadata is checked as ObjectMeta, status is dropped on create. */
function createSchema(v: CrdVersion): StructuralSchema {
  let root = createSchemas.get(v);
  if (!root) {
    // apiVersion, kind and metadata are implicit in every CRD schema (Istio's CRDs declare none of them).
    const properties: Record<string, StructuralSchema> = {
      apiVersion: { type: 'string' },
      kind: { type: 'string' },
      ...v.schema.properties,
      metadata: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true },
    };
    delete properties.status;
    root = { ...v.schema, properties };
    createSchemas.set(v, root);
  }
  return root;
}

const compiledSchemas = new WeakMap<CrdVersion, ValidateFunction>();
function schemaValidator(v: CrdVersion): ValidateFunction {
  let fn = compiledSchemas.get(v);
  if (!fn) {
    fn = ajv().compile(toJsonSchema(createSchema(v)));
    compiledSchemas.set(v, fn);
  }
  return fn;
}

function pointerToPath(pointer: string): (string | number)[] {
  if (!pointer) return [];
  return pointer
    .slice(1)
    .split('/')
    .map((seg) => {
      const s = seg.replace(/~1/g, '/').replace(/~0/g, '~');
      return /^\d+$/.test(s) ? Number(s) : s;
    });
}

function ajvMessage(e: ErrorObject): { path: FieldPath; message: string } {
  const path = pointerToPath(e.instancePath);
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'additionalProperties':
      return {
        path: [...path, String(p.additionalProperty)],
        message: `unknown field "${String(p.additionalProperty)}"`,
      };
    case 'required':
      return {
        path: [...path, String(p.missingProperty)],
        message: `Required value: "${String(p.missingProperty)}" is required`,
      };
    case 'enum':
      return {
        path,
        message: `Unsupported value: must be one of ${(p.allowedValues as unknown[]).map((x) => JSON.stringify(x)).join(', ')}`,
      };
    case 'pattern':
      return {
        path,
        message: `Invalid value: must match the regular expression '${String(p.pattern)}'`,
      };
    default:
      return { path, message: e.message ?? e.keyword };
  }
}

/** Keywords that only say "one branch of oneOf/anyOf failed": the branch errors say why. */
const NOISE = new Set(['if', 'then', 'else']);

interface WalkState {
  ref: ObjectRef;
  violations: Violation[];
  unchecked: UncheckedRule[];
  transitions: number;
}

/** Walks a defaulted object with its schema: list-type uniqueness and CEL rules at each node. */
function walk(
  value: unknown,
  cel: unknown,
  s: StructuralSchema | undefined,
  path: (string | number)[],
  st: WalkState,
): void {
  if (!s || value === undefined || value === null) return;
  const listType = s['x-kubernetes-list-type'];
  if (Array.isArray(value) && (listType === 'set' || listType === 'map')) {
    const keys = s['x-kubernetes-list-map-keys'] ?? [];
    value.forEach((item, i) => {
      for (let j = 0; j < i; j++) {
        const other = value[j];
        const same =
          listType === 'set'
            ? jsonEqual(item, other)
            : typeof item === 'object' &&
              item !== null &&
              typeof other === 'object' &&
              other !== null &&
              keys.every((k) =>
                jsonEqual(
                  (item as Record<string, unknown>)[k],
                  (other as Record<string, unknown>)[k],
                ),
              );
        if (same) {
          const shown =
            listType === 'set'
              ? JSON.stringify(item)
              : JSON.stringify(
                  Object.fromEntries(keys.map((k) => [k, (item as Record<string, unknown>)[k]])),
                );
          st.violations.push({
            object: st.ref,
            path: [...path, i],
            origin: 'list-type',
            rule: `x-kubernetes-list-type: ${listType}`,
            message: `Duplicate value: ${shown}`,
          });
          break;
        }
      }
    });
  }
  for (const v of s['x-kubernetes-validations'] ?? []) {
    if (isTransitionRule(v.rule)) {
      st.transitions++;
      continue;
    }
    const out = evaluateRule(v.rule, cel);
    if (out.status === 'fail') {
      const at = v.fieldPath ? [...path, ...fieldPathParts(v.fieldPath)] : path;
      const msg = v.message ?? `failed rule: ${v.rule}`;
      st.violations.push({
        object: st.ref,
        path: at,
        origin: 'cel',
        rule: v.rule,
        message: out.error ? `${msg} (evaluation error: ${out.error})` : msg,
      });
    } else if (out.status === 'unchecked') {
      st.unchecked.push({ object: st.ref, path: [...path], rule: v.rule, reason: out.reason });
    }
  }
  if (Array.isArray(value)) {
    const celList = cel as unknown[];
    value.forEach((item, i) => walk(item, celList[i], s.items, [...path, i], st));
    return;
  }
  if (typeof value !== 'object') return;
  const obj = value as Record<string, unknown>;
  const celObj = cel as Record<string, unknown>;
  if (s.properties) {
    for (const [k, ps] of Object.entries(s.properties)) {
      if (obj[k] === undefined) continue;
      const name = celFieldName(k);
      walk(obj[k], name === undefined ? undefined : celObj[name], ps, [...path, k], st);
    }
  } else if (typeof s.additionalProperties === 'object') {
    for (const [k, v] of Object.entries(obj))
      walk(v, celObj[k], s.additionalProperties, [...path, k], st);
  }
}

/** `.spec.foo['bar']` → ['spec', 'foo', 'bar'] (a rule's fieldPath is relative to its node). */
function fieldPathParts(fp: string): (string | number)[] {
  const out: (string | number)[] = [];
  for (const m of fp.matchAll(/\.([A-Za-z0-9_-]+)|\[['"]?([^'"\]]+)['"]?\]/g)) {
    const part = m[1] ?? m[2]!;
    out.push(/^\d+$/.test(part) ? Number(part) : part);
  }
  return out;
}

/**
 * Validates objects as the API server would on create, with the CRDs of `crds`: served
 * apiVersion, ObjectMeta, the OpenAPI schema after defaulting, list types, then every CEL
 * rule with `self` bound at its node. Objects of groups the set does not define are skipped.
 */
export function validateWithCrds(objects: readonly unknown[], crds: CrdSet): CrdValidationResult {
  const result: CrdValidationResult = {
    violations: [],
    unchecked: [],
    checked: [],
    transitionRulesSkipped: 0,
  };
  objects.forEach((o, index) => {
    if (typeof o !== 'object' || o === null || Array.isArray(o)) return;
    const obj = o as Record<string, unknown>;
    const ref = objectRef(obj, index);
    const found = findCrd(crds, ref.apiVersion, ref.kind);
    if (!found) return;
    result.checked.push(index);
    if ('problem' in found) {
      result.violations.push({
        object: ref,
        path: ['apiVersion'],
        origin: 'served',
        message: found.problem,
      });
      return;
    }
    for (const p of metadataProblems(obj.metadata, found.crd.namespaced)) {
      result.violations.push({ object: ref, path: p.path, origin: 'metadata', message: p.message });
    }
    const data = clonePlain(obj);
    delete data.status;
    const schema = createSchema(found.version);
    applyDefaults(data, schema);
    const validate = schemaValidator(found.version);
    if (!validate(data)) {
      const seen = new Set<string>();
      for (const e of validate.errors ?? []) {
        if (NOISE.has(e.keyword)) continue;
        const { path, message } = ajvMessage(e);
        const key = `${path.join('.')}|${message}`;
        if (seen.has(key)) continue;
        seen.add(key);
        result.violations.push({ object: ref, path, origin: 'schema', rule: e.keyword, message });
      }
    }
    const st: WalkState = {
      ref,
      violations: result.violations,
      unchecked: result.unchecked,
      transitions: 0,
    };
    walk(data, toCelValue(data, schema), schema, [], st);
    result.transitionRulesSkipped += st.transitions;
  });
  return result;
}

/** Every CEL rule of a CRD set and whether this validator can evaluate it. */
export interface RuleInventoryEntry {
  kind: string;
  version: string;
  path: string;
  rule: string;
  status: 'checkable' | 'transition' | 'unchecked';
  reason?: string;
}

export function inventoryRules(crds: CrdSet): RuleInventoryEntry[] {
  const out: RuleInventoryEntry[] = [];
  const visit = (s: StructuralSchema, path: string, kind: string, version: string): void => {
    for (const v of s['x-kubernetes-validations'] ?? []) {
      if (isTransitionRule(v.rule)) {
        out.push({ kind, version, path, rule: v.rule, status: 'transition' });
        continue;
      }
      const probe = evaluateRule(v.rule, undefined);
      if (probe.status === 'unchecked' && /does not (parse|type-check)/.test(probe.reason))
        out.push({ kind, version, path, rule: v.rule, status: 'unchecked', reason: probe.reason });
      else out.push({ kind, version, path, rule: v.rule, status: 'checkable' });
    }
    for (const [k, c] of Object.entries(s.properties ?? {}))
      visit(c, path ? `${path}.${k}` : k, kind, version);
    if (s.items) visit(s.items, `${path}[]`, kind, version);
    if (typeof s.additionalProperties === 'object')
      visit(s.additionalProperties, `${path}[*]`, kind, version);
  };
  for (const c of crds.crds)
    for (const v of c.versions) if (v.served) visit(v.schema, '', c.kind, v.name);
  return out;
}
