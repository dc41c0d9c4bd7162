// The comment looked at as a reviewer sees it: rendered as GFM, opened in a real headless
// Chromium (Debian's `chromium`, installed here when missing), screenshot kept for a human.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { diff } from '../src/diff.js';
import { formatReport } from '../src/report.js';
import { ensureChromium, launchChromium } from './helpers/chromium.js';
import { renderGfm } from './helpers/gfm.js';

const ROOT = new URL('../', import.meta.url).pathname;
/** Where the screenshot is left for a human to look at. */
const SHOT = join(tmpdir(), 'istio2gateway-comment.png');

const EMOJI_FONT = '/usr/share/fonts/truetype/noto/NotoColorEmoji.ttf';

/** A page styled like a GitHub comment body, closely enough to judge the layout. */
function page(markdown: string): string {
  const css = `body{font:14px/1.5 -apple-system,"Segoe UI","Noto Sans",Helvetica,Arial,sans-serif;
    color:#1f2328;max-width:880px;margin:16px auto;padding:0 16px}
    table{border-collapse:collapse;display:block;overflow:auto;margin:0 0 16px}
    th,td{border:1px solid #d1d9e0;padding:6px 13px}th{font-weight:600}
    tr:nth-child(2n){background:#f6f8fa}code{font:12px ui-monospace,monospace;
    background:#eff1f3;padding:.2em .4em;border-radius:6px}pre{background:#f6f8fa;padding:16px;
    overflow:auto}pre code{background:none;padding:0}a{color:#0969da;text-decoration:none}
    blockquote{border-left:.25em solid #0969da;margin:0;padding:0 1em;color:#59636e}
    summary{cursor:pointer}h3,h4{margin:24px 0 16px}`;
  return (
    `<!doctype html><meta charset="utf-8"><style>${css}</style>` +
    `<article id="comment">${renderGfm(markdown)}</article>`
  );
}

function comment(): string {
  const names = [
    'seed-09-bookinfo',
    'seed-07-egress-gateway',
    'seed-03-tls-mutual',
    'http-mirrors',
  ];
  const d = diff(
    names.map((n) => ({
      file: `k8s/${n}.yaml`,
      text: readFileSync(join(ROOT, 'samples', n, 'input.yaml'), 'utf8'),
    })),
  );
  const verify = {
    probes: 30,
    truncated: false,
    changed: 6,
    explained: 5,
    unexplained: [
      { request: 'GET http://shop.example.com:80/searchx', before: 'shop:80', after: 'search:80' },
    ],
  };
  return formatReport(d, 'markdown', {
    verify,
    links: { serverUrl: 'https://github.com', repository: 'acme/platform', sha: 'abc123' },
  });
}

describe('the comment in a real browser', () => {
  let skip: string | undefined;
  beforeAll(() => {
    skip = ensureChromium({ 'fonts-noto-color-emoji': EMOJI_FONT });
  }, 600_000);

  it('shows the verdict and the findings by id first, files folded, in one readable column', async (ctx) => {
    if (skip) {
      console.warn(`comment screenshot skipped: ${skip}`);
      ctx.skip();
    }
    const dir = mkdtempSync(join(tmpdir(), 'i2g-comment-'));
    const html = join(dir, 'comment.html');
    writeFileSync(html, page(comment()));
    const browser = await launchChromium({ width: 1012, height: 900 });
    try {
      const tab = await browser.newPage();
      await tab.goto(`file://${html}`);
      const box = async (selector: string) => (await tab.locator(selector).first().boundingBox())!;
      // The verdict is the first thing below the title, well above the fold.
      const verdict = tab.locator('#comment > p').first();
      expect(await verdict.textContent()).toMatch(/^❌ 1 error: behaviour is lost/);
      expect((await verdict.boundingBox())!.y).toBeLessThan(120);
      // The findings-by-id table starts within the first screen, with the error on top.
      const byId = tab.locator('table').nth(1);
      expect((await byId.boundingBox())!.y).toBeLessThan(900);
      expect(await byId.locator('tbody tr').first().textContent()).toContain('error');
      // Verify's summary comes before the files; the files are folded.
      expect((await box('h4:text("Verify")')).y).toBeLessThan((await box('h4:text("Files")')).y);
      const details = tab.locator('details');
      expect(await details.count()).toBe(4);
      for (const open of await details.evaluateAll((els) =>
        els.map((e) => (e as HTMLDetailsElement).open),
      )) {
        expect(open).toBe(false);
      }
      // No markup shows as text (escaped twice).
      expect(await tab.locator('#comment').innerText()).not.toMatch(/&#\d+;|<\/?code>|&amp;/);
      // Nothing is wider than the comment column.
      const widths = await tab.evaluate(() => [
        document.body.scrollWidth,
        document.body.clientWidth,
      ]);
      expect(widths[0]).toBeLessThanOrEqual(widths[1]!);
      await tab.screenshot({ path: SHOT, fullPage: true });
      const png = readFileSync(SHOT);
      expect(png.subarray(1, 4).toString()).toBe('PNG');
      // Opening a file shows its findings table and diff.
      await details.first().locator('summary').click();
      expect(await details.first().locator('table').isVisible()).toBe(true);
      expect(await details.first().locator('pre code').first().textContent()).toMatch(
        /^--- a\/k8s\//,
      );
    } finally {
      await browser.close();
    }
  }, 120_000);
});
