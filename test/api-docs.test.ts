// docs/api/ is the API reference generated from the TSDoc of the public entry points
// (`npm run docs:api`); it must say what the code says.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';

const ROOT = new URL('..', import.meta.url).pathname;

it('docs/api matches the TSDoc of the public API (npm run docs:api)', () => {
  const out = mkdtempSync(join(tmpdir(), 'i2g-api-'));
  const typedoc = join(ROOT, 'node_modules/typedoc/bin/typedoc');
  execFileSync(process.execPath, [typedoc, '--out', out, '--logLevel', 'Error'], { cwd: ROOT });
  const files = (dir: string) => readdirSync(dir).sort();
  expect(files(out)).toEqual(files(join(ROOT, 'docs/api')));
  for (const f of files(out)) {
    expect(readFileSync(join(ROOT, 'docs/api', f), 'utf8'), f).toBe(
      readFileSync(join(out, f), 'utf8'),
    );
  }
}, 120_000);
