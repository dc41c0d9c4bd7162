import type { HTTPRoute } from '../../gateway-api/types.js';
import { dnsLabel } from '../reference-grants.js';
import type { GatewayPlan, ListenerPlan } from './plan.js';

/**
 * `tls.httpsRedirect`: classic Istio answers every request on that server with a 301 to
 * https (Envoy `require_tls: ALL`), whatever VirtualServices say. The equivalent is a route
 * that owns the listener: one rule, no matches (every path), RequestRedirect scheme https with
 * the explicit 301 (Gateway API's default is 302, semantics.md trap 4), no backendRefs.
 */
export function httpsRedirectRoute(plan: GatewayPlan, lp: ListenerPlan): HTTPRoute {
  const route: HTTPRoute = {
    apiVersion: 'gateway.networking.k8s.io/v1',
    kind: 'HTTPRoute',
    metadata: {
      name: dnsLabel(`${plan.name}-${lp.listener.name}-https-redirect`),
      namespace: plan.namespace,
    },
    spec: {
      parentRefs: [{ name: plan.name, sectionName: lp.listener.name }],
      rules: [
        {
          filters: [
            { type: 'RequestRedirect', requestRedirect: { scheme: 'https', statusCode: 301 } },
          ],
        },
      ],
    },
  };
  if (lp.listener.hostname)
    route.spec = {
      parentRefs: route.spec.parentRefs!,
      hostnames: [lp.listener.hostname],
      rules: route.spec.rules,
    };
  return route;
}
