import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  GATEWAY_DURATION,
  durationMs,
  durationSeconds,
  formatGatewayDuration,
  parseDuration,
  toGatewayDuration,
} from '../src/duration.js';

const S = 1_000_000_000n;
const MS = 1_000_000n;
const MIN = 60n * S;
const H = 60n * MIN;
const MAX_GATEWAY_MS = 99_999n * 3_600_000n + 3_599_999n;

// Go's own table for time.ParseDuration (golang/go src/time/time_test.go, parseDurationTests and
// parseDurationErrorTests): Istio reads every protobuf Duration with it (src/duration.ts).
describe('parseDuration reads what Go time.ParseDuration reads', () => {
  const ok: [string, bigint][] = [
    ['0', 0n],
    ['5s', 5n * S],
    ['1478s', 1478n * S],
    ['-5s', -5n * S],
    ['+5s', 5n * S],
    ['-0', 0n],
    ['+0', 0n],
    ['5.0s', 5n * S],
    ['5.6s', 5n * S + 600n * MS],
    ['5.s', 5n * S],
    ['.5s', 500n * MS],
    ['1.004s', S + 4n * MS],
    ['1.0040s', S + 4n * MS],
    ['100.00100s', 100n * S + MS],
    ['10ns', 10n],
    ['11us', 11_000n],
    ['12\u00b5s', 12_000n],
    ['12\u03bcs', 12_000n],
    ['13ms', 13n * MS],
    ['15m', 15n * MIN],
    ['16h', 16n * H],
    ['3h30m', 3n * H + 30n * MIN],
    ['10.5s4m', 4n * MIN + 10n * S + 500n * MS],
    ['-2m3.4s', -(2n * MIN + 3n * S + 400n * MS)],
    ['1h2m3s4ms5us6ns', H + 2n * MIN + 3n * S + 4n * MS + 5_000n + 6n],
    ['39h9m14.425s', 39n * H + 9n * MIN + 14n * S + 425n * MS],
    ['52763797000ns', 52763797000n],
    ['0.3333333333333333333h', 20n * MIN],
    ['9007199254740993ns', (1n << 53n) + 1n],
    ['9223372036854775807ns', (1n << 63n) - 1n],
    ['9223372036854775.807us', (1n << 63n) - 1n],
    ['9223372036s854ms775us807ns', (1n << 63n) - 1n],
    ['-9223372036854775808ns', -(1n << 63n)],
    ['-9223372036854775.808us', -(1n << 63n)],
    ['-2562047h47m16.854775808s', -(1n << 63n)],
    ['0.100000000000000000000h', 6n * MIN],
    ['0.830103483285477580700h', 49n * MIN + 48n * S + 372539827n],
  ];
  for (const [text, ns] of ok) it(`${text} = ${ns}ns`, () => expect(parseDuration(text)).toBe(ns));

  const bad = [
    ...['', '3', '-', 's', '.', '-.', '.s', '+.s', '1d', '\x85\x85', '\ufffd', ' 1s', '1s '],
    ...['9223372036854775810ns', '9223372036854775808ns', '-9223372036854775809ns'],
    ...['9223372036854776us', '3000000h', '9223372036854775.808us', '9223372036854ms775us808ns'],
  ];
  for (const text of bad)
    it(`${JSON.stringify(text)} is not a duration`, () =>
      expect(parseDuration(text)).toBeUndefined());
});

describe('Istio durations as Gateway API Durations', () => {
  const ok: [string, string][] = [
    ['1.5s', '1s500ms'],
    ['90s', '1m30s'],
    ['100ms', '100ms'],
    ['0s', '0s'],
    ['+2s', '2s'],
    ['25h', '25h'],
    ['0.25s', '250ms'],
    ['1m0.001s', '1m1ms'],
    // Go truncates what is finer than a nanosecond: Istio reads 1s.
    ['1.0000000009s', '1s'],
  ];
  for (const [input, out] of ok)
    it(`${input} → ${out}`, () =>
      expect(toGatewayDuration(input)).toMatchObject({ ok: true, value: out }));
  const bad: [string, string][] = [
    ['1.0005s', 'sub-millisecond'],
    ['10us', 'sub-millisecond'],
    ['-1s', 'negative'],
    ['100000h', 'longer than 99999h'],
    ['soon', 'not a duration'],
    ['', 'not a duration'],
  ];
  for (const [input, why] of bad)
    it(`${JSON.stringify(input)} is refused: ${why}`, () =>
      expect(toGatewayDuration(input)).toMatchObject({
        ok: false,
        reason: expect.stringContaining(why) as string,
      }));

  it('durationMs and durationSeconds read the same grammar', () => {
    expect(durationMs('1h2m3s4ms')).toBe(3_723_004);
    expect(durationMs('1.5s')).toBe(1500);
    expect(durationMs('1x')).toBeUndefined();
    expect(durationSeconds('1.2s')).toBe(2n);
    expect(durationSeconds('24h')).toBe(86_400n);
  });
});

const gatewayMs = fc.bigInt({ min: 0n, max: MAX_GATEWAY_MS });
const UNITS: [string, bigint][] = [
  ['h', H],
  ['m', MIN],
  ['s', S],
  ['ms', MS],
  ['us', 1_000n],
  ['ns', 1n],
];

describe('properties', () => {
  it('every Gateway API Duration written reads back as the same milliseconds', () => {
    fc.assert(
      fc.property(gatewayMs, (ms) => {
        const text = formatGatewayDuration(ms);
        expect(text).toMatch(GATEWAY_DURATION);
        expect(parseDuration(text)).toBe(ms * MS);
      }),
    );
  });

  it('any spelling of a duration converts to the one canonical Gateway API Duration', () => {
    const part = fc.tuple(fc.bigInt({ min: 0n, max: 5000n }), fc.constantFrom(...UNITS));
    fc.assert(
      fc.property(fc.array(part, { minLength: 1, maxLength: 6 }), (parts) => {
        const text = parts.map(([n, [u]]) => `${n}${u}`).join('');
        const ns = parts.reduce((sum, [n, [, unit]]) => sum + n * unit, 0n);
        expect(parseDuration(text)).toBe(ns);
        const d = toGatewayDuration(text);
        if (ns % MS === 0n && ns / MS <= MAX_GATEWAY_MS) {
          expect(d).toEqual({ ok: true, value: formatGatewayDuration(ns / MS), ms: ns / MS });
          expect(toGatewayDuration(formatGatewayDuration(ns / MS))).toEqual(d);
        } else expect(d.ok).toBe(false);
      }),
    );
  });

  it('decimal seconds read exactly to the nanosecond, as Go reads them', () => {
    const nanos = fc.bigInt({ min: 0n, max: 999_999_999n });
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 9n }), nanos, (sec, frac) => {
        const text = `${sec}.${frac.toString().padStart(9, '0')}s`;
        expect(parseDuration(text)).toBe(sec * S + frac);
        expect(parseDuration(`-${text}`)).toBe(-(sec * S + frac));
      }),
    );
  });

  it('a text Go would refuse for its characters is refused', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 12 }), (text) => {
        // Go's grammar: [-+]?([0-9]*(\.[0-9]*)?[a-z]+)+ over its units, or a lone 0.
        const shape = /^[-+]?(0|((\d+\.?\d*|\.\d+)(ns|us|\u00b5s|\u03bcs|ms|s|m|h))+)$/;
        if (!shape.test(text)) expect(parseDuration(text)).toBeUndefined();
      }),
    );
  });
});
