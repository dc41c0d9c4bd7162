import type { FieldPath } from '../model/resources.js';

/** Which object a violation concerns: its identity and its index in the list validated. */
export interface ObjectRef {
  index: number;
  apiVersion: string;
  kind: string;
  namespace?: string;
  name: string;
}

/** What found a violation: the schema, a CEL rule, a list-type check, or a rule no CRD has. */
export type ViolationOrigin = 'served' | 'metadata' | 'schema' | 'list-type' | 'cel' | 'builtin';

/** One reason the API server (or the target's rules) would reject an object. */
export interface Violation {
  object: ObjectRef;
  /** The field the violation is at, e.g. `['spec', 'listeners', 0, 'hostname']`. */
  path: FieldPath;
  message: string;
  origin: ViolationOrigin;
  /** The CEL rule text, the schema keyword, or the built-in rule id. */
  rule?: string;
}

/** A CEL rule that applied to an object but could not be evaluated: never counted as passed. */
export interface UncheckedRule {
  object: ObjectRef;
  /** Path of the node the rule is attached to, in this object. */
  path: FieldPath;
  rule: string;
  reason: string;
}

export function objectRef(
  obj: { apiVersion?: unknown; kind?: unknown; metadata?: unknown },
  index: number,
): ObjectRef {
  const meta = (
    typeof obj.metadata === 'object' && obj.metadata !== null ? obj.metadata : {}
  ) as Record<string, unknown>;
  const ref: ObjectRef = {
    index,
    apiVersion: typeof obj.apiVersion === 'string' ? obj.apiVersion : '',
    kind: typeof obj.kind === 'string' ? obj.kind : '',
    name: typeof meta.name === 'string' ? meta.name : '',
  };
  if (typeof meta.namespace === 'string') ref.namespace = meta.namespace;
  return ref;
}

/** `HTTPRoute ns/name` for messages. */
export function describeObject(ref: ObjectRef): string {
  return `${ref.kind} ${ref.namespace ? `${ref.namespace}/` : ''}${ref.name || '<unnamed>'}`;
}
