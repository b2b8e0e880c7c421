/**
 * The mini-program's upload size per package (scripts/package-size.ts): only files reachable from app.json
 * count, as WeChat's upload with ignoreUploadUnusedFiles counts them; the main package stays under 1.5 MB
 * and every subpackage under 1.8 MB. The table is printed on every run.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { formatReport, MAIN_PACKAGE_BUDGET, measurePackages, overBudget, packageSizeReport, SUBPACKAGE_BUDGET } from '../../scripts/package-size';
import { scriptImports } from '../../scripts/miniprogram-sources';

test('every package of the app is within its budget', async () => {
  const report = await packageSizeReport();
  console.log(`Mini-program package sizes\n${formatReport(report)}`);
  expect(report.unresolved).toEqual([]);
  expect(report.packages[0]).toMatchObject({ name: 'main', budget: MAIN_PACKAGE_BUDGET });
  expect(report.packages.slice(1).every((pkg) => pkg.budget === SUBPACKAGE_BUDGET)).toBe(true);
  // TDesign is counted by the components used, not whole.
  expect(report.packages[0].files).toContain('miniprogram_npm/tdesign-miniprogram/tag/tag.wxss');
  expect(report.packages[0].files).not.toContain('miniprogram_npm/tdesign-miniprogram/calendar/calendar.js');
  expect(overBudget(report)).toEqual([]);
}, 60_000);

describe('what counts', () => {
  let root: string;
  const write = (file: string, content: string): void => {
    fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    fs.writeFileSync(path.join(root, file), content);
  };

  beforeAll(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'package-size-'));
    write(
      'app.json',
      JSON.stringify({
        pages: ['pages/home/index'],
        subpackages: [{ root: 'packageA', pages: ['list/index'] }],
        tabBar: { list: [{ pagePath: 'pages/home/index', iconPath: 'assets/home.png' }] },
      }),
    );
    write('app.ts', "import { shared } from './utils/shared';\nApp({ shared });\n");
    write('app.wxss', "@import './styles/base.wxss';\n");
    write('styles/base.wxss', '.a { color: red; }\n');
    write('assets/home.png', 'PNG1');
    write('assets/logo.png', 'PNG22');
    write('assets/unused.png', 'never referenced');
    write('utils/shared.ts', "import type { Shape } from './types';\nimport { type Other } from './other';\nexport const shared = 1;\n");
    write('utils/types.ts', 'export interface Shape { a: number }\n');
    write('utils/other.ts', 'export interface Other { b: number }\n');
    write('utils/unused.ts', 'export const unused = 1;\n');
    write('pages/home/index.json', JSON.stringify({ usingComponents: { 't-tag': 'tdesign-miniprogram/tag/tag' } }));
    write('pages/home/index.wxml', '<image src="/assets/logo.png" /><image src="{{dynamic}}" /><t-tag>x</t-tag>\n');
    write('pages/home/index.wxss', '');
    write('pages/home/index.ts', "import { shared } from '../../utils/shared';\nPage({ data: { shared } });\n");
    write('packageA/list/index.json', JSON.stringify({ usingComponents: { card: '/components/card/index' } }));
    write('packageA/list/index.wxml', '<card />\n');
    write('packageA/list/index.wxss', '');
    write('packageA/list/index.ts', "import { helper } from '../shared/helper';\nPage({ helper });\n");
    write('packageA/shared/helper.ts', 'export const helper = 2;\n');
    write('packageA/unused/index.ts', 'export const nobody = 3;\n');
    write('components/card/index.json', '{"component": true}');
    write('components/card/index.wxml', '<wxs src="./format.wxs" module="f" /><view />\n');
    write('components/card/index.wxss', '');
    write('components/card/index.ts', 'Component({});\n');
    write('components/card/format.wxs', 'module.exports = {};\n');
    write('miniprogram_npm/tdesign-miniprogram/tag/tag.json', '{"component": true}');
    write('miniprogram_npm/tdesign-miniprogram/tag/tag.wxml', '<wxs src="../common/utils.wxs" module="_"/><view />');
    write('miniprogram_npm/tdesign-miniprogram/tag/tag.wxss', "@import '../common/style/index.wxss';.t-tag{}");
    write('miniprogram_npm/tdesign-miniprogram/tag/tag.js', 'import{__decorate}from"tslib";import props from"./props";');
    write('miniprogram_npm/tdesign-miniprogram/tag/props.js', 'export default {};');
    write('miniprogram_npm/tdesign-miniprogram/common/utils.wxs', 'module.exports = {};');
    write('miniprogram_npm/tdesign-miniprogram/common/style/index.wxss', '.t{}');
    write('miniprogram_npm/tdesign-miniprogram/miniprogram_npm/tslib/index.js', 'exports.__decorate = 1;');
    write('miniprogram_npm/tdesign-miniprogram/calendar/calendar.js', 'not used');
  });

  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

  test('files reachable from app.json, each in the package whose root holds it', () => {
    const report = measurePackages(root);
    expect(report.unresolved).toEqual([]);
    const [main, sub] = report.packages;
    expect(main.files).toEqual([
      'app.json',
      'app.ts',
      'app.wxss',
      'assets/home.png',
      'assets/logo.png',
      'components/card/format.wxs',
      'components/card/index.json',
      'components/card/index.ts',
      'components/card/index.wxml',
      'components/card/index.wxss',
      'miniprogram_npm/tdesign-miniprogram/common/style/index.wxss',
      'miniprogram_npm/tdesign-miniprogram/common/utils.wxs',
      'miniprogram_npm/tdesign-miniprogram/miniprogram_npm/tslib/index.js',
      'miniprogram_npm/tdesign-miniprogram/tag/props.js',
      'miniprogram_npm/tdesign-miniprogram/tag/tag.js',
      'miniprogram_npm/tdesign-miniprogram/tag/tag.json',
      'miniprogram_npm/tdesign-miniprogram/tag/tag.wxml',
      'miniprogram_npm/tdesign-miniprogram/tag/tag.wxss',
      'pages/home/index.json',
      'pages/home/index.ts',
      'pages/home/index.wxml',
      'pages/home/index.wxss',
      'styles/base.wxss',
      'utils/shared.ts',
    ]);
    expect(sub.name).toBe('packageA');
    expect(sub.files).toEqual([
      'packageA/list/index.json',
      'packageA/list/index.ts',
      'packageA/list/index.wxml',
      'packageA/list/index.wxss',
      'packageA/shared/helper.ts',
    ]);
    const bytes = (files: string[]) => files.reduce((sum, file) => sum + fs.statSync(path.join(root, file)).size, 0);
    expect(main.bytes).toBe(bytes(main.files));
    expect(sub.bytes).toBe(bytes(sub.files));
  });

  test('a package above its budget is reported, and a missing file is listed', () => {
    write('packageA/shared/helper.ts', `import './missing';\nexport const helper = '${'x'.repeat(SUBPACKAGE_BUDGET)}';\n`);
    const report = measurePackages(root);
    expect(overBudget(report)).toEqual([expect.stringMatching(/^packageA: .* is above its budget of 1843\.2 KB$/)]);
    expect(report.unresolved).toEqual(['packageA/shared/helper.ts → ./missing']);
    expect(formatReport(report)).toMatch(/^package +files +size +budget +used\nmain +24 /);
  });

  test('type-only imports and imports in comments are not loaded at run time', () => {
    expect(
      scriptImports(
        "import type { A } from './a';\nimport { type B, type C } from './b';\n// import { d } from './d';\n/* import { e } from './e'; */\nimport { f, type G } from './f';\nexport * from './g';\nconst h = require('./h');\nimport './i';",
      ),
    ).toEqual(['./f', './g', './i', './h']);
  });
});
