/**
 * The gallery's render run (jest, jsdom; started by scripts/gallery.ts, not part of npm test): every page of
 * the plan loads through miniprogram-simulate as the page tests load them (test/miniprogram/harness.ts), runs
 * onLoad and onShow against the local cloud with the demo company, and is written out as one HTML document
 * with its styles (./wxss.ts) for Chromium to photograph.
 */
import fs from 'node:fs';
import path from 'node:path';
import { loadComponent, settle, MINIPROGRAM_ROOT, type RenderedComponent, useBuiltInStandIns } from '../../test/miniprogram/harness';
import { filesUnder } from '../../test/helpers/files';
import type { GalleryPage } from './plan';
import type { GalleryGlobals } from './setup';
import { wxssToCss } from './wxss';
import { BUILT_IN_CSS } from './built-ins';

const OUT = process.env.WEIKE_GALLERY_OUT as string;
const globals = globalThis as unknown as GalleryGlobals;
const TDESIGN = 'tdesign-miniprogram/';
const TDESIGN_ROOT = path.join(MINIPROGRAM_ROOT, 'miniprogram_npm', 'tdesign-miniprogram');

/** Tag → component file (without extension), from every usingComponents the app and TDesign declare. */
function componentsByTag(): Map<string, string> {
  const tags = new Map<string, string>();
  const jsonFiles = [...filesUnder(MINIPROGRAM_ROOT, '.json', ['miniprogram_npm']), ...filesUnder(TDESIGN_ROOT, '.json')];
  for (const file of jsonFiles) {
    const using = (JSON.parse(fs.readFileSync(file, 'utf8')) as { usingComponents?: Record<string, string> }).usingComponents ?? {};
    for (const [tag, target] of Object.entries(using)) {
      if (tags.has(tag)) continue;
      if (target.startsWith(TDESIGN)) tags.set(tag, path.join(TDESIGN_ROOT, target.slice(TDESIGN.length)));
      else if (target.startsWith('/')) tags.set(tag, path.join(MINIPROGRAM_ROOT, target));
      else tags.set(tag, path.resolve(path.dirname(file), target));
    }
  }
  return tags;
}

/** Waits until the page's requests have answered and it has re-rendered, or 15 s have passed. */
async function quiet(simulate: Parameters<typeof settle>[0]): Promise<void> {
  const until = Date.now() + 15_000;
  let calm = 0;
  while (Date.now() < until && calm < 3) {
    await settle(simulate);
    await new Promise((resolve) => setTimeout(resolve, 50));
    calm = globals.__galleryInFlight === 0 ? calm + 1 : 0;
  }
}

type Simulate = typeof import('miniprogram-simulate');

/**
 * Built-ins whose look comes from properties: simulate registers them without properties, so a field's text
 * and a picture's source never reach the DOM. The gallery draws them, in pages and inside TDesign's components
 * (a t-input's own field), with stand-ins that keep the properties: a field shows its value (or its placeholder, greyed), a picture is a background image sized by
 * its `mode` (https://developers.weixin.qq.com/miniprogram/dev/component/image.html).
 */
function builtInStandIns(simulate: Simulate): Record<string, string> {
  const any = { type: null, value: '' };
  const field = simulate.load({
    template: `<view class="gallery-field{{value || value === 0 ? '' : ' gallery-placeholder'}}">{{value || value === 0 ? value : placeholder}}</view>`,
    properties: { value: any, placeholder: any },
  });
  const image = simulate.load({
    template: `<view class="gallery-image gallery-image-{{mode}}" style="background-image: url('{{src}}')"></view>`,
    properties: { src: any, mode: { type: String, value: 'scaleToFill' } },
  });
  return { input: String(field), textarea: String(field), image: String(image) };
}

/** The stand-ins' hosts carry the bare tag (`input`, `image`), which HTML parses as its own elements: named as simulate names built-ins. */
function renameStandInHosts(root: Element): void {
  for (const host of Array.from(root.querySelectorAll('input, textarea, image'))) {
    const renamed = root.ownerDocument.createElement(`wx-${host.tagName.toLowerCase()}`);
    for (const attribute of Array.from(host.attributes)) renamed.setAttribute(attribute.name, attribute.value);
    while (host.firstChild) renamed.appendChild(host.firstChild);
    host.replaceWith(renamed);
  }
}

function stylesFor(root: Element, route: string, tags: Map<string, string>): string {
  const prefixes = new Set<string>();
  for (const element of [root, ...Array.from(root.querySelectorAll('*'))]) {
    for (const token of Array.from(element.classList)) {
      const at = token.indexOf('--');
      if (at > 0) prefixes.add(token.slice(0, at));
    }
  }
  const css = [wxssToCss(path.join(MINIPROGRAM_ROOT, 'app.wxss'), 'main'), wxssToCss(path.join(MINIPROGRAM_ROOT, route, 'index.wxss'), 'main')];
  for (const prefix of [...prefixes].sort()) {
    const component = tags.get(prefix);
    if (prefix !== 'main' && component) css.push(wxssToCss(`${component}.wxss`, prefix));
  }
  return css.join('\n');
}

test('renders every page of the plan', async () => {
  const plan = JSON.parse(fs.readFileSync(path.join(OUT, 'plan.json'), 'utf8')) as GalleryPage[];
  const tags = componentsByTag();
  useBuiltInStandIns(builtInStandIns);
  const failures: string[] = [];
  fs.mkdirSync(path.join(OUT, 'html'), { recursive: true });
  for (const entry of plan) {
    globals.__galleryOpenid = entry.as;
    try {
      await withinTime(render(entry, tags), 60_000, entry.route);
      console.log(`rendered ${entry.route}`);
    } catch (err) {
      failures.push(`${entry.route}: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  fs.writeFileSync(path.join(OUT, 'failures.json'), JSON.stringify(failures, null, 2));
});

function withinTime<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not finish rendering within ${ms / 1000} s`)), ms);
  });
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}

async function render(entry: GalleryPage, tags: Map<string, string>): Promise<void> {
  const loaded = loadComponent(`${entry.route}/index`, {
    config: { mode: 'local', gatewayUrl: process.env.WEIKE_GALLERY_URL as string },
    answerDialogs: false,
  });
  const page: RenderedComponent = loaded.render();
  const instance = page.instance as unknown as { onLoad?(query: Record<string, string>): unknown; onShow?(): unknown; onReady?(): unknown };
  await instance.onLoad?.(entry.query);
  await instance.onShow?.();
  await instance.onReady?.();
  await quiet(loaded.simulate);
  const root = (page.dom as Element).cloneNode(true) as Element;
  renameStandInHosts(root);
  const html = `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><style>${BUILT_IN_CSS}\n${stylesFor(root, entry.route, tags)}</style></head><body>${root.outerHTML}</body></html>`;
  fs.writeFileSync(path.join(OUT, 'html', entry.file.replace(/\.png$/, '.html')), html);
}
