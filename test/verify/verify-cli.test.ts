import { mkdtempSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { verify } from '../../src/verify/verify.js';

const ISTIO = `apiVersion: networking.istio.io/v1
kind: Gateway
metadata: { name: gw, namespace: default }
spec:
  selector: { istio: ingressgateway }
  servers: [{ port: { number: 80, name: http, protocol: HTTP }, hosts: ["*"] }]
---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: { name: web, namespace: default }
spec:
  hosts: [a.example.com]
  gateways: [gw]
  http:
  - match: [{ uri: { prefix: /api } }]
    route: [{ destination: { host: api, port: { number: 80 } } }]
  - match: [{ uri: { prefix: /api/v2 } }]
    route: [{ destination: { host: v2, port: { number: 80 } } }]
  - match: [{ uri: { exact: /login } }]
    route: [{ destination: { host: login, port: { number: 80 } } }]
`;

const CONVERTED = `apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: { name: gw, namespace: default }
spec:
  gatewayClassName: istio
  listeners: [{ name: http, port: 80, protocol: HTTP }]
---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: { name: web, namespace: default }
spec:
  parentRefs: [{ name: gw }]
  hostnames: [a.example.com]
  rules:
  - matches: [{ path: { type: PathPrefix, value: /api } }]
    backendRefs: [{ name: api, port: 80 }]
  - matches: [{ path: { type: PathPrefix, value: /api/v2 } }]
    backendRefs: [{ name: v2, port: 80 }]
  - matches: [{ path: { type: Exact, value: /login } }]
    backendRefs: [{ name: login, port: 80 }]
`;

function fixture() {
  const dir = mkdtempSync(join(tmpdir(), 'i2g-verify-'));
  writeFileSync(join(dir, 'istio.yaml'), ISTIO);
  mkdirSync(join(dir, 'out'));
  writeFileSync(join(dir, 'out', 'converted.yaml'), CONVERTED);
  return dir;
}

describe('istio2gateway verify', () => {
  it('prints each changed request with before and after, and the finding of the conversion that explains it', async () => {
    const dir = fixture();
    const r = await runCli([
      'verify',
      join(dir, 'istio.yaml'),
      '--converted',
      join(dir, 'out'),
      '--limit',
      '0',
    ]);
    // The conversion itself leaves the unreachable /api/v2 out (order-kept), so it raises no
    // order-changed; the hand-written output keeps it, and the change is explained by a finding
    // on the rules the request concerns.
    expect(r.stdout).toMatch(
      /explained +GET http:\/\/a\.example\.com:80\/api\/v2\/x @gateway default\/gw.* → api\.default\.svc\.cluster\.local:80.* → v2\.default\.svc\.cluster\.local:80.* by (?:prefix-semantics|order-kept) at .*spec\.http\[[01]\]/,
    );
    // prefix semantics: /apix went to api, now nowhere
    expect(r.stdout).toMatch(
      /\/apix .*→ api\.default\.svc\.cluster\.local:80.* → no route \(404\).* by prefix-semantics at .*spec\.http\[0\]/,
    );
    expect(r.stderr).toMatch(/\d+ probe request\(s\), \d+ changed, 0 unexplained/);
    expect(r.code).toBe(0);
  });

  it('a hand conversion that sends a request elsewhere with no finding to say so is UNEXPLAINED, exit 1', async () => {
    const dir = fixture();
    writeFileSync(
      join(dir, 'out', 'converted.yaml'),
      CONVERTED.replace('name: login, port: 80', 'name: login2, port: 80'),
    );
    const r = await runCli([
      'verify',
      join(dir, 'istio.yaml'),
      '--converted',
      join(dir, 'out'),
      '--limit',
      '0',
    ]);
    expect(r.stdout).toMatch(
      /^UNEXPLAINED GET http:\/\/a\.example\.com:80\/login .*→ login\.default\.svc\.cluster\.local:80.* → login2\.default\.svc\.cluster\.local:80/m,
    );
    expect(r.code).toBe(1);
  });

  it('exits 0 when nothing changes', async () => {
    const dir = fixture();
    // /api is written first, so everything under /api (even /api/v2/…) goes to api: one regex rule says exactly that.
    writeFileSync(
      join(dir, 'out', 'converted.yaml'),
      CONVERTED.split('---')[0] +
        `---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: { name: web, namespace: default }
spec:
  parentRefs: [{ name: gw }]
  hostnames: [a.example.com]
  rules:
  - matches: [{ path: { type: RegularExpression, value: "/api.*" } }]
    backendRefs: [{ name: api, port: 80 }]
  - matches: [{ path: { type: Exact, value: /login } }]
    backendRefs: [{ name: login, port: 80 }]
`,
    );
    const r = await runCli(['verify', join(dir, 'istio.yaml'), '--converted', join(dir, 'out')]);
    expect(r.stdout).toBe('');
    expect(r.code).toBe(0);
  });

  it('exits 2 on unreadable input', async () => {
    const r = await runCli(['verify', '/nonexistent/istio.yaml']);
    expect(r.code).toBe(2);
    const dir = fixture();
    writeFileSync(join(dir, 'bad.yaml'), 'a: [');
    expect((await runCli(['verify', join(dir, 'bad.yaml')])).code).toBe(2);
  });

  it('json output', async () => {
    const dir = fixture();
    const r = await runCli([
      'verify',
      join(dir, 'istio.yaml'),
      '--converted',
      join(dir, 'out'),
      '--format',
      'json',
    ]);
    const j = JSON.parse(r.stdout) as { probes: number; unexplained: number; changes: unknown[] };
    expect(j.probes).toBeGreaterThan(0);
    expect(j.unexplained).toBe(0);
    expect(j.changes.length).toBeGreaterThan(0);
  });
});

describe('verify takes every conversion option convert takes', () => {
  // The CLI builds its options with convert's resolveOptions (types keep the flags in step); this
  // checks the conversion verify explains with is the one asked for.
  it('--subset-services none reaches the conversion verify checks', async () => {
    const input = readFileSync('samples/bookinfo-subsets-all-v1/input.yaml', 'utf8');
    const none = verify([{ file: 'in.yaml', text: input }], undefined, { subsetServices: 'none' });
    const created = verify([{ file: 'in.yaml', text: input }], undefined, {});
    expect(none.findings.map((f) => f.id)).toContain('subset-service-not-created');
    expect(created.findings.map((f) => f.id)).not.toContain('subset-service-not-created');
    const cli = await runCli([
      'verify',
      'samples/bookinfo-subsets-all-v1/input.yaml',
      '--subset-services',
      'none',
      '--format',
      'json',
    ]);
    expect(cli.code).toBe(0);
    expect(JSON.parse(cli.stdout).unexplained).toBe(0);
  });
});
