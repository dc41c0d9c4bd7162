import { execFile } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { MARKDOWN_MARKER } from '../src/emit/report-markdown.js';
import { VERSION } from '../src/version.js';

const ROOT = new URL('../', import.meta.url).pathname;
const run = promisify(execFile);

interface Step { name?: string; id?: string; if?: string; uses?: string; run?: string; shell?: string; env?: Record<string, string>; with?: Record<string, string> }
const action = parse(readFileSync(join(ROOT, 'action.yml'), 'utf8')) as { inputs: Record<string, { default?: string }>; runs: { using: string; steps: Step[] } };

describe('action.yml', () => {
  it('is a composite action with the documented inputs, running this release from npm', () => {
    expect(action.runs.using).toBe('composite');
    expect(Object.keys(action.inputs)).toEqual(expect.arrayContaining(['paths', 'gateway-api', 'channel', 'istio', 'fail-on', 'comment', 'sarif']));
    expect(action.inputs.version!.default).toBe(VERSION);
    const diffStep = action.runs.steps.find((s) => s.id === 'diff')!;
    expect(diffStep.run).toContain('npx --yes "istio2gateway@$I2G_VERSION" diff');
    expect(action.runs.steps.some((s) => s.uses?.startsWith('github/codeql-action/upload-sarif@'))).toBe(true);
    expect(action.runs.steps.some((s) => s.run?.includes('action/comment.mjs'))).toBe(true);
  });

  it('never pastes an expression into a script (inputs go through the environment)', () => {
    for (const s of action.runs.steps) if (s.run) expect(s.run, s.name).not.toContain('${{');
  });

  it('the diff step splits paths, runs markdown then SARIF, and reports the exit code of the markdown run', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'i2g-action-'));
    mkdirSync(join(dir, 'bin'));
    // A stand-in npx: logs its arguments, writes the --output file, exits with FAKE_CODE for --format markdown.
    writeFileSync(
      join(dir, 'bin/npx'),
      `#!/usr/bin/env node
const fs = require('node:fs');
const args = process.argv.slice(2);
fs.appendFileSync(process.env.ARGS_LOG, JSON.stringify(args) + '\\n');
fs.writeFileSync(args[args.indexOf('--output') + 1], 'report ' + args[args.indexOf('--format') + 1] + '\\n');
process.exit(args.includes('markdown') ? Number(process.env.FAKE_CODE) : 0);
`,
    );
    chmodSync(join(dir, 'bin/npx'), 0o755);
    const env = {
      PATH: `${join(dir, 'bin')}:${process.env.PATH}`,
      RUNNER_TEMP: dir,
      GITHUB_OUTPUT: join(dir, 'output'),
      GITHUB_STEP_SUMMARY: join(dir, 'summary'),
      ARGS_LOG: join(dir, 'args'),
      FAKE_CODE: '1',
      I2G_PATHS: 'k8s/apps\n  charts/rendered.yaml  ',
      I2G_GATEWAY_API: 'v1.4',
      I2G_CHANNEL: 'experimental',
      I2G_ISTIO: '1.28',
      I2G_FAIL_ON: 'warning',
      I2G_SARIF: 'true',
      I2G_VERSION: '9.9.9',
    };
    const script = action.runs.steps.find((s) => s.id === 'diff')!.run!;
    // As GitHub runs `shell: bash`: bash --noprofile --norc -eo pipefail.
    await run('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', script], { env, cwd: dir });
    const calls = readFileSync(join(dir, 'args'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as string[]);
    const common = ['--yes', 'istio2gateway@9.9.9', 'diff', 'k8s/apps', 'charts/rendered.yaml', '--gateway-api', 'v1.4', '--channel', 'experimental', '--istio', '1.28', '--no-color'];
    expect(calls).toEqual([
      [...common, '--format', 'markdown', '--output', `${dir}/istio2gateway/report.md`, '--fail-on', 'warning'],
      [...common, '--format', 'sarif', '--output', `${dir}/istio2gateway/report.sarif`, '--fail-on', 'none'],
    ]);
    expect(readFileSync(join(dir, 'output'), 'utf8')).toBe(`exit-code=1\nreport=${dir}/istio2gateway/report.md\nsarif-file=${dir}/istio2gateway/report.sarif\n`);
    expect(readFileSync(join(dir, 'summary'), 'utf8')).toBe('report markdown\n');
  });
});

describe('action/comment.mjs', () => {
  type Comment = { id: number; body: string };
  let comments: Comment[];
  let requests: string[];
  let status: number;
  let server: ReturnType<typeof createServer>;
  let api: string;
  let dir: string;

  beforeEach(async () => {
    comments = [{ id: 1, body: 'LGTM' }, { id: 2, body: `> ${MARKDOWN_MARKER}\nquoted by a human` }];
    requests = [];
    status = 200;
    server = createServer((req: IncomingMessage, res: ServerResponse) => {
      let data = '';
      req.on('data', (c) => (data += c));
      req.on('end', () => {
        requests.push(`${req.method} ${req.url} ${req.headers.authorization}`);
        const send = (code: number, body: unknown) => {
          res.writeHead(code, { 'content-type': 'application/json' });
          res.end(JSON.stringify(body));
        };
        if (status !== 200) return send(status, { message: 'Resource not accessible by integration' });
        if (req.method === 'GET' && req.url?.startsWith('/repos/acme/platform/issues/7/comments')) return send(200, comments);
        if (req.method === 'POST' && req.url === '/repos/acme/platform/issues/7/comments') {
          const c = { id: 100 + comments.length, body: (JSON.parse(data) as Comment).body };
          comments.push(c);
          return send(201, c);
        }
        const m = req.url?.match(/^\/repos\/acme\/platform\/issues\/comments\/(\d+)$/);
        if (req.method === 'PATCH' && m) {
          const c = comments.find((x) => x.id === Number(m[1]))!;
          c.body = (JSON.parse(data) as Comment).body;
          return send(200, c);
        }
        send(404, { message: 'Not Found' });
      });
    });
    await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
    api = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    dir = mkdtempSync(join(tmpdir(), 'i2g-comment-'));
    writeFileSync(join(dir, 'event.json'), JSON.stringify({ pull_request: { number: 7 } }));
  });
  afterEach(() => new Promise<void>((ok) => server.close(() => ok())));

  const comment = (body: string) => {
    writeFileSync(join(dir, 'report.md'), body);
    return run('node', [join(ROOT, 'action/comment.mjs'), join(dir, 'report.md')], {
      env: { PATH: process.env.PATH, GITHUB_TOKEN: 't0ken', GITHUB_REPOSITORY: 'acme/platform', GITHUB_EVENT_PATH: join(dir, 'event.json'), GITHUB_API_URL: api },
    });
  };

  it('creates the comment the first time and updates the same comment after', async () => {
    const first = await comment(`${MARKDOWN_MARKER}\nfirst report\n`);
    expect(first.stdout).toContain('created comment 102 on #7');
    expect(comments.map((c) => c.id)).toEqual([1, 2, 102]);
    expect(requests).toEqual(['GET /repos/acme/platform/issues/7/comments?per_page=100&page=1 Bearer t0ken', 'POST /repos/acme/platform/issues/7/comments Bearer t0ken']);

    const second = await comment(`${MARKDOWN_MARKER}\nsecond report\n`);
    expect(second.stdout).toContain('updated comment 102 on #7');
    expect(comments).toHaveLength(3);
    expect(comments[2]!.body).toBe(`${MARKDOWN_MARKER}\nsecond report\n`);
    expect(comments[1]!.body).toContain('quoted by a human'); // a quote of the marker is not ours
    expect(requests.at(-1)).toBe('PATCH /repos/acme/platform/issues/comments/102 Bearer t0ken');
  });

  it('a read-only token (a pull request from a fork) is a warning, not a failure', async () => {
    status = 403;
    const r = await comment(`${MARKDOWN_MARKER}\nreport\n`);
    expect(r.stdout).toMatch(/^::warning::istio2gateway: cannot comment on #7 .*HTTP 403/m);
  });

  it('outside a pull request it posts nothing', async () => {
    writeFileSync(join(dir, 'event.json'), JSON.stringify({ push: {} }));
    const r = await comment(`${MARKDOWN_MARKER}\nreport\n`);
    expect(r.stdout).toContain('not a pull request');
    expect(requests).toEqual([]);
  });

  it('uses the same marker as the Markdown report', () => {
    expect(readFileSync(join(ROOT, 'action/comment.mjs'), 'utf8')).toContain(`export const MARKER = '${MARKDOWN_MARKER}';`);
  });
});
