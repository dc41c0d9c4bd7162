// `--mesh ambient` (docs/ambient.md): mesh routes (HTTPRoutes with a Service or ServiceEntry
// parent) and L7 policies are served by a waypoint, not by sidecars. One waypoint per namespace
// that needs one, exactly as `istioctl waypoint apply -n <ns>` writes it
// (istioctl/pkg/waypoint/waypoint.go); the `istio.io/use-waypoint` label that activates it is
// named in a finding, not written: the migration guide activates waypoints only after the
// sidecars are ready to go (istio.io docs/ambient/migrate/enable-ambient-mode), so it is a step
// of its own that the user reviews and runs.
import type { Gateway, K8sObject, ParentReference } from '../../gateway-api/types.js';
import type { OtherResource, Resource } from '../../model/resources.js';
import type { Emitted, MapContext } from '../context.js';
import { reportAt } from '../context.js';
import type { GatewayPlan } from '../gateway/plan.js';
import { policyKindOf, relationTo } from '../policies/selectors.js';
import { ambientPolicies, WAYPOINT_CLASS, WAYPOINT_NAME } from './policies.js';

const MESH_ROUTES = ['HTTPRoute', 'GRPCRoute', 'TCPRoute', 'TLSRoute'];

/** Waypoints, retargeted policies and findings for `--mesh ambient`; nothing otherwise. */
export function ambientObjects(
  ctx: MapContext,
  emitted: readonly Emitted[],
  plans: readonly GatewayPlan[],
): Emitted[] {
  if (ctx.options.mesh !== 'ambient') return [];
  const needs = new Map<string, { origin: Resource; why: string }>();
  for (const e of emitted) {
    if (!MESH_ROUTES.includes(e.object.kind)) continue;
    for (const p of meshParents(e.object)) {
      const ns = p.namespace ?? e.object.metadata.namespace ?? '';
      if (ns !== e.object.metadata.namespace) reportConsumerRoute(ctx, e, p, ns);
      else if (!needs.has(ns))
        needs.set(ns, {
          origin: e.origin,
          why: `${e.object.kind} ${ns}/${e.object.metadata.name}`,
        });
    }
  }
  const policies = ambientPolicies(ctx, plans);
  for (const [ns, r] of policies.needs)
    if (!needs.has(ns)) needs.set(ns, { origin: r, why: `${r.kind} ${ns}/${r.name}` });
  reportUnsupported(ctx, plans);
  const out: Emitted[] = [...policies.emitted];
  for (const ns of [...needs.keys()].sort()) {
    const need = needs.get(ns)!;
    out.push({ object: waypoint(ns), origin: need.origin });
    reportAt(ctx, 'ambient-waypoint-created', need.origin, [], {
      message:
        `namespace ${ns} needs L7 processing in ambient mode (${need.why} and any others there): Gateway ${ns}/${WAYPOINT_NAME} ` +
        `(class ${WAYPOINT_CLASS}) is its waypoint; it serves nothing until the namespace is labelled istio.io/use-waypoint=${WAYPOINT_NAME}`,
      hint:
        `When you enable ambient mode for ${ns} (after the waypoint is ready, before the sidecars go): ` +
        `kubectl label namespace ${ns} istio.io/use-waypoint=${WAYPOINT_NAME}; then kubectl label namespace ${ns} istio.io/dataplane-mode=ambient`,
    });
  }
  return out;
}

function waypoint(namespace: string): Gateway {
  return {
    apiVersion: 'gateway.networking.k8s.io/v1',
    kind: 'Gateway',
    metadata: { name: WAYPOINT_NAME, namespace },
    spec: {
      gatewayClassName: WAYPOINT_CLASS,
      listeners: [{ name: 'mesh', port: 15008, protocol: 'HBONE' }],
    },
  };
}

function meshParents(route: K8sObject): ParentReference[] {
  const refs = (route.spec as { parentRefs?: ParentReference[] } | undefined)?.parentRefs ?? [];
  return refs.filter(
    (p) =>
      (p.group === '' && p.kind === 'Service') ||
      (p.group === 'networking.istio.io' && p.kind === 'ServiceEntry'),
  );
}

// A waypoint applies only routes in its Service's namespace or its own
// (pilot/pkg/networking/core/listener_waypoint.go getVirtualServiceForWaypoint).
function reportConsumerRoute(ctx: MapContext, e: Emitted, p: ParentReference, ns: string): void {
  reportAt(ctx, 'ambient-not-supported', e.origin, [], {
    message:
      `${e.object.kind} ${e.object.metadata.namespace}/${e.object.metadata.name} is a consumer route for ${p.kind} ${ns}/${p.name}: ` +
      `a waypoint only applies routes in the Service's own namespace, so in ambient mode clients in ${e.object.metadata.namespace ?? ''} are routed without these rules`,
    hint: `Move the rules into a route in namespace ${ns} (they then apply to every client), or keep sidecars in ${e.object.metadata.namespace ?? ''}.`,
  });
}

/** EnvoyFilter, Sidecar and PeerAuthentication DISABLE have no effect in ambient mode. */
function reportUnsupported(ctx: MapContext, plans: readonly GatewayPlan[]): void {
  for (const r of ctx.index.others) {
    const why = unsupportedReason(r, plans);
    if (why)
      reportAt(ctx, 'ambient-not-supported', r, [], {
        message: `${r.kind} ${r.namespace}/${r.name}: ${why}`,
      });
  }
}

function unsupportedReason(r: OtherResource, plans: readonly GatewayPlan[]): string | undefined {
  if (r.group === 'networking.istio.io' && r.kind === 'EnvoyFilter') {
    const kind = policyKindOf(r)!;
    // Ingress gateway filters follow the Gateway (policies/counterparts.ts); the others configured sidecars.
    if (plans.some((p) => relationTo(r, kind, p) !== undefined)) return undefined;
    return 'waypoints and ztunnel do not implement EnvoyFilter (istio.io docs/ambient/migrate), so the sidecar behaviour it configured is silently lost; replace it by a WasmPlugin targeting the waypoint, or drop it';
  }
  if (r.group === 'networking.istio.io' && r.kind === 'Sidecar') {
    return 'ambient workloads have no sidecar, so its egress and ingress settings no longer apply';
  }
  if (
    r.group === 'security.istio.io' &&
    r.kind === 'PeerAuthentication' &&
    disablesMtls(r.raw.spec)
  ) {
    return 'ambient always uses mTLS between mesh workloads; mode DISABLE is ignored, and the guide lists it as a blocker to resolve before migrating';
  }
  return undefined;
}

function disablesMtls(spec: unknown): boolean {
  const s = spec as
    { mtls?: { mode?: unknown }; portLevelMtls?: Record<string, { mode?: unknown }> } | undefined;
  return (
    s?.mtls?.mode === 'DISABLE' ||
    Object.values(s?.portLevelMtls ?? {}).some((m) => m?.mode === 'DISABLE')
  );
}
