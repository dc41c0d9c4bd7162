import { describe, expect, it } from 'vitest';
import { GATEWAY, mapYaml, vsYaml } from './harness.js';

const to = (host: string): string => `    route:\n    - destination: {host: ${host}, port: {number: 80}}`;

const rows: { name: string; http: string; changed: string[] }[] = [
  {
    name: 'a header-gated catch-all before /api: /api wins under Gateway API',
    http: `  - match:\n    - headers: {x-canary: {exact: "1"}}\n${to('canary')}\n  - match:\n    - uri: {prefix: /api}\n${to('api')}`,
    changed: ["the longer PathPrefix '/api' ranks above '/'): GET /api (Host: web.example.com) with 'x-canary: 1' went to spec.http[0]"],
  },
  {
    name: '/api before /api/v2: the longer prefix wins',
    http: `  - match:\n    - uri: {prefix: /api}\n${to('api')}\n  - match:\n    - uri: {prefix: /api/v2}\n${to('v2')}`,
    changed: ['GET /api/v2'],
  },
  {
    name: 'a catch-all before an exact match',
    http: `  - match:\n    - uri: {prefix: /}\n${to('all')}\n  - match:\n    - uri: {exact: /health}\n${to('health')}`,
    changed: ['GET /health'],
  },
  {
    name: 'precedence-consistent order raises nothing',
    http: `  - match:\n    - uri: {exact: /health}\n${to('health')}\n  - match:\n    - uri: {prefix: /api}\n${to('api')}\n  - route:\n    - destination: {host: all, port: {number: 80}}`,
    changed: [],
  },
  {
    name: 'disjoint header values do not overlap',
    http: `  - match:\n    - headers: {x-v: {exact: a}}\n${to('a')}\n  - match:\n    - headers: {x-v: {exact: b}}\n      method: {exact: GET}\n${to('b')}`,
    changed: [],
  },
];

describe('order-changed (trap 2)', () => {
  for (const row of rows) {
    it(row.name, () => {
      const run = mapYaml(GATEWAY + vsYaml(`${row.http}\n`));
      const found = run.findings.filter((f) => f.id === 'order-changed');
      expect(found).toHaveLength(row.changed.length);
      row.changed.forEach((text, i) => expect(found[i]!.message).toContain(text));
    });
  }

  it('names the concrete request', () => {
    const run = mapYaml(GATEWAY + vsYaml(`  - match:\n    - uri: {prefix: /}\n${to('all')}\n  - match:\n    - uri: {exact: /health}\n${to('health')}\n`));
    const f = run.findings.find((x) => x.id === 'order-changed')!;
    expect(f.message).toBe("spec.http[1] now takes precedence over the earlier spec.http[0] (Exact ranks above PathPrefix): GET /health (Host: web.example.com) went to spec.http[0] under the VirtualService and now goes to spec.http[1]");
    expect(f.path).toBe('spec.http[1]');
  });
});
