// The Istio kinds the conversion writes, validated as the API server would with Istio's CRDs
// installed (schema and CEL rules of crd-all.gen.yaml; istio-crds.gen.ts is generated from it).
import type { CrdSet } from './load.js';
import type { StructuralSchema } from './schema.js';
import { ISTIO_CRDS } from './istio-crds.gen.js';

let set: CrdSet | undefined;

/** Istio's DestinationRule and VirtualService CRDs (every served version), built once. */
export function istioCrdSet(): CrdSet {
  if (set) return set;
  // Istio's root schemas list only spec and status; the API server always knows apiVersion and kind.
  const root = (s: StructuralSchema): StructuralSchema => ({
    ...s, properties: { apiVersion: { type: 'string' }, kind: { type: 'string' }, ...s.properties },
  });
  const crds = ISTIO_CRDS.map((o) => ({
    group: String(o.spec.group),
    kind: String(o.spec.names.kind),
    plural: String(o.spec.names.plural),
    namespaced: o.spec.scope !== 'Cluster',
    versions: (o.spec.versions as Record<string, unknown>[]).map((v) => ({
      name: String(v.name),
      served: v.served !== false,
      storage: v.storage === true,
      schema: root(o.schema.openAPIV3Schema as StructuralSchema),
    })),
    file: 'crd-all.gen.yaml',
  }));
  // Only the kinds written are listed: other Istio kinds are never emitted, so the group is not
  // claimed (an object of another Istio kind is not this check's business).
  set = { crds, groups: new Set<string>() };
  return set;
}
