import type { BackendRef } from '../../gateway-api/types.js';
import type { GrantNeed } from '../reference-grants.js';
import type { FieldPath } from '../../model/resources.js';
import { type HttpScope, raise } from './scope.js';
import { rewriteGatewayDestination } from '../egress/rewrite.js';
import { subsetServiceFor } from '../subsets/registry.js';

export interface IstioDestination {
  host: string;
  port?: { number?: number };
  subset?: string;
}

const CLUSTER_FQDN =
  /^([a-z0-9]([-a-z0-9]*[a-z0-9])?)\.([a-z0-9]([-a-z0-9]*[a-z0-9])?)\.svc\.cluster\.local$/;

/**
 * An Istio destination → backendRef. Short names are Services in the VirtualService's namespace,
 * `name.ns.svc.cluster.local` is Service `name` in `ns` (ReferenceGrant when `ns` differs), any
 * other host is a registry host: `{group: networking.istio.io, kind: Hostname}` (Istio's
 * conversion.go buildDestination; it requires a port for every kind). Undefined when no port can
 * be known: a port is never invented. A cross-namespace Service adds its grant need to `grants`,
 * requested only if the rule is emitted; its `from.kind` is the kind of the route that refers.
 */
export function backendRefFor(
  scope: HttpScope,
  dest: IstioDestination,
  at: FieldPath,
  what: 'destination' | 'mirror',
  grants: GrantNeed[],
  routeKind = 'HTTPRoute',
): BackendRef | undefined {
  const { vs, ctx } = scope;
  const host = dest.host.toLowerCase();
  const subsetLost = (why: string): void => {
    raise(
      scope,
      'subset-not-converted',
      [...at, 'subset'],
      `subset '${dest.subset}' of ${host} ${why}: the ${what} now goes to every endpoint of ${host}, not only those of subset '${dest.subset}'`,
      "Create a Service that selects only the subset's pods and point the backendRef at it.",
    );
  };
  if (host.includes('*')) {
    raise(
      scope,
      'backend-not-converted',
      [...at, 'host'],
      `${what} host '${dest.host}' is a wildcard, which cannot be a backendRef; the rule is not emitted`,
    );
    return undefined;
  }
  let ref: BackendRef;
  let ports: number[] | undefined;
  let portSource: string;
  let grant: GrantNeed | undefined;
  const fq = CLUSTER_FQDN.exec(host);
  if (!host.includes('.') || fq) {
    let name = fq ? fq[1]! : host;
    let namespace = fq ? fq[3]! : vs.namespace;
    let subset = dest.subset;
    const moved = rewriteGatewayDestination(
      scope,
      namespace,
      name,
      dest.port?.number,
      subset,
      at,
      what,
    );
    if (moved && moved !== 'ambiguous') {
      ({ namespace, name } = moved);
      subset = undefined;
    }
    const base = ctx.index.service(namespace, name);
    const baseName = name;
    if (subset !== undefined) {
      const sub = subsetServiceFor(
        scope,
        namespace,
        name,
        subset,
        dest.port?.number ??
          (base?.spec.ports?.length === 1 ? base.spec.ports[0]!.port : undefined),
        at,
        what,
      );
      if (sub) name = sub;
      else
        subsetLost(
          `is defined by no DestinationRule for ${name}.${namespace}.svc.cluster.local in the input`,
        );
    }
    ref = { name };
    if (namespace !== vs.namespace) {
      ref.namespace = namespace;
      grant = {
        from: { group: 'gateway.networking.k8s.io', kind: routeKind, namespace: vs.namespace },
        to: { group: '', kind: 'Service', namespace, name },
        origin: vs,
      };
    }
    const svc = base;
    ports = svc?.spec.ports?.map((p) => p.port);
    portSource = svc
      ? `Service ${namespace}/${baseName} has ${ports?.length ?? 0} ports`
      : `Service ${namespace}/${baseName} is not in the input`;
  } else {
    if (dest.subset !== undefined)
      subsetLost(
        'belongs to a host that is not a Kubernetes Service, so no per-subset Service can select its endpoints',
      );
    ref = { group: 'networking.istio.io', kind: 'Hostname', name: host };
    const entries = ctx.index.serviceEntriesForHost(host);
    const set = new Set<number>();
    for (const se of entries) for (const p of se.spec.ports ?? []) set.add(p.number);
    ports = entries.length ? [...set] : undefined;
    portSource = entries.length
      ? `its ServiceEntries declare ${set.size} ports`
      : 'no ServiceEntry in the input declares it';
  }
  const port = dest.port?.number ?? (ports && ports.length === 1 ? ports[0] : undefined);
  if (port === undefined) {
    raise(
      scope,
      'backend-not-converted',
      [...at, 'host'],
      `${what} ${host} has no port and none can be derived (${portSource}); Gateway API needs a port, so this ${what === 'mirror' ? 'mirror is not written' : 'rule is not emitted and its requests go to later rules'}`,
      `Add 'port: {number: …}' to the ${what}, or include the Service/ServiceEntry with a single port in the input.`,
    );
    return undefined;
  }
  ref.port = port;
  if (grant) grants.push(grant);
  return ref;
}
