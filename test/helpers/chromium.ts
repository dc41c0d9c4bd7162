// A real headless Chromium for the tests that look at a page: Debian's `chromium`, installed with
// apt-get where it is missing (CI runs as root on Debian), or the reason it cannot be had, for the
// test to skip with.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';

/** Installs `chromium` and `extra` Debian packages when missing; the reason when it cannot. */
export function ensureChromium(extra: Record<string, string> = {}): string | undefined {
  const missing = [
    ...(existsSync(CHROMIUM) ? [] : ['chromium']),
    ...Object.entries(extra)
      .filter(([, file]) => !existsSync(file))
      .map(([pkg]) => pkg),
  ];
  if (missing.length === 0) return undefined;
  const cannot = (why: string) => (existsSync(CHROMIUM) ? undefined : why);
  if (process.platform !== 'linux' || !existsSync('/usr/bin/apt-get')) {
    return cannot('no /usr/bin/chromium and no apt-get to install it');
  }
  if (process.getuid?.() !== 0) return cannot('no /usr/bin/chromium, and installing it needs root');
  const apt = (...args: string[]) =>
    execFileSync('apt-get', ['-o', 'DPkg::Lock::Timeout=300', ...args], {
      stdio: 'ignore',
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
      timeout: 540_000,
    });
  try {
    try {
      apt('install', '-y', '--no-install-recommends', ...missing);
    } catch {
      apt('update');
      apt('install', '-y', '--no-install-recommends', ...missing);
    }
  } catch (e) {
    return cannot(`apt-get install chromium failed: ${(e as Error).message.split('\n')[0]}`);
  }
  return cannot('apt-get installed no /usr/bin/chromium');
}

/** A headless Chromium with a fresh profile in the temporary folder; close it when done. */
export function launchChromium(viewport: {
  width: number;
  height: number;
}): Promise<BrowserContext> {
  const profile = mkdtempSync(join(tmpdir(), 'i2g-chromium-'));
  return chromium.launchPersistentContext(join(profile, 'profile'), {
    executablePath: CHROMIUM,
    headless: true,
    viewport,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}
