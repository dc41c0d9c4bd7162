import type { Feature, Target } from '../../target.js';
import { supportsApi as supports } from '../../target.js';
import type { FieldPath } from '../../model/resources.js';
import { limit, type LimitId } from './limits.js';
import { clonePlain } from '../../collections.js';

// A small schema language for the built-in validator: each node says what the API server
// checks on a field; `since` gates a field or an enum value by the target (target.ts FEATURES),
// and limits that changed between releases are LimitIds resolved in limits.ts.

export type Bound = number | LimitId;
export type Gated<T> = T | { value: T; since: Feature };

export interface Ctx {
  target: Target;
  report(path: FieldPath, message: string, rule: string): void;
}

/** A cross-field rule (the CEL rules of the CRDs, and rules no CRD has). */
// Rules and CRDs walk untyped JSON; each rule checks the shape it reads.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Rule = (value: any, path: FieldPath, ctx: Ctx) => void;

interface Base {
  since?: Feature;
  rules?: Rule[];
}
export interface StrNode extends Base {
  t: 'str';
  min?: number;
  max?: Bound;
  pattern?: RegExp | { re: RegExp; since: Feature };
  enum?: readonly Gated<string>[];
  default?: string;
}
export interface IntNode extends Base {
  t: 'int';
  min?: number;
  max?: number;
  enum?: readonly Gated<number>[];
  default?: number;
}
export interface BoolNode extends Base {
  t: 'bool';
}
export interface ObjNode extends Base {
  t: 'obj';
  fields: Record<string, Node>;
  required?: readonly Gated<string>[];
  default?: unknown;
}
export interface ListNode extends Base {
  t: 'list';
  item: Node;
  min?: Bound;
  max?: Bound;
  keys?: readonly string[];
  set?: boolean;
  default?: unknown;
}
export interface MapNode extends Base {
  t: 'map';
  value: Node;
  maxProps?: Bound;
}
export type Node = StrNode | IntNode | BoolNode | ObjNode | ListNode | MapNode;

function open<T>(g: Gated<T>, target: Target): T | undefined {
  if (typeof g === 'object' && g !== null && 'since' in g)
    return supports(target, g.since) ? g.value : undefined;
  return g;
}

function bound(b: Bound | undefined, target: Target): number | undefined {
  return typeof b === 'string' ? limit(target, b) : b;
}

function typeOf(v: unknown): string {
  return Array.isArray(v) ? 'array' : v === null ? 'null' : typeof v;
}

function jsonEqual(a: unknown, b: unknown): boolean {
  return JSON.stringify(canon(a)) === JSON.stringify(canon(b));
}
function canon(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(canon);
  if (v && typeof v === 'object')
    return Object.fromEntries(
      Object.keys(v)
        .sort()
        .map((k) => [k, canon((v as Record<string, unknown>)[k])]),
    );
  return v;
}

/** Applies defaults of absent fields in place, as the API server does before validating. */
export function applyDefaults(value: unknown, node: Node, target: Target): void {
  if (node.t === 'list' && Array.isArray(value)) {
    for (const v of value) applyDefaults(v, node.item, target);
  } else if (node.t === 'obj' && value && typeof value === 'object' && !Array.isArray(value)) {
    const o = value as Record<string, unknown>;
    for (const [k, f] of Object.entries(node.fields)) {
      if (f.since && !supports(target, f.since)) continue;
      if (o[k] === null) delete o[k]; // the API server drops nulls (no field we check is nullable)
      if (o[k] === undefined && 'default' in f && f.default !== undefined)
        o[k] = clonePlain(f.default);
      if (o[k] !== undefined) applyDefaults(o[k], f, target);
    }
  } else if (node.t === 'map' && value && typeof value === 'object') {
    for (const v of Object.values(value)) applyDefaults(v, node.value, target);
  }
}

/** Checks `value` against `node`; problems go to ctx.report. */
export function check(value: unknown, node: Node, path: FieldPath, ctx: Ctx): void {
  const { target } = ctx;
  const bad = (message: string, rule: string): void => ctx.report(path, message, rule);
  switch (node.t) {
    case 'str': {
      if (typeof value !== 'string') return bad(`must be a string, not ${typeOf(value)}`, 'type');
      const len = [...value].length;
      if (node.min !== undefined && len < node.min)
        bad(`must be at least ${node.min} characters`, 'minLength');
      const max = bound(node.max, target);
      if (max !== undefined && len > max) bad(`must be at most ${max} characters`, 'maxLength');
      const pat =
        node.pattern instanceof RegExp
          ? node.pattern
          : node.pattern && supports(target, node.pattern.since)
            ? node.pattern.re
            : undefined;
      if (pat && !pat.test(value)) bad(`'${value}' must match ${pat.source}`, 'pattern');
      if (node.enum) {
        const allowed = node.enum.map((g) => open(g, target)).filter((x) => x !== undefined);
        if (!allowed.includes(value)) bad(`'${value}' is not one of ${allowed.join(', ')}`, 'enum');
      }
      break;
    }
    case 'int': {
      if (typeof value !== 'number' || !Number.isInteger(value))
        return bad(`must be an integer, not ${typeOf(value)}`, 'type');
      if (node.min !== undefined && value < node.min) bad(`must be >= ${node.min}`, 'minimum');
      if (node.max !== undefined && value > node.max) bad(`must be <= ${node.max}`, 'maximum');
      if (node.enum) {
        const allowed = node.enum.map((g) => open(g, target)).filter((x) => x !== undefined);
        if (!allowed.includes(value)) bad(`${value} is not one of ${allowed.join(', ')}`, 'enum');
      }
      break;
    }
    case 'bool':
      if (typeof value !== 'boolean') return bad(`must be a boolean, not ${typeOf(value)}`, 'type');
      break;
    case 'map': {
      if (typeOf(value) !== 'object') return bad(`must be an object, not ${typeOf(value)}`, 'type');
      const entries = Object.entries(value as Record<string, unknown>);
      const max = bound(node.maxProps, target);
      if (max !== undefined && entries.length > max)
        bad(`must have at most ${max} entries`, 'maxProperties');
      for (const [k, v] of entries) check(v, node.value, [...path, k], ctx);
      break;
    }
    case 'list': {
      if (!Array.isArray(value)) return bad(`must be a list, not ${typeOf(value)}`, 'type');
      const min = bound(node.min, target);
      const max = bound(node.max, target);
      if (min !== undefined && value.length < min)
        bad(`must have at least ${min} item(s)`, 'minItems');
      if (max !== undefined && value.length > max)
        bad(`must have at most ${max} items`, 'maxItems');
      value.forEach((item, i) => {
        const dup = value
          .slice(0, i)
          .some((o) =>
            node.set
              ? jsonEqual(o, item)
              : node.keys !== undefined &&
                o &&
                item &&
                typeof o === 'object' &&
                typeof item === 'object' &&
                node.keys.every((k) => jsonEqual(o[k], item[k])),
          );
        if (dup)
          ctx.report(
            [...path, i],
            `duplicate entry${node.keys ? ` for ${node.keys.map((k) => `${k}=${JSON.stringify(item[k])}`).join(', ')}` : ''}`,
            node.set ? 'list-type-set' : 'list-type-map',
          );
        check(item, node.item, [...path, i], ctx);
      });
      break;
    }
    case 'obj': {
      if (typeOf(value) !== 'object') return bad(`must be an object, not ${typeOf(value)}`, 'type');
      const o = value as Record<string, unknown>;
      for (const r of node.required ?? []) {
        const name = open(r, target);
        if (name !== undefined && o[name] === undefined)
          ctx.report([...path, name], `${name} is required`, 'required');
      }
      for (const [k, v] of Object.entries(o)) {
        const f = node.fields[k];
        if (!f || (f.since && !supports(target, f.since))) {
          ctx.report(
            [...path, k],
            `unknown field "${k}"${f?.since ? ` (needs ${f.since})` : ''} for ${target.gatewayApi} ${target.channel}`,
            'unknown-field',
          );
          continue;
        }
        if (v === null) continue;
        check(v, f, [...path, k], ctx);
      }
      break;
    }
  }
  for (const r of node.rules ?? []) r(value, path, ctx);
}
