import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  statSync,
  symlinkSync,
  writeFileSync,
  lstatSync,
  chmodSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { convert } from '../src/convert.js';
import { diff } from '../src/diff.js';
import { runCli } from './helpers/cli.js';
import { HAS_SHARED, SHARED } from './helpers/shared.js';
import { expectRewrite, MIXED } from './helpers/in-place.js';

const SEEDS = join(SHARED, 'corpus/seeds');

const PLAIN = '# not mine to touch\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n';

function tree(dir: string): Record<string, { text: string; mtimeMs: number }> {
  const out: Record<string, { text: string; mtimeMs: number }> = {};
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      const st = lstatSync(p);
      if (st.isDirectory()) walk(p);
      else if (st.isFile()) out[p] = { text: readFileSync(p, 'utf8'), mtimeMs: st.mtimeMs };
    }
  };
  walk(dir);
  return out;
}

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'i2g-write-'));
});

describe('convert --write', () => {
  it('rewrites a file with comments and non-Istio documents: only converted documents change, a second run is a no-op', async () => {
    mkdirSync(join(dir, 'k8s'));
    writeFileSync(join(dir, 'k8s/app.yaml'), MIXED);
    writeFileSync(join(dir, 'k8s/plain.yaml'), PLAIN);
    writeFileSync(join(dir, 'k8s/notes.txt'), 'apiVersion: networking.istio.io/v1\n');
    const before = tree(dir);
    const planned = diff([{ file: join(dir, 'k8s/app.yaml'), text: MIXED }]);

    const r = await runCli(['convert', '--write', join(dir, 'k8s'), '--no-color']);
    expect(r.code).not.toBe(2);
    expect(r.stdout).toBe(''); // nothing on stdout: the files are the output
    const after = tree(dir);
    const converted = convert([{ file: join(dir, 'k8s/app.yaml'), text: MIXED }]);
    expectRewrite(MIXED, after[join(dir, 'k8s/app.yaml')]!.text, converted.files[0]!);
    // diff showed exactly what --write did.
    expect(after[join(dir, 'k8s/app.yaml')]!.text).toBe(planned.files[0]?.after ?? MIXED);
    expect(r.stderr).toContain(`${planned.files.length} file(s) rewritten in place`);
    // Files without Istio resources, and files that are not manifests, are never touched.
    for (const f of ['k8s/plain.yaml', 'k8s/notes.txt'])
      expect(after[join(dir, f)]).toEqual(before[join(dir, f)]);
    // Converted documents name their source.
    for (const c of converted.converted)
      expect(after[join(dir, 'k8s/app.yaml')]!.text).toContain(
        `# converted by istio2gateway from ${c.kind} ${c.namespace}/${c.name}`,
      );

    const again = await runCli(['convert', '--write', join(dir, 'k8s'), '--no-color']);
    expect(again.stderr).toContain('0 file(s) rewritten in place');
    expect(tree(dir)).toEqual(after);
    // Nothing left to convert: only kept resources remain.
    expect(
      convert([{ file: 'app.yaml', text: after[join(dir, 'k8s/app.yaml')]!.text }]).converted,
    ).toEqual([]);
    const d = await runCli(['diff', join(dir, 'k8s')]);
    expect(d.stdout).toBe('');
  });

  it.skipIf(!HAS_SHARED).each(
    HAS_SHARED
      ? readdirSync(SEEDS)
          .filter((f) => f.endsWith('.yaml'))
          .sort()
      : [],
  )('seed %s: --write changes only converted documents, twice is once', async (name) => {
    cpSync(SEEDS, join(dir, 'seeds'), { recursive: true });
    const file = join(dir, 'seeds', name);
    chmodSync(file, 0o644); // ../shared is read-only, and --write leaves read-only files alone
    const text = readFileSync(file, 'utf8');
    const result = convert([{ file, text }]);
    const r = await runCli(['convert', '--write', file, '--no-color']);
    expect(r.code).not.toBe(2);
    const after = readFileSync(file, 'utf8');
    if (result.files.length === 0) {
      expect(after).toBe(text); // no Istio networking resources: untouched
      return;
    }
    expectRewrite(text, after, result.files[0]!);
    const again = await runCli(['convert', '--write', file, '--no-color']);
    expect(again.stderr).toContain('0 file(s) rewritten in place');
    expect(readFileSync(file, 'utf8')).toBe(after);
  });

  it('writes through a symbolic link to the real file, keeping its mode', async () => {
    writeFileSync(join(dir, 'real.yaml'), MIXED);
    chmodSync(join(dir, 'real.yaml'), 0o640);
    symlinkSync(join(dir, 'real.yaml'), join(dir, 'link.yaml'));
    const planned = diff([{ file: 'x.yaml', text: MIXED }]);
    await runCli(['convert', '--write', join(dir, 'link.yaml')]);
    expect(lstatSync(join(dir, 'link.yaml')).isSymbolicLink()).toBe(true);
    expect(readFileSync(join(dir, 'real.yaml'), 'utf8')).toBe(planned.files[0]?.after ?? MIXED);
    expect(statSync(join(dir, 'real.yaml')).mode & 0o777).toBe(0o640);
    expect(readdirSync(dir).sort()).toEqual(['link.yaml', 'real.yaml']); // no temporary file left
  });

  it('keeps a byte-order mark', async () => {
    writeFileSync(join(dir, 'bom.yaml'), `\uFEFF${MIXED}`);
    const planned = diff([{ file: 'x.yaml', text: MIXED }]);
    await runCli(['convert', '--write', join(dir, 'bom.yaml')]);
    expect(readFileSync(join(dir, 'bom.yaml'), 'utf8')).toBe(
      `\uFEFF${planned.files[0]?.after ?? MIXED}`,
    );
  });

  it('leaves a file with a syntax error alone, and says so', async () => {
    const broken = `${MIXED}---\nkey: [unclosed\n`;
    writeFileSync(join(dir, 'broken.yaml'), broken);
    const r = await runCli(['convert', '--write', join(dir, 'broken.yaml'), '--no-color']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('file-not-rewritten');
    expect(readFileSync(join(dir, 'broken.yaml'), 'utf8')).toBe(broken);
  });

  it('leaves a docs page read through its kubectl here-documents alone, and says why', async () => {
    const page = `Apply it:\n\n$ kubectl apply -f - <<EOF\n${MIXED}EOF\n`;
    writeFileSync(join(dir, 'page.md'), page);
    const r = await runCli(['convert', '--write', join(dir, 'page.md'), '--no-color']);
    expect(r.stderr).toContain('shell-heredoc-read');
    expect(r.stderr).toContain('it is not YAML (its manifests were read from kubectl');
    expect(readFileSync(join(dir, 'page.md'), 'utf8')).toBe(page);
  });

  it.each([
    [['convert', '--write', '-'], /cannot read standard input/],
    [['convert', '--write', 'x.yaml', '--out-dir', 'o'], /choose one/],
    [['convert', '--annotate', 'x.yaml'], /--annotate only applies with --write/],
    [['diff', '-'], /cannot read standard input/],
    [['diff'], /no input/],
    [['diff', 'x.yaml', '-o', 'html'], /Allowed choices are text, markdown, json, sarif/],
    [['diff', 'x.yaml', '--output', 'report.md'], /use --output-file report.md/],
  ])('usage error %j exits 2', async (args, message) => {
    const r = await runCli(args as string[], { stdin: MIXED });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
  });
});
