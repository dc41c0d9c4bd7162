// A repository's config file and ignore patterns, as a user writes them.
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './helpers/cli.js';

const ROOT = new URL('..', import.meta.url).pathname;
const VS = readFileSync(join(ROOT, 'samples/seed-01-httpbin/input.yaml'), 'utf8');
const ERRORS = readFileSync(join(ROOT, 'samples/http-header-matches/input.yaml'), 'utf8');

function tree(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'i2g-cfg-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

const convertedFiles = (stderr: string) =>
  [...stderr.matchAll(/^\S*\/(k8s\/\S+\.yaml)$/gm)].map((m) => m[1]);

describe('config file', () => {
  it('sets options the command line leaves at their defaults; flags win', async () => {
    const cwd = tree({ '.istio2gateway.yaml': 'failOn: none\n', 'k8s/a.yaml': ERRORS });
    expect((await runCli(['convert', join(cwd, 'k8s')], { cwd })).code).toBe(0);
    expect((await runCli(['convert', join(cwd, 'k8s'), '--fail-on', 'error'], { cwd })).code).toBe(
      1,
    );
  });

  it('takes keys as spelled on the command line, and --config names another file', async () => {
    const cwd = tree({ 'i2g.yaml': 'gateway-api: v1.2\nchannel: experimental\nno-color: true\n' });
    writeFileSync(
      join(cwd, 'a.yaml'),
      readFileSync(join(ROOT, 'samples/seed-04-tls-passthrough/input.yaml')),
    );
    const r = await runCli(['convert', join(cwd, 'a.yaml'), '--config', 'i2g.yaml'], {
      cwd,
      tty: true,
    });
    expect(r.stdout).toContain('apiVersion: gateway.networking.k8s.io/v1alpha2\nkind: TLSRoute');
    expect(r.stderr).not.toMatch(/\u001b\[3\dm/);
  });

  it.each([
    ['gatewayApy: v1.4\n', 'config .istio2gateway.yaml:1: gatewayApy: unknown option'],
    [
      'channel: standard\ngatewayApi: v9\n',
      'config .istio2gateway.yaml:2: gatewayApi: "v9" is not one of v1.2, v1.3, v1.4, v1.5, v1.6',
    ],
    [
      'strictPrefix: yes please\n',
      'config .istio2gateway.yaml:1: strictPrefix: expected true or false',
    ],
    ['gatewayApi: [v1.4]\n', 'config .istio2gateway.yaml:1: gatewayApi: expected one value'],
    ['failOn: [none\n', 'config .istio2gateway.yaml:2: Flow sequence in block collection'],
  ])('rejects %j with file:line', async (text, message) => {
    const cwd = tree({ '.istio2gateway.yaml': text, 'a.yaml': VS });
    const r = await runCli(['convert', join(cwd, 'a.yaml')], { cwd });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`error: ${message}`);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});

describe('ignore patterns', () => {
  const files = {
    'k8s/app.yaml': VS,
    'k8s/charts/x/vs.yaml': VS.replaceAll('httpbin', 'other'),
    'k8s/team/vs.yaml': VS.replaceAll('httpbin', 'team'),
    'k8s/team/gen/vs.yaml': VS.replaceAll('httpbin', 'gen'),
  };

  it('reads every manifest without patterns', async () => {
    const cwd = tree(files);
    const r = await runCli(['convert', join(cwd, 'k8s')], { cwd });
    expect(convertedFiles(r.stderr)).toEqual([
      'k8s/app.yaml',
      'k8s/charts/x/vs.yaml',
      'k8s/team/gen/vs.yaml',
      'k8s/team/vs.yaml',
    ]);
  });

  it('--ignore skips matching paths below the directory given', async () => {
    const cwd = tree(files);
    const r = await runCli(
      ['convert', join(cwd, 'k8s'), '--ignore', 'charts/', '--ignore', 'gen'],
      { cwd },
    );
    expect(convertedFiles(r.stderr)).toEqual(['k8s/app.yaml', 'k8s/team/vs.yaml']);
  });

  it('honours .gitignore and .istio2gatewayignore, each below its own directory', async () => {
    const cwd = tree({
      ...files,
      'k8s/.gitignore': 'charts/\n',
      'k8s/team/.istio2gatewayignore': '/gen/\n',
    });
    const r = await runCli(['convert', join(cwd, 'k8s')], { cwd });
    expect(convertedFiles(r.stderr)).toEqual(['k8s/app.yaml', 'k8s/team/vs.yaml']);
  });

  it('from the config file too; a file named on the command line is always read', async () => {
    const cwd = tree({ ...files, '.istio2gateway.yaml': 'ignore: [charts/, gen/]\n' });
    const r = await runCli(['convert', join(cwd, 'k8s'), join(cwd, 'k8s/team/gen/vs.yaml')], {
      cwd,
    });
    expect(convertedFiles(r.stderr)).toEqual([
      'k8s/app.yaml',
      'k8s/team/gen/vs.yaml',
      'k8s/team/vs.yaml',
    ]);
  });
});

describe('Helm charts', () => {
  const chart = {
    'deploy/app.yaml': VS,
    'deploy/mychart/Chart.yaml': 'apiVersion: v2\nname: mychart\nversion: 0.1.0\n',
    'deploy/mychart/values.yaml': 'host: example.com\n',
    'deploy/mychart/templates/vs.yaml':
      '{{- if .Values.enabled }}\napiVersion: networking.istio.io/v1\nkind: VirtualService\n' +
      'metadata:\n  name: {{ .Release.Name }}\nspec:\n  hosts:\n  - {{ .Values.host }}\n{{- end }}\n',
  };

  it('are reported once with the command that renders them, and not read', async () => {
    const cwd = tree(chart);
    const r = await runCli(['convert', join(cwd, 'deploy')], { cwd });
    expect(r.code).toBe(0);
    expect(convertedFiles(r.stderr)).toEqual([]);
    expect(r.stderr).toContain(`warning  helm-chart  ${cwd}/deploy/mychart/Chart.yaml:1:1`);
    expect(r.stderr).toContain(
      `hint: render it and convert the output: helm template <release> ${cwd}/deploy/mychart`,
    );
    expect(r.stderr).not.toMatch(/yaml-syntax|missing-kind|empty-file/);
    expect(r.stdout).toContain('kind: HTTPRoute');
  });

  it('a template named on the command line gets the same finding, not a syntax error', async () => {
    const cwd = tree(chart);
    const r = await runCli(['convert', join(cwd, 'deploy/mychart/templates/vs.yaml')], { cwd });
    expect(r.stderr).toContain('helm-chart');
    expect(r.stderr).not.toMatch(/yaml-syntax|empty-file/);
  });
});
