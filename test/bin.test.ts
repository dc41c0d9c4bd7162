import { spawnSync } from 'node:child_process';
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
