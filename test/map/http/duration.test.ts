import { describe, expect, it } from 'vitest';
import { toGatewayDuration } from '../../../src/map/http/duration.js';

describe('Gateway API durations', () => {
  const ok: [string, string][] = [
    ['1.5s', '1s500ms'],
    ['90s', '1m30s'],
    ['100ms', '100ms'],
    ['0s', '0s'],
    ['1h', '1h'],
    ['25h', '25h'],
    ['0.25s', '250ms'],
    ['1m0.001s', '1m1ms'],
  ];
  for (const [input, out] of ok)
    it(`${input} → ${out}`, () =>
      expect(toGatewayDuration(input)).toMatchObject({ ok: true, value: out }));
  for (const bad of ['1.0005s', '10us', 'soon', '']) {
    it(`${JSON.stringify(bad)} is rejected`, () => expect(toGatewayDuration(bad).ok).toBe(false));
  }
  it('every output matches the CRD pattern', () => {
    for (const [input] of ok)
      expect((toGatewayDuration(input) as { value: string }).value).toMatch(
        /^([0-9]{1,5}(h|m|s|ms)){1,4}$/,
      );
  });
});
