/**
 * `npm run gallery`: one PNG per mini-program page, rendered with the demo company's data at 375 px wide, in
 * gallery/ (gitignored), so a reviewer can look at the whole app in a minute. Loads the demo company into a
 * throwaway local cloud (scripts/demo-cloud.ts), renders every page through miniprogram-simulate in a jest run
 * (scripts/gallery/render.gallery.ts: onLoad and onShow against that cloud, as the identity who would open
 * the page), and photographs each rendering in Debian's Chromium. Canvas drawings (charts, posters) stay blank:
 * the simulator has no canvas. `--only <route,…>` renders some pages (e.g. `--only pages/me,packagePoints/mall`);
 * `--cloud <url>` uses a local cloud already running with the demo company (`npm start`) instead of loading one.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { getCloud } from '../server/core/cloud';
import { ROOT } from './build';
import { CHROMIUM } from './console-browser';
import { startDemoCloud } from './demo-cloud';
import { galleryPlan } from './gallery/plan';
import { sdkEnv } from '../emulator/sdk-env';

const OUT = path.join(ROOT, 'gallery');
const WORK = path.join(OUT, '.work');

function argument(name: string): string | undefined {
  const at = process.argv.indexOf(name);
  return at >= 0 ? process.argv[at + 1] : undefined;
}

function onlyRoutes(): Set<string> | null {
  const list = argument('--only');
  return list ? new Set(list.split(',').map((route) => route.trim().replace(/\/index$/, ''))) : null;
}

/** A running local cloud with the demo company (`--cloud http://127.0.0.1:8787` while `npm start` runs), or a fresh one. */
async function demoCloud(): Promise<{ cloud: { url: string }; close(): Promise<void> }> {
  const url = argument('--cloud');
  if (!url) return startDemoCloud('weike-gallery-');
  Object.assign(process.env, sdkEnv(url.replace(/\/+$/, '')));
  return { cloud: { url: url.replace(/\/+$/, '') }, close: async () => undefined };
}

async function main(): Promise<void> {
  const only = onlyRoutes();
  const { cloud, close } = await demoCloud();
  try {
    fs.rmSync(WORK, { recursive: true, force: true });
    fs.mkdirSync(WORK, { recursive: true });
    const plan = (await galleryPlan(getCloud().database())).filter((page) => !only || only.has(page.route));
    fs.writeFileSync(path.join(WORK, 'plan.json'), JSON.stringify(plan, null, 2));
    // miniprogram/config.ts points local mode at 127.0.0.1:8787; the render run rewrites it to this cloud.
    // Awaited, not spawnSync: a throwaway demo cloud serves the render run's requests from this process.
    const status = await new Promise<number | null>((resolve, reject) => {
      const child = spawn(process.execPath, [require.resolve('jest/bin/jest'), '--config', path.join(__dirname, 'gallery', 'jest.config.js')], {
        cwd: ROOT,
        stdio: 'inherit',
        env: { ...process.env, WEIKE_GALLERY_OUT: WORK, WEIKE_GALLERY_URL: cloud.url },
      });
      child.on('error', reject);
      child.on('exit', resolve);
    });
    if (status !== 0) throw new Error('the render run failed');
    const failures = JSON.parse(fs.readFileSync(path.join(WORK, 'failures.json'), 'utf8')) as string[];
    const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu'] });
    try {
      const context = await browser.newContext({ viewport: { width: 375, height: 812 }, deviceScaleFactor: 2, locale: 'zh-CN' });
      for (const page of plan) {
        const html = path.join(WORK, 'html', page.file.replace(/\.png$/, '.html'));
        if (!fs.existsSync(html)) continue;
        const tab = await context.newPage();
        await tab.goto(`file://${html}`);
        await tab.waitForLoadState('networkidle').catch(() => undefined);
        await tab.screenshot({ path: path.join(OUT, page.file), fullPage: true });
        await tab.close();
        console.log(`wrote gallery/${page.file} (as ${page.as})`);
      }
    } finally {
      await browser.close();
    }
    if (failures.length > 0) {
      console.error(`${failures.length} page(s) could not be rendered:\n${failures.join('\n')}`);
      process.exitCode = 1;
    }
  } finally {
    await close();
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
