import { describe, expect, it } from 'vitest';
import {
  escapeControl,
  markdownCode,
  markdownText,
  yamlCommentText,
} from '../../src/emit/escape.js';
import { formatMarkdownReport } from '../../src/emit/report-markdown.js';
import { formatTextReport } from '../../src/emit/report-text.js';
import type { Finding } from '../../src/findings/finding.js';
import { formatChange } from '../../src/cli/verify-command.js';
import type { Change } from '../../src/verify/verify.js';
import { describeOutcome } from '../../src/routing/request.js';

// What a crafted manifest can put in a header name, a host or a file name.
const HOSTILE =
  'x\r\n## Approved\n| a | b |\u2028`code` @octocat [link](https://evil) <img src=x>\u001b[2J\u0085end';

describe('escapeControl (terminal)', () => {
  it('shows every control character, line break and bidi override as an escape', () => {
    expect(escapeControl('a\u001b[31mb\rc\nd\u0085e\u2028f\u2029g\u202eh\u0000i\u007fj\tk')).toBe(
      'a\\x1b[31mb\\rc\\nd\\x85e\\u2028f\\u2029g\\u202eh\\x00i\\x7fj\tk',
    );
  });
});

describe('markdownText and markdownCode', () => {
  it('keep input on one line with no markup, HTML, heading, cell break or mention', () => {
    const t = markdownText(HOSTILE);
    expect(t).toBe(
      'x&#92;r&#92;n&#35;&#35; Approved&#92;n&#124; a &#124; b &#124;&#92;u2028&#96;code&#96; ' +
        '@&#8203;octocat &#91;link&#93;&#40;https://evil&#41; &#60;img src=x&#62;&#92;x1b&#91;2J&#92;x85end',
    );
    expect(t).not.toMatch(/[\n\r|`<>[\]]/);
  });

  it('code: one <code> element whatever the text holds; mentions are not processed in code', () => {
    const c = markdownCode('a`b|c</code>@x');
    expect(c).toBe('<code>a&#96;b&#124;c&#60;/code&#62;@x</code>');
  });
});

describe('yamlCommentText', () => {
  it('never ends the comment line, whatever YAML 1.1 or 1.2 reader reads it', () => {
    const t = yamlCommentText('h\r---\nkind: ClusterRoleBinding\u0085--- \u2028x\u2029y');
    expect(t).toBe('h\\r---\\nkind: ClusterRoleBinding\\x85--- \\u2028x\\u2029y');
  });
});

const finding: Finding = {
  id: 'header-dropped',
  severity: 'warning',
  message: `header ${HOSTILE} is not converted`,
  hint: `rename ${HOSTILE}`,
  source: {
    file: `k8s/${HOSTILE}.yaml`,
    line: 3,
    column: 5,
    kind: 'VirtualService',
    namespace: 'default',
    name: 'vs',
    path: `spec.http[0].headers.${HOSTILE}`,
  },
};
const summary = { converted: 1, generated: 1, kept: 0, error: 0, warning: 1, info: 0 };

describe('reports of hostile input', () => {
  it('the Markdown report has one table row per finding with five cells and no injected markup', () => {
    const md = formatMarkdownReport({
      version: '0.1.0',
      target: { gatewayApi: 'v1.6', channel: 'standard', istio: '1.31' },
      summary,
      findings: [finding],
      kept: [
        {
          kind: 'VirtualService',
          namespace: 'default',
          name: `kept${HOSTILE}`,
          file: `k8s/${HOSTILE}.yaml`,
          line: 1,
          reason: HOSTILE,
          object: {},
        },
      ],
      changes: [],
      docsUrl: (id) => `https://docs/${id}`,
    });
    // One row per finding id (4 cells) and one in the file's table (5 cells); the kept
    // resource is one list item.
    const rows = md.split('\n').filter((l) => l.startsWith('| 🟡 warning'));
    expect(rows.map((r) => r.split('|').length)).toEqual([6, 7]);
    const kept = md.split('\n').filter((l) => l.startsWith('- L1 VirtualService'));
    expect(kept).toHaveLength(1);
    expect(md).not.toMatch(/^#+ Approved/m);
    // GitHub does not process mentions inside <code>: only the text outside it matters.
    expect(md.replace(/<code>.*?<\/code>/g, '')).not.toContain('@octocat');
    expect(md).not.toContain('<img');
    expect(md).not.toContain('\u001b');
  });

  it('the text report holds no control character from input: no ESC, no CR, one line per field', () => {
    const text = formatTextReport([finding], [], summary, { color: false });
    expect(text).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029]/);
    expect(text.split('\n').filter((l) => l.includes('Approved'))).toHaveLength(4); // file, head, message, hint
  });

  it('verify prints each changed request on one line with no control character', () => {
    const line = formatChange(
      {
        request: {} as Change['request'],
        requestText: 'GET http://a.example.com/\u001b[2J\r\nUNEXPLAINED fake',
        before: { kind: 'direct', status: 200, body: 'ok\u001b]0;title\u0007' },
        after: { kind: 'redirect', status: 301, location: 'https://b/\r\n' },
        differences: ['result'],
      },
      describeOutcome,
    );
    expect(line.endsWith('\n')).toBe(true);
    expect(line.slice(0, -1)).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/);
  });
});
