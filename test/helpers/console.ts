/**
 * The web console end to end: a local cloud serving the built console (web/dist) and the built function
 * bundles, as `npm start` does, and Debian's Chromium (scripts/console-browser.ts) driving it. Sign-in goes
 * through the scan: the mini-program's own call confirms the login request (the gateway with the WeChat
 * identity header), never a door the console has. Needs `npm run build` first (npm test runs it).
 */
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Download, type Page } from 'playwright-core';
import { FUNCTIONS_DIR } from '../../scripts/build';
import { CONSOLE_DIST } from '../../scripts/build-console';
import { CONSOLE_CONTEXT, launchConsoleBrowser, type ConsoleBrowser } from '../../scripts/console-browser';
import { sharedBrowserEndpoint } from './browser-broker';
import { makeTempDir, startTestCloud, type TestCloud } from './local-cloud';

/** The page's storage, inside page.evaluate (this project type-checks tests without the DOM library). */
declare const localStorage: { getItem(key: string): string | null };

export interface ConsoleHarness {
  cloud: TestCloud;
  browser: ConsoleBrowser;
  /** What the mini-program sends for `openid`: the gateway with the local WeChat identity header. */
  asMiniProgram(openid: string, name: string, data: Record<string, unknown>): Promise<Answer>;
  /** A fresh page at `at`, scanned and confirmed as `openid`; resolves once the console left sign-in. */
  signInByScan(openid: string, at?: string): Promise<Page>;
  /** A call from inside the page with the console's own access token: what the server answers that browser. */
  callFromPage(page: Page, name: string, data: Record<string, unknown>): Promise<Answer>;
  dispose(): Promise<void>;
}

export interface Answer {
  ok: boolean;
  code?: string;
  message?: string;
  data?: any;
}

/**
 * How often the sign-in page asks whether its code was confirmed (POLL_MS of web/src/views/sign-in.vue). Were
 * the page to poll less often, a sign-in would only wait out the rest in real time.
 */
const SIGN_IN_POLL_MS = 1500;

/**
 * Empties the console origin's localStorage (where the console keeps its session) before `page` first loads
 * it, so the console starts signed out after one load, not after a load to reach the storage and a second.
 * Chromium's DevTools protocol clears an origin's storage from outside any page
 * (https://chromedevtools.github.io/devtools-protocol/tot/Storage/#method-clearDataForOrigin), through a
 * session Playwright opens on the page (https://playwright.dev/docs/api/class-cdpsession).
 */
async function forgetStoredSession(browser: ConsoleBrowser, page: Page, site: string): Promise<void> {
  const session = await browser.context.newCDPSession(page);
  try {
    await session.send('Storage.clearDataForOrigin', { origin: new URL(site).origin, storageTypes: 'local_storage' });
  } finally {
    await session.detach();
  }
}

/** Folders of the file's downloads (`downloadFrom`), removed when its harness is disposed of. */
const downloads: string[] = [];

/**
 * A fresh browser context of the jest run's one Chromium (test/helpers/browser-broker.ts): its own cookies,
 * storage and clock, gone when it closes. Outside a jest run that shares one, a browser of its own.
 */
export async function openConsoleBrowser(): Promise<ConsoleBrowser> {
  const endpoint = await sharedBrowserEndpoint();
  if (!endpoint) return launchConsoleBrowser();
  const browser = await chromium.connect(endpoint);
  const context = await browser.newContext(CONSOLE_CONTEXT);
  return {
    context,
    async close() {
      // Closing a connected browser closes the contexts it made and disconnects; the browser keeps running.
      await browser.close();
    },
  };
}

export async function startConsole(): Promise<ConsoleHarness> {
  if (!fs.existsSync(path.join(CONSOLE_DIST, 'index.html'))) throw new Error('the console is not built: run npm run build first');
  const cloud = await startTestCloud({ functionsDir: FUNCTIONS_DIR, consoleDir: CONSOLE_DIST });
  return consoleHarness(cloud, await openConsoleBrowser());
}

/**
 * The harness for a console served at `site` (the local cloud itself, or the static website hosting a deploy
 * put it on) whose backend is `cloud`. Disposing of it closes the browser and the cloud.
 */
export function consoleHarness(cloud: TestCloud, browser: ConsoleBrowser, site = cloud.url): ConsoleHarness {
  async function asMiniProgram(openid: string, name: string, data: Record<string, unknown>): Promise<Answer> {
    const res = await fetch(`${cloud.url}/gateway/callFunction`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-weike-openid': openid },
      body: JSON.stringify({ name, data }),
    });
    return ((await res.json()) as { result: Answer }).result;
  }

  // Installed once, before the first page: the clock is the whole context's, and time flows in it as it does
  // outside until a test moves it (https://playwright.dev/docs/clock).
  let clockInstalled = false;

  return {
    cloud,
    browser,
    asMiniProgram,
    async signInByScan(openid, at = '/console/') {
      await browser.context.clearCookies();
      const page = await browser.context.newPage();
      await forgetStoredSession(browser, page, site);
      if (!clockInstalled) {
        await page.clock.install();
        clockInstalled = true;
      }
      await page.goto(`${site}${at}`);
      const code = page.locator('img[data-login-id]');
      await code.waitFor();
      const loginId = (await code.getAttribute('data-login-id')) as string;
      const detail = await asMiniProgram(openid, 'webConsole', { action: 'loginDetail', loginId });
      expect(detail.data).toMatchObject({ status: 'pending', browser: expect.stringMatching(/^Chrome \d+ · Linux$/) });
      const confirmed = await asMiniProgram(openid, 'webConsole', { action: 'confirmLogin', loginId });
      expect(confirmed).toMatchObject({ ok: true });
      // The page learns of the confirmation at its next poll (web/src/views/sign-in.vue, every 1.5 s): the
      // clock jumps there instead of the test waiting it out, as a user would see it after that wait.
      await page.clock.fastForward(SIGN_IN_POLL_MS);
      await page.waitForURL((url) => !url.pathname.endsWith('/sign-in'));
      return page;
    },
    callFromPage(page, name, data) {
      return page.evaluate(
        async ({ gateway, name, data }) => {
          const res = await fetch(`${gateway}/gateway/callFunction`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', authorization: `Bearer ${localStorage.getItem('weike.console.accessToken')}` },
            body: JSON.stringify({ name, data }),
          });
          return ((await res.json()) as { result: Answer }).result;
        },
        { gateway: cloud.url, name, data },
      );
    },
    async dispose() {
      await browser.close();
      for (const dir of downloads.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
      await cloud.dispose();
    },
  };
}

/**
 * Starts the console before the file's tests and disposes of it after them; the handle reaches the running
 * harness inside hooks and tests (registered after this call).
 */
export function useConsole(): ConsoleHarness {
  let harness: ConsoleHarness | undefined;
  beforeAll(async () => {
    harness = await startConsole();
  }, 120_000);
  afterAll(async () => {
    await harness?.dispose();
  });
  return new Proxy({} as ConsoleHarness, {
    get(_target, key) {
      if (!harness) throw new Error('the console starts in beforeAll: use it inside hooks and tests');
      return Reflect.get(harness, key);
    },
  });
}

/** A 1×1 PNG, for the console's picture uploads. */
export const ONE_PIXEL_PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');

/**
 * Where a download triggered by `click` was saved (the console's exports; read it back with exceljs). A
 * browser connected to, as the shared one is, has no local path for it: the download is saved as a copy
 * (https://playwright.dev/docs/api/class-download#download-path, #download-save-as).
 */
export async function downloadFrom(page: Page, click: () => Promise<void>): Promise<string> {
  const [download] = await Promise.all([page.waitForEvent('download') as Promise<Download>, click()]);
  const failure = await download.failure();
  if (failure) throw new Error(`the download failed: ${failure}`);
  const dir = makeTempDir('weike-download-');
  downloads.push(dir);
  const file = path.join(dir, download.suggestedFilename());
  await download.saveAs(file);
  return file;
}
