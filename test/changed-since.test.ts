import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { runCli } from './helpers/cli.js';

const ROOT = new URL('../', import.meta.url).pathname;
const sample = (name: string) => readFileSync(join(ROOT, 'samples', name, 'input.yaml'), 'utf8');

let dir: string;
const git = (...args: string[]) =>
  execFileSync('git', ['-c', 'user.email=t@example.com', '-c', 'user.name=t', ...args], {
    cwd: dir,
    encoding: 'utf8',
  });

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'i2g-changed-'));
  mkdirSync(join(dir, 'k8s'));
  writeFileSync(join(dir, 'k8s/mirrors.yaml'), sample('http-mirrors'));
  writeFileSync(join(dir, 'k8s/cors.yaml'), sample('seed-10-cors'));
  git('init', '-q', '-b', 'main');
  git('add', '.');
  git('commit', '-qm', 'base');
});

describe('diff --changed-since', () => {
  it('reports only the files changed since the ref, and says what lies outside', async () => {
    writeFileSync(
      join(dir, 'k8s/cors.yaml'),
      `# edited in this pull request\n${sample('seed-10-cors')}`,
    );
    writeFileSync(join(dir, 'k8s/new.yaml'), sample('seed-09-bookinfo')); // untracked counts too
    const all = await runCli(['diff', 'k8s', '-o', 'json', '--fail-on', 'none'], { cwd: dir });
    const r = await runCli(['diff', 'k8s', '-o', 'json', '--changed-since', 'main'], { cwd: dir });
    const files = (report: string) =>
      [
        ...new Set(
          JSON.parse(report).findings.map((f: { source: { file: string } }) => f.source.file),
        ),
      ].sort();
    expect(files(all.stdout)).toEqual(['k8s/cors.yaml', 'k8s/mirrors.yaml', 'k8s/new.yaml']);
    expect(files(r.stdout)).toEqual(['k8s/cors.yaml', 'k8s/new.yaml']);
    expect(JSON.parse(r.stdout).files.map((f: { path: string }) => f.path)).toEqual([
      'k8s/cors.yaml',
      'k8s/new.yaml',
    ]);
    const outside = JSON.parse(all.stdout).findings.filter(
      (f: { source: { file: string } }) => f.source.file === 'k8s/mirrors.yaml',
    ).length;
    expect(r.stderr).toContain(
      `limited to 2 file(s) changed since main; ${outside} finding(s) and 1 diff(s) in 1 other file(s) not shown`,
    );
    // mirrors.yaml holds the only error: outside the change, it no longer fails the job.
    expect(all.stderr).toMatch(/subset-not-converted/);
    expect(r.code).toBe(0);
    const md = await runCli(['diff', 'k8s', '-o', 'markdown', '--changed-since', 'main'], {
      cwd: dir,
    });
    expect(md.stdout).toContain(
      `Only the 2 files changed since <code>main</code> are reported; 1 other file read for cross-resource facts, with ${outside} findings and 1 diff not shown.`,
    );
    expect(md.stdout).not.toContain('mirrors.yaml');
  });

  it('an unknown ref or a directory outside git is a usage error, not a stack trace', async () => {
    const r = await runCli(['diff', 'k8s', '--changed-since', 'no-such-ref'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /^error: --changed-since no-such-ref: git diff failed: .*no-such-ref/m,
    );
    const option = await runCli(['diff', 'k8s', '--changed-since=--output-file=/tmp/x'], {
      cwd: dir,
    });
    expect(option.code).toBe(2);
    expect(option.stderr).toContain('not a git ref');
  });
});
