import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './helpers/cli.js';

// 150,000 VirtualServices without a valid name: one error finding each. Spreading that many
// findings into one call (`findings.push(...list)`) overflowed the stack and crashed a
// 100,000-VirtualService repository with "Maximum call stack size exceeded".
const COUNT = 150_000;

describe('more findings than a function call takes arguments', () => {
  const dir = mkdtempSync(join(tmpdir(), 'i2g-scale-'));
  const file = join(dir, 'many.yaml');
  const docs: string[] = [];
  for (let i = 0; i < COUNT; i++)
    docs.push(
      `apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata: {name: Bad${i}}\n`,
    );
  writeFileSync(file, docs.join('---\n'));

  it('convert reports every one of them', { timeout: 120_000 }, async () => {
    const run = await runCli(['convert', file, '--report-format', 'json', '--fail-on', 'none']);
    expect(run.stderr).not.toContain('internal error');
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stderr).summary).toMatchObject({
      error: COUNT,
      kept: COUNT,
      converted: 0,
    });
  });
});
