import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { MARKDOWN_MARKER } from '../src/emit/report-markdown.js';
import { expectWellFormed } from './helpers/gfm.js';

const ROOT = new URL('../', import.meta.url).pathname;
const BUNDLE = join(ROOT, 'action/main.mjs');
const run = promisify(execFile);

interface Input {
  default?: string;
  description: string;
}
const action = parse(readFileSync(join(ROOT, 'action.yml'), 'utf8')) as {
  inputs: Record<string, Input>;
  outputs: Record<string, unknown>;
  runs: Record<string, unknown>;
};

describe('action.yml', () => {
  it('is a JavaScript Action on node24 running its own committed bundle', () => {
    expect(action.runs).toEqual({ using: 'node24', main: 'action/main.mjs' });
    expect(Object.keys(action.inputs)).toEqual([
      'paths',
      'ignore',
      'config',
      'fail-on',
      'gateway-api',
      'channel',
      'istio',
      'verify',
      'changed-since',
      'comment',
      'sarif',
      'annotations',
      'github-token',
    ]);
    expect(action.inputs.sarif!.default).toBe('false'); // code scanning is not on every repository
    expect(action.inputs.annotations!.default).toBe('true');
    expect(Object.keys(action.outputs)).toEqual(['exit-code', 'report', 'json-file', 'sarif-file']);
  });

  it('the committed bundle is what `npm run build:action` builds from the sources', async () => {
    const { bundle } = await import('../scripts/build-action.mjs');
    expect(
      (await bundle()) === readFileSync(BUNDLE, 'utf8'),
      'action/main.mjs is stale: run `npm run build:action`',
    ).toBe(true);
  });

  it('the bundle loads nothing but Node built-ins: no npx, no registry, no node_modules', () => {
    const text = readFileSync(BUNDLE, 'utf8');
    const imports = [...text.matchAll(/^import .* from ["']([^"']+)["'];?$/gm)].map((m) => m[1]!);
    const requires = [
      ...text.matchAll(/\b__require\(["']([^"']+)["']\)|\brequire\(["']([^"']+)["']\)/g),
    ].map((m) => m[1] ?? m[2]!);
    for (const m of [...imports, ...requires])
      expect(m, m).toMatch(
        /^node:|^(fs|path|os|url|util|crypto|assert|events|stream|buffer|module|child_process|tty|process)$/,
      );
    expect(text).not.toMatch(/\bnpx\b.*istio2gateway@/);
  });
});

type Comment = { id: number; body: string; user: { login: string } };

describe('the Action end to end, bundle and fake GitHub API', () => {
  let comments: Comment[];
  let requests: string[];
  let failPost: boolean;
  let userStatus: number;
  let server: ReturnType<typeof createServer>;
  let api: string;
  let work: string;

  beforeEach(async () => {
    comments = [
      { id: 1, body: 'LGTM', user: { login: 'alice' } },
      // Anyone can start a comment with the marker; it is not ours and must stay untouched.
      { id: 2, body: `${MARKDOWN_MARKER}\nall good, merge it`, user: { login: 'mallory' } },
    ];
    requests = [];
    failPost = false;
    userStatus = 403; // the workflow's GITHUB_TOKEN may not read /user
    server = createServer((req: IncomingMessage, res: ServerResponse) => {
      let data = '';
      req.on('data', (c) => (data += c));
      req.on('end', () => {
        requests.push(`${req.method} ${req.url}`);
        const send = (code: number, body: unknown) => {
          res.writeHead(code, { 'content-type': 'application/json' });
          res.end(JSON.stringify(body));
        };
        if (req.headers.authorization !== 'Bearer t0ken')
          return send(401, { message: 'Bad credentials' });
        if (req.url === '/user')
          return send(
            userStatus,
            userStatus === 200
              ? { login: 'i2g-bot' }
              : { message: 'Resource not accessible by integration' },
          );
        if (req.method === 'GET' && req.url?.startsWith('/repos/acme/platform/issues/7/comments'))
          return send(200, comments);
        if (req.method === 'POST' && req.url === '/repos/acme/platform/issues/7/comments') {
          if (failPost) return send(500, { message: 'Server Error' });
          const login = userStatus === 200 ? 'i2g-bot' : 'github-actions[bot]';
          const c = {
            id: 100 + comments.length,
            body: (JSON.parse(data) as Comment).body,
            user: { login },
          };
          comments.push(c);
          return send(201, c);
        }
        const m = req.url?.match(/^\/repos\/acme\/platform\/issues\/comments\/(\d+)$/);
        if (req.method === 'PATCH' && m) {
          const c = comments.find((x) => x.id === Number(m[1]))!;
          if (c.user.login === 'mallory') return send(403, { message: 'not yours' });
          c.body = (JSON.parse(data) as Comment).body;
          return send(200, c);
        }
        send(404, { message: 'Not Found' });
      });
    });
    await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
    api = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    work = mkdtempSync(join(tmpdir(), 'i2g-action-'));
    mkdirSync(join(work, 'repo/k8s'), { recursive: true });
    mkdirSync(join(work, 'repo/vendor'), { recursive: true });
    mkdirSync(join(work, 'tmp'));
    for (const s of ['seed-09-bookinfo', 'seed-07-egress-gateway', 'http-mirrors']) {
      writeFileSync(
        join(work, 'repo/k8s', `${s}.yaml`),
        readFileSync(join(ROOT, 'samples', s, 'input.yaml')),
      );
    }
    writeFileSync(join(work, 'repo/vendor/broken.yaml'), 'kind: [');
    writeFileSync(join(work, 'repo/vendor/good.yaml'), '# nothing\n');
    writeFileSync(
      join(work, 'event.json'),
      JSON.stringify({
        pull_request: { number: 7, head: { repo: { full_name: 'acme/platform' } } },
      }),
    );
  });
  afterEach(() => new Promise<void>((ok) => server.close(() => ok())));

  /** Runs the bundle as GitHub runs a node24 Action: inputs in INPUT_* variables. */
  async function runAction(inputs: Record<string, string> = {}) {
    const env: Record<string, string> = {
      PATH: process.env.PATH ?? '',
      GITHUB_WORKSPACE: join(work, 'repo'),
      RUNNER_TEMP: join(work, 'tmp'),
      GITHUB_OUTPUT: join(work, 'output'),
      GITHUB_STEP_SUMMARY: join(work, 'summary'),
      GITHUB_EVENT_PATH: join(work, 'event.json'),
      GITHUB_EVENT_NAME: 'pull_request',
      GITHUB_REPOSITORY: 'acme/platform',
      GITHUB_SERVER_URL: 'https://github.example',
      GITHUB_SHA: 'abc123',
      GITHUB_API_URL: api,
    };
    for (const [name, v] of Object.entries(action.inputs))
      env[`INPUT_${name.toUpperCase()}`] = v.default ?? '';
    env['INPUT_GITHUB-TOKEN'] = 't0ken';
    for (const [k, v] of Object.entries({ paths: 'k8s vendor', ignore: 'broken.yaml', ...inputs }))
      env[`INPUT_${k.toUpperCase()}`] = v;
    writeFileSync(join(work, 'output'), '');
    writeFileSync(join(work, 'summary'), '');
    const r = await run('node', [BUNDLE], { env, cwd: work }).then(
      (ok) => ({ code: 0, stdout: ok.stdout }),
      (e: { code: number; stdout: string }) => ({ code: e.code, stdout: e.stdout }),
    );
    const outputs = Object.fromEntries(
      readFileSync(join(work, 'output'), 'utf8')
        .trim()
        .split('\n')
        .map((l) => l.split('=')),
    );
    return { ...r, outputs };
  }

  it('one run writes the comment, the JSON report, annotations and the gate; the next updates its own comment', async () => {
    const first = await runAction();
    expect(first.code).toBe(1); // http-mirrors.yaml has an error finding
    const md = readFileSync(join(work, 'tmp/istio2gateway/report.md'), 'utf8');
    expect(comments.map((c) => c.id)).toEqual([1, 2, 102]);
    expect(comments[2]!.body).toBe(md);
    expect(comments[1]!.body).toBe(`${MARKDOWN_MARKER}\nall good, merge it`);
    expectWellFormed(md, [
      'h3 istio2gateway: Istio → Gateway API',
      'h4 Findings',
      'h4 Verify',
      'h4 Cutover',
      'h4 Files',
    ]);
    expect(md).toMatch(/^#### Verify\n\n\d+ probe requests replayed/m);
    expect(md).toContain(
      '[L36](https://github.example/acme/platform/blob/abc123/k8s/http-mirrors.yaml#L36)',
    );
    expect(md).not.toContain('vendor/broken.yaml'); // ignored: never read
    expect(first.stdout).toMatch(
      /^::error file=k8s\/http-mirrors\.yaml,line=36,col=35,title=istio2gateway subset-not-converted::/m,
    );
    expect(first.stdout).toMatch(
      /^::error title=istio2gateway::findings at or above fail-on \(error\); see the report$/m,
    );
    expect(first.stdout).toContain('created comment 102 on #7 as github-actions[bot]');
    expect(first.outputs).toEqual({
      'exit-code': '1',
      report: join(work, 'tmp/istio2gateway/report.md'),
      'json-file': join(work, 'tmp/istio2gateway/report.json'),
    });
    const json = JSON.parse(readFileSync(first.outputs['json-file']!, 'utf8'));
    expect(json.files.map((f: { path: string }) => f.path)).toEqual([
      'k8s/http-mirrors.yaml',
      'k8s/seed-07-egress-gateway.yaml',
      'k8s/seed-09-bookinfo.yaml',
    ]);
    expect(readFileSync(join(work, 'summary'), 'utf8')).toBe(md);
    // One conversion: the JSON report and the comment count the same findings.
    expect(md).toContain(
      `| ${json.summary.error} | ${json.summary.warning} | ${json.summary.info} |`,
    );

    const second = await runAction({ 'fail-on': 'none', sarif: 'true', annotations: 'false' });
    expect(second.code).toBe(0);
    expect(second.stdout).toContain('updated comment 102 on #7');
    expect(second.stdout).not.toContain('::error file=');
    expect(comments).toHaveLength(3);
    expect(requests.filter((r) => r.startsWith('PATCH'))).toEqual([
      'PATCH /repos/acme/platform/issues/comments/102',
    ]);
    const sarif = JSON.parse(readFileSync(second.outputs['sarif-file']!, 'utf8'));
    // The bundle finds the docs pages beside it: every rule carries its page as help.
    for (const rule of sarif.runs[0].tool.driver.rules) {
      const page = readFileSync(join(ROOT, 'docs/findings', `${rule.id}.md`), 'utf8');
      expect(rule.help.markdown).toBe(page);
    }
    expect(sarif.runs[0].results.length).toBe(json.findings.length);
  });

  it('a personal token updates only its own comment, found through GET /user', async () => {
    userStatus = 200;
    comments.push({
      id: 50,
      body: `${MARKDOWN_MARKER}\nold report`,
      user: { login: 'github-actions[bot]' },
    });
    comments.push({ id: 51, body: `${MARKDOWN_MARKER}\nold report`, user: { login: 'i2g-bot' } });
    const r = await runAction({ 'fail-on': 'none' });
    expect(r.stdout).toContain('updated comment 51 on #7 as i2g-bot');
    expect(comments.find((c) => c.id === 50)!.body).toBe(`${MARKDOWN_MARKER}\nold report`);
  });

  it('a failed post fails the step, visibly', async () => {
    failPost = true;
    const r = await runAction({ 'fail-on': 'none' });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(
      /^::error title=istio2gateway::commenting on #7 failed: POST .* HTTP 500/m,
    );
    expect(r.outputs['exit-code']).toBe('0'); // the findings were fine; the comment was not
  });

  it('a pull request from a fork: no comment attempted, a warning, the report in the summary', async () => {
    writeFileSync(
      join(work, 'event.json'),
      JSON.stringify({
        pull_request: { number: 7, head: { repo: { full_name: 'mallory/platform' } } },
      }),
    );
    const r = await runAction({ 'fail-on': 'none' });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^::warning title=istio2gateway::#7 comes from a fork/m);
    expect(requests).toEqual([]);
    expect(readFileSync(join(work, 'summary'), 'utf8')).toContain(MARKDOWN_MARKER);
  });

  it('a wrong input or config file fails with its name, not a stack trace', async () => {
    writeFileSync(join(work, 'repo/i2g.json'), JSON.stringify({ reuseGateway: 'yes' }));
    const bad = await runAction({ config: 'i2g.json' });
    expect(bad.code).toBe(2);
    expect(bad.stdout).toMatch(/^::error title=istio2gateway::config i2g\.json: reuseGateway: /m);
    const wrong = await runAction({ 'fail-on': 'sometimes' });
    expect(wrong.code).toBe(2);
    expect(wrong.stdout).toContain(
      "input fail-on: 'sometimes' is not one of error, warning, info, none",
    );
    // The repository's own .istio2gateway.yaml, as the command line reads it: kebab or camel
    // keys, `ignore` and `fail-on` included; inputs given win; CLI-only keys are named.
    writeFileSync(
      join(work, 'repo/.istio2gateway.yaml'),
      'reuse-gateway: true\ngatewayApi: v1.2\nfail-on: none\nignore: [broken.yaml]\nquiet: true\n',
    );
    const ok = await runAction({ ignore: '', 'gateway-api': 'v1.4', comment: 'false' });
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain('config keys for the command line only, not used here: quiet');
    const md = readFileSync(join(work, 'tmp/istio2gateway/report.md'), 'utf8');
    expect(md).toContain('Target: Gateway API v1.4 standard');
    expect(md).not.toContain('gateway-provisioned'); // reuse-gateway from the config
    expect(md).not.toContain('broken.yaml');
    expect(requests).toEqual([]);
  });
});
