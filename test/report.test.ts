import type { FindingId } from '../src/findings/finding.js';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import AjvDraft04 from 'ajv-draft-04';
import ajvFormats from 'ajv-formats';
import { beforeEach, describe, expect, it } from 'vitest';
import { convert, diff, formatPatch, formatReport, MARKDOWN_MARKER } from '../src/index.js';
import type { FileChange } from '../src/diff.js';
import type { Finding } from '../src/findings/finding.js';
import { CATALOG } from '../src/findings/catalog.js';
import { formatMarkdownReport, GITHUB_COMMENT_LIMIT } from '../src/emit/report-markdown.js';
import { runCli } from './helpers/cli.js';
import { MIXED } from './helpers/in-place.js';

// The SARIF 2.1.0 schema as @microsoft/jest-sarif ships it (OASIS, via SchemaStore): JSON Schema draft-04.
const require = createRequire(import.meta.url);
// CommonJS modules: their default export is `default` under NodeNext typing, the module itself at run time.
const Ajv = ((AjvDraft04 as unknown as { default?: typeof AjvDraft04 }).default ??
  AjvDraft04) as unknown as typeof AjvDraft04.default;
const addFormats = ((ajvFormats as unknown as { default?: typeof ajvFormats }).default ??
  ajvFormats) as unknown as typeof ajvFormats.default;
const SARIF_SCHEMA = JSON.parse(
  readFileSync(require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'), 'utf8'),
);

const GW = (name: string) => `apiVersion: networking.istio.io/v1
kind: Gateway
metadata: {name: ${name}, namespace: istio-system}
spec:
  selector: {istio: ingressgateway}
  servers:
  - port: {number: 80, name: http, protocol: HTTP}
    hosts: ["a.example.com"]
`;
const GITHUB = {
  GITHUB_SERVER_URL: 'https://github.example',
  GITHUB_REPOSITORY: 'acme/platform',
  GITHUB_SHA: '0123abc',
};

let dir: string;
/** What the library says about the same files, named as the CLI names them: the expectations of the CLI tests. */
function libraryDiff() {
  const names = [
    'k8s/app.yaml',
    'k8s/empty.yaml',
    'k8s/team a/bad.yaml',
    'k8s/team a/gw-again.yaml',
    'k8s/team a/gw.yaml',
  ];
  return diff(names.map((file) => ({ file, text: readFileSync(join(dir, file), 'utf8') })));
}
const count = (findings: readonly Finding[], severity: string) =>
  findings.filter((f) => f.severity === severity).length;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'i2g-report-'));
  mkdirSync(join(dir, 'k8s/team a'), { recursive: true });
  writeFileSync(join(dir, 'k8s/app.yaml'), MIXED);
  // unknown-field (warning), duplicate-resource (warning), invalid-field (error), empty-file (warning)
  writeFileSync(
    join(dir, 'k8s/team a/gw.yaml'),
    GW('gw').replace('hosts:', 'hostz: [x]\n    hosts:'),
  );
  writeFileSync(join(dir, 'k8s/team a/gw-again.yaml'), GW('gw'));
  writeFileSync(
    join(dir, 'k8s/team a/bad.yaml'),
    GW('bad').replace('number: 80', 'number: eighty'),
  );
  writeFileSync(join(dir, 'k8s/empty.yaml'), '# nothing yet\n');
});

describe('diff -o markdown', () => {
  it('is a pull-request comment: marker, verdict, counts, findings by id, one section per file with its diff', async () => {
    const r = await runCli(['diff', 'k8s', '-o', 'markdown'], { cwd: dir, env: GITHUB });
    const md = r.stdout;
    expect(md.split('\n')[0]).toBe(MARKDOWN_MARKER);
    const lib = libraryDiff();
    const [e, w, i] = ['error', 'warning', 'info'].map((s) => count(lib.findings, s));
    expect(e).toBeGreaterThanOrEqual(1); // invalid-field
    expect(w).toBeGreaterThanOrEqual(2); // unknown-field, empty-file
    expect(md).toContain(`❌ **${e} error${e === 1 ? '' : 's'}**: behaviour is lost`);
    const c = lib.conversion;
    expect(md).toContain(
      `| ${e} | ${w} | ${i} | ${c.converted.length} | ${c.resources.length} | ${c.kept.length} | ${lib.files.length} |`,
    );
    expect(md).toContain('Target: Gateway API v1.6 standard, Istio 1.31.');
    expect(md).toContain(
      '| 🟡 warning | [<code>unknown-field</code>](https://github.com/istio2gateway/istio2gateway/blob/v0.1.0/docs/findings/unknown-field.md) | 1 |',
    );
    // line links into the repository at the commit, the space in the path encoded
    expect(md).toContain(
      '| [L8](https://github.example/acme/platform/blob/0123abc/k8s/team%20a/gw.yaml#L8) |',
    );
    expect(lib.files.map((f) => f.path)).toContain('k8s/app.yaml');
    for (const f of lib.files) expect(md).toContain(`<summary><code>${f.path}</code>: `);
    for (const f of lib.files) expect(md).toContain(f.patch); // each diff whole, nothing left out
    expect(md.match(/<details>/g)?.length ?? 0).toBe(md.match(/<\/details>/g)?.length ?? 0);
    expect(md).not.toContain('Shortened');
    expect(r.code).toBe(1); // invalid-field is an error
  });

  it('--verify replays the same conversion and puts its summary in the comment', async () => {
    const r = await runCli(['diff', 'k8s/app.yaml', '-o', 'markdown', '--verify'], { cwd: dir });
    const m = /^verify: (\d+) probe request\(s\), (\d+) changed, (\d+) unexplained$/m.exec(
      r.stderr,
    );
    expect(m, r.stderr).not.toBeNull();
    const [probes, changed, unexplained] = m!.slice(1).map(Number);
    expect(probes).toBeGreaterThan(0);
    expect(r.stdout).toContain(
      `#### Verify\n\n${probes!.toLocaleString('en-US')} probe requests replayed: ` +
        `**${changed}** changed, **${changed! - unexplained!}** explained by a finding, **${unexplained}** unexplained.`,
    );
    const plain = await runCli(['diff', 'k8s/app.yaml', '-o', 'markdown'], { cwd: dir });
    expect(plain.stdout).not.toContain('#### Verify');
  });

  it('without GitHub variables, the line is plain text', async () => {
    const r = await runCli(['diff', 'k8s', '-o', 'markdown'], { cwd: dir });
    expect(r.stdout).toContain(
      '| 🟡 warning | [<code>unknown-field</code>](https://github.com/istio2gateway/istio2gateway/blob/v0.1.0/docs/findings/unknown-field.md) | L8 |',
    );
  });

  it('shortens under the comment limit from the last file on, keeping its findings before its diff', () => {
    const bigPatch = (i: number) =>
      `--- a/k8s/f${i}.yaml\n+++ b/k8s/f${i}.yaml\n@@ -1,1 +1,1 @@\n${'-old line\n+new line ```fence```\n'.repeat(200)}`;
    const changes: FileChange[] = Array.from({ length: 12 }, (_, i) => ({
      path: `k8s/f${String(i).padStart(2, '0')}.yaml`,
      before: '',
      after: '',
      patch: bigPatch(i),
    }));
    const findings: Finding[] = Array.from({ length: 40 }, (_, i) => ({
      id: 'unknown-field',
      severity: 'warning',
      message: `finding number ${i} | with a pipe <and> a tag`,
      source: {
        file: `k8s/f${String(i % 12).padStart(2, '0')}.yaml`,
        line: i + 1,
        column: 3,
        kind: 'VirtualService',
        namespace: 'default',
        name: `vs${i}`,
        path: 'spec.http[0]',
      },
    }));
    const input = {
      version: '0.1.0',
      target: { gatewayApi: 'v1.6', channel: 'standard', istio: '1.31' } as const,
      summary: { converted: 12, generated: 12, kept: 0, error: 0, warning: 40, info: 0 },
      findings,
      kept: [],
      changes,
      docsUrl: (id: string) => `https://docs/${id}`,
    };
    const md = formatMarkdownReport(input);
    expect(md.length).toBeLessThanOrEqual(GITHUB_COMMENT_LIMIT);
    expect(md.length).toBeGreaterThan(GITHUB_COMMENT_LIMIT - changes[0]!.patch.length - 1_500); // it fills the room it has
    expect(md).toContain('finding number 39 &#124; with a pipe &#60;and&#62; a tag'); // findings stay: only diffs go
    const diffs = md.match(/^````diff$/gm)?.length ?? 0; // the diff holds ``` so it is fenced with more backticks
    expect(diffs).toBeGreaterThan(0);
    expect(diffs).toBeLessThan(12);
    expect(md.match(/<summary>/g)).toHaveLength(12);
    expect(md).toContain(
      `Shortened to fit GitHub's limit of 65,536 characters: ${12 - diffs} diffs left out.`,
    );
    expect(md.match(/<details>/g)?.length).toBe(md.match(/<\/details>/g)?.length);

    const tiny = formatMarkdownReport({ ...input, maxChars: 6_000 });
    expect(tiny.length).toBeLessThanOrEqual(6_000);
    expect(tiny).toMatch(
      /Shortened to fit GitHub's limit of 6,000 characters: the sections of \d+ files, \d+ findings in all, \d+ diffs left out/,
    );
    expect(tiny.trimEnd().endsWith('</sub>')).toBe(true);
  });
});

describe('diff -o sarif', () => {
  it('is valid SARIF 2.1.0 with rules, levels and relative locations', async () => {
    const r = await runCli(
      ['diff', 'k8s', '-o', 'sarif', '--output-file', join(dir, 'out.sarif')],
      { cwd: dir },
    );
    expect(r.stdout).toBe('');
    const sarif = JSON.parse(readFileSync(join(dir, 'out.sarif'), 'utf8'));
    const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false }); // the schema has a pattern that only compiles without the u flag
    addFormats(ajv);
    const validate = ajv.compile(SARIF_SCHEMA);
    expect(validate(sarif), JSON.stringify(validate.errors, null, 2)).toBe(true);

    const run = sarif.runs[0];
    expect(run.tool.driver.name).toBe('istio2gateway');
    const ids = [...new Set(libraryDiff().findings.map((f) => f.id))].sort();
    expect(ids).toEqual(
      expect.arrayContaining([
        'duplicate-resource',
        'empty-file',
        'invalid-field',
        'unknown-field',
      ]),
    );
    expect(run.tool.driver.rules.map((x: { id: string }) => x.id)).toEqual(ids);
    expect(run.results).toHaveLength(libraryDiff().findings.length);
    for (const rule of run.tool.driver.rules) {
      expect(rule.shortDescription.text).toBe(CATALOG.get(rule.id)!.title);
      expect(rule.helpUri).toMatch(new RegExp(`^https://.*/docs/findings/${rule.id}\\.md$`));
    }
    const unknown = run.results.find((x: { ruleId: string }) => x.ruleId === 'unknown-field');
    expect(unknown).toMatchObject({
      level: 'warning',
      ruleIndex: ids.indexOf('unknown-field'),
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: 'k8s/team%20a/gw.yaml' },
            region: { startLine: 8, startColumn: 5 },
          },
        },
      ],
    });
    expect(
      run.results.find((x: { ruleId: string }) => x.ruleId === 'duplicate-resource').level,
    ).toBe('warning');
    expect(run.results.find((x: { ruleId: string }) => x.ruleId === 'invalid-field').level).toBe(
      'error',
    );
    expect(r.code).toBe(1);
  });

  it('rules carry descriptions and help from the docs pages; fingerprints survive unrelated edits', () => {
    const text = readFileSync(join(dir, 'k8s/team a/gw.yaml'), 'utf8');
    const sarifOf = (t: string) =>
      JSON.parse(formatReport(diff([{ file: 'k8s/gw.yaml', text: t }]), 'sarif'));
    const before = sarifOf(text);
    const rule = before.runs[0].tool.driver.rules.find(
      (x: { id: string }) => x.id === 'unknown-field',
    );
    const page = readFileSync(
      new URL('../docs/findings/unknown-field.md', import.meta.url),
      'utf8',
    );
    expect(rule.help.markdown).toBe(page);
    expect(rule.fullDescription.text).toBe(/## Why\n+([^\n]+)/.exec(page)![1]);
    expect(rule.help.text).toContain(CATALOG.get('unknown-field')!.title);
    expect(rule.properties['problem.severity']).toBe('warning');
    // A comment and a label added above the finding move its line, not its fingerprint.
    const after = sarifOf(
      `# owned by team a\n${text.replace('metadata: {', 'metadata: {labels: {a: b}, ')}`,
    );
    const prints = (l: typeof before) =>
      l.runs[0].results.map((x: { partialFingerprints: object }) => x.partialFingerprints);
    const lines = (l: typeof before) =>
      l.runs[0].results.map(
        (x: { locations: { physicalLocation: { region: { startLine: number } } }[] }) =>
          x.locations[0]!.physicalLocation.region.startLine,
      );
    expect(lines(after)).not.toEqual(lines(before));
    expect(prints(after)).toEqual(prints(before));
    expect(
      new Set(prints(before).map((p: Record<string, string>) => p['istio2gateway/v1'])).size,
    ).toBe(prints(before).length);
  });

  it("keeps GitHub's 25,000 results per run, errors first, and says how many it left out", () => {
    const findings: Finding[] = Array.from({ length: 30_000 }, (_, i) => ({
      id: i % 10 === 0 ? 'duplicate-resource' : 'route-split',
      severity: i % 10 === 0 ? 'error' : 'info',
      message: `m${i}`,
      source: { file: 'a.yaml', line: i + 1, column: 1 },
    }));
    const sarif = JSON.parse(formatReport(diff(''), 'sarif', { findings }));
    const run = sarif.runs[0];
    expect(run.results).toHaveLength(25_000);
    expect(run.results.filter((x: { level: string }) => x.level === 'error')).toHaveLength(3_000);
    expect(run.properties).toEqual({ resultsLeftOut: 5_000 });
  });

  it('maps info to note', () => {
    const d = diff('');
    const sarif = JSON.parse(
      formatReport(d, 'sarif', {
        findings: [
          {
            id: 'x-note' as FindingId,
            severity: 'info',
            message: 'm',
            source: { file: 'a.yaml', line: 2, column: 1 },
          },
        ],
      }),
    );
    expect(sarif.runs[0].results[0].level).toBe('note');
  });
});

describe('diff -o json and text', () => {
  it('json: the report format with the files and their patches', async () => {
    const r = await runCli(['diff', 'k8s', '-o', 'json'], { cwd: dir });
    const report = JSON.parse(r.stdout);
    expect(report.schemaVersion).toBe(1);
    const lib = libraryDiff();
    expect(report.summary).toMatchObject({
      error: count(lib.findings, 'error'),
      warning: count(lib.findings, 'warning'),
      info: count(lib.findings, 'info'),
      converted: lib.conversion.converted.length,
    });
    // The whole directory: app.yaml's Gateway shares its pods with team a's, so they merge.
    const d = lib.files.filter((f) => f.path === 'k8s/app.yaml');
    expect(d).toHaveLength(1);
    expect(report.files.filter((f: { path: string }) => f.path === 'k8s/app.yaml')).toEqual(
      d.map((f) => ({ path: f.path, patch: f.patch })),
    );
    expect(report.unchanged).toEqual(expect.arrayContaining(['k8s/team a/bad.yaml'])); // unreadable: passed through
    // The earlier duplicate is left out, as kubectl apply replaces it with the later one.
    expect(
      report.files.find((f: { path: string }) => f.path === 'k8s/team a/gw-again.yaml').patch,
    ).toContain('-kind: Gateway');
  });

  it('text: the patch on stdout, the findings on stderr', async () => {
    const r = await runCli(['diff', 'k8s/app.yaml'], { cwd: dir });
    expect(r.stdout).toBe(formatPatch(diff([{ file: 'k8s/app.yaml', text: MIXED }])));
    expect(r.stderr).toMatch(/file\(s\) would change/);
  });

  it('formatReport also takes a plain conversion: no Changes section, no files', () => {
    const r = convert([{ file: 'k8s/app.yaml', text: MIXED }]);
    const md = formatReport(r, 'markdown');
    expect(md.startsWith(MARKDOWN_MARKER)).toBe(true);
    expect(md).not.toContain('#### Changes');
    expect(md).not.toContain('would change');
    const json = JSON.parse(formatReport(r, 'json'));
    expect(json.files).toBeUndefined();
    expect(json.summary.converted).toBe(r.converted.length);
    expect(formatReport(r, 'text')).toContain('Istio resource(s) converted');
  });

  it('the library diff does not depend on the order of its input files', () => {
    const files = libraryDiff().files.map((f) => ({ file: f.path, text: f.before }));
    const a = diff(files);
    const b = diff([...files].reverse());
    expect(formatReport(b, 'json')).toBe(formatReport(a, 'json'));
    expect(formatPatch(b)).toBe(formatPatch(a));
  });

  it('is deterministic', async () => {
    const a = await runCli(['diff', 'k8s', '-o', 'markdown'], { cwd: dir });
    const b = await runCli(['diff', 'k8s', '-o', 'markdown'], { cwd: dir });
    expect(a.stdout).toBe(b.stdout);
  });
});

describe('diff exit codes', () => {
  it.each([
    [['--fail-on', 'error'], 1],
    [['--fail-on', 'warning'], 1],
    [['--fail-on', 'none'], 0],
  ])('%j → %i', async (flags, code) => {
    expect((await runCli(['diff', 'k8s', ...flags], { cwd: dir })).code).toBe(code);
  });

  it('0 when nothing reaches --fail-on; 2 when a file cannot be read, whatever --fail-on says', async () => {
    expect((await runCli(['diff', 'k8s/app.yaml'], { cwd: dir })).code).toBe(0);
    writeFileSync(join(dir, 'k8s/broken.yaml'), 'kind: [\n');
    expect(
      (await runCli(['diff', 'k8s/app.yaml', 'k8s/broken.yaml', '--fail-on', 'none'], { cwd: dir }))
        .code,
    ).toBe(2);
    expect((await runCli(['diff', 'k8s/missing.yaml'], { cwd: dir })).code).toBe(2);
  });

  it('--output-file never replaces an input file', async () => {
    const r = await runCli([
      'diff',
      join(dir, 'k8s/app.yaml'),
      '-o',
      'json',
      '--output-file',
      join(dir, 'k8s/app.yaml'),
    ]);
    expect(r.code).toBe(2);
    expect(readFileSync(join(dir, 'k8s/app.yaml'), 'utf8')).toBe(MIXED);
  });
});
