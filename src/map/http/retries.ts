import type { HTTPRouteRule } from '../../gateway-api/types.js';
import type { FieldPath, HTTPRouteSpecIstio } from '../../model/resources.js';
import { describeTarget, gateRequirement, supports } from '../../target.js';
import { formatGatewayDuration, toGatewayDuration } from '../../duration.js';
import { type HttpScope, raise } from './scope.js';

// Istio's conversion of HTTPRoute `retry` (conversion.go convertHTTPRoute) always retries on
// these conditions, plus the listed status codes; attempts default to 2.
const ALWAYS = ['connect-failure', 'refused-stream', 'unavailable', 'cancelled'];
// Istio's default retry policy (pilot/pkg/networking/core/route/retry): also used when `retries` sets no `retryOn`.
const DEFAULT_RETRY_ON = [...ALWAYS, 'retriable-status-codes'];
const DEFINED_5XX = [500, 501, 502, 503, 504, 505, 506, 507, 508, 510, 511];
// 5xx and gateway-error in Envoy include connect failures and refused streams.
const IMPLIES: Record<string, string[]> = {
  '5xx': ['connect-failure', 'refused-stream', 'reset'],
  'gateway-error': ['connect-failure', 'refused-stream', 'reset'],
};

export interface RetryResult {
  retry?: NonNullable<HTTPRouteRule['retry']>;
  backendRequest?: string;
}

/**
 * `retries` → `retry` and, only with `retry`, `timeouts.backendRequest` as the per-try timeout
 * (trap 7: without `retry`, Istio reads backendRequest as the request timeout).
 */
export function retryFor(
  scope: HttpScope,
  r: NonNullable<HTTPRouteSpecIstio['retries']>,
  at: FieldPath,
  requestMs: bigint | undefined,
): RetryResult {
  const { ctx } = scope;
  if (!supports(ctx.target, 'retry')) {
    raise(
      scope,
      'retry-not-converted',
      at,
      `HTTPRoute retry needs ${gateRequirement('retry')} (target: ${describeTarget(ctx.target)}); this retry policy is dropped and Istio's default applies: failed requests are retried 2 times on connect-failure, refused-stream, unavailable, cancelled and 503${r.attempts !== undefined ? ` instead of ${r.attempts} times` : ''}${r.retryOn ? ` on '${r.retryOn}'` : ''}`,
      'Use the experimental channel (--channel experimental) to keep the policy.',
    );
    return {};
  }
  const out: RetryResult = {};
  const retry: NonNullable<HTTPRouteRule['retry']> = {};
  if (r.attempts !== undefined) {
    if (r.attempts <= 0) {
      raise(
        scope,
        'retry-not-converted',
        [...at, 'attempts'],
        'attempts 0 disables retries in Istio; HTTPRoute retry cannot disable them (attempts ≥ 1 from v1.6, and omitting retry applies the default of 2 retries), so failed requests are now retried 2 times on connect-failure, refused-stream, unavailable, cancelled and 503',
      );
      return {};
    }
    retry.attempts = r.attempts;
  }
  const conditions = (r.retryOn ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const effective = conditions.length ? conditions : DEFAULT_RETRY_ON;
  const codes = new Set<number>();
  const lost: string[] = [];
  const covered = new Set<string>();
  for (const c of effective) {
    if (/^\d+$/.test(c)) {
      const n = Number(c);
      if (n >= 400 && n <= 599) codes.add(n);
      else lost.push(c);
    } else if (c === '5xx') {
      DEFINED_5XX.forEach((n) => codes.add(n));
      lost.push('5xx codes without a standard meaning (e.g. 520)', 'reset');
    } else if (c === 'gateway-error') {
      [502, 503, 504].forEach((n) => codes.add(n));
      lost.push('reset');
    } else if (c === 'retriable-4xx') codes.add(409);
    else if (c === 'retriable-status-codes' || ALWAYS.includes(c)) {
      /* carried: codes listed, conditions always on */
    } else lost.push(c);
    for (const x of IMPLIES[c] ?? []) covered.add(x);
    covered.add(c);
  }
  // Classic default policy retries 503 through retriable-status-codes.
  if (!conditions.length) codes.add(503);
  const added = ALWAYS.filter((c) => !covered.has(c));
  if (codes.size) retry.codes = [...codes].sort((a, b) => a - b);
  const notes: string[] = [];
  const uniqueLost = [...new Set(lost)];
  if (uniqueLost.length)
    notes.push(
      `requests failing with ${uniqueLost.map((c) => `'${c}'`).join(', ')} are no longer retried`,
    );
  if (added.length)
    notes.push(
      `requests failing with ${added.map((c) => `'${c}'`).join(', ')} are now retried too (Istio's Gateway API retry always adds them)`,
    );
  if (r.backoff !== undefined) {
    const d = toGatewayDuration(r.backoff);
    if (d.ok) retry.backoff = d.value;
    else
      raise(
        scope,
        'timeout-not-converted',
        [...at, 'backoff'],
        `backoff ${d.reason}; the default backoff (25ms) applies`,
      );
  }
  if (r.retryRemoteLocalities === true)
    notes.push('retries are no longer sent to other localities first (retryRemoteLocalities)');
  if (r.retryIgnorePreviousHosts === false)
    notes.push(
      'retries now avoid hosts already tried (retryIgnorePreviousHosts: false is not carried)',
    );
  if (notes.length)
    raise(
      scope,
      'retry-partial',
      r.retryOn !== undefined ? [...at, 'retryOn'] : at,
      `retry policy differs: ${notes.join('; ')}`,
    );
  if (r.perTryTimeout !== undefined) {
    const d = toGatewayDuration(r.perTryTimeout);
    if (!d.ok)
      raise(
        scope,
        'timeout-not-converted',
        [...at, 'perTryTimeout'],
        `perTryTimeout ${d.reason}; each try is bounded by the request timeout only`,
      );
    else if (d.ms !== 0n) {
      // CRD: backendRequest ≤ request unless request is 0; Envoy bounds each try by the request timeout anyway.
      const capped =
        requestMs !== undefined && requestMs !== 0n && d.ms > requestMs ? requestMs : d.ms;
      out.backendRequest = formatGatewayDuration(capped);
    }
  }
  out.retry = retry;
  return out;
}
