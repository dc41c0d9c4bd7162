// How Istio reads a VirtualService's `gateways` entries (top-level and per-match): the one place
// that turns a written reference into a namespace and name, used by mapping and verification.

/** The reserved name of the sidecars; Istio compares it exactly (pilot/pkg/config/constants). */
export const MESH = 'mesh';

/** A `gateways` entry resolved to an Istio Gateway, and the form it was written in. */
export interface GatewayRef {
  namespace: string;
  name: string;
  /**
   * `ns/name` and `./name`: `slash`; bare `name`: `short`; `name.ns` and
   * `name.ns.svc.<domain>`: `legacy` (Istio still reads them, with a deprecation warning).
   */
  form: 'slash' | 'short' | 'legacy';
}

/**
 * Istio's resolveGatewayName (pilot/pkg/model/config.go): `ns/name` as written, `./name` and a
 * bare `name` in the VirtualService's namespace, and the legacy `name.ns[.svc.<domain>]` is
 * `ns/name` — the namespace is the label after the first dot, whatever follows it.
 */
export function resolveGatewayName(ref: string, vsNamespace: string): GatewayRef {
  const slash = ref.indexOf('/');
  if (slash >= 0) {
    const ns = ref.slice(0, slash);
    return { namespace: ns === '.' ? vsNamespace : ns, name: ref.slice(slash + 1), form: 'slash' };
  }
  const dot = ref.indexOf('.');
  if (dot < 0) return { namespace: vsNamespace, name: ref, form: 'short' };
  const rest = ref.slice(dot + 1);
  const end = rest.indexOf('.');
  return {
    namespace: end < 0 ? rest : rest.slice(0, end),
    name: ref.slice(0, dot),
    form: 'legacy',
  };
}

/** `ns/name` of a `gateways` entry, or `mesh` for the sidecars. */
export function gatewayRefKey(ref: string, vsNamespace: string): string {
  if (ref === MESH) return MESH;
  const g = resolveGatewayName(ref, vsNamespace);
  return `${g.namespace}/${g.name}`;
}

/**
 * True when `ref` is not `mesh` but reads like it (`Mesh`, ` mesh`, `istio-system/mesh`):
 * Istio takes it for a Gateway of that name, which binds nothing, not for the sidecars.
 */
export function looksLikeMesh(ref: string): boolean {
  if (ref === MESH) return false;
  const t = ref.trim().toLowerCase();
  return t === MESH || t.endsWith(`/${MESH}`);
}
