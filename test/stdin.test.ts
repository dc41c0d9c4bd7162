import { spawn } from 'node:child_process';
import {
  closeSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { runCli } from './helpers/cli.js';
import { convert } from '../src/convert.js';
import { toYaml } from '../src/emit/manifests.js';

const ROOT = new URL('..', import.meta.url).pathname;
const SAMPLE = 'samples/seed-01-httpbin';

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function run(
  command: string,
  args: string[],
  stdio: 'pipe' | 'ignore' | number = 'pipe',
): Promise<Run> {
  return new Promise((done) => {
    const env = { PATH: process.env.PATH ?? '' }; // as a user's shell has it: no test runner variables
    const child = spawn(command, args, { cwd: ROOT, env, stdio: [stdio, 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (code) => done({ code, stdout, stderr }));
  });
}

/**
 * `(sleep 3; cat file) | istio2gateway <args>`, through a Node parent that opens its standard
 * input first: that leaves the pipe non-blocking (as CI runners and `kubectl … |` pipelines can),
 * and the tool starts reading before the writer has written anything. Before the stream read,
 * this exited 70 with `internal error: EAGAIN`.
 */
function slowPipe(file: string, args: string[]): Promise<Run> {
  const child =
    `process.stdin; const r = require('child_process').spawnSync(process.execPath, ` +
    `${JSON.stringify(['bin/istio2gateway.js', ...args])}, { stdio: 'inherit' }); process.exitCode = r.status;`;
  const line = `(sleep 3; cat ${file}) | "${process.execPath}" -e "${child.replace(/"/g, '\\"')}"`;
  return run('sh', ['-c', line], 'ignore');
}

describe('standard input is read as a stream', () => {
  it('convert, verify and validate read a slow, non-blocking pipe', async () => {
    const [convert, verify, validate] = await Promise.all([
      slowPipe(`${SAMPLE}/input.yaml`, ['convert', '-', '--no-color']),
      slowPipe(`${SAMPLE}/input.yaml`, ['verify', '-', '--no-color']),
      slowPipe(`${SAMPLE}/expected.yaml`, ['validate', '-', '--no-color']),
    ]);
    expect(convert.stderr).not.toContain('internal error');
    expect(convert.code).toBe(0);
    expect(convert.stdout).toBe(readFileSync(join(ROOT, SAMPLE, 'expected.yaml'), 'utf8'));
    expect(verify.stderr).not.toContain('internal error');
    expect(verify.stderr).toMatch(/\d+ probe request\(s\), \d+ changed, 0 unexplained/);
    expect(verify.code).toBe(0);
    expect(validate.stderr).not.toContain('internal error');
    expect(validate.stderr).toContain(
      '1 file(s) validated against Gateway API v1.6 standard: 0 error(s)',
    );
    expect(validate.code).toBe(0);
  }, 60_000);

  it('--max-file-bytes bounds standard input: `- </dev/zero` stops with a finding', async () => {
    const zero = openSync('/dev/zero', 'r');
    try {
      const runs = await Promise.all(
        ['convert', 'verify', 'validate'].map((cmd) =>
          run(
            process.execPath,
            ['bin/istio2gateway.js', cmd, '-', '--max-file-bytes', '100000', '--no-color'],
            zero,
          ),
        ),
      );
      for (const r of runs) {
        expect(r.code).toBe(2);
        expect(r.stderr).toMatch(
          /standard input is over the limit of 100000 bytes \(--max-file-bytes\)|over the limit of 100000 bytes/,
        );
        expect(r.stderr).not.toContain('internal error');
      }
    } finally {
      closeSync(zero);
    }
  }, 60_000);

  it('in-process: input over the limit in chunks, and input that is not UTF-8 text, are findings', async () => {
    const big = await runCli(['convert', '-', '--max-file-bytes', '10'], {
      stdin: 'apiVersion: v1\nkind: ConfigMap\n',
    });
    expect(big.code).toBe(2);
    expect(big.stderr).toContain('file-too-large');
    expect(big.stderr).toContain('reading stopped after 31 bytes');
    expect(big.stderr).not.toContain('<objects>');
    const binary = await runCli(['convert', '-'], { stdin: 'kind: \u0000\u0001' });
    expect(binary.code).toBe(2);
    expect(binary.stderr).toContain('binary-file');
  });
});

describe('standard input next to a file named stdin.yaml', () => {
  it('--out-dir writes both: standard input as stdin-2.yaml, and says so', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'i2g-stdin-'));
    const fromFile = readFileSync(join(ROOT, SAMPLE, 'input.yaml'), 'utf8');
    const fromStdin = readFileSync(join(ROOT, 'samples/seed-07-egress-gateway/input.yaml'), 'utf8');
    writeFileSync(join(dir, 'stdin.yaml'), fromFile);
    const out = join(dir, 'out');
    const r = await runCli(
      ['convert', '--out-dir', out, '-', join(dir, 'stdin.yaml'), '--no-color'],
      { stdin: fromStdin },
    );
    expect(r.stderr).toContain(
      'standard input is written as stdin-2.yaml: stdin.yaml is the output of an input file',
    );
    expect(readdirSync(out).sort()).toEqual(['stdin-2.yaml', 'stdin.yaml']);
    const body = (f: string) => readFileSync(join(out, f), 'utf8').replace(/^#.*\n/, '');
    // Each output is what the conversion made of its own input (converted together).
    const files = convert([
      { file: '-', text: fromStdin },
      { file: join(dir, 'stdin.yaml'), text: fromFile },
    ]).files;
    const of = (file: string) => toYaml(files.find((f) => f.file === file)!.objects);
    expect(body('stdin.yaml')).toBe(of(join(dir, 'stdin.yaml')));
    expect(body('stdin-2.yaml')).toBe(of('-'));
    expect(of('-')).not.toBe(of(join(dir, 'stdin.yaml')));
    expect(parseAllDocuments(body('stdin-2.yaml')).length).toBeGreaterThan(0);
  });
});
