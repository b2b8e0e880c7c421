/**
 * 结业证书: the days still needed before it is earned; once earned, drawn on a canvas 2d (name, campaign, days,
 * number, date) and saved to the album with WeChat's permission flow: a refused scope.writePhotosAlbum fails
 * at once without asking again, so the page offers the settings page
 * (https://developers.weixin.qq.com/miniprogram/dev/framework/open-ability/authorize.html).
 */
import { ok } from '../wx-stub';
import { settle, tap, wxStub, openPage, text } from '../harness';
import { installFakeCanvas, type FakeCanvasInstall } from '../fake-canvas';
import { backend, callsOf } from '../../helpers/pages/campaign';
import type { CertificateStatusView } from '../../../typings/functions/campaign-engagement';

let fake: FakeCanvasInstall;

beforeEach(() => {
  fake = installFakeCanvas();
});

afterEach(() => {
  fake.uninstall();
});

const earned: CertificateStatusView = {
  certificate: {
    number: 'WK-C1-0042',
    code: 'ABCDEFGHJKLMNPQR',
    campaignId: 'c1',
    campaignTitle: '21 天阅读打卡',
    memberName: '张三',
    departmentPath: ['总部'],
    daysCheckedIn: 20,
    plannedDays: 21,
    issuedDay: '2026-03-21',
    issuedAt: '2026-03-21T12:00:00.000Z',
  },
  daysDone: 20,
  daysRequired: 17,
  plannedDays: 21,
  certificatePercent: 80,
};

async function openEarned() {
  backend({ myCertificate: () => ok(earned) });
  const opened = await openPage('packageCampaign/certificate/index', { id: 'c1' });
  await settle(opened.simulate, 5);
  return opened;
}

test('not earned yet: how many days are still needed', async () => {
  backend({ myCertificate: () => ok({ certificate: null, daysDone: 12, daysRequired: 17, plannedDays: 21, certificatePercent: 80 }) });
  const { page } = await openPage('packageCampaign/certificate/index', { id: 'c1' });
  expect(callsOf('myCertificate')).toEqual([{ action: 'myCertificate', campaignId: 'c1' }]);
  expect(text(page.querySelector('.progress'))).toBe('已打卡 12 天，打卡满 17 天（活动的 80%）即可获得结业证书，还差 5 天');
  expect(page.querySelector('.save-button')).toBeFalsy();
});

test('earned: the certificate is drawn with name, campaign, days, number and date', async () => {
  const { page } = await openEarned();
  const drawnTexts = fake.canvases[0]!.context.texts.map((entry) => entry.text);
  expect(drawnTexts).toEqual([
    '结业证书',
    '张三',
    '完成打卡活动',
    '「21 天阅读打卡」',
    '累计打卡 20 天（共 21 天），特发此证。',
    '证书编号：WK-C1-0042',
    '2026年3月21日',
  ]);
  expect(text(page.querySelector('.certificate-number'))).toBe('证书编号：WK-C1-0042');
  expect(text(page.querySelector('.certificate-days'))).toBe('累计打卡 20/21 天');
});

test('saving exports the canvas and saves it to the album', async () => {
  const { page, simulate } = await openEarned();
  await tap(simulate, page.querySelector('.save-button')!);
  await settle(simulate, 5);
  // The canvas the certificate was drawn on (a second query would give a cleared one).
  expect(wxStub().exportedCanvases).toEqual([fake.canvases[0]]);
  expect(wxStub().savedImages).toEqual(['wxfile://tmp/canvas.png']);
  expect(wxStub().toasts).toEqual(['证书已保存到相册']);
});

test('a refused album permission offers the settings page; allowed there, the save goes through', async () => {
  const { page, simulate } = await openEarned();
  wxStub().saveImageFailures = ['saveImageToPhotosAlbum:fail auth deny'];
  wxStub().allowAlbumInSettings = true;
  wxStub().modalAnswers.push(true);
  await tap(simulate, page.querySelector('.save-button')!);
  await settle(simulate, 8);
  expect(wxStub().modals[0]?.title).toBe('需要相册权限');
  expect(wxStub().deviceCalls).toEqual([
    'canvasToTempFilePath',
    'getSetting',
    'saveImageToPhotosAlbum wxfile://tmp/canvas.png',
    'openSetting',
    'saveImageToPhotosAlbum wxfile://tmp/canvas.png',
  ]);
  expect(wxStub().savedImages).toEqual(['wxfile://tmp/canvas.png']);
  expect(wxStub().toasts).toEqual(['证书已保存到相册']);
});

test('declining the settings page saves nothing and says why; cancelling the save says so', async () => {
  const { page, simulate } = await openEarned();
  wxStub().saveImageFailures = ['saveImageToPhotosAlbum:fail auth deny'];
  wxStub().modalAnswers.push(false);
  await tap(simulate, page.querySelector('.save-button')!);
  await settle(simulate, 8);
  expect(wxStub().savedImages).toEqual([]);
  wxStub().saveImageFailures = ['saveImageToPhotosAlbum:fail cancel'];
  await tap(simulate, page.querySelector('.save-button')!);
  await settle(simulate, 8);
  expect(wxStub().toasts).toEqual(['没有相册权限，证书未保存', '已取消保存']);
});
