import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { convertInput, readInput } from '../src/convert.js';
import { parseFile } from '../src/parse/documents.js';
import { listSamples } from './helpers/samples.js';
import { HAS_SHARED, listFiles, SHARED } from './helpers/shared.js';

/**
 * A resource's validated spec shares its objects with the data read from the file (and field
 * positions walk that data), so converting must never write into what it read.
 */
function expectUntouched(files: { file: string; text: string }[], options = {}): number {
  const read = readInput(files, options);
  convertInput(read);
  const fresh = new Map(files.map((f) => [f.file, parseFile(f).objects]));
  let checked = 0;
  for (const r of read.resources) {
    const again = fresh
      .get(r.file)!
      .find((o) => o.docIndex === r.docIndex && o.itemIndex === r.itemIndex)!;
    expect(r.raw, `${r.file} document ${r.docIndex}`).toEqual(again.data);
    if ('spec' in r && r.group === 'networking.istio.io') checked++;
  }
  return checked;
}

describe('conversion leaves the data it read as it was', () => {
  it('on every sample', () => {
    let checked = 0;
    for (const s of listSamples()) checked += expectUntouched(s.inputs, s.options);
    expect(checked).toBeGreaterThan(50);
  });

  it.skipIf(!HAS_SHARED)('on the whole corpus', () => {
    const files = listFiles(join(SHARED, 'corpus')).map((file) => ({
      file,
      text: readFileSync(file, 'utf8'),
    }));
    expect(expectUntouched(files)).toBeGreaterThan(100);
  });
});
