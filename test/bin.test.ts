import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';

const ROOT = new URL('..', import.meta.url).pathname;

// The README's run command, as a user runs it: the built bin, a real sample, a real process.
describe('the installed command', () => {
  it('is built (npm ci runs the build)', () =>
    expect(existsSync(`${ROOT}dist/cli/main.js`)).toBe(true));

  it('converts the README sample and exits 0', () => {
    const r = spawnSync(
      process.execPath,
      ['bin/istio2gateway.js', 'convert', 'samples/seed-01-httpbin/input.yaml', '--no-color'],
      { cwd: ROOT, encoding: 'utf8' },
    );
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(r.status).toBe(0);
    const kinds = parseAllDocuments(r.stdout).map((d) => (d.toJS() as { kind: string }).kind);
    expect(kinds).toContain('Gateway');
    expect(kinds).toContain('HTTPRoute');
  });

  it('stops quietly when the reader closes the pipe (| head)', async () => {
    const child = spawn(process.execPath, ['bin/istio2gateway.js', 'convert', '--help'], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.destroy();
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const status = await new Promise<number | null>((done) => child.on('close', done));
    expect(stderr).toBe('');
    expect(status).toBe(0);
  });

  it('exits 2 with a message and no stack trace on unreadable input', () => {
    const r = spawnSync(process.execPath, ['bin/istio2gateway.js', 'convert', '-'], {
      cwd: ROOT,
      encoding: 'utf8',
      input: 'kind: [\n',
    });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('-:2:1');
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});
