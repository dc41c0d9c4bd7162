// The pull-request workflow tested through the CLI with small stand-in mappers, so that
// documents really are replaced whatever the real mappers emit today. The stand-ins emit one
// Gateway per Istio Gateway and one HTTPRoute per VirtualService (plus a ReferenceGrant need
// for a cross-namespace destination), and raise one finding with a target path.
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { convert } from '../src/convert.js';
import { diff } from '../src/diff.js';
import { runCli } from './helpers/cli.js';
import { expectRewrite, MIXED } from './helpers/in-place.js';

vi.mock('../src/map/gateway/gateway.js', () => ({
  planGateway: (gw: { name: string; namespace: string }) => ({
    source: gw,
    members: [gw],
    name: gw.name,
    namespace: gw.namespace,
    listeners: [],
  }),
  setAllowedRoutes: () => {},
  emitGateway: (plan: { source: unknown; name: string; namespace: string }) => [
    {
      object: {
        apiVersion: 'gateway.networking.k8s.io/v1',
        kind: 'Gateway',
        metadata: { name: plan.name, namespace: plan.namespace },
        spec: {
          gatewayClassName: 'istio',
          listeners: [{ name: 'http', port: 80, protocol: 'HTTP' }],
        },
      },
      origin: plan.source,
    },
  ],
}));
vi.mock('../src/map/http/virtual-service.js', async () => {
  const { reportAt } = await import('../src/map/context.js');
  return {
    mapVirtualService: (
      vs: {
        name: string;
        namespace: string;
        spec: { http?: { route?: { destination: { host: string } }[] }[] };
      },
      ctx: Parameters<typeof reportAt>[0],
    ) => {
      const host = vs.spec.http?.[0]?.route?.[0]?.destination.host ?? 'x';
      const [svc, ns] = host.split('.');
      if (ns && ns !== vs.namespace) {
        ctx.needGrant({
          from: { group: 'gateway.networking.k8s.io', kind: 'HTTPRoute', namespace: vs.namespace },
          to: { group: '', kind: 'Service', namespace: ns, name: svc! },
          origin: vs as never,
        });
      }
      reportAt(ctx, 'unknown-field', vs as never, ['spec', 'http', 0], {
        message: 'stand-in finding on the first rule',
        target: {
          kind: 'HTTPRoute',
          namespace: vs.namespace,
          name: vs.name,
          path: 'spec.rules[0].backendRefs[0]',
        },
      });
      return {
        emitted: [
          {
            object: {
              apiVersion: 'gateway.networking.k8s.io/v1',
              kind: 'HTTPRoute',
              metadata: { name: vs.name, namespace: vs.namespace },
              spec: {
                rules: [
                  { backendRefs: [{ name: svc, ...(ns ? { namespace: ns } : {}), port: 8080 }] },
                ],
              },
            },
            origin: vs,
          },
        ],
      };
    },
  };
});

const CROSS = `# routes to another namespace
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: cross, namespace: team-a}
spec:
  hosts: [cross]
  http:
  - route:
    - destination: {host: api.team-b}
---
# kept as it is
apiVersion: networking.istio.io/v1
kind: ServiceEntry
metadata: {name: ext, namespace: team-a}
spec: {hosts: [ext.example.com], resolution: DNS, ports: [{number: 443, name: https, protocol: TLS}]}
`;

describe('in place, with stand-in mappers', () => {
  it('replaces each Istio document by its Gateway API documents where it stood; ReferenceGrants go with their cause', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'i2g-stub-'));
    mkdirSync(join(dir, 'k8s'));
    writeFileSync(join(dir, 'k8s/app.yaml'), MIXED);
    writeFileSync(join(dir, 'k8s/cross.yaml'), CROSS);
    const r = await runCli(['convert', '--write', join(dir, 'k8s'), '--no-color']);
    expect(r.stderr).toContain('2 file(s) rewritten in place');
    const app = readFileSync(join(dir, 'k8s/app.yaml'), 'utf8');
    const cross = readFileSync(join(dir, 'k8s/cross.yaml'), 'utf8');
    const result = convert([
      { file: join(dir, 'k8s/app.yaml'), text: MIXED },
      { file: join(dir, 'k8s/cross.yaml'), text: CROSS },
    ]);
    expectRewrite(MIXED, app, result.files[0]!);
    expectRewrite(CROSS, cross, result.files[1]!);
    expect(parseAllDocuments(app).map((d) => (d.toJS() as { kind: string }).kind)).toEqual([
      'Namespace',
      'Gateway',
      'HTTPRoute',
      'Deployment',
      'DestinationRule',
    ]);
    expect(parseAllDocuments(cross).map((d) => (d.toJS() as { kind: string }).kind)).toEqual([
      'HTTPRoute',
      'ReferenceGrant',
      'ServiceEntry',
    ]);
    expect(app).toContain(
      '# The public gateway of team A.\n# converted by istio2gateway from Gateway team-a/team-a-gw\napiVersion: gateway.networking.k8s.io/v1\nkind: Gateway\n',
    );
    expect(app).toContain(
      '# trailing note about the gateway, at column 0\n---\n# The VirtualService for app.\n# converted by istio2gateway from VirtualService team-a/app\n',
    );
    expect(cross).toMatch(
      /---\n# converted by istio2gateway from VirtualService team-a\/cross\napiVersion: gateway\.networking\.k8s\.io\/v1\w*\nkind: ReferenceGrant\n/,
    );

    const again = await runCli(['convert', '--write', join(dir, 'k8s'), '--no-color']);
    expect(again.stderr).toContain('0 file(s) rewritten in place, 2 unchanged');
    expect(readFileSync(join(dir, 'k8s/app.yaml'), 'utf8')).toBe(app);
  });

  it('--annotate puts the finding at the field of the generated route', () => {
    const d = diff([{ file: 'app.yaml', text: MIXED }], { annotate: true });
    expect(d.files[0]!.after).toContain(
      '  rules:\n    - backendRefs:\n        # istio2gateway warning unknown-field: stand-in finding on the first rule\n        - name: app\n',
    );
  });

  it('diff prints a patch that git would apply, with paths relative to the working directory', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'i2g-stub-'));
    mkdirSync(join(dir, 'k8s'));
    writeFileSync(join(dir, 'k8s/app.yaml'), MIXED);
    const r = await runCli(['diff', join(dir, 'k8s')], { cwd: dir });
    expect(r.stdout.split('\n').slice(0, 3)).toEqual([
      '--- a/k8s/app.yaml',
      '+++ b/k8s/app.yaml',
      expect.stringMatching(/^@@ -\d+,\d+ \+\d+,\d+ @@$/),
    ]);
    expect(r.stdout).toContain('\n-kind: VirtualService\n');
    expect(r.stdout).toContain('\n+# converted by istio2gateway from VirtualService team-a/app\n');
    expect(r.stdout).not.toMatch(/^[-+].*kind: Deployment/m);
    expect(readFileSync(join(dir, 'k8s/app.yaml'), 'utf8')).toBe(MIXED); // diff writes nothing
  });
});
