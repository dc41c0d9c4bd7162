import type { AllowedRoutesNamespaces } from '../../gateway-api/types.js';

/** The label every namespace carries with its own name (Kubernetes ≥ 1.22). */
export const NAMESPACE_NAME_LABEL = 'kubernetes.io/metadata.name';

/**
 * `allowedRoutes.namespaces` for the namespace parts of the hosts one listener serves.
 * `*` (or a bare host) → All; `.` → the Istio Gateway's own namespace, which is `Same` only
 * while the Gateway stays in that namespace (reuse mode moves it); names → a Selector on
 * `kubernetes.io/metadata.name`. Always written: an omitted allowedRoutes means `Same`
 * (semantics.md trap 10).
 */
export function allowedNamespaces(
  parts: readonly string[],
  istioNamespace: string,
  gatewayNamespace: string,
): AllowedRoutesNamespaces {
  if (parts.includes('*')) return { from: 'All' };
  const names = new Set(parts.map((p) => (p === '.' ? istioNamespace : p)));
  if (names.size === 1 && names.has(gatewayNamespace)) return { from: 'Same' };
  const values = [...names].sort();
  if (values.length === 1)
    return { from: 'Selector', selector: { matchLabels: { [NAMESPACE_NAME_LABEL]: values[0]! } } };
  return {
    from: 'Selector',
    selector: { matchExpressions: [{ key: NAMESPACE_NAME_LABEL, operator: 'In', values }] },
  };
}
