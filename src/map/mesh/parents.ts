// Which GAMMA parent each host of a mesh VirtualService becomes (semantics.md §6). Istio's
// Gateway API implementation (pilot/pkg/config/kube/gateway/conversion.go buildHTTPVirtualServices)
// turns a Service parent into the host `<name>.<ns>.svc.<domain>` and a ServiceEntry parent into
// that ServiceEntry's hosts; route hostnames are not used for mesh parents.
import type { ParentReference } from '../../gateway-api/types.js';
import { resolveShortHost } from '../../model/index.js';
import type { VirtualService } from '../../model/resources.js';
import type { MapContext } from '../context.js';
import { type HttpScope, raise } from '../http/scope.js';

/** A Service or ServiceEntry a mesh route attaches to, and the VirtualService host it stands for. */
export interface MeshParent {
  kind: 'Service' | 'ServiceEntry';
  name: string;
  namespace: string;
  /** Index in `spec.hosts`. */
  hostIndex: number;
  host: string;
}

const CLUSTER_FQDN =
  /^([a-z0-9]([-a-z0-9]*[a-z0-9])?)\.([a-z0-9]([-a-z0-9]*[a-z0-9])?)\.svc\.cluster\.local$/;

/**
 * The mesh parents of the VirtualService's hosts, in written order without duplicates. A short
 * name is a Service in the VirtualService's namespace, `name.ns.svc.cluster.local` is Service
 * `name` in `ns` (Istio's short-name rule), any other host must be declared by a ServiceEntry in
 * the input. Hosts that cannot be a parent raise `mesh-host-not-converted`.
 */
export function resolveMeshParents(scope: HttpScope): MeshParent[] {
  const { vs, ctx } = scope;
  const out: MeshParent[] = [];
  const push = (p: MeshParent): void => {
    if (!out.some((o) => o.kind === p.kind && o.name === p.name && o.namespace === p.namespace))
      out.push(p);
  };
  (vs.spec.hosts ?? []).forEach((raw, i) => {
    const host = raw.toLowerCase();
    // A host whose mesh rules stay in the residual VirtualService (map/residual) loses nothing.
    const residual = ctx.meshHostsInResidual?.has(i) ?? false;
    if (host.includes('*')) {
      if (!residual)
        raise(
          scope,
          'mesh-host-not-converted',
          ['spec', 'hosts', i],
          `mesh host '${raw}' is a wildcard: a mesh route attaches to one Service or ServiceEntry, so in-mesh requests for hosts matching '${raw}' are no longer routed by these rules`,
          'List the concrete hosts (each a Service or a ServiceEntry host) instead of a wildcard.',
        );
      return;
    }
    const fqdn = resolveShortHost(host, vs.namespace);
    const m = CLUSTER_FQDN.exec(fqdn);
    if (m) {
      const name = m[1]!;
      const namespace = m[3]!;
      if (!ctx.index.service(namespace, name)) {
        raise(
          scope,
          'mesh-service-not-found',
          ['spec', 'hosts', i],
          `Service ${namespace}/${name} (host '${raw}') is not in the input: the mesh route names it as parent without checking that it exists or which ports it has`,
          'Include the Service manifest in the input, or check that the Service exists before applying the route.',
        );
      }
      push({ kind: 'Service', name, namespace, hostIndex: i, host: fqdn });
      return;
    }
    const entries = ctx.index.serviceEntriesForHost(host);
    if (entries.length === 0) {
      if (!residual)
        raise(
          scope,
          'mesh-host-not-converted',
          ['spec', 'hosts', i],
          `mesh host '${raw}' is neither a Kubernetes Service (<name>.<namespace>.svc.cluster.local) nor declared by a ServiceEntry in the input, so no mesh route can attach to it: in-mesh requests for it are no longer routed by these rules`,
          'Include the ServiceEntry that declares the host in the input, or write the host as a Service name.',
        );
      return;
    }
    for (const se of entries)
      push({ kind: 'ServiceEntry', name: se.name, namespace: se.namespace, hostIndex: i, host });
  });
  return out;
}

/** Can `raw` be a mesh route parent (a Service host, or a ServiceEntry host), as above? */
export function canBeMeshParent(raw: string, vs: VirtualService, ctx: MapContext): boolean {
  const host = raw.toLowerCase();
  if (host.includes('*')) return false;
  if (CLUSTER_FQDN.test(resolveShortHost(host, vs.namespace))) return true;
  return ctx.index.serviceEntriesForHost(host).length > 0;
}

/** The parentRef of a mesh parent, seen from a route in `routeNamespace`. */
export function meshParentRef(
  p: MeshParent,
  routeNamespace: string,
  port?: number,
): ParentReference {
  const ref: ParentReference =
    p.kind === 'Service'
      ? { group: '', kind: 'Service', name: p.name }
      : { group: 'networking.istio.io', kind: 'ServiceEntry', name: p.name };
  if (p.namespace !== routeNamespace) ref.namespace = p.namespace;
  if (port !== undefined) ref.port = port;
  return ref;
}
