// One conversion as the playground shows it: output YAML, findings, the requests whose outcome
// changes (verify's data) and the `--write` diff, from the input text and options. No DOM here,
// so tests run it in Node against the CLI's own answers.
import {
  convert,
  describeOutcome,
  rewriteInPlaceAll,
  toYaml,
  unifiedDiff,
  verify,
  type ConvertOptions,
  type Finding,
} from '../browser.js';

/** The name the input goes by in findings and in the diff, as in samples/<name>/input.yaml. */
export const INPUT_FILE = 'input.yaml';

/** Most requests verify replays in the page; past that it samples (the CLI's default is 100k). */
export const PLAYGROUND_MAX_PROBES = 20_000;

/** One request whose outcome changes: verify's `Change`, as table cells. */
export interface ChangeRow {
  request: string;
  before: string;
  after: string;
  /** What differs: result, backends, path, host, timeout… */
  differences: string[];
  /** The finding that names the change; undefined: a silent change (a bug to report). */
  explainedBy?: Finding;
}

export interface PlaygroundRun {
  output: string;
  findings: Finding[];
  changes: ChangeRow[];
  probes: number;
  truncated: boolean;
  /** What `convert --write` would do to the input (`writePatch` gives the patch). */
  write?: { before: string; after: string };
  /** The options were refused (e.g. a namespace that is no DNS label): nothing ran. */
  error?: string;
}

/**
 * Converts `input`, verifies the conversion and rewrites the input as `--write` would, all from
 * one conversion; never throws (bad options become `error`).
 */
export function runPlayground(input: string, options: ConvertOptions): PlaygroundRun {
  const files = [{ file: INPUT_FILE, text: input }];
  let conversion;
  try {
    conversion = convert(files, options);
  } catch (e) {
    return { ...EMPTY, error: optionError(e) };
  }
  const checked = verify(files, undefined, {
    ...options,
    conversion,
    maxProbes: PLAYGROUND_MAX_PROBES,
  });
  const changed = rewriteInPlaceAll(files, conversion).files[0];
  return {
    output: toYaml(conversion.resources),
    findings: conversion.findings,
    changes: checked.changes.map((c) => ({
      request: c.requestText,
      before: describeOutcome(c.before),
      after: describeOutcome(c.after),
      differences: c.differences,
      ...(c.explainedBy ? { explainedBy: c.explainedBy } : {}),
    })),
    probes: checked.probes,
    truncated: checked.truncated,
    ...(changed ? { write: { before: changed.before, after: changed.after } } : {}),
  };
}

/**
 * The unified diff `istio2gateway diff` prints for the input. Written on demand: for a large
 * input it costs more than the conversion (3.6 s of 220 KB of YAML, against 1.1 s).
 */
export function writePatch(write: { before: string; after: string }): string {
  return unifiedDiff(INPUT_FILE, write.before, write.after);
}

const EMPTY: PlaygroundRun = { output: '', findings: [], changes: [], probes: 0, truncated: false };

/** A refused option in a line: `namespace: must be a valid namespace name`. */
function optionError(e: unknown): string {
  const issues = (e as { issues?: { path: PropertyKey[]; message: string }[] }).issues;
  if (issues?.[0]) return `option ${issues[0].path.map(String).join('.')}: ${issues[0].message}`;
  return e instanceof Error ? e.message : String(e);
}
