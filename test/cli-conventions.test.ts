// The command line's conventions (kubectl, git, prettier, eslint): -o is a format everywhere,
// --check / --exit-code for CI, --quiet / --summary, colour by the usual variables, one-line
// usage errors, examples in every --help, shell completion.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './helpers/cli.js';

const EGRESS = 'samples/seed-07-egress-gateway/input.yaml';
const PROTOCOLS = 'samples/http-header-matches/input.yaml';
/** Colour and weight (SGR) codes; the progress line's cursor codes are not colour. */
const ANSI = /\u001b\[(1|2|3\d)m/;

function tmpFile(name: string, text: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'i2g-cli-'));
  writeFileSync(join(dir, name), text);
  return join(dir, name);
}

describe('convert --check', () => {
  it('exits 1 and names each file that still holds Istio resources to convert', async () => {
    const r = await runCli(['convert', EGRESS, '--check']);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(`check: 1 file(s) would be converted:\n  ${EGRESS}\n`);
  });

  it('exits 0 when nothing is left to convert', async () => {
    const file = tmpFile(
      'svc.yaml',
      'apiVersion: v1\nkind: Service\nmetadata: {name: a}\nspec: {}\n',
    );
    const r = await runCli(['convert', file, '--check']);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('check: no Istio resources left to convert');
  });

  it('does not go with --write', async () => {
    const r = await runCli(['convert', EGRESS, '--check', '--write']);
    expect(r.code).toBe(2);
  });
});

describe('diff', () => {
  it('--exit-code exits 1 when a file would change, 0 otherwise', async () => {
    expect((await runCli(['diff', EGRESS, '--exit-code'])).code).toBe(1);
    expect((await runCli(['diff', EGRESS])).code).toBe(0);
    const file = tmpFile(
      'svc.yaml',
      'apiVersion: v1\nkind: Service\nmetadata: {name: a}\nspec: {}\n',
    );
    expect((await runCli(['diff', file, '--exit-code'])).code).toBe(0);
  });

  it('-o is the format and --output-file the file; -f/--format still work', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'i2g-cli-')), 'r.json');
    const r = await runCli(['diff', EGRESS, '-o', 'json', '--output-file', out]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    expect(JSON.parse(readFileSync(out, 'utf8'))).toHaveProperty('files');
    const old = await runCli(['diff', EGRESS, '-f', 'json']);
    expect(JSON.parse(old.stdout)).toHaveProperty('files');
  });

  it('says where the file went when --output is given a file name (the old meaning)', async () => {
    const r = await runCli(['diff', EGRESS, '--output', 'report.md']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('use --output-file report.md');
  });
});

describe('--quiet and --summary', () => {
  it('--quiet prints only the errors, and the exit code still counts everything', async () => {
    const all = await runCli(['convert', PROTOCOLS, '--fail-on', 'warning']);
    const quiet = await runCli(['convert', PROTOCOLS, '--fail-on', 'warning', '--quiet']);
    expect(all.stderr).toMatch(/^\s+warning /m);
    expect(quiet.stderr).not.toMatch(/^\s+(warning|info) /m);
    expect(quiet.stderr).toMatch(/^\s+error /m);
    expect(quiet.code).toBe(all.code);
  });

  it('--summary prints one line per finding id with its count, then the totals', async () => {
    const r = await runCli(['convert', EGRESS, '--summary']);
    expect(r.stderr).toBe(
      'info          1  egress-gateway-cluster-ip\n' +
        'info          1  gateway-destination-rewritten\n' +
        'info          1  gateway-provisioned\n' +
        'info          1  gateway-service-assumed\n' +
        'info          1  route-split\n' +
        '2 Istio resource(s) converted into 3 generated object(s), 1 kept; ' +
        '0 error(s), 0 warning(s), 5 info\n',
    );
  });
});

describe('colour', () => {
  const colored = async (env: Record<string, string>, tty: boolean, extra: string[] = []) =>
    ANSI.test((await runCli(['convert', EGRESS, ...extra], { env, tty })).stderr);

  it('follows FORCE_COLOR, NO_COLOR, TERM=dumb and --no-color', async () => {
    expect(await colored({}, false)).toBe(false);
    expect(await colored({}, true)).toBe(true);
    expect(await colored({ FORCE_COLOR: '1' }, false)).toBe(true);
    expect(await colored({ FORCE_COLOR: '0' }, true)).toBe(false);
    expect(await colored({ TERM: 'dumb' }, true)).toBe(false);
    expect(await colored({ NO_COLOR: '1', FORCE_COLOR: '1' }, true)).toBe(false);
    expect(await colored({ FORCE_COLOR: '1' }, true, ['--no-color'])).toBe(false);
  });
});

describe('usage', () => {
  it('a wrong flag prints the error, the suggestion and one line, not the whole help', async () => {
    const r = await runCli(['convert', EGRESS, '--strict-prefx']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      "error: unknown option '--strict-prefx'\n(Did you mean --strict-prefix?)\n" +
        '(run with --help for usage and examples)\n',
    );
  });

  it('validate takes only its own flags', async () => {
    const r = await runCli(['validate', EGRESS, '--strict-prefix']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("unknown option '--strict-prefix'");
  });

  it.each([[''], ['convert'], ['diff'], ['verify'], ['validate'], ['codemod'], ['completion']])(
    '`%s --help` ends with examples',
    async (...cmd: string[]) => {
      const r = await runCli([...cmd.filter(Boolean), '--help']);
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/\nExamples:\n {2}\$ (istio2gateway|source|kubectl)/);
    },
  );

  it('verify -o json prints JSON', async () => {
    const r = await runCli(['verify', EGRESS, '-o', 'json']);
    expect(JSON.parse(r.stdout)).toHaveProperty('probes');
  });
});

describe('completion', () => {
  it('bash: completes commands, options and option values', async () => {
    const script = (await runCli(['completion', 'bash'])).stdout;
    const complete = (words: string[]) => {
      const sh =
        `${script}\nCOMP_WORDS=(${words.map((w) => `'${w}'`).join(' ')}); ` +
        `COMP_CWORD=${words.length - 1}; _istio2gateway; printf '%s\\n' "\${COMPREPLY[@]}"`;
      return spawnSync('bash', ['-c', sh], { encoding: 'utf8' }).stdout.trim().split('\n');
    };
    expect(complete(['istio2gateway', 'ver'])).toEqual(['verify']);
    expect(complete(['istio2gateway', 'diff', '--output'])).toEqual(['--output', '--output-file']);
    expect(complete(['istio2gateway', 'convert', '--channel', 'e'])).toEqual(['experimental']);
  });

  it('zsh and fish scripts name every command', async () => {
    for (const shell of ['zsh', 'fish']) {
      const out = (await runCli(['completion', shell])).stdout;
      for (const c of ['convert', 'diff', 'verify', 'validate', 'codemod'])
        expect(out).toContain(c);
    }
    expect((await runCli(['completion', 'tcsh'])).code).toBe(2);
  });
});
