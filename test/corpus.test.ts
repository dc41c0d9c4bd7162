import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { convert, toYaml } from '../src/index.js';
import { GATEWAY_API_RELEASES, CHANNELS } from '../src/target.js';
import { HAS_SHARED, SHARED, listFiles } from './helpers/shared.js';

// Every real manifest in ../shared/corpus, including Istio's deliberately broken analyzer inputs:
// the converter must never throw, whatever it reads, for any target.
describe.skipIf(!HAS_SHARED)('corpus', () => {
  const files = listFiles(join(SHARED, 'corpus'));
  const inputs = files.map((f) => ({ file: relative(SHARED, f), text: readFileSync(f, 'utf8') }));

  it('has the corpus files', () => expect(files.length).toBeGreaterThan(150));

  for (const input of inputs) {
    it(`converts ${input.file} without throwing`, () => {
      const r = convert([input]);
      for (const f of r.findings) {
        expect(f.source?.file).toBe(input.file);
        expect(f.source?.line).toBeGreaterThan(0);
      }
      expect(() => toYaml(r.resources)).not.toThrow();
    });
  }

  it('converts the whole corpus at once, for every target, without throwing', () => {
    for (const gatewayApi of GATEWAY_API_RELEASES) {
      for (const channel of CHANNELS) {
        const r = convert(inputs, { gatewayApi, channel });
        expect(r.findings.every((f) => typeof f.id === 'string')).toBe(true);
      }
    }
  });
});
