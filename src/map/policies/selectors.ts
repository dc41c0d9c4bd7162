// Policies that select workloads by label (semantics.md §3, last paragraph): in provision mode the
// converted Gateway runs on new pods labelled `gateway.networking.k8s.io/gateway-name: <name>`, so
// a policy that selected the old gateway pods no longer applies to the traffic they served.
import type { OtherResource } from '../../model/resources.js';
import type { MapContext } from '../context.js';
import { reportAt } from '../context.js';
import type { GatewayPlan } from '../gateway/plan.js';

/** Kinds that select pods by label, and where their selector is. */
const SELECTING: readonly { group: string; kind: string; path: readonly string[] }[] = [
  { group: 'security.istio.io', kind: 'AuthorizationPolicy', path: ['selector', 'matchLabels'] },
  { group: 'security.istio.io', kind: 'RequestAuthentication', path: ['selector', 'matchLabels'] },
  { group: 'networking.istio.io', kind: 'EnvoyFilter', path: ['workloadSelector', 'labels'] },
  { group: 'telemetry.istio.io', kind: 'Telemetry', path: ['selector', 'matchLabels'] },
  { group: 'extensions.istio.io', kind: 'WasmPlugin', path: ['selector', 'matchLabels'] },
];

/** Istio's default root namespace: a selector there picks workloads in every namespace. */
const ROOT_NAMESPACE = 'istio-system';

/**
 * One `policy-selects-old-gateway` per policy whose selector certainly picks the old pods of a
 * provisioned Gateway: it is in their namespace (or the root namespace) and each of its labels is
 * a label those pods must carry (the Istio Gateway's selector or their Service's selector).
 */
export function reportGatewayPolicies(ctx: MapContext, plans: readonly GatewayPlan[]): void {
  for (const r of ctx.index.others) {
    const kind = SELECTING.find((k) => k.group === r.group && k.kind === r.kind);
    if (!kind) continue;
    const labels = selectorOf(r, kind.path);
    if (!labels || Object.keys(labels).length === 0) continue;
    const hit = plans.filter((p) => p.mode === 'provision' && p.listeners.length > 0 && selects(r, labels, p));
    if (!hit.length) continue;
    const shown = Object.entries(labels).map(([k, v]) => `${k}=${v}`).join(',');
    const targets = hit.map((p) => `{group: gateway.networking.k8s.io, kind: Gateway, name: ${p.name}}`).join(', ');
    reportAt(ctx, 'policy-selects-old-gateway', r, ['spec', ...kind.path], {
      message: `${r.kind} ${r.namespace}/${r.name} selects ${shown}, the old gateway pods of ${hit.map((p) => `Istio Gateway ${p.source.namespace}/${p.source.name}`).join(', ')}; ` +
        `the converted Gateway ${hit.map((p) => `${p.namespace}/${p.name}`).join(', ')} runs new pods (label gateway.networking.k8s.io/gateway-name) that this selector does not pick, so it no longer applies to that traffic`,
      hint: `Replace the selector by targetRefs: [${targets}] in namespace ${hit[0]!.namespace}, or use --reuse-gateway.`,
    });
  }
}

function selectorOf(r: OtherResource, path: readonly string[]): Record<string, string> | undefined {
  let cur: unknown = r.raw.spec;
  for (const p of path) cur = cur && typeof cur === 'object' ? (cur as Record<string, unknown>)[p] : undefined;
  if (!cur || typeof cur !== 'object') return undefined;
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(cur)) if (typeof v === 'string') out[k] = v;
  return out;
}

function selects(r: OtherResource, labels: Record<string, string>, plan: GatewayPlan): boolean {
  const w = plan.workload;
  if (!w) return false;
  if (r.namespace !== w.namespace && r.namespace !== ROOT_NAMESPACE) return false;
  const podLabels = { ...(w.service?.spec.selector ?? {}), ...(plan.source.spec.selector ?? {}) };
  return Object.entries(labels).every(([k, v]) => podLabels[k] === v);
}
