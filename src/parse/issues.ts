// A schema issue in words a user can act on: the value found, what the schema wants, and what to
// write instead (zod's own text is "Invalid input: expected number, received string").
import type { z } from 'zod';
import { type FieldPath, formatPath } from '../model/resources.js';

const MAX_SHOWN = 60;

/** The value at `path` inside `root`, or undefined. */
function valueAt(root: unknown, path: FieldPath): unknown {
  let node = root;
  for (const part of path) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string | number, unknown>)[part];
  }
  return node;
}

/** `"80" (a string)`, `[…] (a list)`: the value as written, shortened. */
export function shown(value: unknown): string {
  const kind =
    value === null
      ? 'null'
      : Array.isArray(value)
        ? 'a list'
        : typeof value === 'object'
          ? 'a map'
          : typeof value === 'string'
            ? 'a string'
            : typeof value === 'number'
              ? 'a number'
              : typeof value === 'boolean'
                ? 'a boolean'
                : 'nothing';
  if (value === undefined) return 'missing';
  // JSON text of what YAML gave (plain data); undefined was handled above.
  let text = JSON.stringify(value) ?? 'undefined';
  if (text.length > MAX_SHOWN) text = `${text.slice(0, MAX_SHOWN - 1)}…`;
  return `${text} (${kind})`;
}

const WANTS: Record<string, string> = {
  number: 'a number',
  int: 'a whole number',
  string: 'a string',
  boolean: 'true or false',
  array: 'a list',
  object: 'a map of fields',
  record: 'a map of fields',
};

// Istio durations are strings with a unit (`timeout`, `interval`, `baseEjectionTime`, `ttl`…).
const DURATION_KEY = /(timeout|interval|duration|time|ttl)$/i;

/** What to write instead of `value` at `key` when the schema wants `expected`. */
function fix(expected: string, value: unknown, key: unknown): string {
  if (
    expected === 'string' &&
    typeof value === 'number' &&
    typeof key === 'string' &&
    DURATION_KEY.test(key)
  ) {
    return `write a duration with its unit, such as "${value}s"`;
  }
  if (expected === 'string' && (typeof value === 'number' || typeof value === 'boolean'))
    return `write it in quotes: "${String(value)}"`;
  if (
    (expected === 'number' || expected === 'int') &&
    typeof value === 'string' &&
    /^-?\d+$/.test(value.trim())
  ) {
    return `write ${value.trim()} without quotes`;
  }
  if (expected === 'int' && typeof value === 'number')
    return `write a whole number such as ${Math.round(value)}`;
  if (expected === 'boolean' && typeof value === 'string' && /^(true|false)$/i.test(value.trim())) {
    return `write ${value.trim().toLowerCase()} without quotes`;
  }
  if (expected === 'array' && (typeof value === 'string' || typeof value === 'number'))
    return `write [${JSON.stringify(value)}]`;
  if (expected === 'string' && value === undefined) return 'add it (the field is required)';
  if (value === undefined) return `add it (the field is required): ${WANTS[expected] ?? expected}`;
  return `write ${WANTS[expected] ?? expected}`;
}

function enumFix(values: readonly unknown[], value: unknown): string {
  const options = values.map(String);
  const same =
    typeof value === 'string'
      ? options.find((o) => o.toLowerCase() === value.trim().toLowerCase())
      : undefined;
  if (same) return `write ${same} (the names are upper case)`;
  return `write one of ${options.join(', ')}`;
}

/**
 * One sentence for a zod issue at `path` (relative to `root`, which is shown from `prefix`):
 * the field, the value found, and what to write instead.
 */
export function describeIssue(
  issue: z.core.$ZodIssue,
  root: unknown,
  prefix: FieldPath,
  schema = "Istio's schema",
): string {
  const path = issue.path as FieldPath;
  const field = formatPath([...prefix, ...path]);
  const value = valueAt(root, path);
  switch (issue.code) {
    case 'invalid_type': {
      const expected = String((issue as { expected: string }).expected);
      if (value === undefined)
        return `${field} is missing; ${schema} requires it (${WANTS[expected] ?? expected})`;
      return `${field} is ${shown(value)}, but ${schema} wants ${WANTS[expected] ?? expected}: ${fix(expected, value, path[path.length - 1])}`;
    }
    case 'invalid_value':
      return `${field} is ${shown(value)}, which ${schema} does not allow: ${enumFix((issue as { values: unknown[] }).values, value)}`;
    case 'too_small':
    case 'too_big': {
      const i = issue as {
        minimum?: unknown;
        maximum?: unknown;
        inclusive?: boolean;
        origin?: string;
      };
      const bound =
        issue.code === 'too_small'
          ? `${i.inclusive ? '>=' : '>'} ${String(i.minimum)}`
          : `${i.inclusive ? '<=' : '<'} ${String(i.maximum)}`;
      const what =
        i.origin === 'array'
          ? 'a list with a length'
          : i.origin === 'string'
            ? 'a string with a length'
            : 'a value';
      return `${field} is ${shown(value)}, but ${schema} wants ${what} ${bound}`;
    }
    case 'invalid_union':
      return `${field} is ${shown(value)}, which matches none of the forms ${schema} allows there`;
    default:
      return `${field}: ${issue.message}`;
  }
}
