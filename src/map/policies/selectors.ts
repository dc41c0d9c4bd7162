// Policies that select workloads by label (semantics.md §3, last paragraph): in provision mode the
// converted Gateway runs on new pods labelled `gateway.networking.k8s.io/gateway-name: <name>` in
// the Gateway's namespace, so a policy that selected the old gateway pods no longer applies to the
// traffic they served. What applies to a Gateway API gateway pod is decided by
// pilot/pkg/model/policyattachment.go (ShouldAttachPolicy): a policy with targetRefs attaches when
// it is in the gateway's namespace and names the Gateway; a policy without targetRefs falls back
// to its selector (ENABLE_SELECTOR_BASED_K8S_GATEWAY_POLICY, on by default), and a policy with no
// selector selects every workload of its namespace.
import type { IstioPolicy } from '../../gateway-api/types.js';
import type { OtherResource } from '../../model/resources.js';
import type { GatewayPlan } from '../gateway/plan.js';

type Json = Record<string, unknown>;

/** A kind that selects pods by label: where its selector is, its served versions, its gate. */
export interface PolicyKind {
  group: string;
  kind: IstioPolicy['kind'];
  /** Served API versions (crd-all.gen.yaml); every one has `targetRefs`. First: the storage one. */
  versions: readonly string[];
  /** The selector object, and the label map inside it. */
  selector: 'selector' | 'workloadSelector';
  labels: 'matchLabels' | 'labels';
  gate: 'policyTargetRefs' | 'envoyFilterTargetRefs';
  /** Access control (error when lost) or observability/extension (warning), issue #16. */
  security: boolean;
}

export const POLICY_KINDS: readonly PolicyKind[] = [
  {
    group: 'security.istio.io',
    kind: 'AuthorizationPolicy',
    versions: ['v1', 'v1beta1'],
    selector: 'selector',
    labels: 'matchLabels',
    gate: 'policyTargetRefs',
    security: true,
  },
  {
    group: 'security.istio.io',
    kind: 'RequestAuthentication',
    versions: ['v1', 'v1beta1'],
    selector: 'selector',
    labels: 'matchLabels',
    gate: 'policyTargetRefs',
    security: true,
  },
  {
    group: 'networking.istio.io',
    kind: 'EnvoyFilter',
    versions: ['v1alpha3'],
    selector: 'workloadSelector',
    labels: 'labels',
    gate: 'envoyFilterTargetRefs',
    security: true,
  },
  {
    group: 'telemetry.istio.io',
    kind: 'Telemetry',
    versions: ['v1', 'v1alpha1'],
    selector: 'selector',
    labels: 'matchLabels',
    gate: 'policyTargetRefs',
    security: false,
  },
  {
    group: 'extensions.istio.io',
    kind: 'WasmPlugin',
    versions: ['v1alpha1'],
    selector: 'selector',
    labels: 'matchLabels',
    gate: 'policyTargetRefs',
    security: false,
  },
];

/** Istio's default root namespace: its policies without a selector apply mesh-wide. */
export const ROOT_NAMESPACE = 'istio-system';

export function policyKindOf(r: OtherResource): PolicyKind | undefined {
  return POLICY_KINDS.find((k) => k.group === r.group && k.kind === r.kind);
}

/** The policy's spec as read (plain data; never written to). */
export function specOf(r: OtherResource): Json {
  const spec = r.raw.spec;
  return spec && typeof spec === 'object' && !Array.isArray(spec) ? (spec as Json) : {};
}

/** True when the policy attaches by `targetRef`/`targetRefs` already: its selector is not used. */
export function attachesByRef(r: OtherResource): boolean {
  const spec = specOf(r);
  return Boolean(spec.targetRef) || (Array.isArray(spec.targetRefs) && spec.targetRefs.length > 0);
}

/** The selector's labels; undefined when the policy has no (or an empty) selector. */
export function selectorOf(r: OtherResource, kind: PolicyKind): Record<string, string> | undefined {
  const sel = specOf(r)[kind.selector];
  const labels = sel && typeof sel === 'object' ? (sel as Json)[kind.labels] : undefined;
  if (!labels || typeof labels !== 'object') return undefined;
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(labels)) if (typeof v === 'string') out[k] = v;
  return Object.keys(out).length ? out : undefined;
}

/**
 * How a policy relates to the old pods of one provisioned Gateway:
 * - `selects`: its selector certainly picks them (each label is one they carry);
 * - `namespace-wide`: no selector, in their namespace (not the root one): it applied to them;
 * - `may-select`: its selector shares a label with them but names others not known to be theirs;
 * - `newly-applies`: no selector, in the new Gateway's namespace: it applies to the new pods only.
 */
export type Relation = 'selects' | 'namespace-wide' | 'may-select' | 'newly-applies';

export function relationTo(
  r: OtherResource,
  kind: PolicyKind,
  plan: GatewayPlan,
): Relation | undefined {
  const w = plan.workload;
  if (!w || plan.mode !== 'provision' || plan.listeners.length === 0 || attachesByRef(r))
    return undefined;
  const labels = selectorOf(r, kind);
  if (!labels) {
    // A root-namespace policy without selector applies mesh-wide, to the new pods as well.
    if (plan.namespace === w.namespace) return undefined;
    if (r.namespace === w.namespace && w.namespace !== ROOT_NAMESPACE) return 'namespace-wide';
    if (r.namespace === plan.namespace && plan.namespace !== ROOT_NAMESPACE) return 'newly-applies';
    return undefined;
  }
  if (r.namespace !== w.namespace && r.namespace !== ROOT_NAMESPACE) return undefined;
  const pod = oldPodLabels(plan);
  const entries = Object.entries(labels);
  if (entries.every(([k, v]) => pod[k] === v)) return 'selects';
  const conflicts = entries.some(([k, v]) => k in pod && pod[k] !== v);
  return !conflicts && entries.some(([k, v]) => pod[k] === v) ? 'may-select' : undefined;
}

/**
 * Labels the old gateway pods certainly carry: their Service's selector (or, for an assumed
 * stock gateway, its chart's pod labels) and the Gateway's selector.
 */
export function oldPodLabels(plan: GatewayPlan): Record<string, string> {
  return {
    ...(plan.workload?.gatewayService.podLabels ?? {}),
    ...(plan.source.spec.selector ?? {}),
  };
}
