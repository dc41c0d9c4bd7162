// Shared links: the state survives the fragment byte for byte, and stays short.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeState, encodeState } from '../../src/playground/share.js';

const BOOKINFO = readFileSync(
  new URL('../../samples/ambient-bookinfo/input.yaml', import.meta.url),
  'utf8',
);

describe('playground state in the URL fragment', () => {
  it('round-trips input, options and tab', async () => {
    const state = {
      input: `${BOOKINFO}# ünïcödé ✓ and "quotes" & #hashes\n`,
      options: {
        gatewayApi: 'v1.4' as const,
        channel: 'experimental' as const,
        strictPrefix: true,
      },
      tab: 'verify',
    };
    const hash = await encodeState(state);
    expect(hash).toMatch(/^#s=[A-Za-z0-9_-]+$/);
    expect(await decodeState(hash)).toEqual(state);
  });

  it('compresses: Bookinfo fits a URL that issue trackers and chat keep whole', async () => {
    const hash = await encodeState({ input: BOOKINFO, options: {} });
    expect(BOOKINFO.length).toBeGreaterThan(3000);
    expect(hash.length).toBeLessThan(BOOKINFO.length / 2);
    expect(hash.length).toBeLessThan(2000);
  });

  it('ignores other fragments and names a damaged one', async () => {
    expect(await decodeState('')).toBeUndefined();
    expect(await decodeState('#section-2')).toBeUndefined();
    const hash = await encodeState({ input: BOOKINFO, options: {} });
    await expect(decodeState(hash.slice(0, 40))).rejects.toThrow(/damaged/);
    await expect(decodeState('#s=!!!')).rejects.toThrow(/damaged/);
  });
});
