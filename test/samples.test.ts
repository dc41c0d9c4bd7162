import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  listSamples,
  renderManifests,
  renderReport,
  runSample,
  samplesNeedingShared,
} from './helpers/samples.js';
import { HAS_SHARED } from './helpers/shared.js';

// Golden files: samples/<case>/expected.yaml and report.json. Regenerate with
// `npm run samples:update` and read the diff before committing it.
describe('samples', () => {
  const samples = listSamples();
  it('has samples', () => expect(samples.length).toBeGreaterThan(0));
  // Samples built from Istio's own samples read them from ../shared/corpus in place.
  it.skipIf(!HAS_SHARED)('runs the samples that read ../shared', () => {
    for (const name of samplesNeedingShared()) expect(samples.map((s) => s.name)).toContain(name);
  });
  for (const s of samples) {
    it(s.name, () => {
      const result = runSample(s);
      const expectedYaml = join(s.dir, 'expected.yaml');
      const expectedReport = join(s.dir, 'report.json');
      expect(existsSync(expectedYaml), `${expectedYaml} is missing`).toBe(true);
      expect(existsSync(expectedReport), `${expectedReport} is missing`).toBe(true);
      expect(renderManifests(result)).toBe(readFileSync(expectedYaml, 'utf8'));
      expect(renderReport(result)).toBe(readFileSync(expectedReport, 'utf8'));
    });
  }
});
