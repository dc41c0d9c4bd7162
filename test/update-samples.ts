// Rewrites samples/<case>/expected.yaml and report.json from the current converter and lists
// what changed. Run through `npm run samples:update`; review `git diff samples/` before committing.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { listSamples, renderManifests, renderReport, runSample } from './helpers/samples.js';

const only = process.env.SAMPLE;
let changed = 0;
for (const s of listSamples()) {
  if (only && s.name !== only) continue;
  const r = runSample(s);
  for (const [file, text] of [
    ['expected.yaml', renderManifests(r)],
    ['report.json', renderReport(r)],
  ] as const) {
    const path = join(s.dir, file);
    const before = existsSync(path) ? readFileSync(path, 'utf8') : undefined;
    if (before !== text) {
      writeFileSync(path, text);
      changed++;
      console.log(`${before === undefined ? 'created' : 'CHANGED'}: samples/${s.name}/${file}`);
    }
  }
}
console.log(
  changed
    ? `${changed} file(s) written: read \`git diff samples/\` before committing.`
    : 'all samples up to date',
);
