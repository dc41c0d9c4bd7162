import { existsSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { Project } from 'ts-morph';
import type { Finding } from '../findings/finding.js';
import { findingMeta } from '../findings/catalog.js';
import { directoryWalker, problem } from '../read/walk.js';
import {
  codemod,
  type CodemodChange,
  type CodemodOptions,
  type CodemodResult,
  isCodemodSource,
} from './codemod.js';

/**
 * The TypeScript sources under `paths`: files as named, directories recursively (`.ts`, `.tsx`,
 * `.mts`; not `.d.ts`), by the walk `convert` uses (src/read/walk.ts): hidden folders,
 * node_modules, `.gitignore`, `.istio2gatewayignore` and `ignore` patterns skipped. Sorted. A
 * path that cannot be read is a finding.
 */
export function findSources(
  paths: readonly string[],
  ignore: readonly string[] = [],
): { files: string[]; findings: Finding[] } {
  const files = new Set<string>();
  const findings: Finding[] = [];
  const walker = directoryWalker({ accept: isCodemodSource, ignore }, (f) => findings.push(f));
  for (const p of paths) {
    try {
      if (statSync(p).isDirectory()) walker.walk(p);
      else files.add(resolve(p));
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code ?? (e as Error).message;
      findings.push(problem('file-unreadable', p, `cannot read: ${code}`));
    }
  }
  for (const f of walker.files) files.add(resolve(f));
  return { files: [...files].sort(), findings };
}

/** The nearest tsconfig.json at or above `dir`. */
function tsconfigFor(dir: string): string | undefined {
  for (let d = resolve(dir); ; d = dirname(d)) {
    const p = join(d, 'tsconfig.json');
    if (existsSync(p)) return p;
    if (dirname(d) === d) return undefined;
  }
}

export interface CodemodPathsOptions extends Omit<CodemodOptions, 'files'> {
  /** gitignore-style patterns of paths the directory walk skips (as `convert --ignore`). */
  ignore?: readonly string[];
}

/**
 * `codemod` over files and directories: a ts-morph Project with the nearest tsconfig.json's
 * compiler options (so imports and `const` types resolve as the project's own build sees them).
 */
export function codemodPaths(
  paths: readonly string[],
  options: CodemodPathsOptions = {},
): CodemodResult {
  const { ignore = [], ...rest } = options;
  const found = findSources(paths, ignore);
  const tsConfigFilePath = tsconfigFor(found.files[0] ? dirname(found.files[0]) : process.cwd());
  const project = tsConfigFilePath
    ? new Project({ tsConfigFilePath, skipAddingFilesFromTsConfig: true })
    : new Project({ compilerOptions: { strict: true } });
  const files = found.files.map((f) => project.addSourceFileAtPath(f));
  const result = codemod(project, { ...rest, files });
  result.findings.unshift(...found.findings);
  return result;
}

/**
 * Writes each change atomically (temporary file + rename), only when the file still holds the
 * text the codemod read: a file edited meanwhile is not overwritten.
 */
export function writeChanges(changes: readonly CodemodChange[]): {
  written: string[];
  findings: Finding[];
} {
  const out = { written: [] as string[], findings: [] as Finding[] };
  const refuse = (c: CodemodChange, message: string) =>
    out.findings.push({
      id: 'output-not-written',
      severity: findingMeta('output-not-written').severity,
      message,
      source: { file: c.file, line: 1, column: 1 },
    });
  for (const c of changes) {
    try {
      if (readFileSync(c.path, 'utf8') !== c.before) {
        refuse(c, `${c.file} changed since it was read; not rewritten (run the codemod again)`);
        continue;
      }
      const tmp = `${c.path}.istio2gateway-${process.pid}.tmp`;
      writeFileSync(tmp, c.after);
      renameSync(tmp, c.path);
      out.written.push(c.file);
    } catch (e) {
      refuse(
        c,
        `${c.file} could not be written: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`,
      );
    }
  }
  return out;
}
