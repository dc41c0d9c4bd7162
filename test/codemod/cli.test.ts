import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

const gateway = (name: string): string => `{
  apiVersion: 'networking.istio.io/v1',
  kind: 'Gateway',
  metadata: { name: '${name}', namespace: 'istio-system' },
  spec: {
    selector: { istio: 'ingressgateway' },
    servers: [{ port: { number: 80, name: 'http', protocol: 'HTTP' }, hosts: ['web.example.com'], tls: { httpsRedirect: true } }],
  },
}`;
const DR = `{
  apiVersion: 'networking.istio.io/v1',
  kind: 'DestinationRule',
  metadata: { name: 'web', namespace: 'web' },
  spec: { host: 'web' },
}`;

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'i2g-codemod-cli-'));
  mkdirSync(join(dir, 'src'));
  mkdirSync(join(dir, 'node_modules/x'), { recursive: true });
  writeFileSync(
    join(dir, 'src/gateway.ts'),
    `// The web gateway.\nexport const web = ${gateway('web')};\n`,
  );
  writeFileSync(
    join(dir, 'src/deploy.ts'),
    `declare const cluster: { apply(o: object): void };\ncluster.apply(${gateway('deploy')});\n`,
  );
  writeFileSync(join(dir, 'src/policy.ts'), `export const dr = ${DR};\n`);
  writeFileSync(join(dir, 'src/types.d.ts'), `export declare const x: ${gateway('types')};\n`);
  writeFileSync(join(dir, 'node_modules/x/index.ts'), `export const web = ${gateway('dep')};\n`);
});

describe('codemod command', () => {
  it('prints the unified diff of the rewrite, reports what stays, and exits 1 on an error finding', async () => {
    const r = await runCli(['codemod', join(dir, 'src'), '--no-color']);
    expect(r.stdout).toMatch(/^--- a\/.*src\/gateway\.ts\n\+\+\+ b\/.*src\/gateway\.ts\n@@ /);
    expect(r.stdout).toContain(
      "-  apiVersion: 'networking.istio.io/v1',\n+  apiVersion: 'gateway.networking.k8s.io/v1',\n   kind: 'Gateway',",
    );
    expect(r.stdout).toContain('+export const webHTTPRoute = {');
    expect(r.stdout).not.toMatch(/deploy\.ts|policy\.ts|types\.d\.ts|node_modules/);
    expect(r.stderr).toContain('codemod-not-placeable');
    expect(r.stderr).toContain(
      'Gateway istio-system/deploy converts to 2 objects (Gateway, HTTPRoute), and it stands where only one expression fits; left unchanged',
    );
    expect(r.stderr).toMatch(/DestinationRule web\/web .*policy\.ts:1/);
    expect(r.code).toBe(1);
    expect(readFileSync(join(dir, 'src/gateway.ts'), 'utf8')).toContain('networking.istio.io');
  });

  it('--write rewrites only the files that change; a second run has nothing to do', async () => {
    const policy = readFileSync(join(dir, 'src/policy.ts'), 'utf8');
    const first = await runCli(['codemod', join(dir, 'src'), '--write', '--fail-on', 'none']);
    expect(first.stderr).toContain('1 file(s) rewritten');
    const after = readFileSync(join(dir, 'src/gateway.ts'), 'utf8');
    expect(after).toMatch(
      /^\/\/ The web gateway\.\nexport const web = \{\n {2}apiVersion: 'gateway\.networking\.k8s\.io\/v1',\n {2}kind: 'Gateway',/,
    );
    expect(after).toContain(
      "export const webHTTPRoute = {\n  apiVersion: 'gateway.networking.k8s.io/v1',\n  kind: 'HTTPRoute',",
    );
    expect(readFileSync(join(dir, 'src/policy.ts'), 'utf8')).toBe(policy);
    const second = await runCli([
      'codemod',
      join(dir, 'src/gateway.ts'),
      '--write',
      '--fail-on',
      'none',
    ]);
    expect(second.stdout).toBe('');
    expect(second.stderr).toContain('0 file(s) rewritten');
    expect(readFileSync(join(dir, 'src/gateway.ts'), 'utf8')).toBe(after);
  });

  it('skips what --ignore, .gitignore and .istio2gatewayignore exclude, as convert does', async () => {
    mkdirSync(join(dir, 'src/gen'));
    mkdirSync(join(dir, 'src/vendored'));
    writeFileSync(join(dir, 'src/gen/web.ts'), `export const gen = ${gateway('gen')};\n`);
    writeFileSync(join(dir, 'src/vendored/web.ts'), `export const v = ${gateway('vendored')};\n`);
    writeFileSync(join(dir, 'src/old.ts'), `export const old = ${gateway('old')};\n`);
    writeFileSync(join(dir, 'src/.gitignore'), 'gen/\n');
    writeFileSync(join(dir, 'src/vendored/.istio2gatewayignore'), '*.ts\n');
    const r = await runCli(['codemod', join(dir, 'src'), '--ignore', 'old.ts', '--no-color']);
    const patched = [...r.stdout.matchAll(/^\+\+\+ b\/.*?\/(src\/.*)$/gm)].map((m) => m[1]);
    expect(patched).toEqual(['src/gateway.ts']);
    // A file named on the command line is read whatever the ignore rules say.
    const named = await runCli(['codemod', join(dir, 'src/gen/web.ts'), '--no-color']);
    expect(named.stdout).toContain('+export const genHTTPRoute = {');
  });
});
