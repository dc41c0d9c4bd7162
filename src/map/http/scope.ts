import type { FindingId } from '../../findings/finding.js';
import { type MapContext, reportAt } from '../context.js';
import type { FieldPath, VirtualService } from '../../model/resources.js';
import { formatPath } from '../../model/resources.js';
import type { RuleOrigin } from '../../routing/delegation.js';
import type { GatewayPlans } from '../gateway/plan.js';

/** What every HTTP mapping step needs: the VirtualService being mapped and the map context. */
export interface HttpScope {
  vs: VirtualService;
  ctx: MapContext;
  /** Every planned Gateway (destinations that named an old gateway Service are rewritten by them). */
  plans?: GatewayPlans;
  /**
   * Istio string prefixes written as element-wise PathPrefix. When set, `prefix-semantics` is
   * raised later from the routing analysis (only where a request really changes); when unset,
   * at once with a sample path.
   */
  prefixNotes?: { prefix: string; path: FieldPath }[];
  /**
   * Set when `vs` is a root with its delegates merged in (routing/delegation.ts): where each rule
   * of `vs.spec.http` was written, so findings point at the root's or the delegate's field.
   */
  flat?: { root: VirtualService; origins: readonly RuleOrigin[] };
}

/** Raise finding `id` at `path` of the VirtualService. */
export function raise(
  scope: HttpScope,
  id: FindingId,
  path: FieldPath,
  message: string,
  hint?: string,
): void {
  const w = writtenAt(scope, path);
  reportAt(scope.ctx, id, w.vs, w.path, hint ? { message, hint } : { message });
}

/**
 * The VirtualService and field where `path` (of the merged `http[]` when delegates were merged
 * in) was written: the delegate's rule or match, or the root's for what the merge took from it.
 */
export function writtenAt(
  scope: HttpScope,
  path: FieldPath,
): { vs: VirtualService; path: FieldPath } {
  const flat = scope.flat;
  if (!flat) return { vs: scope.vs, path };
  const o = path[0] === 'spec' && path[1] === 'http' ? flat.origins[path[2] as number] : undefined;
  if (!o || typeof path[2] !== 'number') return { vs: flat.root, path };
  const rest = path.slice(3);
  const rootAt = (r: FieldPath): FieldPath => ['spec', 'http', o.root, ...r];
  const m = rest[0] === 'match' && typeof rest[1] === 'number' ? o.matches[rest[1]] : undefined;
  if (!o.delegate) {
    if (m?.root !== undefined)
      return { vs: flat.root, path: rootAt(['match', m.root, ...rest.slice(2)]) };
    return { vs: flat.root, path: rootAt(rest) };
  }
  const d = o.delegate;
  const dAt = (r: FieldPath): FieldPath => ['spec', 'http', d.rule, ...r];
  if (m) {
    const written =
      m.delegate !== undefined ? d.vs.spec.http?.[d.rule]?.match?.[m.delegate] : undefined;
    const field = rest[2];
    if (
      m.delegate !== undefined &&
      (field === undefined || (written as Record<string, unknown>)[field] !== undefined)
    )
      return { vs: d.vs, path: dAt(['match', m.delegate, ...rest.slice(2)]) };
    if (m.root !== undefined)
      return { vs: flat.root, path: rootAt(['match', m.root, ...rest.slice(2)]) };
    return { vs: d.vs, path: dAt([]) };
  }
  if (typeof rest[0] === 'string' && o.inherited.includes(rest[0]))
    return { vs: flat.root, path: rootAt(rest) };
  return { vs: d.vs, path: dAt(rest) };
}

/** A field of the merged `http[]` where it was written: `spec.http[1].match[0]`, prefixed by the
 * delegate's `ns/name` when it was written there. */
export function fieldText(scope: HttpScope, path: FieldPath): string {
  const w = writtenAt(scope, path);
  const text = formatPath(w.path);
  return scope.flat && w.vs !== scope.flat.root ? `${w.vs.namespace}/${w.vs.name} ${text}` : text;
}

/**
 * `spec.http[i]` as the user wrote it, for messages: the root's rule, or for a rule merged in
 * from a delegate `spec.http[i] → team/reviews spec.http[j]`.
 */
export function ruleText(scope: HttpScope, i: number): string {
  const o = scope.flat?.origins[i];
  if (!o) return formatPath(['spec', 'http', i]);
  const root = formatPath(['spec', 'http', o.root]);
  if (!o.delegate) return root;
  const d = o.delegate;
  return `${root} → ${d.vs.namespace}/${d.vs.name} ${formatPath(['spec', 'http', d.rule])}`;
}

/** RE2 literal for `text` (Istio and Istio's Gateway API implementation match regexes with RE2). */
export function escapeRegex(text: string): string {
  return text.replace(/[\\.+*?()|[\]{}^$]/g, '\\$&');
}

/** `a.example.com`-style names as the Gateway API hostname pattern accepts them (optional leading `*.`). */
export const HOSTNAME_RE =
  /^(\*\.)?[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
/** A precise hostname (no wildcard): redirect and rewrite hostnames. */
export const PRECISE_HOSTNAME_RE =
  /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
/** HTTP header and query parameter names (RFC 7230 token), as the CRDs check them. */
export const HEADER_NAME_RE = /^[A-Za-z0-9!#$%&'*+\-.^_`|~]+$/;
/** A DNS-1123 subdomain: rule names. */
export const SUBDOMAIN_RE = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

export function isIpAddress(host: string): boolean {
  return /^\d{1,3}(\.\d{1,3}){3}$/.test(host) || host.includes(':');
}

/** Do two hostnames (each possibly `*.`-wildcarded, undefined = any) have a request in common? */
export function hostnamesIntersect(a: string | undefined, b: string | undefined): boolean {
  if (a === undefined || b === undefined) return true;
  if (a === b) return true;
  const wa = a.startsWith('*.');
  const wb = b.startsWith('*.');
  if (wa && b.endsWith(a.slice(1)) && b.length > a.length - 1) return true;
  if (wb && a.endsWith(b.slice(1)) && a.length > b.length - 1) return true;
  return false;
}

/** Compare strings by code unit, for sorting map-derived lists. */
export const byString = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
