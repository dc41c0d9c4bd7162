// The playground's conversion (src/playground/run.ts) gives what the CLI's library gives for the
// same input: every sample's expected.yaml and findings, verify's changes, and diff's patch.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { diff } from '../../src/diff.js';
import { verify } from '../../src/verify/index.js';
import { INPUT_FILE, runPlayground, writePatch } from '../../src/playground/run.js';
import { listSamples } from '../helpers/samples.js';

const samples = listSamples().filter(
  (s) => s.inputs.length === 1 && s.inputs[0]!.file === INPUT_FILE,
);

describe('runPlayground', () => {
  it('covers the samples the examples menu offers', () => {
    expect(samples.length).toBeGreaterThan(50);
  });

  it.each(samples.map((s) => [s.name, s] as const))(
    '%s: expected.yaml and its findings',
    (_, s) => {
      const run = runPlayground(s.input, s.options);
      expect(run.error).toBeUndefined();
      expect(run.output).toBe(readFileSync(join(s.dir, 'expected.yaml'), 'utf8'));
      const report = JSON.parse(readFileSync(join(s.dir, 'report.json'), 'utf8')) as {
        findings: { id: string; line?: number }[];
      };
      expect(run.findings.map((f) => f.id)).toEqual(report.findings.map((f) => f.id));
    },
  );

  it('lists verify’s changed requests with the finding that explains each', () => {
    const s = samples.find((x) => x.name === 'seed-01-httpbin')!;
    const run = runPlayground(s.input, s.options);
    const cli = verify(s.inputs, undefined, s.options);
    expect(run.changes.map((c) => c.request)).toEqual(cli.changes.map((c) => c.requestText));
    expect(run.changes[0]).toMatchObject({
      request: expect.stringMatching(/^GET http:\/\/httpbin\.example\.com:80\/\w+x /),
      after: 'no route (404)',
      explainedBy: { id: 'prefix-semantics' },
    });
    expect(run.probes).toBe(cli.probes);
  });

  it('shows the patch `istio2gateway diff` prints', () => {
    const s = samples.find((x) => x.name === 'seed-04-tls-passthrough')!;
    const run = runPlayground(s.input, s.options);
    const patch = writePatch(run.write!);
    expect(patch).toBe(diff(s.inputs, s.options).files[0]!.patch);
    expect(patch).toMatch(/^--- a\/input\.yaml\n\+\+\+ b\/input\.yaml\n/);
  });

  it('turns refused options into a message, not an exception', () => {
    const run = runPlayground('kind: Gateway', { namespace: 'Not A Namespace' });
    expect(run.error).toBe('option namespace: must be a valid namespace name');
    expect(run.output).toBe('');
  });
});
