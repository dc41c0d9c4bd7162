// A residual keeps mesh rules that may send to the Service of old gateway pods: istio.io's
// egress-gateway task (tasks/traffic-management/egress/egress-gateway, HTTPS) routes sidecar TLS
// for edition.cnn.com to istio-egressgateway.istio-system. The converted Gateway replaces those
// pods with its own, and the old ones lose the server once the Istio Gateway is deleted at
// cutover, so the residual's destinations go to the new gateway Service, as converted routes'
// do (egress/rewrite.ts), with the subset dropped and its traffic policy carried.
import type { HTTPRouteDestination, FieldPath, VirtualService } from '../../model/resources.js';
import { resolveShortHost } from '../../model/index.js';
import type { MapContext } from '../context.js';
import { rewriteGatewayDestination } from '../egress/rewrite.js';
import type { GatewayPlans } from '../gateway/plan.js';
import type { HttpScope } from '../http/scope.js';
import type { ResidualPlan } from './plan.js';

type Destination = HTTPRouteDestination['destination'];
interface Routed {
  route?: { destination: Destination }[] | undefined;
}

/** `plan` with every destination on old gateway pods moved to the new gateway's Service. */
export function residualGatewayHops(
  plan: ResidualPlan,
  vs: VirtualService,
  ctx: MapContext,
  plans: GatewayPlans,
): ResidualPlan {
  const scope: HttpScope = { vs, ctx, plans };
  const { http, tls, tcp } = plan.rules;
  return {
    ...plan,
    rules: {
      http: http.map((r) => moveHops(scope, r, vs.spec.http, 'http')),
      tls: tls.map((r) => moveHops(scope, r, vs.spec.tls, 'tls')),
      tcp: tcp.map((r) => moveHops(scope, r, vs.spec.tcp, 'tcp')),
    },
  };
}

function moveHops<R extends Routed>(
  scope: HttpScope,
  rule: R,
  source: readonly Routed[] | undefined,
  kind: 'http' | 'tls' | 'tcp',
): R {
  // The residual's rules are trimmed copies that share their `route` list with the source rule.
  const i = (source ?? []).findIndex((s) => s.route === rule.route);
  if (i < 0 || !rule.route?.length) return rule;
  let moved = false;
  const route = rule.route.map((d, j) => {
    const at: FieldPath = ['spec', kind, i, 'route', j, 'destination'];
    const to = newGatewayHost(scope, d.destination, at);
    if (!to) return d;
    moved = true;
    const { subset: _dropped, ...rest } = d.destination;
    void _dropped;
    return { ...d, destination: { ...rest, host: to } };
  });
  return moved ? { ...rule, route } : rule;
}

/** The new gateway Service's host when `dest` names a Service of old gateway pods. */
function newGatewayHost(scope: HttpScope, dest: Destination, at: FieldPath): string | undefined {
  const fqdn = resolveShortHost(dest.host, scope.vs.namespace);
  const m = /^([^.]+)\.([^.]+)\.svc\.cluster\.local$/.exec(fqdn);
  if (!m) return undefined;
  const to = rewriteGatewayDestination(
    scope,
    m[2]!,
    m[1]!,
    dest.port?.number,
    dest.subset,
    at,
    'destination',
  );
  return to && to !== 'ambiguous' ? `${to.name}.${to.namespace}.svc.cluster.local` : undefined;
}
