/**
 * Debian's Chromium driven by playwright-core, for the console's end-to-end tests (test/web) and
 * `npm run screenshots`. Playwright's own browser download cannot run here; the system browser is used, and
 * its absence is an error with the way to install it, never a silent skip.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';

export const CHROMIUM = process.env.WEIKE_CHROMIUM ?? '/usr/bin/chromium';

const FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface ConsoleBrowser {
  context: BrowserContext;
  close(): Promise<void>;
}

/** A fresh headless browser profile (its own user-data-dir) at 1440×900. */
export async function launchConsoleBrowser(): Promise<ConsoleBrowser> {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(
      `Chromium not found at ${CHROMIUM}: install Debian's chromium and fonts-noto-cjk (apt-get install chromium fonts-noto-cjk), or set WEIKE_CHROMIUM`,
    );
  }
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'weike-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: FLAGS,
    viewport: { width: 1440, height: 900 },
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
  });
  return {
    context,
    async close() {
      await context.close();
      fs.rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}
