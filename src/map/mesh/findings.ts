import type { FindingMeta } from '../../findings/finding.js';

/** Findings of the mesh (GAMMA) mapper: VirtualServices bound to `mesh`. docs/findings/<id>.md explains each. */
export const MESH_FINDINGS: readonly FindingMeta[] = [
  {
    id: 'mesh-host-not-converted',
    severity: 'error',
    title:
      'A mesh host is a wildcard, or neither a Service nor a ServiceEntry host: no mesh route can attach to it.',
  },
  {
    id: 'mesh-service-not-found',
    severity: 'warning',
    title:
      'The Service a mesh route attaches to is not in the input; the parentRef is written by name and could not be checked.',
  },
  {
    id: 'mesh-route-placed',
    severity: 'info',
    title:
      "A mesh route is written to its Service's namespace (a producer route) so it keeps applying to every client.",
  },
  {
    id: 'mesh-consumer-route',
    severity: 'info',
    title:
      '`exportTo` becomes consumer mesh routes: each applies only to clients in its own namespace.',
  },
  {
    id: 'mesh-host-shared',
    severity: 'warning',
    title:
      'Several VirtualServices route the same mesh host: classic Istio applied one per sidecar, while all their converted routes apply.',
  },
  {
    id: 'mesh-export-widened',
    severity: 'warning',
    title:
      "`exportTo` limited the VirtualService to some namespaces, but a route in the Service's namespace applies to every client.",
  },
];
