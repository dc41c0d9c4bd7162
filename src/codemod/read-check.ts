import { stringify } from 'yaml';
import { convert, type ConvertResult } from '../convert.js';
import type { ConvertOptions } from '../options.js';
import { Computed, type Occurrence, type Value } from './extract.js';
import type { SourceResource } from './resources.js';
import { type Instantiation, instantiate, neutralize, STAND_IN_A, standIn } from './stand-ins.js';
import { formatPath } from '../model/resources.js';

/** Why the conversion needs the value of an occurrence, and whose conversion it changes (input names). */
export interface ReadEffect {
  reason: string;
  affected: Set<string>;
  /** A finding of the conversion points at the value (so that finding is about the stand-in). */
  atFinding?: boolean;
}

export interface CheckedConversion {
  /** The conversion with stand-ins (variant a) and constants: what is written. */
  result: ConvertResult;
  constants: Map<number, string | number | boolean>;
  /** Occurrences the conversion reads and whose value is not known: the resources they affect stay as written. */
  read: Map<number, ReadEffect>;
}

const MAX_ROUNDS = 4;

/**
 * Converts the resources with computed values replaced by stand-ins, and finds the values the
 * conversion reads: where a second set of stand-ins (other shape, other sort order) changes the
 * result beyond the stand-ins, where a finding points at the value, or where the output builds
 * a new string from it. A read value whose type is a literal (a `const`, an enum member) is
 * converted as that literal instead; the others are reported.
 */
export function convertChecked(
  resources: readonly SourceResource[],
  options: ConvertOptions,
): CheckedConversion {
  const occurrences = resources.flatMap((r) => r.extracted.occurrences);
  const ids = [...new Set(occurrences.map((o) => o.id))].sort((a, b) => a - b);
  const constants = new Map<number, string | number | boolean>();
  const run = (inst: Instantiation): ConvertResult =>
    convert(
      resources.map((r) => ({
        file: r.inputName,
        text: stringify(instantiate(r.value, inst), { lineWidth: 0 }),
      })),
      options,
    );
  // Each input file's part of a result, stand-ins neutralized: what a value may change.
  const parts = (res: ConvertResult): Map<string, string> => {
    const m = new Map<string, string>();
    const add = (file: string, x: unknown) =>
      m.set(file, `${m.get(file) ?? ''}${neutralize(JSON.stringify(x), ids)}\n`);
    for (const f of res.files) add(f.file, f.objects);
    for (const f of res.findings) add(f.source?.file ?? '', f);
    for (const k of res.kept) add(k.file, k.reason);
    for (const c of res.converted) add(c.file, 'converted');
    return m;
  };
  const changed = (a: Map<string, string>, b: Map<string, string>): Set<string> => {
    const out = new Set<string>();
    for (const k of new Set([...a.keys(), ...b.keys()])) if (a.get(k) !== b.get(k)) out.add(k);
    return out;
  };
  const ownersOf = (id: number): string[] =>
    resources
      .filter((r) => r.extracted.occurrences.some((o) => o.id === id))
      .map((r) => r.inputName);
  const note = (
    read: Map<number, ReadEffect>,
    id: number,
    reason: string,
    affected: Iterable<string>,
  ): void => {
    const e = read.get(id) ?? { reason, affected: new Set<string>() };
    for (const a of affected) e.affected.add(a);
    read.set(id, e);
  };

  let result = run({ variant: 'a', constants });
  let read = new Map<number, ReadEffect>();
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const open = ids.filter((id) => !constants.has(id));
    read = new Map();
    if (open.length) {
      const a = parts(result);
      if (changed(a, parts(run({ variant: 'b', constants }))).size) {
        for (const id of open) {
          const diff = changed(a, parts(run({ variant: 'a', flipped: new Set([id]), constants })));
          if (diff.size)
            note(read, id, 'the conversion depends on its value', [...diff, ...ownersOf(id)]);
        }
      }
      for (const [id, why] of findingsAtValues(result, resources, constants)) {
        note(read, id, why, ownersOf(id));
        read.get(id)!.atFinding = true;
      }
      for (const [id, inputs] of derivedStrings(result, resources, constants))
        note(read, id, 'the conversion builds a new name or value from it', inputs);
    }
    let added = false;
    for (const id of read.keys()) {
      const value = literalValue(occurrences.filter((o) => o.id === id));
      if (value !== undefined) {
        constants.set(id, value);
        added = true;
      }
    }
    if (!added) break;
    result = run({ variant: 'a', constants });
  }
  for (const id of constants.keys()) read.delete(id);
  return { result, constants, read };
}

/** Occurrences a finding points at (the finding concerns the value, so the value matters). */
function findingsAtValues(
  result: ConvertResult,
  resources: readonly SourceResource[],
  constants: ReadonlyMap<number, unknown>,
): Map<number, string> {
  const out = new Map<number, string>();
  const byInput = new Map(resources.map((r) => [r.inputName, r]));
  for (const f of result.findings) {
    const r = f.source ? byInput.get(f.source.file) : undefined;
    if (!r || !f.source?.path) continue;
    for (const o of r.extracted.occurrences) {
      if (constants.has(o.id)) continue;
      const at = formatPath(o.path);
      if (
        f.source.path === at ||
        f.source.path.startsWith(`${at}.`) ||
        f.source.path.startsWith(`${at}[`)
      ) {
        if (!out.has(o.id))
          out.set(o.id, `the conversion must read it (it raised ${f.id} on a stand-in for it)`);
      }
    }
  }
  return out;
}

/** The strings written as is: each stand-in alone, and each template as the source writes it. */
export function carriedStrings(
  resources: readonly SourceResource[],
  constants: ReadonlyMap<number, string | number | boolean>,
): Set<string> {
  const out = new Set<string>();
  const visit = (v: Value): void => {
    if (v instanceof Computed) {
      if (!v.whole) out.add(instantiate(v, { variant: 'a', constants }) as string);
      return;
    }
    if (Array.isArray(v)) v.forEach(visit);
    else if (v !== null && typeof v === 'object') Object.values(v).forEach(visit);
  };
  for (const r of resources) {
    visit(r.value);
    for (const o of r.extracted.occurrences) out.add(standIn(o.id, 'a'));
  }
  return out;
}

/** Occurrences whose stand-in is part of an output string that is neither the stand-in nor a template of the source, by input file. */
function derivedStrings(
  result: ConvertResult,
  resources: readonly SourceResource[],
  constants: ReadonlyMap<number, string | number | boolean>,
): Map<number, Set<string>> {
  const carried = carriedStrings(resources, constants);
  const out = new Map<number, Set<string>>();
  for (const f of result.files) {
    const visit = (v: unknown): void => {
      if (typeof v === 'string') {
        const ids = [...v.matchAll(STAND_IN_A)].map((m) => Number(m[1]));
        if (ids.length && !carried.has(v))
          for (const id of ids) out.set(id, (out.get(id) ?? new Set()).add(f.file));
      } else if (Array.isArray(v)) v.forEach(visit);
      else if (v !== null && typeof v === 'object') Object.values(v).forEach(visit);
    };
    visit(f.objects);
  }
  return out;
}

/** The value of an expression whose type is a single literal (`const port = 8080`, an enum member). */
function literalValue(occurrences: readonly Occurrence[]): string | number | boolean | undefined {
  let value: string | number | boolean | undefined;
  for (const o of occurrences) {
    const t = o.node.getType();
    let v: string | number | boolean | undefined;
    if (t.isBooleanLiteral()) v = t.getText() === 'true';
    else if (t.isStringLiteral() || t.isNumberLiteral() || t.isEnumLiteral()) {
      const lit = t.getLiteralValue();
      v = typeof lit === 'string' || typeof lit === 'number' ? lit : undefined;
    }
    if (v === undefined || (value !== undefined && v !== value)) return undefined;
    value = v;
  }
  return value;
}
