import { lookupGatewayService } from '../../model/gateway-service.js';
import type { IstioGateway } from '../../model/resources.js';
import type { MapContext } from '../context.js';
import { reportAt } from '../context.js';
import type { GatewayWorkload } from './plan.js';

type Lookup =
  { found: GatewayWorkload; wellKnown?: { label: string; value: string } } | { found: undefined };

/**
 * The Service in front of the pods the Istio Gateway's `selector` picks (model/gateway-service.ts:
 * from the input, else the well-known defaults, else none). Pure: `resolveWorkload` reports.
 */
export function lookupWorkload(gw: IstioGateway, ctx: MapContext): Lookup {
  const r = lookupGatewayService(ctx.index, gw.spec.selector ?? {});
  if (!r.found) return { found: undefined };
  const s = r.found;
  const found: GatewayWorkload = {
    namespace: s.namespace,
    name: s.name,
    assumed: s.assumed,
    gatewayService: s,
  };
  if (s.service) found.service = s.service;
  return r.wellKnown ? { found, wellKnown: r.wellKnown } : { found };
}

/** `lookupWorkload`, reporting an assumed or unresolved workload. Istio classic reads `credentialName` Secrets in that workload's namespace. */
export function resolveWorkload(gw: IstioGateway, ctx: MapContext): GatewayWorkload | undefined {
  const r = lookupWorkload(gw, ctx);
  if (r.found) {
    if ('wellKnown' in r && r.wellKnown) {
      reportAt(ctx, 'gateway-service-assumed', gw, ['spec', 'selector'], {
        message: `selector ${selectorText(gw)} matches no Service in the input; assumed the default gateway Service ${r.found.namespace}/${r.found.name}`,
        hint: 'add the gateway Service manifest to the input if the gateway was installed elsewhere',
      });
    }
    return r.found;
  }
  reportAt(ctx, 'gateway-selector-unresolved', gw, ['spec', 'selector'], {
    message:
      `selector ${selectorText(gw)} matches no gateway Service in the input and no well-known gateway; credentialName Secrets are assumed to be in ${gw.namespace}` +
      (ctx.options.reuseGateway ? ', and a new gateway is provisioned instead of reusing one' : ''),
    hint: 'add the Service manifest of the gateway deployment to the input',
  });
  return undefined;
}

/** `k=v,…` of the Istio Gateway's selector, as the findings show it. */
function selectorText(gw: IstioGateway): string {
  const entries = Object.entries(gw.spec.selector ?? {});
  return entries.map(([k, v]) => `${k}=${v}`).join(',') || '(empty: every gateway workload)';
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
  const clash = ctx.index.gateways.some(
    (o) => o !== gw && o.name === gw.name && targetNamespace(o, ctx) === namespace,
  );
  return clash ? `${gw.namespace}-${gw.name}`.slice(0, 253).replace(/-+$/, '') : gw.name;
}
