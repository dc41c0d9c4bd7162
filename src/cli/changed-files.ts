import { execFileSync } from 'node:child_process';
import { realpathSync } from 'node:fs';
import { resolve } from 'node:path';

/** `--changed-since` could not be answered: a usage error (exit 2), never a stack trace. */
export class ChangedSinceError extends Error {}

/**
 * The files (absolute, real paths) that differ between git ref `ref` and the working tree of
 * the repository holding `cwd`, untracked files included: what a pull request touched.
 */
export function changedFiles(ref: string, cwd: string): Set<string> {
  if (ref.startsWith('-')) throw new ChangedSinceError(`--changed-since ${ref}: not a git ref`);
  const git = (...args: string[]) => {
    try {
      const stdio: ['ignore', 'pipe', 'pipe'] = ['ignore', 'pipe', 'pipe'];
      return execFileSync('git', args, { cwd, encoding: 'utf8', stdio });
    } catch (e) {
      const err = e as { stderr?: string; message: string };
      const why = (err.stderr || err.message).trim().split('\n')[0];
      throw new ChangedSinceError(`--changed-since ${ref}: git ${args[0]} failed: ${why}`);
    }
  };
  const top = git('rev-parse', '--show-toplevel').trim();
  // `--end-of-options` keeps a ref from being read as an option.
  const names = [
    ...git('diff', '--name-only', '-z', '--no-renames', '--end-of-options', ref, '--').split('\0'),
    ...git('ls-files', '--others', '--exclude-standard', '--full-name', '-z').split('\0'),
  ];
  return new Set(names.filter(Boolean).map((n) => resolve(top, n)));
}

/** Whether `file` (as the report names it, relative to `cwd`) is one of `changed`. */
export function isChanged(changed: ReadonlySet<string>, cwd: string, file: string): boolean {
  return changed.has(resolve(realCwd(cwd), file));
}

const reals = new Map<string, string>();
function realCwd(cwd: string): string {
  let r = reals.get(cwd);
  if (r === undefined) {
    try {
      r = realpathSync(cwd);
    } catch {
      r = resolve(cwd);
    }
    reals.set(cwd, r);
  }
  return r;
}
