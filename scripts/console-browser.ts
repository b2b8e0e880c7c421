/**
 * Debian's Chromium driven by playwright-core, for the console's end-to-end tests (test/web) and
 * `npm run screenshots`. Playwright's own browser download cannot run here; the system browser is used, and
 * its absence is an error with the way to install it, never a silent skip.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { BrowserContext, BrowserContextOptions, BrowserServer } from 'playwright-core';

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

/** What every console page sees: 1440×900, Chinese, Beijing time. */
export const CONSOLE_CONTEXT: BrowserContextOptions = {
  viewport: { width: 1440, height: 900 },
  locale: 'zh-CN',
  timezoneId: 'Asia/Shanghai',
};

export interface ConsoleBrowser {
  context: BrowserContext;
  close(): Promise<void>;
}

/**
 * Playwright is loaded when a browser is launched, not when this module is: jest's global set-up imports it
 * in every run (test/helpers/browser-broker.ts), most of which launch nothing.
 */
async function chromium() {
  return (await import('playwright-core')).chromium;
}

function launchOptions() {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(
      `Chromium not found at ${CHROMIUM}: install Debian's chromium and fonts-noto-cjk (apt-get install chromium fonts-noto-cjk), or set WEIKE_CHROMIUM`,
    );
  }
  return { executablePath: CHROMIUM, headless: true, args: FLAGS };
}

/** A fresh headless browser profile (its own user-data-dir) at 1440×900. */
export async function launchConsoleBrowser(): Promise<ConsoleBrowser> {
  const options = launchOptions();
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'weike-chromium-'));
  const context = await (await chromium()).launchPersistentContext(userDataDir, { ...options, ...CONSOLE_CONTEXT });
  return {
    context,
    async close() {
      await context.close();
      fs.rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

/**
 * The same browser as a server other processes connect to (https://playwright.dev/docs/api/class-browsertype#browser-type-launch-server),
 * each opening contexts of its own with CONSOLE_CONTEXT: test/helpers/browser-broker.ts.
 */
export async function launchConsoleBrowserServer(): Promise<BrowserServer> {
  return (await chromium()).launchServer(launchOptions());
}
