import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  convert,
  toYaml,
  type ConvertOptions,
  type ConvertResult,
  type InputFile,
} from '../../src/index.js';
import { HAS_SHARED, SHARED } from './shared.js';

export const SAMPLES_DIR = new URL('../../samples/', import.meta.url).pathname;

/**
 * A sample: `samples/<case>/input.yaml` — or `inputs.txt`, naming files of ../shared (the corpus
 * is read in place, never copied) — optional `options.json`, and the expectations beside them.
 */
export interface Sample {
  name: string;
  dir: string;
  /** The input files, as convert() sees them. */
  inputs: InputFile[];
  /** All input documents in one text (for tests that take a single manifest text). */
  input: string;
  options: ConvertOptions;
}

export function listSamples(): Sample[] {
  return readdirSync(SAMPLES_DIR, { withFileTypes: true })
    .filter(
      (d) =>
        d.isDirectory() &&
        (existsSync(join(SAMPLES_DIR, d.name, 'input.yaml')) ||
          (HAS_SHARED && existsSync(join(SAMPLES_DIR, d.name, 'inputs.txt')))),
    )
    .map((d) => d.name)
    .sort()
    .map((name) => {
      const dir = join(SAMPLES_DIR, name);
      const optionsFile = join(dir, 'options.json');
      const inputs = existsSync(join(dir, 'input.yaml'))
        ? [{ file: 'input.yaml', text: readFileSync(join(dir, 'input.yaml'), 'utf8') }]
        : readFileSync(join(dir, 'inputs.txt'), 'utf8')
            .split('\n')
            .map((l) => l.trim())
            .filter((l) => l && !l.startsWith('#'))
            .map((file) => ({ file, text: readFileSync(join(SHARED, file), 'utf8') }));
      return {
        name,
        dir,
        inputs,
        input: inputs.map((i) => i.text.replace(/\n?$/, '\n')).join('---\n'),
        options: existsSync(optionsFile)
          ? (JSON.parse(readFileSync(optionsFile, 'utf8')) as ConvertOptions)
          : {},
      };
    });
}

/** Samples whose input lives in ../shared and are skipped where it is absent. */
export function samplesNeedingShared(): string[] {
  return readdirSync(SAMPLES_DIR)
    .filter((n) => existsSync(join(SAMPLES_DIR, n, 'inputs.txt')))
    .sort();
}

export function runSample(s: Sample): ConvertResult {
  return convert(s.inputs, s.options);
}

/** What `expected.yaml` holds: the converted manifests exactly as the CLI prints them. */
export function renderManifests(r: ConvertResult): string {
  return toYaml(r.resources);
}

/** What `report.json` holds: every finding and every kept resource. */
export function renderReport(r: ConvertResult): string {
  const report = {
    findings: r.findings.map((f) => ({
      id: f.id,
      severity: f.severity,
      at: f.source ? `${f.source.file}:${f.source.line}:${f.source.column}` : undefined,
      path: f.source?.path,
      message: f.message,
    })),
    kept: r.kept.map((k) => ({
      kind: k.kind,
      namespace: k.namespace,
      name: k.name,
      reason: k.reason,
    })),
  };
  return `${JSON.stringify(report, null, 2)}\n`;
}
