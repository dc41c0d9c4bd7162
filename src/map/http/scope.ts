import type { FindingId } from '../../findings/finding.js';
import { type MapContext, reportAt } from '../context.js';
import type { FieldPath, VirtualService } from '../../model/resources.js';
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
}

/** Raise finding `id` at `path` of the VirtualService. */
export function raise(
  scope: HttpScope,
  id: FindingId,
  path: FieldPath,
  message: string,
  hint?: string,
): void {
  reportAt(scope.ctx, id, scope.vs, path, hint ? { message, hint } : { message });
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
