import { execFileSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { codemodPaths } from '../../src/codemod/paths.js';
import type { CodemodResult } from '../../src/codemod/codemod.js';

// samples/codemod/<case>/input/ is a small TypeScript project; expected/ holds exactly the files
// the codemod changes, as it must write them, and findings.txt every finding. UPDATE_SAMPLES=1
// rewrites the expectations (read them before committing).
const DIR = new URL('../../samples/codemod/', import.meta.url).pathname;
const UPDATE = process.env.UPDATE_SAMPLES === '1';
const cases = readdirSync(DIR, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name)
  .sort();

function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)))
    .sort();
}

function findingsText(r: CodemodResult): string {
  const lines = r.findings.map(
    (f) =>
      `${f.severity} ${f.id} ${f.source ? `${f.source.file}:${f.source.line}:${f.source.column}` : '-'}${f.source?.path ? ` ${f.source.path}` : ''}\n  ${f.message}`,
  );
  const kept = r.kept.map(
    (k) =>
      `kept ${k.kind} ${k.namespace ? `${k.namespace}/` : ''}${k.name} ${k.file}:${k.line}\n  ${k.reason}`,
  );
  return `${[...lines, ...kept].join('\n')}\n`;
}

describe.each(cases)('codemod sample %s', (name) => {
  const caseDir = join(DIR, name);
  const input = join(caseDir, 'input');
  const expectedDir = join(caseDir, 'expected');

  it('rewrites input/ into exactly expected/, with exactly findings.txt', () => {
    const r = codemodPaths([input], { root: input });
    const got = new Map(r.changes.map((c) => [c.file, c.after]));
    if (UPDATE) {
      rmSync(expectedDir, { recursive: true, force: true });
      for (const [file, text] of got) {
        mkdirSync(dirname(join(expectedDir, file)), { recursive: true });
        writeFileSync(join(expectedDir, file), text);
      }
      writeFileSync(join(caseDir, 'findings.txt'), findingsText(r));
    }
    expect([...got.keys()].sort()).toEqual(filesUnder(expectedDir));
    for (const [file, text] of got)
      expect(text, file).toBe(readFileSync(join(expectedDir, file), 'utf8'));
    expect(findingsText(r)).toBe(readFileSync(join(caseDir, 'findings.txt'), 'utf8'));
  });

  it('a second run over the expected output changes nothing', () => {
    const tmp = mkdtempSync(join(tmpdir(), `i2g-codemod-${name}-`));
    cpSync(input, tmp, { recursive: true });
    if (existsSync(expectedDir)) cpSync(expectedDir, tmp, { recursive: true });
    const r = codemodPaths([tmp], { root: tmp });
    expect(r.changes.map((c) => c.file)).toEqual([]);
    rmSync(tmp, { recursive: true, force: true });
  });
});

describe('codemod samples compile', () => {
  it('tsc --noEmit -p samples/codemod passes on every expected output, against the real packages', () => {
    const tsc = new URL('../../node_modules/typescript/bin/tsc', import.meta.url).pathname;
    let out = '';
    try {
      execFileSync(process.execPath, [tsc, '--noEmit', '-p', DIR], { encoding: 'utf8' });
    } catch (e) {
      out = String((e as { stdout?: string }).stdout ?? e);
    }
    expect(out).toBe('');
  });
});
