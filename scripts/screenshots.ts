/**
 * `npm run screenshots`: a 1440×900 PNG of every console screen with the demo company in it, written to
 * screenshots/ (gitignored), so a reviewer can look at the whole console in a minute. Starts its own local
 * cloud on the built functions and console (run `npm run build` first; the npm script does), loads the demo
 * data, and signs in through the local one-click sign-in (emulator/console.ts) as each demo role.
 */
import fs from 'node:fs';
import path from 'node:path';
import { ROOT } from './build';
import { startDemoCloud } from './demo-cloud';
import { launchConsoleBrowser } from './console-browser';
import type { Page } from 'playwright-core';

const OUT = path.join(ROOT, 'screenshots');

/** One screenshot: the PNG's name, as which demo openid (null: signed out), the path, and what shows it has loaded. */
export interface Shot {
  file: string;
  as: string | null;
  path: string;
  wait: string;
  /** Clicked (first match) once the path has loaded, before waiting for `wait`: a row to open, a tab. */
  click?: string;
  /** What to do on the page once it has loaded, before waiting for `wait` (open a dialog, drop a file). */
  act?: (page: Page) => Promise<void>;
}

/** Each area's screens (scripts/screenshots/<area>.ts), so a new console area adds a file, not a line here. */
const SHOTS_DIR = path.join(__dirname, 'screenshots');

async function allShots(): Promise<Shot[]> {
  const files = fs
    .readdirSync(SHOTS_DIR)
    .filter((file) => file.endsWith('.ts'))
    .sort();
  const lists = await Promise.all(files.map(async (file) => ((await import(path.join(SHOTS_DIR, file))) as { shots: readonly Shot[] }).shots));
  return lists.flat();
}

async function main(): Promise<void> {
  const { cloud, close } = await startDemoCloud('weike-screens-');
  const browser = await launchConsoleBrowser();
  try {
    fs.mkdirSync(OUT, { recursive: true });
    for (const shot of await allShots()) {
      const page = await browser.context.newPage();
      // A page of the console's origin without the app, to clear its storage: the sign-in page would ask for a
      // login request, and the local cloud allows 60 per address in 10 minutes (CONSOLE_LIMITS), fewer than two a shot.
      await page.goto(`${cloud.url}/console/assets/blank`);
      await page.evaluate('localStorage.clear()');
      if (shot.as) {
        await page.goto(`${cloud.url}/console/dev-sign-in?openid=${shot.as}`);
        // The sign-in page sends the browser on to the console; let that finish before going elsewhere.
        await page.waitForURL((url) => url.pathname === '/console/');
        await page.waitForLoadState('networkidle');
      }
      await page.goto(`${cloud.url}${shot.path}`);
      if (shot.click) await page.locator(shot.click).first().click({ timeout: 60_000 });
      if (shot.act) {
        await page.waitForLoadState('networkidle');
        await shot.act(page);
      }
      await page.locator(shot.wait).first().waitFor({ timeout: 60_000 });
      await page.waitForLoadState('networkidle');
      await page.screenshot({ path: path.join(OUT, shot.file) });
      console.log(`wrote screenshots/${shot.file}`);
      await page.close();
    }
  } finally {
    await browser.close();
    await close();
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
