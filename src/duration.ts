// The one duration grammar. Istio reads a protobuf Duration from YAML through the legacy jsonpb
// (pkg/util/protomarshal/protomarshal.go), whose Duration case is Go's time.ParseDuration
// (github.com/golang/protobuf jsonpb/decode.go); the CRDs' CEL `duration(self)` uses the same.
// Gateway API Durations (GEP-2257: `^([0-9]{1,5}(h|m|s|ms)){1,4}$`) are a subset of it, and
// Istio reads them with time.ParseDuration too (pilot/pkg/config/kube/gateway/conversion.go).
// So `parseDuration` reads both; `formatGatewayDuration` writes the Gateway API form.

/** GEP-2257: the Gateway API Duration pattern of the CRDs. */
export const GATEWAY_DURATION = /^([0-9]{1,5}(h|m|s|ms)){1,4}$/;

/** Go's unitMap (time/format.go): `µs` is U+00B5, `μs` U+03BC. */
const UNIT_NS: Readonly<Record<string, bigint>> = {
  ns: 1n,
  us: 1_000n,
  '\u00b5s': 1_000n,
  '\u03bcs': 1_000n,
  ms: 1_000_000n,
  s: 1_000_000_000n,
  m: 60_000_000_000n,
  h: 3_600_000_000_000n,
};

const LIMIT = 1n << 63n;

/**
 * Nanoseconds of `text` read as Go's time.ParseDuration reads it (`1.5s`, `100ms`, `1h30m`,
 * `-2s`, `0`), or undefined where Go returns an error. Fractions finer than a nanosecond are
 * truncated as Go truncates them (in float64, as Go computes them).
 */
export function parseDuration(text: string): bigint | undefined {
  let s = text;
  const neg = s.startsWith('-');
  if (neg || s.startsWith('+')) s = s.slice(1);
  if (s === '0') return 0n;
  if (s === '') return undefined;
  let total = 0n;
  while (s !== '') {
    const m = /^([0-9]*)(?:\.([0-9]*))?([^0-9.]*)/.exec(s)!;
    const [all, int = '', frac, unitText = ''] = m;
    s = s.slice(all.length);
    const unit = UNIT_NS[unitText];
    // No digits on either side of the point (`.s`), no unit, an unknown one: Go's errors.
    if ((int === '' && !frac) || unit === undefined) return undefined;
    let v = int === '' ? 0n : BigInt(int);
    if (v > LIMIT || v > LIMIT / unit) return undefined;
    v *= unit;
    if (frac) v += fractionNs(frac, unit);
    total += v;
    if (v > LIMIT || total > LIMIT) return undefined;
  }
  if (neg) return -total;
  return total > LIMIT - 1n ? undefined : total;
}

/** Go's leadingFraction and `uint64(float64(f) * (float64(unit) / scale))`. */
function fractionNs(digits: string, unit: bigint): bigint {
  let f = 0n;
  let scale = 1;
  for (const c of digits) {
    // Digits past what fits in 63 bits are ignored, as Go ignores them.
    if (f > (LIMIT - 1n) / 10n) break;
    const next = f * 10n + BigInt(c);
    if (next > LIMIT) break;
    f = next;
    scale *= 10;
  }
  return f === 0n ? 0n : BigInt(Math.trunc(Number(f) * (Number(unit) / scale)));
}

/** Milliseconds of a duration (rounded to the nearest), or undefined when it is not one. */
export function durationMs(text: string | undefined): number | undefined {
  const ns = text === undefined ? undefined : parseDuration(text);
  return ns === undefined ? undefined : Math.round(Number(ns) / 1e6);
}

/** Whole seconds of a duration, rounded up (CORS maxAge), or undefined when it is not one. */
export function durationSeconds(text: string): bigint | undefined {
  const ns = parseDuration(text);
  if (ns === undefined) return undefined;
  return ns <= 0n ? ns / 1_000_000_000n : (ns + 999_999_999n) / 1_000_000_000n;
}

export type DurationResult =
  { ok: true; value: string; ms: bigint } | { ok: false; reason: string };

/** The Gateway API Duration for an Istio one, e.g. `1.5s` → `1s500ms`, `90s` → `1m30s`. */
export function toGatewayDuration(text: string): DurationResult {
  const ns = parseDuration(text);
  if (ns === undefined) return { ok: false, reason: `'${text}' is not a duration` };
  if (ns < 0n)
    return { ok: false, reason: `'${text}' is negative, which no Gateway API Duration can be` };
  if (ns % 1_000_000n !== 0n)
    return {
      ok: false,
      reason: `'${text}' has a sub-millisecond part, which a Gateway API Duration cannot hold`,
    };
  const ms = ns / 1_000_000n;
  if (ms / 3_600_000n > 99_999n)
    return {
      ok: false,
      reason: `'${text}' is longer than 99999h, the largest Gateway API Duration`,
    };
  return { ok: true, value: formatGatewayDuration(ms), ms };
}

/** Milliseconds (0 to 99999h) as a Gateway API Duration: `5400000` → `1h30m`. */
export function formatGatewayDuration(ms: bigint): string {
  if (ms === 0n) return '0s';
  const h = ms / 3_600_000n;
  const m = (ms / 60_000n) % 60n;
  const sec = (ms / 1000n) % 60n;
  const milli = ms % 1000n;
  const parts: string[] = [];
  if (h) parts.push(`${h}h`);
  if (m) parts.push(`${m}m`);
  if (sec) parts.push(`${sec}s`);
  if (milli) parts.push(`${milli}ms`);
  return parts.join('');
}
