// The playground in a real headless Chromium (Debian's `chromium`, installed when missing): the
// built page served from 127.0.0.1, used as a person would. Screenshots of each step are left in
// the temporary folder (istio2gateway-playground-*.png) for a human to look at.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundle } from '../../scripts/build-playground.mjs';
import { ensureChromium, launchChromium } from '../helpers/chromium.js';

const SAMPLES = new URL('../../samples/', import.meta.url).pathname;
const sample = (name: string, file = 'input.yaml') =>
  readFileSync(join(SAMPLES, name, file), 'utf8');
const shot = (step: string) => join(tmpdir(), `istio2gateway-playground-${step}.png`);
const TYPES: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css',
};

/** Serves the built files (what `npm run playground:build` writes) and counts the requests. */
async function serve(dir: string, requests: string[]): Promise<{ server: Server; url: string }> {
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname.replace(/^\/$/, '/index.html');
    requests.push(path);
    try {
      const body = readFileSync(join(dir, path.replace(/^\/+/, '')));
      res.writeHead(200, { 'content-type': TYPES[extname(path)] ?? 'text/plain' }).end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/` };
}

/** Pastes `text` over the input, through CodeMirror's own paste handling. */
async function paste(page: Page, text: string): Promise<void> {
  await page.locator('#input .cm-content').click();
  await page.keyboard.press('Control+A');
  await page.locator('#input .cm-content').evaluate((el, t) => {
    const data = new DataTransfer();
    data.setData('text/plain', t);
    el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true }));
  }, text);
}

const runsIn = (page: Page) =>
  page.evaluate(() =>
    (window as unknown as { i2gPlayground: { runsIn(): string } }).i2gPlayground.runsIn(),
  );

const output = (page: Page) =>
  page.evaluate(() =>
    (window as unknown as { i2gPlayground: { output(): string } }).i2gPlayground.output(),
  );

async function waitForOutput(page: Page, has: string | RegExp): Promise<string> {
  await expect.poll(() => output(page), { timeout: 10_000 }).toMatch(has);
  return output(page);
}

describe('the playground in a real browser', () => {
  let skip: string | undefined;
  let context: BrowserContext;
  let server: Server;
  let url: string;
  let dir: string;
  const requests: string[] = [];

  beforeAll(async () => {
    skip = ensureChromium();
    if (skip) return;
    dir = mkdtempSync(join(tmpdir(), 'i2g-playground-'));
    for (const [name, bytes] of Object.entries(await bundle())) {
      writeFileSync(join(dir, name), bytes);
    }
    ({ server, url } = await serve(dir, requests));
    context = await launchChromium({ width: 1400, height: 900 });
  }, 600_000);

  afterAll(async () => {
    await context?.close();
    server?.close();
  });

  it('converts a pasted sample, marks prefix-semantics, follows the target, shares, works offline', async (ctx) => {
    if (skip) {
      console.warn(`playground browser test skipped: ${skip}`);
      ctx.skip();
    }
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    await page.goto(url);
    await page.locator('body[data-ready="true"]').waitFor();

    // 1. Paste a sample: the expected HTTPRoute, and a prefix-semantics marker at its line.
    await paste(page, sample('seed-01-httpbin'));
    expect(await waitForOutput(page, /kind: HTTPRoute/)).toBe(
      sample('seed-01-httpbin', 'expected.yaml'),
    );
    const marker = page.locator('#input .finding-prefix-semantics').first();
    await marker.waitFor();
    expect(await marker.textContent()).toBe('prefix: /status');
    await marker.hover();
    const tip = page.locator('.cm-tooltip-lint .finding-message').first();
    await tip.waitFor();
    expect(await tip.locator('a').getAttribute('href')).toMatch(
      /\/blob\/v[\d.]+\/docs\/findings\/prefix-semantics\.md$/,
    );
    expect(await tip.textContent()).toContain('Hint:');
    await page.screenshot({ path: shot('1-pasted') });
    // Served over http, conversions run in a worker (the page's own script).
    expect(await runsIn(page)).toBe('worker');

    // The requests that change, with the finding that explains each.
    await page.locator('#show-verify').click();
    const firstChange = page.locator('#tab-verify tbody tr').first();
    expect(await firstChange.locator('td').nth(2).textContent()).toBe('no route (404)');
    expect(await firstChange.locator('td a').textContent()).toBe('prefix-semantics');
    await page.screenshot({ path: shot('2-verify') });
    await page.locator('#show-diff').click();
    await page.locator('#tab-diff .cm-changedLine').first().waitFor();
    await page.locator('#tab-diff summary').click();
    await expect
      .poll(() => page.locator('#tab-diff pre.patch').textContent())
      .toMatch(/^--- a\/input\.yaml\n\+\+\+ b\/input\.yaml\n@@ /);
    await page.screenshot({ path: shot('3-diff') });
    await page.locator('#show-output').click();

    // An option: --strict-prefix writes the exact regex, and the marker goes.
    await page.locator('#options-box summary').click();
    // Every option with its description, one column (a second one would be out of sight).
    const lefts = await page
      .locator('#options small.description')
      .evaluateAll((els) => els.map((e) => e.getBoundingClientRect().left));
    expect(lefts.length).toBeGreaterThan(8);
    expect(new Set(lefts).size).toBe(1);
    await page.locator('#option-strictPrefix').check();
    await waitForOutput(page, /type: RegularExpression/);
    await expect.poll(() => page.locator('#input .finding-prefix-semantics').count()).toBe(0);
    await page.screenshot({ path: shot('4-option') });
    await page.locator('#options-box summary').click();

    // 2. Switch the target: TLSRoute's apiVersion follows the Gateway API release and channel.
    await page.locator('#example').selectOption('seed-04-tls-passthrough');
    const tls = /apiVersion: (\S+)\nkind: TLSRoute/;
    expect(tls.exec(await waitForOutput(page, tls))![1]).toBe('gateway.networking.k8s.io/v1');
    await page.locator('#option-gatewayApi').selectOption('v1.4');
    await page.locator('#option-channel').selectOption('experimental');
    await waitForOutput(page, /v1alpha3\nkind: TLSRoute/);
    await page.screenshot({ path: shot('5-target') });

    // 3. The shared URL restores the same state in a new tab.
    await page.locator('#show-findings').click();
    await page.locator('#share').click();
    await expect.poll(() => page.url()).toMatch(/#s=[\w-]+$/);
    const shared = page.url();
    const before = await output(page);
    const second = await context.newPage();
    await second.goto(shared);
    await second.locator('body[data-ready="true"]').waitFor();
    expect(await second.locator('#option-gatewayApi').inputValue()).toBe('v1.4');
    expect(await second.locator('#option-channel').inputValue()).toBe('experimental');
    expect(await second.locator('#tab-findings').isVisible()).toBe(true);
    expect(await waitForOutput(second, /v1alpha3/)).toBe(before);
    await second.screenshot({ path: shot('6-shared') });
    await second.close();

    // 4. Offline once loaded: the network is cut, and converting still works, with no request.
    const loaded = requests.length;
    await context.setOffline(true);
    await context.route('**', (r) => r.abort());
    await page.locator('#show-output').click();
    await paste(page, sample('seed-01-httpbin').replace('httpbin.example.com', 'offline.example'));
    await waitForOutput(page, /offline\.example/);
    await page.screenshot({ path: shot('7-offline') });
    expect(requests.slice(loaded)).toEqual([]);
    expect([...new Set(requests)].sort()).toEqual([
      '/index.html',
      '/playground.css',
      '/playground.js',
    ]);
    expect(errors).toEqual([]);
  }, 60_000);

  it('opens from disk (file://), converting in the page where no worker may start', async (ctx) => {
    if (skip) ctx.skip();
    await context.unrouteAll();
    await context.setOffline(false);
    const page = await context.newPage();
    await page.goto(`file://${join(dir, 'index.html')}`);
    await page.locator('body[data-ready="true"]').waitFor();
    expect(await waitForOutput(page, /kind: HTTPRoute/)).toBe(
      sample('seed-01-httpbin', 'expected.yaml'),
    );
    expect(await runsIn(page)).toBe('page');
    await page.screenshot({ path: shot('8-file') });
  }, 30_000);
});
