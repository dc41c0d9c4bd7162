import { Environment } from '@marcbachmann/cel-js';
import { isIP } from '../ip.js';
import { re2ToRegExp } from '../re2.js';

// Kubernetes evaluates `x-kubernetes-validations` rules with the CEL standard library plus
// extension libraries (k8s.io/apiserver/pkg/cel/library). This module builds one environment
// with the extensions the Gateway API CRDs use, and compiles rules for it.

/** A compiled rule, or the reason it cannot be evaluated (it is then reported UNCHECKED). */
export type CompiledRule =
  { ok: true; run: (self: unknown) => boolean } | { ok: false; reason: string };

/** Errors the API server turns into a validation failure (a rule that errors rejects). */
const DATA_ERROR = /No such key|index out of bounds/i;

const regexCache = new Map<string, RegExp>();
function re2Matches(s: string, pattern: string): boolean {
  let re = regexCache.get(pattern);
  if (!re) {
    re = re2ToRegExp(pattern);
    regexCache.set(pattern, re);
  }
  return re.test(s);
}

/** DNS-1123 label as Kubernetes' `format.dns1123Label()` checks it. */
function dns1123LabelErrors(s: string): string[] {
  const errs: string[] = [];
  if (s.length > 63) errs.push('must be no more than 63 characters');
  if (!/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(s))
    errs.push(
      "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character",
    );
  return errs;
}

class K8sFormat {
  readonly validateFn: (s: string) => string[];
  constructor(validateFn: (s: string) => string[]) {
    this.validateFn = validateFn;
  }
}
class K8sFormatLibrary {}

function makeEnvironment(): Environment {
  return (
    new Environment({ unlistedVariablesAreDyn: false, homogeneousAggregateLiterals: false })
      .registerType('k8s.FormatLibrary', K8sFormatLibrary)
      .registerType('k8s.Format', K8sFormat)
      .registerVariable('self', 'dyn')
      .registerConstant('format', 'k8s.FormatLibrary', new K8sFormatLibrary())
      // k8s IP library: isIP(string) — strict parsing, no zones, no leading zeros.
      .registerFunction('isIP(string): bool', (s: string) => isIP(s))
      // `matches` is rewritten to this at compile time: RE2 semantics (`(?i)` flags).
      .registerFunction('string.k8sMatches(string): bool', (s: string, p: string) =>
        re2Matches(s, p),
      )
      .registerFunction('k8sMatches(string, string): bool', (s: string, p: string) =>
        re2Matches(s, p),
      )
      // `has(x[0].f)` is rewritten to this (see rewriteRule).
      .registerFunction(
        'k8sHas(dyn, string): bool',
        (o: unknown, f: string) =>
          typeof o === 'object' && o !== null && !Array.isArray(o) && Object.hasOwn(o, f),
      )
      // k8s format library: format.dns1123Label().validate(s) is null when valid (optional.none).
      .registerFunction(
        'k8s.FormatLibrary.dns1123Label(): k8s.Format',
        () => new K8sFormat(dns1123LabelErrors),
      )
      .registerFunction('k8s.Format.validate(string): dyn', (f: K8sFormat, s: string) => {
        const errs = f.validateFn(s);
        return errs.length ? errs : null;
      })
  );
}

let env: Environment | undefined;
function environment(): Environment {
  env ??= makeEnvironment();
  return env;
}

/** The index just past the string literal that starts at `i` (CEL quotes, raw and triple). */
function skipString(rule: string, i: number): number {
  const raw = rule[i] === 'r' || rule[i] === 'R';
  if (raw) i++;
  const q = rule[i]!;
  const close = rule.startsWith(q.repeat(3), i) ? q.repeat(3) : q;
  i += close.length;
  while (i < rule.length && !rule.startsWith(close, i)) i += !raw && rule[i] === '\\' ? 2 : 1;
  return i + close.length;
}

function isStringStart(rule: string, i: number): boolean {
  const c = rule[i];
  if (c === '"' || c === "'") return true;
  return (
    (c === 'r' || c === 'R') &&
    (rule[i + 1] === '"' || rule[i + 1] === "'") &&
    !/[A-Za-z0-9_]/.test(rule[i - 1] ?? '')
  );
}

/** Index of the `)` closing the `(` at `open`, skipping strings. */
function closingParen(rule: string, open: number): number {
  let depth = 0;
  for (let i = open; i < rule.length;) {
    if (isStringStart(rule, i)) {
      i = skipString(rule, i);
      continue;
    }
    if (rule[i] === '(') depth++;
    else if (rule[i] === ')' && --depth === 0) return i;
    i++;
  }
  return -1;
}

const SIMPLE_SELECT = /^\s*[A-Za-z_][A-Za-z0-9_]*(\s*\.\s*[A-Za-z_][A-Za-z0-9_]*)+\s*$/;

/**
 * Rewrites a Kubernetes rule for this CEL implementation, outside string literals:
 * `matches(` becomes `k8sMatches(` (RE2 patterns), and `has(x[0].f)` — a presence test on a
 * field of an indexed element, valid CEL that the library's `has` macro does not take —
 * becomes `k8sHas(x[0], "f")`, which errors the same way when the index is out of range.
 */
export function rewriteRule(rule: string): string {
  let out = '';
  let i = 0;
  while (i < rule.length) {
    if (isStringStart(rule, i)) {
      const end = skipString(rule, i);
      out += rule.slice(i, end);
      i = end;
      continue;
    }
    const before = rule[i - 1] ?? '';
    const word = /^(matches|has)\s*\(/.exec(rule.slice(i));
    if (word && !/[A-Za-z0-9_]/.test(before)) {
      if (word[1] === 'matches') {
        out += 'k8sMatches(';
        i += word[0].length;
        continue;
      }
      if (before !== '.') {
        const open = i + word[0].length - 1;
        const close = closingParen(rule, open);
        if (close > 0) {
          const inner = rewriteRule(rule.slice(open + 1, close));
          const dot = inner.lastIndexOf('.');
          if (
            !SIMPLE_SELECT.test(inner) &&
            dot > 0 &&
            /^\s*[A-Za-z_][A-Za-z0-9_]*\s*$/.test(inner.slice(dot + 1))
          ) {
            out += `k8sHas(${inner.slice(0, dot)}, "${inner.slice(dot + 1).trim()}")`;
          } else {
            out += `has(${inner})`;
          }
          i = close + 1;
          continue;
        }
      }
    }
    out += rule[i];
    i++;
  }
  return out;
}

/** True for a transition rule (it reads `oldSelf`): not applicable when an object is created. */
export function isTransitionRule(rule: string): boolean {
  return /\boldSelf\b/.test(rule);
}

const compiled = new Map<string, CompiledRule>();

/** Compiles a rule once; a rule that does not parse or type-check is `ok: false`. */
export function compileRule(rule: string): CompiledRule {
  const hit = compiled.get(rule);
  if (hit) return hit;
  let result: CompiledRule;
  try {
    const e = environment();
    const source = rewriteRule(rule);
    const checked = e.check(source);
    if (!checked.valid) {
      result = {
        ok: false,
        reason: `does not type-check: ${firstLine(checked.error?.message ?? 'unknown error')}`,
      };
    } else {
      const fn = e.parse(source);
      result = { ok: true, run: (self) => fn({ self }) as boolean };
    }
  } catch (err) {
    result = { ok: false, reason: `does not parse: ${firstLine((err as Error).message)}` };
  }
  compiled.set(rule, result);
  return result;
}

/** The outcome of a rule on one value: passed, failed (with why), or could not be evaluated. */
export type RuleOutcome =
  { status: 'pass' } | { status: 'fail'; error?: string } | { status: 'unchecked'; reason: string };

export function evaluateRule(rule: string, self: unknown): RuleOutcome {
  const c = compileRule(rule);
  if (!c.ok) return { status: 'unchecked', reason: c.reason };
  try {
    const v = c.run(self);
    if (v === true) return { status: 'pass' };
    if (v === false) return { status: 'fail' };
    return { status: 'unchecked', reason: `the rule returned ${typeof v}, not bool` };
  } catch (err) {
    const msg = firstLine((err as Error).message);
    // Kubernetes rejects an object when a rule errors on its data (a missing key).
    if (DATA_ERROR.test(msg)) return { status: 'fail', error: msg };
    return { status: 'unchecked', reason: `evaluation failed: ${msg}` };
  }
}

function firstLine(s: string): string {
  return s.split('\n')[0]!.trim();
}
