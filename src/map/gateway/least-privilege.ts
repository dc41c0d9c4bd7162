// --least-privilege-routes: a listener whose Istio server hosts admitted every namespace (`*/h`
// or a bare host, semantics.md trap 10) admits only the namespaces whose converted routes attach
// to it, by a Selector on kubernetes.io/metadata.name. Runs after every route is mapped; the
// Gateway objects share their listener objects with the plans, so narrowing a plan narrows them.
import type { K8sObject, ParentReference } from '../../gateway-api/types.js';
import { type MapContext, reportAt } from '../context.js';
import { allowedNamespaces } from './allowed-routes.js';
import type { GatewayPlan } from './plan.js';
import { hostnamesIntersect } from '../http/scope.js';

type Route = K8sObject & { spec: { parentRefs?: ParentReference[]; hostnames?: string[] } };
const ROUTE_KINDS = new Set(['HTTPRoute', 'GRPCRoute', 'TLSRoute', 'TCPRoute']);

export function narrowAllowedRoutes(
  ctx: MapContext,
  plans: readonly GatewayPlan[],
  objects: readonly K8sObject[],
): void {
  const routes = objects.filter(
    (o) => ROUTE_KINDS.has(o.kind) && o.apiVersion.startsWith('gateway.networking.k8s.io'),
  ) as Route[];
  for (const plan of plans) {
    for (const lp of plan.listeners) {
      const l = lp.listener;
      if (l.allowedRoutes?.namespaces?.from !== 'All') continue;
      const attaching = new Set<string>();
      for (const r of routes) {
        const rns = r.metadata.namespace ?? ctx.options.namespace;
        const hit = (r.spec.parentRefs ?? []).some(
          (p) =>
            (p.kind ?? 'Gateway') === 'Gateway' &&
            p.name === plan.name &&
            (p.namespace ?? rns) === plan.namespace &&
            (p.sectionName === undefined || p.sectionName === l.name) &&
            (p.port === undefined || p.port === l.port),
        );
        // A route attaches to a listener only when their hostnames intersect (GEP-1364).
        const hosts = r.spec.hostnames ?? [];
        if (hit && (hosts.length === 0 || hosts.some((h) => hostnamesIntersect(h, l.hostname))))
          attaching.add(rns);
      }
      const names = [...attaching].sort();
      l.allowedRoutes = {
        namespaces: names.length ? allowedNamespaces(names, '', plan.namespace) : { from: 'Same' },
      };
      const owner = lp.owners[0] ?? plan.source;
      reportAt(
        ctx,
        'gateway-routes-least-privilege',
        owner,
        ['spec', 'servers', lp.serverIndex, 'hosts', lp.hostIndex],
        {
          message:
            `host ${lp.istioHost} admitted routes from every namespace; listener ${l.name} of Gateway ${plan.namespace}/${plan.name} now admits only ` +
            `${names.length ? `namespace(s) ${names.join(', ')}, whose converted routes attach to it` : `its own namespace ${plan.namespace} (no converted route attaches)`}: ` +
            'a route from any other namespace (a VirtualService not in this input, or written later) can no longer attach',
          hint: 'add the namespaces of routes that are not in this input to the selector, or convert without --least-privilege-routes',
        },
      );
    }
  }
}
