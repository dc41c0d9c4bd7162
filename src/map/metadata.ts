// Labels and annotations of a converted resource go to what replaces it (docs/metadata.md): Helm
// ownership, Argo CD tracking, team and cost labels must not vanish with the conversion.
import type { K8sObject } from '../gateway-api/types.js';
import type { IstioResource, Resource } from '../model/resources.js';
import type { Emitted, MapContext } from './context.js';
import { reportAt } from './context.js';

/** Metadata the API server sets: never written by a client, so never carried. */
const SERVER_SET = [
  'uid',
  'resourceVersion',
  'creationTimestamp',
  'managedFields',
  'generation',
  'selfLink',
  'deletionTimestamp',
  'deletionGracePeriodSeconds',
];
/** Metadata that ties the object to others by uid or to a controller's cleanup. */
const NOT_CARRIED = ['ownerReferences', 'finalizers', 'generateName'];

/**
 * Annotations that must not be copied: kubectl's record of the old object, Argo CD's tracking id
 * (it names the source kind and name, so on another kind Argo CD takes the object for a foreign
 * one), and Istio's own annotations, whose meaning is tied to the kind they sit on
 * (`networking.istio.io/service-type` does nothing on an Istio Gateway but changes the Service of
 * a Gateway API Gateway).
 */
function droppedAnnotation(key: string, sameKind = false): boolean {
  if (key === 'kubectl.kubernetes.io/last-applied-configuration') return true;
  if (key === 'argocd.argoproj.io/tracking-id') return true;
  // A residual VirtualService is the same kind as its source: Istio's annotations mean the same.
  if (sameKind) return false;
  const slash = key.indexOf('/');
  const domain = slash < 0 ? '' : key.slice(0, slash);
  return domain === 'istio.io' || domain.endsWith('.istio.io');
}

const ROUTE_KINDS = new Set(['HTTPRoute', 'GRPCRoute', 'TLSRoute', 'TCPRoute']);

/** Does `object` take the place of `origin` (same role), rather than being generated beside it? */
function replaces(object: K8sObject, origin: Resource): boolean {
  if (isResidual(object, origin)) return true;
  if (!object.apiVersion.startsWith('gateway.networking.k8s.io/')) return false;
  if (origin.kind === 'Gateway') return object.kind === 'Gateway';
  return origin.kind === 'VirtualService' && ROUTE_KINDS.has(object.kind);
}

/** The residual VirtualService of a VirtualService (map/residual): the rest of the same object. */
function isResidual(object: K8sObject, origin: Resource): boolean {
  return origin.kind === 'VirtualService' && object.kind === 'VirtualService';
}

function sorted(entries: [string, string][]): Record<string, string> | undefined {
  if (!entries.length) return undefined;
  const out: Record<string, string> = {};
  for (const [k, v] of entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) out[k] = v;
  return out;
}

/**
 * Copies metadata onto every emitted object: an object that replaces a converted resource gets
 * its labels and annotations; an object generated beside a resource (per-subset Services and
 * DestinationRules, ReferenceGrants, BackendTLSPolicies, https-redirect routes) gets its labels
 * only, as annotations configure the kind they sit on. Keys are sorted; what the mapper set wins.
 */
export function carryMetadata(
  ctx: MapContext,
  emitted: readonly Emitted[],
  converted: readonly IstioResource[],
): void {
  const replaced = new Set<Resource>(converted);
  for (const e of emitted) {
    const o = e.origin;
    const labels = sorted(Object.entries(o.labels));
    const full = replaced.has(o) && replaces(e.object, o);
    const annotations = full
      ? sorted(
          Object.entries(o.annotations).filter(
            ([k]) => !droppedAnnotation(k, isResidual(e.object, o)),
          ),
        )
      : undefined;
    const meta = e.object.metadata;
    if (labels) meta.labels = { ...labels, ...meta.labels };
    if (annotations) meta.annotations = { ...annotations, ...meta.annotations };
  }
  for (const r of converted) reportDropped(ctx, r);
}

/** One info finding per converted resource whose metadata was not all carried over. */
function reportDropped(ctx: MapContext, r: IstioResource): void {
  const meta = (r.raw.metadata ?? {}) as Record<string, unknown>;
  const fields = [...SERVER_SET, ...NOT_CARRIED].filter((f) => meta[f] !== undefined);
  const annotations = Object.keys(r.annotations)
    .filter((k) => droppedAnnotation(k))
    .sort();
  if (!fields.length && !annotations.length) return;
  const parts = [
    ...(fields.length
      ? [
          `metadata ${fields.join(', ')} (${fields.some((f) => NOT_CARRIED.includes(f)) ? 'set by the API server or tied to this object' : 'set by the API server'})`,
        ]
      : []),
    ...(annotations.length ? [`annotation(s) ${annotations.join(', ')}`] : []),
  ];
  reportAt(ctx, 'metadata-not-carried', r, ['metadata'], {
    message: `not carried to the objects that replace this ${r.kind}: ${parts.join('; ')}; its other labels and annotations are`,
  });
}
