// The one directory walk: manifests for convert, TypeScript sources for the codemod. Hidden
// folders and node_modules are skipped, gitignore rules honoured (./ignore.ts), each real
// directory entered once (a symbolic link loop ends), entries taken in name order.
import { readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { join, resolve, sep } from 'node:path';
import type { Finding, FindingId } from '../findings/finding.js';
import { findingMeta } from '../findings/catalog.js';
import { type IgnoreRules, ignoreRules } from './ignore.js';

export const toPosix = (p: string): string => p.split(sep).join('/');

/** A finding about a path as a whole (reported at its line 1). */
export function problem(id: FindingId, file: string, message: string): Finding {
  return { id, severity: findingMeta(id).severity, message, source: { file, line: 1, column: 1 } };
}

export interface WalkOptions {
  /** The files to list, by name. */
  accept(name: string): boolean;
  /**
   * gitignore-style patterns, relative to each directory walked, that the walk skips (on top of
   * the `.gitignore` and `.istio2gatewayignore` files it finds).
   */
  ignore?: readonly string[];
  /** Directories never walked into, such as `--out-dir` inside an input tree. */
  skipDirs?: readonly string[];
  /** A directory that is not walked, and the finding that says why (a Helm chart). */
  refuse?(dir: string, names: readonly string[]): Finding | undefined;
}

export interface Walker {
  /** Adds the accepted files below `dir` to `files`. */
  walk(dir: string): void;
  readonly files: string[];
}

/**
 * A walker over any number of directories; a directory reached twice is walked once. What it
 * cannot read (or refuses) goes to `report`.
 */
export function directoryWalker(opts: WalkOptions, report: (f: Finding) => void): Walker {
  const files: string[] = [];
  const visited = new Set<string>();
  const skip = new Set((opts.skipDirs ?? []).map(safeRealpath));
  const walk = (dir: string, rules: IgnoreRules): void => {
    let real: string;
    try {
      real = realpathSync(dir);
    } catch {
      return;
    }
    if (visited.has(real)) return; // a symlink loop
    visited.add(real);
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code ?? (e as Error).message;
      report(problem('file-unreadable', toPosix(dir), `cannot read directory: ${code}`));
      return;
    }
    const refused = opts.refuse?.(
      dir,
      entries.filter((e) => !e.isDirectory()).map((e) => e.name),
    );
    if (refused) {
      report(refused);
      return;
    }
    const here = rules.enter(dir, (name) => readIgnoreFile(join(dir, name)));
    for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
      const path = join(dir, entry.name);
      const type = typeOf(entry, path);
      if (!type || here.ignores(path, type === 'dir')) continue;
      if (type === 'dir') {
        if (!skip.has(safeRealpath(path))) walk(path, here);
      } else if (opts.accept(entry.name)) files.push(path);
    }
  };
  return {
    walk: (dir) => walk(dir, ignoreRules(dir, opts.ignore ?? [])),
    files,
  };
}

/** A directory entry as a file or directory (a symbolic link by its target), else nothing. */
function typeOf(
  entry: { isDirectory(): boolean; isFile(): boolean; isSymbolicLink(): boolean },
  path: string,
): 'dir' | 'file' | undefined {
  let isDir = entry.isDirectory();
  let isFile = entry.isFile();
  if (entry.isSymbolicLink()) {
    try {
      const st = statSync(path);
      isDir = st.isDirectory();
      isFile = st.isFile();
    } catch {
      return undefined; // a dangling link
    }
  }
  return isDir ? 'dir' : isFile ? 'file' : undefined;
}

/** An ignore file's text, or nothing when the directory has none (or it cannot be read). */
function readIgnoreFile(path: string): string | undefined {
  try {
    return statSync(path).isFile() ? readFileSync(path, 'utf8') : undefined;
  } catch {
    return undefined;
  }
}

export function safeRealpath(p: string): string {
  try {
    return realpathSync(p);
  } catch {
    return resolve(p);
  }
}
