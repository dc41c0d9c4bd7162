import type { IstioGateway, Service } from '../../model/resources.js';
import type { MapContext } from '../context.js';
import { reportAt } from '../context.js';
import type { GatewayWorkload } from './plan.js';

/** Gateways installed by istioctl/Helm with their default labels (istio/istio manifests/charts/gateways). */
const WELL_KNOWN: readonly { label: string; value: string; namespace: string; name: string }[] = [
  { label: 'istio', value: 'ingressgateway', namespace: 'istio-system', name: 'istio-ingressgateway' },
  { label: 'istio', value: 'egressgateway', namespace: 'istio-system', name: 'istio-egressgateway' },
];

const byNamespaceName = (a: Service, b: Service): number =>
  a.namespace < b.namespace ? -1 : a.namespace > b.namespace ? 1 : a.name < b.name ? -1 : a.name > b.name ? 1 : 0;

/**
 * Whether Service `s` fronts pods the gateway selector picks: its selector is a subset of the
 * Gateway's (it selects every such pod) or a superset (every pod it selects is such a pod, as
 * with the stock `{app: istio-ingressgateway, istio: ingressgateway}` Service).
 */
function fronts(s: Service, selector: Record<string, string>): boolean {
  const sel = s.spec.selector ?? {};
  const keys = Object.keys(sel);
  if (keys.length === 0) return false;
  const subset = keys.every((k) => selector[k] === sel[k]);
  const superset = Object.entries(selector).every(([k, v]) => sel[k] === v);
  return subset || superset;
}

type Lookup =
  | { found: GatewayWorkload; wellKnown?: { label: string; value: string } }
  | { found: undefined };

/**
 * The Service in front of the pods the Istio Gateway's `selector` picks: from Service manifests
 * in the input (see `fronts`; first by namespace/name), else the
 * well-known defaults, else none. Pure: `resolveWorkload` reports.
 */
export function lookupWorkload(gw: IstioGateway, ctx: MapContext): Lookup {
  const selector = gw.spec.selector ?? {};
  if (Object.keys(selector).length === 0) return { found: undefined };
  // A Service that fronts the selector shares at least one of its labels (a subset selector is
  // non-empty and every member is one of the selector's; a superset holds all of them), so only
  // the Services indexed under those labels are candidates.
  const candidates = new Set<Service>();
  for (const [k, v] of Object.entries(selector)) for (const s of ctx.index.servicesWithSelectorLabel(k, v)) candidates.add(s);
  const order = (s: Service) => ctx.index.services.indexOf(s); // ties only: duplicate manifests
  const svc = [...candidates].filter((s) => fronts(s, selector)).sort((a, b) => byNamespaceName(a, b) || order(a) - order(b))[0];
  if (svc) return { found: { namespace: svc.namespace, name: svc.name, service: svc, assumed: false } };
  for (const w of WELL_KNOWN) {
    if (selector[w.label] === w.value) return { found: { namespace: w.namespace, name: w.name, assumed: true }, wellKnown: w };
  }
  return { found: undefined };
}

/** `lookupWorkload`, reporting an assumed or unresolved workload. Istio classic reads `credentialName` Secrets in that workload's namespace. */
export function resolveWorkload(gw: IstioGateway, ctx: MapContext): GatewayWorkload | undefined {
  const r = lookupWorkload(gw, ctx);
  if (r.found) {
    if ('wellKnown' in r && r.wellKnown) {
      reportAt(ctx, 'gateway-service-assumed', gw, ['spec', 'selector'], {
        message: `selector ${r.wellKnown.label}=${r.wellKnown.value} matches no Service in the input; assumed the default gateway Service ${r.found.namespace}/${r.found.name}`,
        hint: 'add the gateway Service manifest to the input if the gateway was installed elsewhere',
      });
    }
    return r.found;
  }
  const selector = gw.spec.selector ?? {};
  const shown = Object.entries(selector).map(([k, v]) => `${k}=${v}`).join(',') || '(empty: every gateway workload)';
  reportAt(ctx, 'gateway-selector-unresolved', gw, ['spec', 'selector'], {
    message: `selector ${shown} matches no gateway Service in the input and no well-known gateway; credentialName Secrets are assumed to be in ${gw.namespace}` +
      (ctx.options.reuseGateway ? ', and a new gateway is provisioned instead of reusing one' : ''),
    hint: 'add the Service manifest of the gateway deployment to the input',
  });
  return undefined;
}

/** Where the generated Gateway lives: the Istio Gateway's namespace, or in reuse mode the Service's. */
export function targetNamespace(gw: IstioGateway, ctx: MapContext): string {
  if (!ctx.options.reuseGateway) return gw.namespace;
  return lookupWorkload(gw, ctx).found?.namespace ?? gw.namespace;
}

/** `<svc>.<ns>.svc.cluster.local`: the address Istio resolves to the existing Service (manual deployment). */
export function serviceAddress(w: GatewayWorkload): string {
  return `${w.name}.${w.namespace}.svc.cluster.local`;
}

/**
 * The Gateway's name: the Istio Gateway's, unless reuse mode moves two same-named Istio
 * Gateways into one namespace; then every moved one is named `<source-namespace>-<name>`.
 */
export function gatewayName(gw: IstioGateway, namespace: string, ctx: MapContext): string {
  if (namespace === gw.namespace) return gw.name;
  const clash = ctx.index.gateways.some((o) => o !== gw && o.name === gw.name && targetNamespace(o, ctx) === namespace);
  return clash ? `${gw.namespace}-${gw.name}`.slice(0, 253).replace(/-+$/, '') : gw.name;
}
