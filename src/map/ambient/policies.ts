// `--mesh ambient`: L7 policies move from the destination sidecar to a waypoint, which only
// takes policies by targetRefs (istio.io docs/ambient/migrate/migrate-policies; waypoints never
// use selectors: pilot/pkg/model/policyattachment.go ShouldAttachPolicy). A policy with a
// selector is copied with targetRefs to the Services whose pods it selected, one without selector
// to its namespace's waypoint (or, in the root namespace, to GatewayClass istio-waypoint).
import type { IstioPolicy } from '../../gateway-api/types.js';
import type { OtherResource, Service } from '../../model/resources.js';
import type { Emitted, MapContext } from '../context.js';
import { reportAt } from '../context.js';
import type { GatewayPlan } from '../gateway/plan.js';
import { boundedLabel } from '../subsets/names.js';
import { clonePlainSorted } from '../../collections.js';
import {
  type PolicyKind,
  policyKindOf,
  relationTo,
  ROOT_NAMESPACE,
  selectorOf,
  specOf,
  attachesByRef,
} from '../policies/selectors.js';
import { l7Attributes } from './l7.js';

export const WAYPOINT_NAME = 'waypoint';
export const WAYPOINT_CLASS = 'istio-waypoint';

/** What the ambient policy pass wrote, and the namespaces whose waypoint it relies on. */
export interface AmbientPolicies {
  emitted: Emitted[];
  /** Namespace → the first policy (input order) that needs its waypoint. */
  needs: Map<string, OtherResource>;
}

/** Kinds a waypoint enforces by targetRefs (AuthorizationPolicy only when it has L7 rules). */
const RETARGETED = ['AuthorizationPolicy', 'RequestAuthentication', 'WasmPlugin'];

export function ambientPolicies(ctx: MapContext, plans: readonly GatewayPlan[]): AmbientPolicies {
  const out: AmbientPolicies = { emitted: [], needs: new Map() };
  for (const r of ctx.index.others) {
    const kind = policyKindOf(r);
    if (!kind || !RETARGETED.includes(kind.kind) || attachesByRef(r)) continue;
    // Policies of the ingress gateway pods follow the Gateway instead (policies/counterparts.ts).
    if (
      plans.some((p) => {
        const rel = relationTo(r, kind, p);
        return rel !== undefined && rel !== 'newly-applies';
      })
    )
      continue;
    const l7 =
      kind.kind === 'AuthorizationPolicy'
        ? l7Attributes(specOf(r))
        : [kind.kind === 'RequestAuthentication' ? 'JWT validation' : 'a Wasm extension'];
    if (l7.length === 0) continue;
    const object = retarget(ctx, r, kind, l7);
    if (!object) continue;
    out.emitted.push({ object, origin: r });
    const ref = (object.spec as { targetRefs: { kind: string }[] }).targetRefs[0]!;
    if (ref.kind !== 'GatewayClass' && !out.needs.has(r.namespace)) out.needs.set(r.namespace, r);
  }
  return out;
}

function retarget(
  ctx: MapContext,
  r: OtherResource,
  kind: PolicyKind,
  l7: string[],
): IstioPolicy | undefined {
  const labels = selectorOf(r, kind);
  let targetRefs: { group: string; kind: string; name: string }[];
  let onto: string;
  if (labels) {
    const services = coveringServices(ctx, r.namespace, labels);
    if (services.length === 0) {
      reportAt(ctx, 'ambient-policy-not-retargeted', r, ['spec', kind.selector, kind.labels], {
        message:
          `${kind.kind} ${r.namespace}/${r.name} needs a waypoint (${l7.join(', ')}), which takes policies by Service, but no Service of ` +
          `namespace ${r.namespace} in the input selects only pods its selector picks: a Service target would widen it, so no counterpart was written`,
        hint: "Add a Service whose selector includes every label of the policy's selector (and the Service manifests to the input), then target it.",
      });
      return undefined;
    }
    targetRefs = services.slice(0, 16).map((s) => ({ group: '', kind: 'Service', name: s.name }));
    onto = `Service ${services
      .slice(0, 16)
      .map((s) => s.name)
      .join(', ')}`;
  } else if (r.namespace !== ROOT_NAMESPACE) {
    targetRefs = [{ group: 'gateway.networking.k8s.io', kind: 'Gateway', name: WAYPOINT_NAME }];
    onto = `the waypoint of namespace ${r.namespace}`;
  } else {
    targetRefs = [
      { group: 'gateway.networking.k8s.io', kind: 'GatewayClass', name: WAYPOINT_CLASS },
    ];
    onto = `every waypoint (GatewayClass ${WAYPOINT_CLASS})`;
  }
  const rest = clonePlainSorted(specOf(r));
  delete rest[kind.selector];
  const object: IstioPolicy = {
    apiVersion: r.apiVersion,
    kind: kind.kind,
    metadata: { name: boundedLabel(r.name, WAYPOINT_NAME), namespace: r.namespace },
    spec: { targetRefs, ...rest },
  };
  reportAt(
    ctx,
    'ambient-policy-retargeted',
    r,
    labels ? ['spec', kind.selector, kind.labels] : [],
    {
      message:
        `${kind.kind} ${r.namespace}/${r.name} is enforced by a waypoint in ambient mode (${l7.join(', ')}); ` +
        `${kind.kind} ${r.namespace}/${object.metadata.name} carries its spec to ${onto} by targetRefs. ` +
        (kind.kind === 'AuthorizationPolicy' && labels
          ? 'Delete the original right after the pods restart without sidecars: ztunnel enforces a selector-based policy without its HTTP rules (an ALLOW then admits nothing, a DENY is skipped or stricter)'
          : 'Delete the original once the pods run without sidecars'),
    },
  );
  return object;
}

/** Services of `namespace` whose every pod the selector picks (selector ⊆ Service selector), by name. */
function coveringServices(
  ctx: MapContext,
  namespace: string,
  labels: Record<string, string>,
): Service[] {
  return ctx.index.services
    .filter(
      (s) =>
        s.namespace === namespace && s.spec.selector && Object.keys(s.spec.selector).length > 0,
    )
    .filter((s) => Object.entries(labels).every(([k, v]) => s.spec.selector![k] === v))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}
