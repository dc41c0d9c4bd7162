import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fairShare, probeRequests, type ProbeStats } from '../../src/routing/probes.js';
import { loadIstio } from '../../src/verify/load.js';
import { runCli } from '../helpers/cli.js';

// Issue #14 item 14: verify is bounded by --max-probes, whatever the size of one VirtualService,
// and says what it sampled.

/** A Gateway and one VirtualService of `rules` rules, each a prefix and `headers` exact headers. */
function bigInput(rules: number, headers: number): string {
  const out = [
    'apiVersion: networking.istio.io/v1',
    'kind: Gateway',
    'metadata: {name: gw, namespace: default}',
    'spec:',
    '  selector: {istio: ingressgateway}',
    '  servers:',
    '  - port: {number: 80, name: http, protocol: HTTP}',
    "    hosts: ['big.example.com']",
    '---',
    'apiVersion: networking.istio.io/v1',
    'kind: VirtualService',
    'metadata: {name: big, namespace: default}',
    'spec:',
    "  hosts: ['big.example.com']",
    '  gateways: [gw]',
    '  http:',
  ];
  for (let i = 0; i < rules; i++) {
    out.push(`  - match:`, `    - uri: {prefix: /svc${i}}`, '      headers:');
    for (let h = 0; h < headers; h++) out.push(`        x-h${h}: {exact: v${i}-${h}}`);
    out.push(`    route: [{destination: {host: s${i % 10}, port: {number: 80}}}]`);
  }
  return `${out.join('\n')}\n`;
}

describe('probe budget', () => {
  it('fairShare gives small batches all they have and splits the rest evenly', () => {
    expect(fairShare([1, 2, 3], 10)).toBe(Infinity);
    expect(fairShare([1, 2, 100, 100], 23)).toBe(10);
    expect(fairShare([5, 5], 3)).toBe(1);
  });

  it('a 1,000-rule × 50-header VirtualService: at most --max-probes probes, spread over every rule', () => {
    const { index } = loadIstio([{ file: 'big.yaml', text: bigInput(1000, 50) }]);
    const stats: ProbeStats = { batches: 0, candidates: 0, sampledBatches: 0 };
    const paths = new Set<string>();
    const headerSets = new Set<string>();
    let n = 0;
    for (const r of probeRequests(index, [], { maxProbes: 3000, stats })) {
      n++;
      if (r.protocol !== 'http') continue;
      paths.add(r.path);
      headerSets.add(JSON.stringify(r.headers));
    }
    expect(n).toBeLessThanOrEqual(3000);
    expect(n).toBeGreaterThan(2500);
    expect(stats.candidates).toBeGreaterThan(10_000_000);
    expect(stats.sampledBatches).toBeGreaterThanOrEqual(1);
    // Not the first path with 3,000 header variants: paths of the first and the last rules.
    expect(paths.size).toBeGreaterThan(1000);
    for (const p of ['/svc0', '/svc500', '/svc999'])
      expect([...paths].some((x) => x.startsWith(p))).toBe(true);
    expect(headerSets.size).toBeGreaterThan(1000);
  });

  it('a small configuration is probed in full, as before', () => {
    const { index } = loadIstio([{ file: 'small.yaml', text: bigInput(3, 2) }]);
    const stats: ProbeStats = { batches: 0, candidates: 0, sampledBatches: 0 };
    const all = [...probeRequests(index, [], { stats })];
    expect(stats.sampledBatches).toBe(0);
    expect(all.length).toBeGreaterThan(0);
    expect(all.length).toBeLessThanOrEqual(stats.candidates);
  });
});

describe('verify --max-probes', () => {
  it('says what it sampled, and finds the changed requests of each rule in the sample', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'i2g-bounded-'));
    const file = join(dir, 'big.yaml');
    writeFileSync(file, bigInput(200, 20));
    const r = await runCli(['verify', file, '--max-probes', '1500', '-o', 'json', '--no-color']);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(
      /^1500 probe request\(s\) \(sampled: --max-probes allowed 1,500 of up to [\d,]+ candidate requests; 1 of 2 entry-point hosts were probed with an even sample/m,
    );
    const out = JSON.parse(r.stdout) as {
      truncated: boolean;
      sampling: ProbeStats;
      probes: number;
      changes: { request: string }[];
    };
    expect(out.truncated).toBe(true);
    expect(out.sampling).toMatchObject({ batches: 2, sampledBatches: 1 });
    expect(out.sampling.candidates).toBeGreaterThan(100_000);
    // Each rule's own paths with the headers that satisfy it come first: the last rule's too.
    expect(out.changes.some((c) => c.request.includes('/svc199'))).toBe(true);
  }, 60_000);
});
