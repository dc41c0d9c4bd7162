import type { z } from 'zod';
import type { Finding, FindingId } from '../findings/finding.js';
import { findingMeta } from '../findings/catalog.js';
import {
  DestinationRuleSpec,
  GatewaySpec,
  ServiceEntrySpec,
  VirtualServiceSpec,
} from './schemas/istio.gen.js';
import { NamespaceSchema, ServiceSchema } from './schemas/core.js';
import type { RawObject } from './documents.js';
import {
  type FieldPath,
  type Resource,
  type ResourceBase,
  formatPath,
} from '../model/resources.js';
import { clonePlain } from '../collections.js';
import { describeIssue } from './issues.js';
import { findPlaceholders, placeholderIn } from './placeholders.js';

export const ISTIO_GROUP = 'networking.istio.io';
const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
export const ISTIO_VERSIONS_READ = ['v1', 'v1beta1', 'v1alpha3'] as const;

const ISTIO_SPECS: Record<string, z.ZodType> = {
  Gateway: GatewaySpec,
  VirtualService: VirtualServiceSpec,
  DestinationRule: DestinationRuleSpec,
  ServiceEntry: ServiceEntrySpec,
};

export interface ReadResult {
  /** Undefined when the object could not be read as a resource at all. */
  resource?: Resource;
  findings: Finding[];
}

function splitApiVersion(apiVersion: string): { group: string; version: string } {
  const i = apiVersion.lastIndexOf('/');
  return i < 0
    ? { group: '', version: apiVersion }
    : { group: apiVersion.slice(0, i), version: apiVersion.slice(i + 1) };
}

function stringMap(v: unknown): Record<string, string> {
  if (!v || typeof v !== 'object' || Array.isArray(v)) return {};
  const out: Record<string, string> = {};
  for (const [k, val] of Object.entries(v)) if (typeof val === 'string') out[k] = val;
  return out;
}

/**
 * Types one object: Istio networking kinds are checked against Istio's schema (unknown fields
 * are reported and ignored, wrong types skip the resource), core Service and Namespace loosely,
 * everything else passes through untouched.
 */
export function readResource(o: RawObject, defaultNamespace: string): ReadResult {
  const data = o.data;
  const apiVersion = data.apiVersion as string;
  const kind = data.kind as string;
  const { group, version } = splitApiVersion(apiVersion);
  const meta = (data.metadata ?? {}) as Record<string, unknown>;
  const findings: Finding[] = [];
  const at = (id: FindingId, path: FieldPath, message: string, hint?: string): Finding => {
    const pos = o.locator.position(path);
    const f: Finding = {
      id,
      severity: findingMeta(id).severity,
      message,
      source: {
        file: o.file,
        line: pos.line,
        column: pos.column,
        kind,
        namespace: base.namespace,
        name: base.name,
        ...(path.length ? { path: formatPath(path) } : {}),
      },
    };
    if (hint) f.hint = hint;
    return f;
  };
  const namespace =
    typeof meta.namespace === 'string' && meta.namespace ? meta.namespace : undefined;
  const base: ResourceBase = {
    apiVersion,
    name: typeof meta.name === 'string' ? meta.name : '',
    namespace: namespace ?? o.namespace ?? defaultNamespace,
    // A namespace the file applies it to (`kubectl apply -n`) is the file's, not an assumption.
    namespaceDefaulted: namespace === undefined && o.namespace === undefined,
    labels: stringMap(meta.labels),
    annotations: stringMap(meta.annotations),
    file: o.file,
    docIndex: o.docIndex,
    raw: data,
    locator: o.locator,
  };
  if (o.itemIndex !== undefined) base.itemIndex = o.itemIndex;
  const other = (): Resource => ({ ...base, kind, group, other: true });

  const istioSpec = group === ISTIO_GROUP ? ISTIO_SPECS[kind] : undefined;
  if (istioSpec) {
    if (!(ISTIO_VERSIONS_READ as readonly string[]).includes(version)) {
      findings.push(
        at(
          'unsupported-api-version',
          ['apiVersion'],
          `${apiVersion} is not a version this tool reads (v1, v1beta1, v1alpha3); the ${kind} is passed through untouched`,
        ),
      );
      return { resource: other(), findings };
    }
    if (!base.name) {
      findings.push(
        at(
          'invalid-field',
          ['metadata', 'name'],
          `the ${kind} has no metadata.name; it is skipped`,
        ),
      );
      return { resource: other(), findings };
    }
    const templated = placeholderFindings(base, data.spec, kind, at);
    if (templated.length) {
      findings.push(...templated);
      return { resource: other(), findings };
    }
    // The API server only accepts DNS-1123 subdomain names (and namespaces as labels), so such a
    // resource never existed in a cluster; converting it would emit names it rejects too.
    for (const [field, value, ok] of [
      ['name', base.name, DNS1123_SUBDOMAIN.test(base.name) && base.name.length <= 253],
      [
        'namespace',
        base.namespace,
        DNS1123_LABEL.test(base.namespace) && base.namespace.length <= 63,
      ],
    ] as const) {
      if (!ok) {
        findings.push(
          at(
            'invalid-field',
            ['metadata', field],
            `metadata.${field} '${value}' is not a valid Kubernetes ${field} (lowercase letters, digits, '-'${field === 'name' ? " and '.'" : ''}); the API server rejects this ${kind}, so it is skipped`,
          ),
        );
        return { resource: other(), findings };
      }
    }
    const spec = validateIstioSpec(istioSpec, withoutNulls(data.spec ?? {}), (path, message, id) =>
      findings.push(at(id, ['spec', ...path], message)),
    );
    if (spec === undefined) return { resource: other(), findings };
    return { resource: { ...base, kind, group: ISTIO_GROUP, spec } as Resource, findings };
  }
  if (group === '' && version === 'v1' && kind === 'Service') {
    const parsed = ServiceSchema.safeParse(data);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      findings.push(
        at(
          'invalid-field',
          issue.path as FieldPath,
          `${describeIssue(issue, data, [], 'the Service schema')}; the Service is not used to resolve ports or selectors`,
        ),
      );
      return { resource: other(), findings };
    }
    return {
      resource: { ...base, kind: 'Service', group: '', spec: parsed.data.spec ?? {} },
      findings,
    };
  }
  if (group === '' && version === 'v1' && kind === 'Namespace') {
    NamespaceSchema.parse(data);
    return { resource: { ...base, kind: 'Namespace', group: '' }, findings };
  }
  return { resource: other(), findings };
}

/**
 * A name or host that still holds a template placeholder is an error at the field, and the
 * resource is passed through: it is never lower-cased and written as a hostname or backend.
 */
function placeholderFindings(
  base: ResourceBase,
  spec: unknown,
  kind: string,
  at: (id: FindingId, path: FieldPath, message: string, hint?: string) => Finding,
): Finding[] {
  const found = [
    { path: ['metadata', 'name'], value: base.name, placeholder: placeholderIn(base.name) },
    ...(base.namespaceDefaulted
      ? []
      : [
          {
            path: ['metadata', 'namespace'],
            value: base.namespace,
            placeholder: placeholderIn(base.namespace),
          },
        ]),
    ...findPlaceholders(spec, ['spec']),
  ].filter((p) => p.placeholder !== undefined);
  return found.map((p) =>
    at(
      'unrendered-placeholder',
      p.path as FieldPath,
      `${formatPath(p.path as FieldPath)} is ${JSON.stringify(p.value)}: '${p.placeholder}' is a placeholder that a tool fills in before apply (kustomize vars, envsubst, Helm), not a name Istio could resolve; the ${kind} is passed through unconverted`,
      'Convert the rendered manifests (the output of helm template, kustomize build or envsubst), not the template.',
    ),
  );
}

type IssueSink = (path: FieldPath, message: string, id: 'unknown-field' | 'invalid-field') => void;

/**
 * Parses `spec` with a strict schema. Unknown keys are reported and removed, then the rest is
 * parsed again, so a misspelled field never hides the others; any other issue skips the resource.
 */
function validateIstioSpec(schema: z.ZodType, spec: unknown, sink: IssueSink): unknown {
  // zod does not mutate its input: clone only when unknown keys must be removed.
  let value = spec;
  for (let round = 0; round < 2; round++) {
    const result = schema.safeParse(value);
    // The schemas only check (no defaults, no transforms): the data that passed is the value
    // itself, so the resource shares its raw objects instead of holding a second copy.
    if (result.success) return value;
    const unknown = result.error.issues.filter((i) => i.code === 'unrecognized_keys');
    const other = result.error.issues.filter((i) => i.code !== 'unrecognized_keys');
    if (round === 0) {
      for (const issue of unknown) {
        for (const key of (issue as { keys: string[] }).keys) {
          sink(
            [...(issue.path as FieldPath), key],
            `'${key}' is not a field of ${formatPath(['spec', ...(issue.path as FieldPath)])} in Istio's schema; it is ignored`,
            'unknown-field',
          );
        }
      }
    }
    if (other.length > 0 || round === 1) {
      for (const issue of other)
        sink(
          issue.path as FieldPath,
          `${describeIssue(issue, value, ['spec'])}; the resource is skipped`,
          'invalid-field',
        );
      return undefined;
    }
    value = withoutUnknown(
      clonePlain(value),
      unknown.map((i) => ({ path: i.path as FieldPath, keys: (i as { keys: string[] }).keys })),
    );
  }
  return undefined;
}

/**
 * The API server prunes null-valued fields of CRDs before validating (structural schemas: a null
 * for a field that is not nullable is removed), so `corsPolicy:` with nothing after it is absent.
 * Only what holds a null is copied; the rest is shared with the input.
 */
function withoutNulls(value: unknown): unknown {
  if (Array.isArray(value)) {
    let out: unknown[] | undefined;
    for (let i = 0; i < value.length; i++) {
      const v = withoutNulls(value[i]);
      if (v !== value[i]) (out ??= value.slice())[i] = v;
    }
    return out ?? value;
  }
  if (value && typeof value === 'object') {
    const entries = Object.entries(value);
    let out: Record<string, unknown> | undefined;
    for (let i = 0; i < entries.length; i++) {
      const [k, v] = entries[i]!;
      const w = v === null ? undefined : withoutNulls(v);
      if (!out && w !== v) {
        out = {};
        for (let j = 0; j < i; j++) out[entries[j]![0]] = entries[j]![1];
      }
      if (out && v !== null) out[k] = w;
    }
    return out ?? value;
  }
  return value;
}

function withoutUnknown(value: unknown, removals: { path: FieldPath; keys: string[] }[]): unknown {
  for (const { path, keys } of removals) {
    let node: unknown = value;
    for (const part of path) node = (node as Record<string | number, unknown> | undefined)?.[part];
    if (node && typeof node === 'object')
      for (const k of keys) delete (node as Record<string, unknown>)[k];
  }
  return value;
}
