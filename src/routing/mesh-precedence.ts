// A VirtualService and Gateway API routes both claim a host for a sidecar's HTTP requests: the
// sidecar builds that host's virtual host from ONE of them (pilot/pkg/networking/core/
// httproute.go drops a later "duplicate domain"). Istio turns the routes of a mesh parent into a
// public VirtualService named `<route namespace>~<host>` (`~<port>~` with a parentRef port;
// pilot/pkg/config/kube/gateway/route_collections.go mergeHTTPRoutes), and a sidecar takes them
// in this order (pilot/pkg/model/virtualservice.go SelectVirtualServices): exported only to the
// client's namespace, then exported to it by name, then public; within each, Gateway API routes
// of the client's namespace first, then by creation time, then name
// (pilot/pkg/model/config.go configCompareByCreationTime). The model takes objects applied
// together, so with the same creation time (seconds) the name decides.
import type { VirtualService } from '../model/resources.js';

/** Does `vs` win over the routes (`namespace` of each) for a client in `client`, for `host`? */
export function virtualServiceFirst(
  vs: VirtualService,
  routeNamespaces: readonly string[],
  client: string,
  host: string,
): boolean {
  if (!routeNamespaces.length) return true;
  const exportTo = vs.spec.exportTo;
  const named =
    exportTo?.length &&
    !exportTo.includes('*') &&
    exportTo.some((x) => x === client || (x === '.' && vs.namespace === client));
  if (named) return true;
  if (routeNamespaces.includes(client)) return false;
  const first = [...routeNamespaces].sort()[0]!;
  return vs.name < `${first}~${host}`;
}
