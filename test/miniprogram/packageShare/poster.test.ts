/**
 * 分享海报: drawn from share.poster (cover, title, sharer, mini-program code) on a canvas 2d, saved to the album;
 * a refused album permission leads to the settings page (wx.getSetting / wx.openSetting).
 */
import { failure, ok } from '../wx-stub';
import { inStatus, settle, tap, wxStub, openPage, text } from '../harness';
import { callsOf, courseBackend } from '../../helpers/pages/course';
import { installFakeCanvas, type FakeCanvasInstall } from '../fake-canvas';
import { TOKEN } from '../../helpers/pages/share';
import { PROFILE } from '../../helpers/pages/profile';
import type { PosterResult } from '../../../typings/functions/share';

const POSTER: PosterResult = {
  token: TOKEN,
  target: { kind: 'course', id: 'c1' },
  title: '高效沟通的四个习惯',
  cover: 'cloud://local-bucket/covers/c1.png',
  coverUrl: 'http://127.0.0.1:8787/storage/covers/c1.png',
  codeFileID: 'cloud://local-bucket/wxacode/x.png',
  codeUrl: 'http://127.0.0.1:8787/storage/wxacode/x.png',
  page: 'pages/share/index',
  scene: TOKEN,
};

let fake: FakeCanvasInstall;

beforeEach(() => {
  fake = installFakeCanvas();
});

afterEach(() => {
  fake.uninstall();
});

async function openPoster(poster: PosterResult = POSTER) {
  courseBackend({ 'share.poster': () => ok(poster), 'user.me': () => ok(PROFILE) });
  const opened = await openPage('packageShare/poster/index', { kind: 'course', id: 'c1' });
  // The images load on timers, then the page says it is drawn.
  for (let round = 0; round < 20 && !(opened.page.instance as unknown as { data: { drawn: boolean } }).data.drawn; round += 1) await settle(opened.simulate);
  return opened;
}

const drawnTexts = () => fake.canvases[0].context.texts.map((entry) => entry.text);

test('draws the cover, the title, who shares it and the mini-program code', async () => {
  const { page } = await openPoster();
  expect(callsOf('share.poster')).toEqual([{ action: 'poster', targetKind: 'course', targetId: 'c1' }]);
  const context = fake.canvases[0].context;
  expect(context.images.map((image) => (image as { src: string }).src)).toEqual([POSTER.coverUrl, POSTER.codeUrl]);
  expect(drawnTexts()).toEqual(expect.arrayContaining(['高效沟通的四个习惯', '王芳 邀请你一起学习这门课程', '长按识别小程序码']));
  expect(text(page.querySelector('.poster-hint'))).toBe('保存到相册后，可发给同事或发到工作群');
});

test('a long title wraps onto two lines and ends with …', async () => {
  await openPoster({ ...POSTER, title: '如何在跨部门协作中建立信任并推动项目按期交付的十个实践与反思：来自一线项目经理的复盘、工具清单和常见误区' });
  const titleLines = fake.canvases[0].context.texts.filter((entry) => entry.y > 170 && entry.y < 240 && !entry.text.includes('邀请'));
  expect(titleLines).toHaveLength(2);
  expect(titleLines[1].text.endsWith('…')).toBe(true);
});

test('without a cover the poster still draws, in the brand colour', async () => {
  await openPoster({ ...POSTER, cover: null, coverUrl: null });
  expect(drawnTexts()).toContain('微课 · 课程');
  expect(fake.canvases[0].context.images).toHaveLength(1);
});

test('a code that does not load is an error with retry', async () => {
  const { page } = await openPoster({ ...POSTER, codeUrl: 'http://127.0.0.1:8787/storage/broken.png' });
  expect(text(inStatus(page, '.state-error'))).toContain('小程序码加载失败');
});

test('saves the drawn poster to the album on the first try', async () => {
  const { page, simulate } = await openPoster();
  await tap(simulate, page.querySelector('.save')!);
  await settle(simulate, 6);
  // The canvas the poster was drawn on (a second query would give a cleared one).
  expect(wxStub().exportedCanvases).toEqual([fake.canvases[0]]);
  expect(wxStub().deviceCalls).toEqual(['canvasToTempFilePath', 'getSetting', 'saveImageToPhotosAlbum wxfile://tmp/canvas.png']);
  expect(wxStub().toasts).toEqual(['海报已保存到相册']);
});

test('permission refused before: the settings page is offered and the save goes ahead once allowed', async () => {
  wxStub().albumPermission = false;
  wxStub().allowAlbumInSettings = true;
  wxStub().modalAnswers = [true];
  const { page, simulate } = await openPoster();
  await tap(simulate, page.querySelector('.save')!);
  await settle(simulate, 8);
  expect(wxStub().modals).toEqual([expect.objectContaining({ title: '需要相册权限' })]);
  expect(wxStub().deviceCalls).toEqual(['canvasToTempFilePath', 'getSetting', 'openSetting', 'saveImageToPhotosAlbum wxfile://tmp/canvas.png']);
  expect(wxStub().toasts).toEqual(['海报已保存到相册']);
});

test('refused now, and not allowed in settings: nothing is saved and the user is told why', async () => {
  wxStub().saveImageFailures = ['saveImageToPhotosAlbum:fail auth deny'];
  wxStub().modalAnswers = [true];
  const { page, simulate } = await openPoster();
  await tap(simulate, page.querySelector('.save')!);
  await settle(simulate, 8);
  expect(wxStub().deviceCalls).toEqual(['canvasToTempFilePath', 'getSetting', 'saveImageToPhotosAlbum wxfile://tmp/canvas.png', 'openSetting']);
  expect(wxStub().toasts).toEqual(['没有相册权限，海报未保存']);
});

test('a poster the caller may not make shows the reason', async () => {
  courseBackend({ 'share.poster': () => failure('NOT_FOUND', '课程不存在或已下架'), 'user.me': () => ok(PROFILE) });
  const { page } = await openPage('packageShare/poster/index', { kind: 'course', id: 'gone' });
  expect(text(inStatus(page, '.state-error'))).toContain('课程不存在或已下架');
});
