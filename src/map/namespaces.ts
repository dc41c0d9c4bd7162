// Objects made from resources that had no `metadata.namespace` get none either, so
// `kubectl apply -n prod` and kustomize bases place them as they placed the input. The
// `--namespace` default is only an assumption for resolving references; where an object in
// another namespace must name it (a Selector, a ReferenceGrant, a cross-namespace ref), the name
// stays and `namespace-assumed` says so.
import type { Finding } from '../findings/finding.js';
import { findingMeta } from '../findings/catalog.js';
import type { K8sObject } from '../gateway-api/types.js';
import { type Resource, sourceAt } from '../model/resources.js';
import type { Emitted } from './context.js';

/** Strings under keys named `namespace` (refs), and Selector values on the namespace name. */
function namesNamespace(value: unknown, ns: string, key = ''): boolean {
  if (typeof value === 'string') {
    return value === ns && (key === 'namespace' || key === 'kubernetes.io/metadata.name');
  }
  if (Array.isArray(value)) {
    return value.some((v) => (key === 'values' && v === ns) || namesNamespace(v, ns, key));
  }
  if (value && typeof value === 'object') {
    return Object.entries(value).some(([k, v]) => namesNamespace(v, ns, k));
  }
  return false;
}

/** Removes `namespace: ns` from the refs of an object that itself has no namespace now. */
function dropSameNamespaceRefs(value: unknown, ns: string): void {
  if (Array.isArray(value)) {
    for (const v of value) dropSameNamespaceRefs(v, ns);
  } else if (value && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    if (o.namespace === ns && ('name' in o || 'kind' in o)) delete o.namespace;
    for (const v of Object.values(o)) dropSameNamespaceRefs(v, ns);
  }
}

/** Whether the source resource's spec names the namespace itself (`default/…` in hosts, …). */
function writtenIn(origin: Resource, ns: string): boolean {
  const spec = JSON.stringify((origin.raw as { spec?: unknown }).spec ?? {});
  return spec.includes(`"${ns}/`) || spec.includes(`"${ns}"`);
}

function assumed(object: K8sObject, origin: Resource, ns: string): Finding {
  const meta = object.metadata;
  const where = `${object.kind} ${meta.namespace ? `${meta.namespace}/` : ''}${meta.name}`;
  return {
    id: 'namespace-assumed',
    severity: findingMeta('namespace-assumed').severity,
    message:
      `${where} names namespace ${ns}, which was assumed for resources without ` +
      'metadata.namespace; it is right only if they are applied to that namespace',
    source: sourceAt(origin),
    hint: `if you apply them with kubectl -n <namespace> (or a kustomize namespace), convert with --namespace <namespace>`,
  };
}

/**
 * Leaves out the assumed namespace from objects of namespace-less resources, and from their
 * refs when no input resource names that namespace explicitly (so every such ref means "here").
 * Changes `emitted` in place (objects the map stage just made); returns the findings.
 */
export function elideAssumedNamespace(
  emitted: readonly Emitted[],
  resources: readonly Resource[],
  ns: string,
): Finding[] {
  if (!resources.some((r) => r.namespaceDefaulted)) return [];
  const explicit = resources.some((r) => !r.namespaceDefaulted && r.namespace === ns);
  const findings: Finding[] = [];
  for (const e of emitted) {
    const meta = e.object.metadata;
    if (e.origin.namespaceDefaulted && meta.namespace === ns) {
      delete meta.namespace;
      // A ReferenceGrant's `from.namespace` is required; grants never name their own namespace.
      if (!explicit && e.object.kind !== 'ReferenceGrant') dropSameNamespaceRefs(e.object, ns);
    }
    if (namesNamespace(e.object, ns) && !writtenIn(e.origin, ns)) {
      findings.push(assumed(e.object, e.origin, ns));
    }
  }
  return findings;
}
