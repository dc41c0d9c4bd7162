import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { convert, toYaml, type ConvertOptions, type ConvertResult } from '../../src/index.js';

export const SAMPLES_DIR = new URL('../../samples/', import.meta.url).pathname;

/** A sample: `samples/<case>/input.yaml`, optional `options.json`, and the expectations beside them. */
export interface Sample {
  name: string;
  dir: string;
  input: string;
  options: ConvertOptions;
}

export function listSamples(): Sample[] {
  return readdirSync(SAMPLES_DIR, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(SAMPLES_DIR, d.name, 'input.yaml')))
    .map((d) => d.name)
    .sort()
    .map((name) => {
      const dir = join(SAMPLES_DIR, name);
      const optionsFile = join(dir, 'options.json');
      return {
        name,
        dir,
        input: readFileSync(join(dir, 'input.yaml'), 'utf8'),
        options: existsSync(optionsFile) ? (JSON.parse(readFileSync(optionsFile, 'utf8')) as ConvertOptions) : {},
      };
    });
}

export function runSample(s: Sample): ConvertResult {
  return convert([{ file: 'input.yaml', text: s.input }], s.options);
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
    kept: r.kept.map((k) => ({ kind: k.kind, namespace: k.namespace, name: k.name, reason: k.reason })),
  };
  return `${JSON.stringify(report, null, 2)}\n`;
}
