// What a directory walk skips: gitignore rules (the `ignore` package, the matcher eslint uses)
// from `--ignore` patterns and from the `.gitignore` and `.istio2gatewayignore` files of each
// directory, each file applying below its own directory as git applies it.
import { relative, sep } from 'node:path';
import ignore, { type Ignore } from 'ignore';

/** The ignore files a walk honours in every directory it enters. */
export const IGNORE_FILES = ['.gitignore', '.istio2gatewayignore'] as const;

export interface IgnoreRules {
  /** The rules below `dir`, adding its ignore files (read through `read`, by name). */
  enter(dir: string, read: (name: string) => string | undefined): IgnoreRules;
  ignores(path: string, isDir: boolean): boolean;
}

interface Layer {
  base: string;
  matcher: Ignore;
}

function rulesOf(layers: readonly Layer[]): IgnoreRules {
  return {
    enter(dir, read) {
      const texts = IGNORE_FILES.map(read).filter((t): t is string => t !== undefined);
      if (texts.length === 0) return this;
      return rulesOf([...layers, { base: dir, matcher: ignore().add(texts.join('\n')) }]);
    },
    ignores(path, isDir) {
      return layers.some(({ base, matcher }) => {
        const rel = relative(base, path).split(sep).join('/');
        if (!rel || rel.startsWith('..')) return false;
        return matcher.ignores(isDir ? `${rel}/` : rel);
      });
    },
  };
}

/** The rules of a walk from `root`, starting with the `--ignore` patterns. */
export function ignoreRules(root: string, patterns: readonly string[]): IgnoreRules {
  return rulesOf(patterns.length ? [{ base: root, matcher: ignore().add([...patterns]) }] : []);
}
