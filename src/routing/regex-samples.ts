// Strings that a regex matches (and one it does not), for probes. Generated with randexp from a
// seeded generator, so the same pattern always gives the same samples, then checked with RE2:
// a sample RE2 does not fully match is dropped (randexp reads JavaScript syntax, not RE2's).
import RandExpModule from 'randexp';
import { compileRegex } from './match.js';

type RandExpT = {
  max: number;
  randInt(a: number, b: number): number;
  gen(): string;
  defaultRange: { subtract(a: number, b?: number): unknown; add(a: number, b?: number): unknown };
};
type RandExpCtor = new (re: RegExp | string, flags?: string) => RandExpT;
// randexp is CommonJS (`module.exports = RandExp`); depending on the loader the class is the default or its `default`.
const RandExp: RandExpCtor = ((RandExpModule as unknown as { default?: RandExpCtor }).default ??
  RandExpModule) as unknown as RandExpCtor;

function seeded(pattern: string): (a: number, b: number) => number {
  let s = 2166136261;
  for (let i = 0; i < pattern.length; i++) s = Math.imul(s ^ pattern.charCodeAt(i), 16777619) >>> 0;
  return (a, b) => {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    return a + ((s >>> 8) % (b - a + 1));
  };
}

const cache = new Map<string, string[]>();

/** Up to `n` distinct strings the RE2 `pattern` fully matches (shortest first); [] when none can be made. */
export function regexSamples(pattern: string, n = 3, ignoreCase = false): string[] {
  const key = `${n}/${ignoreCase ? 'i' : ''}/${pattern}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const out = new Set<string>();
  const re2 = compileRegex(pattern, ignoreCase);
  if (re2) {
    let src = pattern;
    let flags = ignoreCase ? 'i' : '';
    const inline = /^\(\?([imsU]+)\)/.exec(src);
    if (inline) {
      src = src.slice(inline[0].length);
      if (inline[1]!.includes('i')) flags = 'i';
    }
    try {
      const gen = new RandExp(new RegExp(src, flags));
      gen.randInt = seeded(pattern);
      gen.max = 3;
      // Readable samples: `.` and negated classes draw from letters and digits only.
      gen.defaultRange.subtract(32, 126);
      gen.defaultRange.add(48, 57);
      gen.defaultRange.add(97, 122);
      for (let i = 0; i < n * 6 && out.size < n; i++) {
        const s = gen.gen();
        if (re2.matches(s)) out.add(s);
      }
    } catch {
      // JavaScript cannot read this RE2 pattern: no samples
    }
  }
  const list = [...out].sort((a, b) => a.length - b.length || (a < b ? -1 : a > b ? 1 : 0));
  cache.set(key, list);
  return list;
}

/** A string the pattern does not match, or undefined if the few tried all match. */
export function regexNonMatch(pattern: string, near: string[]): string | undefined {
  const re2 = compileRegex(pattern);
  if (!re2) return 'x';
  for (const c of [
    ...near.flatMap((s) => [`${s}x`, s.slice(0, -1), `x${s}`]),
    '',
    'zz-none',
    '/zz-none',
  ])
    if (!re2.matches(c)) return c;
  return undefined;
}
