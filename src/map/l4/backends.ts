import type { L4BackendRef } from '../../gateway-api/types.js';
import type { FieldPath } from '../../model/resources.js';
import type { GrantNeed } from '../reference-grants.js';
import { backendRefFor, type IstioDestination } from '../http/backends.js';
import { type HttpScope, raise } from '../http/scope.js';

const MAX_BACKEND_REFS = 16;

/**
 * `route[]` of a `tls[]`/`tcp[]` entry → backendRefs, or undefined when the entry cannot be
 * emitted (a finding says why). Weights follow trap 3: a lone destination takes everything
 * (no weight written); among several, an unset weight is 0 in Istio and is written as 0.
 */
export function l4BackendRefs(
  scope: HttpScope,
  route: readonly { destination: IstioDestination; weight?: number }[] | undefined,
  at: FieldPath,
  routeKind: 'TLSRoute' | 'TCPRoute',
  grants: GrantNeed[],
): L4BackendRef[] | undefined {
  const dests = route ?? [];
  if (!dests.length) {
    raise(
      scope,
      'backend-not-converted',
      at,
      `this entry has no route, so it has no backends; no ${routeKind} is written for it`,
    );
    return undefined;
  }
  if (dests.length > MAX_BACKEND_REFS) {
    raise(
      scope,
      'backend-not-converted',
      [...at, 'route'],
      `${dests.length} destinations exceed the limit of ${MAX_BACKEND_REFS} backendRefs; no ${routeKind} is written for this entry`,
    );
    return undefined;
  }
  const refs: L4BackendRef[] = [];
  for (const [j, d] of dests.entries()) {
    const ref = backendRefFor(
      scope,
      d.destination,
      [...at, 'route', j, 'destination'],
      'destination',
      grants,
      routeKind,
    );
    if (!ref) return undefined;
    if (dests.length > 1 && d.weight !== undefined) ref.weight = d.weight;
    refs.push(ref);
  }
  if (dests.length > 1) {
    if (dests.every((d) => d.weight === undefined)) {
      raise(
        scope,
        'weights-unset',
        [...at, 'route'],
        `${dests.length} destinations without weights: the ${routeKind} splits connections equally (Gateway API default weight 1), which Istio did not promise`,
        'Write the weights explicitly (they add up to 100 in Istio).',
      );
    } else {
      for (const ref of refs) if (ref.weight === undefined) ref.weight = 0;
    }
  }
  return refs;
}
