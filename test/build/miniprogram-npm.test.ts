/** scripts/build-miniprogram-npm.ts: the subpaths the app requires are built beside each package's main entry. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildMiniprogramNpm, requiredSubpaths } from '../../scripts/build-miniprogram-npm';

let dir: string;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'weike-npm-'));
});

afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

function write(relative: string, content: string): void {
  const file = path.join(dir, relative);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, content);
}

test('finds the subpaths of the packages the scripts require, not those in comments or of other packages', () => {
  write('utils/time.ts', "import dayjs = require('dayjs');\nimport utc = require('dayjs/plugin/utc');\nimport 'dayjs/locale/zh-cn';\n");
  write('pages/a/index.ts', "// e.g. require('dayjs/plugin/timezone')\nimport { x } from 'other/thing';\nconst u = require('dayjs/plugin/utc.js');\n");
  write('miniprogram_npm/dayjs/plugin/isoWeek.js', "require('dayjs/plugin/isoWeek');");
  expect(Object.fromEntries(requiredSubpaths(dir, ['dayjs', 'tdesign-miniprogram']))).toEqual({ dayjs: ['locale/zh-cn', 'plugin/utc'] });
});

test('bundles each required subpath on its own, requiring its package at run time', async () => {
  write('utils/time.ts', "import dayjs = require('dayjs');\nimport relativeTime = require('dayjs/plugin/relativeTime');\nimport 'dayjs/locale/zh-cn';\n");
  const first = await buildMiniprogramNpm({ miniprogramRoot: dir });
  expect(first.skipped).toBe(false);
  const npm = path.join(dir, 'miniprogram_npm', 'dayjs');
  expect(fs.existsSync(path.join(npm, 'index.js'))).toBe(true);
  expect(fs.existsSync(path.join(npm, 'plugin', 'relativeTime.js'))).toBe(true);
  // The locale registers itself on the app's one dayjs, so it must require it rather than carry a copy.
  const locale = fs.readFileSync(path.join(npm, 'locale', 'zh-cn.js'), 'utf8');
  expect(locale).toContain('require("dayjs")');
  expect(locale.length).toBeLessThan(fs.readFileSync(path.join(npm, 'index.js'), 'utf8').length / 2);

  expect((await buildMiniprogramNpm({ miniprogramRoot: dir })).skipped).toBe(true);
  // A newly required subpath is a change the stamp sees.
  write('utils/week.ts', "import isoWeek = require('dayjs/plugin/isoWeek');\n");
  expect((await buildMiniprogramNpm({ miniprogramRoot: dir })).skipped).toBe(false);
  expect(fs.existsSync(path.join(npm, 'plugin', 'isoWeek.js'))).toBe(true);
});
