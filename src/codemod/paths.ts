import {
  existsSync,
  readdirSync,
  readFileSync,
  realpathSync,
  renameSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { Project } from 'ts-morph';
import type { Finding } from '../findings/finding.js';
import { findingMeta } from '../findings/catalog.js';
import {
  codemod,
  type CodemodChange,
  type CodemodOptions,
  type CodemodResult,
  isCodemodSource,
} from './codemod.js';

/**
 * The TypeScript sources under `paths`: files as named, directories recursively (`.ts`, `.tsx`,
 * `.mts`; not `.d.ts`, hidden folders or node_modules), sorted. A path that cannot be read is a finding.
 */
export function findSources(paths: readonly string[]): { files: string[]; findings: Finding[] } {
  const files = new Set<string>();
  const findings: Finding[] = [];
  const visited = new Set<string>();
  const walk = (dir: string): void => {
    const real = realpathSync(dir);
    if (visited.has(real)) return;
    visited.add(real);
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      if (e.name.startsWith('.') || e.name === 'node_modules') continue;
      const p = join(dir, e.name);
      const st = statSync(p, { throwIfNoEntry: false });
      if (st?.isDirectory()) walk(p);
      else if (st?.isFile() && isCodemodSource(e.name)) files.add(resolve(p));
    }
  };
  for (const p of paths) {
    try {
      if (statSync(p).isDirectory()) walk(p);
      else files.add(resolve(p));
    } catch (e) {
      findings.push({
        id: 'file-unreadable',
        severity: findingMeta('file-unreadable').severity,
        message: `cannot read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`,
        source: { file: p, line: 1, column: 1 },
      });
    }
  }
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

/**
 * `codemod` over files and directories: a ts-morph Project with the nearest tsconfig.json's
 * compiler options (so imports and `const` types resolve as the project's own build sees them).
 */
export function codemodPaths(
  paths: readonly string[],
  options: Omit<CodemodOptions, 'files'> = {},
): CodemodResult {
  const found = findSources(paths);
  const tsConfigFilePath = tsconfigFor(found.files[0] ? dirname(found.files[0]) : process.cwd());
  const project = tsConfigFilePath
    ? new Project({ tsConfigFilePath, skipAddingFilesFromTsConfig: true })
    : new Project({ compilerOptions: { strict: true } });
  const files = found.files.map((f) => project.addSourceFileAtPath(f));
  const result = codemod(project, { ...options, files });
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
