/** scripts/check-miniprogram.ts on small broken apps built in a temp dir, and on the real app. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildMiniprogramNpm } from '../../scripts/build-miniprogram-npm';
import { checkMiniprogram, type CheckProblem } from '../../scripts/check-miniprogram';

const ROOT = path.resolve(__dirname, '../../miniprogram');
let dir: string;

function write(relative: string, content: string): void {
  const file = path.join(dir, relative);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, content);
}

/** A minimal valid app: one page using one local component and one npm component. */
function writeValidApp(): void {
  write('app.json', JSON.stringify({ pages: ['pages/home/index'] }));
  write('app.ts', 'App({});');
  write('app.wxss', 'page { color: #333; }');
  write('pages/home/index.json', JSON.stringify({ usingComponents: { card: '../../components/card/index', 'ui-button': 'ui-kit/button' } }));
  write('pages/home/index.ts', 'Component({});');
  write('pages/home/index.wxml', '<view class="home"><card /><ui-button /></view>');
  write('pages/home/index.wxss', '.home { padding: 8rpx; }');
  write('components/card/index.json', JSON.stringify({ component: true }));
  write('components/card/index.ts', 'Component({});');
  write('components/card/index.wxml', '<view>{{title}}</view>');
  write('components/card/index.wxss', 'view { margin: 0; }');
  write('miniprogram_npm/ui-kit/button.json', JSON.stringify({ component: true }));
  write('miniprogram_npm/ui-kit/button.wxml', '<button><slot /></button>');
}

const files = (problems: CheckProblem[]) => problems.map((problem) => problem.file);

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'weike-check-'));
  writeValidApp();
});

afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

test('a valid app passes', () => {
  expect(checkMiniprogram(dir)).toEqual([]);
});

test('a page named in app.json but missing is reported with each missing file', () => {
  write(
    'app.json',
    JSON.stringify({
      pages: ['pages/home/index', 'pages/gone/index'],
      tabBar: { list: [{ pagePath: 'pages/nope/index', text: 'x', iconPath: 'icons/x.png' }] },
    }),
  );
  const problems = checkMiniprogram(dir);
  expect(files(problems)).toEqual(expect.arrayContaining(['pages/gone/index.json', 'pages/gone/index.wxml', 'pages/gone/index.wxss', 'pages/gone/index.ts']));
  const messages = problems.map((problem) => problem.message).join('\n');
  expect(messages).toContain('tabBar page "pages/nope/index" is not one of app.json\'s pages');
  expect(messages).toContain('tabBar icon "icons/x.png" does not exist');
});

test('subpackage pages are checked too', () => {
  write('app.json', JSON.stringify({ pages: ['pages/home/index'], subpackages: [{ root: 'admin', pages: ['pages/dash/index'] }] }));
  expect(files(checkMiniprogram(dir))).toContain('admin/pages/dash/index.wxml');
});

test('a usingComponents path that does not resolve names the JSON file and the path', () => {
  write(
    'pages/home/index.json',
    JSON.stringify({ usingComponents: { card: '../../components/kard/index', 'ui-button': 'ui-kit/missing', abs: '/components/card/index' } }),
  );
  const problems = checkMiniprogram(dir);
  expect(problems).toEqual([
    { file: 'pages/home/index.json', message: 'usingComponents "card": "../../components/kard/index" does not resolve to a component' },
    { file: 'pages/home/index.json', message: 'usingComponents "ui-button": "ui-kit/missing" does not resolve to a component' },
  ]);
});

test('components used by components are followed', () => {
  write('components/card/index.json', JSON.stringify({ component: true, usingComponents: { inner: './nope' } }));
  expect(checkMiniprogram(dir)).toEqual([{ file: 'components/card/index.json', message: 'usingComponents "inner": "./nope" does not resolve to a component' }]);
});

test('broken WXML is reported with the compiler message', () => {
  write('components/card/index.wxml', '<view><text>{{title}}</view>');
  const problems = checkMiniprogram(dir);
  expect(files(problems)).toEqual(['components/card/index.wxml']);
  expect(problems[0]?.message).toMatch(/WXML does not compile: .*expect end-tag `text`/);
});

test('broken WXSS is reported with the compiler message', () => {
  write('pages/home/index.wxss', '.home { padding: 8rpx; ');
  const problems = checkMiniprogram(dir);
  expect(files(problems)).toEqual(['pages/home/index.wxss']);
  expect(problems[0]?.message).toMatch(/WXSS does not compile: .*index\.wxss/);
});

test('invalid page JSON is reported', () => {
  write('pages/home/index.json', '{ "usingComponents": ');
  expect(checkMiniprogram(dir)).toEqual([{ file: 'pages/home/index.json', message: expect.stringMatching(/^invalid JSON/) }]);
});

test('a page that confirms, itself or through a module it imports, needs the dialog confirmModal asks with', () => {
  write('utils/ui.ts', 'export function confirmModal(options: object): Promise<boolean> { return Promise.resolve(!!options); }');
  write('utils/album.ts', "import { confirmModal } from './ui';\nexport const ask = () => confirmModal({});");
  // Importing the module that defines confirmModal is not confirming.
  write('pages/home/index.ts', "import { confirmModal } from '../../utils/ui';\nvoid confirmModal;\nComponent({});");
  expect(checkMiniprogram(dir)).toEqual([]);

  const missing = [{ file: 'pages/home/index.wxml', message: 'the page confirms (confirmModal) but has no <t-dialog id="t-dialog" /> to ask with' }];
  write('pages/home/index.ts', "import { ask } from '../../utils/album';\nComponent({ methods: { onSave: ask } });");
  expect(checkMiniprogram(dir)).toEqual(missing);
  write('pages/home/index.ts', "import { confirmModal } from '../../utils/ui';\nComponent({ methods: { onDelete: () => confirmModal({}) } });");
  expect(checkMiniprogram(dir)).toEqual(missing);

  write('pages/home/index.wxml', '<view class="home"><card /><ui-button /></view>\n<t-dialog id="t-dialog" />');
  expect(checkMiniprogram(dir)).toEqual([]);
});

test('the real mini-program passes (after the npm build)', async () => {
  await buildMiniprogramNpm();
  expect(checkMiniprogram(ROOT)).toEqual([]);
});
