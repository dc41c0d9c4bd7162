// bench/generate.mjs deletes and writes folders: it must never touch one it did not make.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const SCRIPT = new URL('../bench/generate.mjs', import.meta.url).pathname;
const gen = (cwd: string, ...args: string[]) =>
  spawnSync(process.execPath, [SCRIPT, ...args], { cwd, encoding: 'utf8' });

describe('bench/generate.mjs', () => {
  it('--help prints usage and writes nothing', () => {
    const cwd = mkdtempSync(join(tmpdir(), 'i2g-gen-'));
    const r = gen(cwd, '--help');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^Usage: node bench\/generate.mjs <out-dir>/);
    expect(readdirSync(cwd)).toEqual([]);
  });

  it('replaces a folder it made, and refuses any other non-empty folder', () => {
    const cwd = mkdtempSync(join(tmpdir(), 'i2g-gen-'));
    expect(gen(cwd, 'out', '20').status).toBe(0);
    expect(gen(cwd, 'out', '20').status).toBe(0);
    mkdirSync(join(cwd, 'mine'));
    writeFileSync(join(cwd, 'mine/keep.txt'), 'mine');
    const r = gen(cwd, 'mine', '20');
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('was not made by bench/generate.mjs: not deleting it');
    expect(existsSync(join(cwd, 'mine/keep.txt'))).toBe(true);
  });
});
