// verify compares CORS origins as Envoy matches them (src/routing/cors.ts), not as text: a
// prefix carried as `https://host.*` is the same policy, a Gateway API origin that Istio reads
// exactly (before 1.30) is not.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  classicOrigins,
  gatewayOrigins,
  originAllowed,
  originDifferences,
} from '../../src/routing/cors.js';
import { verify } from '../../src/verify/verify.js';

const SAMPLE = new URL('../../samples/cors-origin-wildcards/input.yaml', import.meta.url).pathname;

describe('CORS origins in verify', () => {
  it('a regex carried as wildcard origins is no change (text differs, origins do not)', () => {
    const r = verify([{ file: 'input.yaml', text: readFileSync(SAMPLE, 'utf8') }], undefined);
    const changed = r.changes.map((c) => c.requestText.split(' ')[1]);
    expect(changed).not.toContain('http://api.example.com:80/partners');
    // The legacy regex has no Gateway API form: its CORS filter is lost, a real change.
    expect(changed).toContain('http://api.example.com:80/legacy');
  });

  it('a prefix equals its trailing-* origin on 1.30+, not where Istio reads it exactly', () => {
    const classic = classicOrigins({ allowOrigins: [{ prefix: 'https://app.' }] });
    expect(originDifferences(classic, gatewayOrigins(['https://app.*'], true))).toEqual([]);
    const exact = gatewayOrigins(['https://app.*'], false);
    expect(exact).toEqual([{ kind: 'exact', value: 'https://app.*' }]);
    expect(originDifferences(classic, exact)).toEqual([
      'https://app.',
      'https://app.*.example.com',
      'https://app.*x',
      'https://app..example.com',
      'https://app.x',
    ]);
  });

  it("Envoy allows all when a matcher matches '*'; Istio 1.30+ reads '*' as scheme://host", () => {
    const any = classicOrigins({ allowOrigins: [{ regex: '.*' }] });
    expect(originAllowed(any, 'null')).toBe(true);
    const star = gatewayOrigins(['*'], true);
    expect(originAllowed(star, 'https://a.example.com:8443')).toBe(true);
    // Origins that are no scheme://host: `null` (sandboxed pages), `*`, and regex samples.
    const lost = originDifferences(any, star);
    expect(lost).toEqual(expect.arrayContaining(['*', 'null']));
    expect(lost.filter((o) => originAllowed(star, o))).toEqual([]);
    expect(originDifferences(any, gatewayOrigins(['*'], false))).toEqual([]);
  });

  it('the deprecated allowOrigin strings are exact matches', () => {
    const legacy = classicOrigins({ allowOrigin: ['https://a.example.com'] });
    expect(originDifferences(legacy, gatewayOrigins(['https://a.example.com'], true))).toEqual([]);
  });
});
