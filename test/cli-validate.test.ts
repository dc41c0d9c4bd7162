import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './helpers/cli.js';
import { HAS_SHARED, SHARED } from './helpers/shared.js';

const ROUTE = `apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: r, namespace: default}
spec:
  parentRefs: [{name: gw}]
  rules:
  - matches: [{path: {type: PathPrefix, value: /a}}]
    filters:
    - type: CORS
      cors: {allowOrigins: ["https://x.example.com"]}
    backendRefs: [{name: svc, port: 80}]
`;

describe('validate', () => {
  it('accepts what the target has, rejects what it lacks, at file:line', async () => {
    const ok = await runCli(['validate', '-', '--no-color'], { stdin: ROUTE });
    expect(ok.code).toBe(0);
    expect(ok.stderr).toContain(
      '1 file(s) validated against Gateway API v1.6 standard: 0 error(s)',
    );
    const old = await runCli(['validate', '-', '--no-color', '--gateway-api', 'v1.4'], {
      stdin: ROUTE,
    });
    expect(old.code).toBe(1);
    expect(old.stderr).toMatch(
      /error {4}invalid-manifest {2}-:9:7 {2}HTTPRoute default\/r {2}spec\.rules\[0\]\.filters\[0\]\.type/,
    );
  });

  it.skipIf(!HAS_SHARED)('--crds validates against the CRDs the user installs', async () => {
    const crds = join(SHARED, 'crds/gateway-api/v1.4.1/standard');
    const r = await runCli(['validate', '-', '--no-color', '--crds', crds], { stdin: ROUTE });
    expect(r.code).toBe(1);
    // The v1.4 CRD knows no CORS filter: the type is not in its enum and `cors` is an unknown field.
    expect(r.stderr).toContain(`validated against the CRDs in ${crds}: 2 error(s)`);
    expect(r.stderr).toContain('spec.rules[0].filters[0].cors: unknown field "cors"');
  });

  it('a missing --crds path is a usage error', async () => {
    const r = await runCli(['validate', '-', '--crds', '/nonexistent/crds'], { stdin: ROUTE });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^error: --crds \/nonexistent\/crds: /m);
  });
});
