import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { KeptResource } from '../../src/convert.js';
import type { FileChange } from '../../src/diff.js';
import { diff } from '../../src/diff.js';
import {
  formatMarkdownReport,
  GITHUB_COMMENT_LIMIT,
  type MarkdownInput,
} from '../../src/emit/report-markdown.js';
import { summarize } from '../../src/emit/report-text.js';
import type { Finding, Severity } from '../../src/findings/finding.js';
import { formatReport } from '../../src/report.js';
import { expectWellFormed, MENTION, shapeOf } from '../helpers/gfm.js';

const ROOT = new URL('../../', import.meta.url).pathname;
const HEADINGS = [
  'h3 istio2gateway: Istio → Gateway API',
  'h4 Findings',
  'h4 Verify',
  'h4 Cutover',
  'h4 Files',
];
const TARGET = { gatewayApi: 'v1.6', channel: 'standard', istio: '1.31' } as const;
const docsUrl = (id: string) => `https://docs.example/${id}`;

/** bookinfo, an egress gateway, CORS and mirrors: the repository the issue rendered. */
function repository() {
  const names = ['seed-09-bookinfo', 'seed-07-egress-gateway', 'seed-10-cors', 'http-mirrors'];
  return diff(
    names.map((n) => ({
      file: `k8s/${n}.yaml`,
      text: readFileSync(join(ROOT, 'samples', n, 'input.yaml'), 'utf8'),
    })),
  );
}

function input(findings: Finding[], kept: KeptResource[], changes: FileChange[]): MarkdownInput {
  return {
    version: '0.1.0',
    target: TARGET,
    summary: summarize(findings, changes.length, kept.length, changes.length),
    findings,
    kept,
    changes,
    docsUrl,
  };
}

/** The numbers in the note on what was left out, by noun. */
function leftOut(md: string): Record<string, number> {
  const note = /> Shortened to fit[^:]*:([^\n]*) left out/.exec(md)?.[1] ?? '';
  const out: Record<string, number> = {};
  for (const m of note.matchAll(/([\d,]+) (row|file|finding|kept resource|diff)s?/g)) {
    out[m[2]!] = Number(m[1]!.replace(/,/g, ''));
  }
  return out;
}

/** Finding rows in the per-file tables (5 cells), and `… and N more` lines. */
function findingsShown(md: string): number {
  const rows = shapeOf(md)
    .tables.filter((t) => t[0] === 5)
    .reduce((n, t) => n + t.length - 1, 0);
  const more = [...md.matchAll(/… and ([\d,]+) more finding\(s\) in this file/g)].reduce(
    (n, m) => n + Number(m[1]!.replace(/,/g, '')),
    0,
  );
  return rows + more;
}

describe('the pull-request comment', () => {
  it('reads top down: verdict, counts, one row per finding id with errors first, files', () => {
    const d = repository();
    const md = formatReport(d, 'markdown');
    const shape = expectWellFormed(md, HEADINGS);
    // The conversion's cutover checklist gives the Cutover section (new addresses, DNS moves).
    expect(shape.headings).toEqual([
      'h3 istio2gateway: Istio → Gateway API',
      'h4 Findings',
      'h4 Cutover',
      'h4 Files',
    ]);
    const errors = d.findings.filter((f) => f.severity === 'error').length;
    expect(errors).toBeGreaterThan(0);
    // The verdict is the first line after the title.
    expect(md.split('\n')[3]).toBe(
      `❌ **${errors} error${errors === 1 ? '' : 's'}**: behaviour is lost or the output needs a manual change.`,
    );
    // Counts by severity, then one row per id: as many rows as ids, severities in order.
    const ids = new Set(d.findings.map((f) => f.id));
    const byId = shape.tables[1]!;
    expect(byId.length - 1).toBe(ids.size);
    const rows = md
      .split('\n')
      .filter((l) => /^\| (🔴|🟡|🔵) \w+ \| \[<code>[\w-]+<\/code>\]/.test(l));
    const idRows = rows.slice(0, ids.size);
    const rank = (l: string) => ['🔴', '🟡', '🔵'].indexOf(l.slice(2, 4));
    expect(idRows.map(rank)).toEqual([...idRows.map(rank)].sort());
    for (const id of ids) {
      const n = d.findings.filter((f) => f.id === id).length;
      expect(
        idRows.some((l) => l.includes(`<code>${id}</code>`) && l.includes(`| ${n} |`)),
        id,
      ).toBe(true);
    }
    // Every file gets a section, files with an error first; every finding shown, nothing cut.
    const sections = [...md.matchAll(/<summary><code>([^<]+)<\/code>: ([^<]*)<\/summary>/g)];
    expect(sections.map((m) => m[1])).toHaveLength(d.files.length);
    expect(sections[0]![2]).toContain('🔴');
    expect(findingsShown(md)).toBe(d.findings.length);
    expect(md).not.toContain('Shortened');
    expect(md).not.toContain('#### Kept'); // kept resources sit in their file's section
    expect(md).toContain('Kept as they are:\n\n- L4 ServiceEntry default/external-httpbin:');
  });

  it("gives verify's summary and the first unexplained requests, and a cutover when given", () => {
    const d = repository();
    const verify = {
      probes: 1_234,
      truncated: false,
      changed: 7,
      explained: 5,
      unexplained: [
        {
          request: 'GET http://a.example.com:80/x @gateway ns/gw',
          before: '200 web:80',
          after: '404',
        },
        { request: 'GET http://a.example.com:80/y|z', before: '200 web:80', after: 'redirect' },
      ],
    };
    const cutover = {
      newAddresses: ['Gateway istio-system/public-istio'],
      dnsMoves: [],
      policies: [],
    };
    const md = formatReport(d, 'markdown', { verify, cutover });
    const shape = expectWellFormed(md, HEADINGS);
    expect(shape.headings).toEqual([...HEADINGS.slice(0, 4), 'h4 Files']);
    expect(md).toContain(
      '1,234 probe requests replayed: **7** changed, **5** explained by a finding,' +
        ' **2** unexplained.',
    );
    expect(md).toContain(
      '| <code>GET http://a.example.com:80/y&#124;z</code> | 200 web:80 | redirect |',
    );
    expect(md).toContain('**New addresses** (1)\n\n- Gateway istio-system/public-istio\n');
    expect(md).not.toContain('DNS moves');

    const clean = formatMarkdownReport({
      ...input([], [], []),
      verify: { ...verify, changed: 3, explained: 3, unexplained: [] },
    });
    expect(clean.split('\n')[3]).toBe(
      '⚠️ **3 requests change, all explained** (1,234 probe requests replayed).',
    );
    const one = formatMarkdownReport({
      ...input([], [], []),
      verify: { ...verify, changed: 1, explained: 0, unexplained: [verify.unexplained[0]!] },
    });
    expect(one.split('\n')[3]).toBe(
      '❌ **1 request changes with no finding to explain it** (1,234 probe requests replayed).',
    );
    expect(formatMarkdownReport(input([], [], [])).split('\n')[3]).toBe(
      '✅ **No behaviour change**.',
    );
    expect(clean).not.toContain('| request |'); // no empty table
  });

  it('keeps text from the input from making headings, cells, links, mentions or code ends', () => {
    const evil =
      'x |\n# Heading\n@octocat fixes #12 `code` <b>bold</b> [link](https://evil) **b**\r\n| a |';
    const findings: Finding[] = [
      {
        id: 'unknown-field',
        severity: 'warning',
        message: evil,
        hint: evil,
        source: {
          file: 'k8s/@team #3 |`x`.yaml',
          line: 3,
          column: 1,
          kind: 'VirtualService',
          namespace: 'default',
          name: evil,
          path: `spec.http[0].${evil}`,
        },
      },
    ];
    const kept: KeptResource[] = [
      {
        kind: 'VirtualService',
        namespace: 'a',
        name: evil,
        file: 'k8s/@team #3 |`x`.yaml',
        line: 9,
        reason: evil,
        object: {},
      },
    ];
    const patch = '--- a/k8s/x.yaml\n+++ b/k8s/x.yaml\n@@ -1 +1 @@\n-a\n+```\n+</details>\n';
    const changes = [{ path: 'k8s/@team #3 |`x`.yaml', before: '', after: '', patch }];
    const md = formatMarkdownReport(input(findings, kept, changes));
    const shape = expectWellFormed(md, HEADINGS);
    expect(shape.headings).toEqual([
      'h3 istio2gateway: Istio → Gateway API',
      'h4 Findings',
      'h4 Files',
    ]);
    for (const t of shape.texts) expect(t).not.toMatch(MENTION);
    expect(shape.html).not.toContain('<b>bold</b>');
    expect(shape.html).not.toContain('>link</a>'); // a bare URL may autolink, as on GitHub
    expect(shape.html).not.toContain('<strong>b</strong>');
    // The diff's own </details> and ``` stay inside its fence.
    expect(shape.html).toContain('+```\n+&lt;/details&gt;\n</code></pre>');
  });
});

/** A repository of `n` VirtualServices, `n / 4` files: findings, kept resources and diffs. */
function synthetic(n: number): MarkdownInput {
  const findings: Finding[] = [];
  const kept: KeptResource[] = [];
  const changes: FileChange[] = [];
  const severities: Severity[] = ['info', 'warning', 'info', 'error', 'info'];
  const ids = [
    'route-split',
    'prefix-semantics',
    'gateway-provisioned',
    'mirror-not-converted',
    'retry-changed',
  ];
  for (let i = 0; i < n; i++) {
    const file = `apps/team-${i % 97}/vs-${Math.floor(i / 4)}.yaml`;
    const source = {
      file,
      line: 1 + (i % 4) * 20,
      column: 3,
      kind: 'VirtualService',
      namespace: 'shop',
      name: `vs-${i}`,
      path: 'spec.http[0].match[0].uri.prefix',
    };
    // 2.7 findings per VirtualService on average, as the 10,000 gave 27,202.
    for (let k = 0; k < 2 + (i % 10 < 7 ? 1 : 0); k++) {
      const j = (i + k) % 5;
      findings.push({
        id: ids[j]!,
        severity: severities[j]!,
        message: `finding ${k} of vs-${i}`,
        source,
      });
    }
    if (i % 4 === 0)
      kept.push({
        kind: 'VirtualService',
        namespace: 'shop',
        name: `vs-${i}`,
        file,
        line: 1,
        reason: 'delegate',
        object: {},
      });
    if (i % 4 === 3) {
      changes.push({
        path: file,
        before: '',
        after: '',
        patch: `--- a/${file}\n+++ b/${file}\n@@ -1,3 +1,3 @@\n-kind: VirtualService\n+kind: HTTPRoute\n`,
      });
    }
  }
  return input(findings, kept, changes);
}

describe('the comment at scale', () => {
  it.each([10_000, 100_000])(
    '%i VirtualServices: under the limit, with exact left-out counts',
    (n) => {
      const inp = synthetic(n);
      const md = formatMarkdownReport(inp);
      expect(md.length).toBeLessThanOrEqual(GITHUB_COMMENT_LIMIT);
      expect(md.length).toBeGreaterThan(GITHUB_COMMENT_LIMIT - 3_000); // it uses the room it has
      const shape = expectWellFormed(md, HEADINGS);
      // The headline counts are complete whatever was left out.
      const s = inp.summary;
      expect(shape.tables[0]![0]).toBe(7);
      expect(md).toContain(
        `| ${[s.error, s.warning, s.info].map((x) => x.toLocaleString('en-US')).join(' | ')} |`,
      );
      expect(md.split('\n')[3]).toBe(
        `❌ **${s.error.toLocaleString('en-US')} errors**: behaviour is lost or the output needs a manual change.`,
      );
      // One row per id, all there.
      expect(shape.tables[1]!.length - 1).toBe(5);
      // What the note says was left out plus what is shown is everything.
      const left = leftOut(md);
      expect(findingsShown(md) + left.finding!).toBe(inp.findings.length);
      const sections = md.match(/<summary>/g)!.length;
      const files = new Set([
        ...inp.findings.map((f) => f.source!.file),
        ...inp.kept.map((k) => k.file),
      ]).size;
      expect(sections + left.file!).toBe(files);
      const keptShown = md.split('\n').filter((l) => /^- L\d+ VirtualService/.test(l)).length;
      expect(keptShown + left['kept resource']!).toBe(inp.kept.length);
      const diffsShown = md.match(/^```diff$/gm)?.length ?? 0;
      expect(diffsShown + left.diff!).toBe(inp.changes!.length);
      expect(left.row).toBeUndefined();
    },
  );
});
