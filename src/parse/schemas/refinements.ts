import type { z } from 'zod';

type Refinement = (value: Record<string, unknown>, ctx: z.RefinementCtx) => void;

/** Istio's CRDs mark fields of a `oneOf` as mutually exclusive: at most one may be set. */
export function atMostOneOf(keys: readonly string[]): Refinement {
  return (value, ctx) => {
    const set = keys.filter((k) => value[k] !== undefined);
    if (set.length > 1) {
      ctx.addIssue({
        code: 'custom',
        message: `only one of ${keys.join(', ')} may be set (found ${set.join(', ')})`,
        path: [set[1]!],
      });
    }
  };
}

/** A `oneOf` without an "empty" branch: exactly one of the fields must be set. */
export function exactlyOneOf(keys: readonly string[]): Refinement {
  return (value, ctx) => {
    const set = keys.filter((k) => value[k] !== undefined);
    if (set.length !== 1) {
      ctx.addIssue({
        code: 'custom',
        message: `exactly one of ${keys.join(', ')} must be set${set.length ? ` (found ${set.join(', ')})` : ''}`,
        path: set[1] ? [set[1]] : [],
      });
    }
  };
}
