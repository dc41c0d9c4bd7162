// Istio durations (protobuf Duration as Go-style text: `1.5s`, `100ms`, `1h30m`) to Gateway API
// Durations (GEP-2257: `^([0-9]{1,5}(h|m|s|ms)){1,4}$`, no fractions, nothing below a millisecond).

const UNIT_NS: Record<string, bigint> = {
  ns: 1n,
  us: 1_000n,
  µs: 1_000n,
  μs: 1_000n,
  ms: 1_000_000n,
  s: 1_000_000_000n,
  m: 60_000_000_000n,
  h: 3_600_000_000_000n,
};

/** Nanoseconds of an Istio duration, or undefined when it is not one. */
export function parseIstioDuration(text: string): bigint | undefined {
  const s = text.trim();
  if (s === '0') return 0n;
  const re = /([0-9]+(?:\.[0-9]*)?|\.[0-9]+)(ns|us|µs|μs|ms|s|m|h)/gy;
  let total = 0n;
  let pos = 0;
  let any = false;
  for (let m = re.exec(s); m; m = re.exec(s)) {
    any = true;
    pos = re.lastIndex;
    const [whole = '0', frac = ''] = m[1]!.split('.');
    const unit = UNIT_NS[m[2]!]!;
    total += BigInt(whole || '0') * unit;
    if (frac) {
      const scale = 10n ** BigInt(frac.length);
      const part = BigInt(frac) * unit;
      if (part % scale !== 0n) return undefined; // finer than a nanosecond: not a protobuf Duration
      total += part / scale;
    }
  }
  if (!any || pos !== s.length) return undefined;
  return total;
}

export type DurationResult =
  { ok: true; value: string; ms: bigint } | { ok: false; reason: string };

/** A Gateway API Duration for `text`, e.g. `1.5s` → `1s500ms`, `90s` → `1m30s`. */
export function toGatewayDuration(text: string): DurationResult {
  const ns = parseIstioDuration(text);
  if (ns === undefined) return { ok: false, reason: `'${text}' is not a duration` };
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
  return { ok: true, value: formatMillis(ms), ms };
}

/** Milliseconds as a Gateway API Duration (at most 99999h). */
export function formatMillis(ms: bigint): string {
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

/** Whole seconds of a duration, rounded up (CORS maxAge), or undefined when it is not one. */
export function durationSeconds(text: string): bigint | undefined {
  const ns = parseIstioDuration(text);
  if (ns === undefined) return undefined;
  return (ns + 999_999_999n) / 1_000_000_000n;
}
