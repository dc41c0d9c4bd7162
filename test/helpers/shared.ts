import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** `../shared` beside the project root: corpus and CRDs. Tests that need it skip where it is absent. */
export const SHARED = new URL('../../../shared/', import.meta.url).pathname;
export const HAS_SHARED = existsSync(join(SHARED, 'corpus'));

export function listFiles(dir: string, exts = ['.yaml', '.yml', '.json']): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (exts.some((e) => name.endsWith(e))) out.push(p);
    }
  };
  if (existsSync(dir)) walk(dir);
  return out;
}
