/**
 * 证书查验: a code from the link or typed in is checked; a valid one shows name, achievement and date and is
 * drawn (with its verification code) and can be saved; an unknown code gets a clear message; an empty one
 * is not sent.
 */
import { failure, ok } from '../wx-stub';
import { openPage, settle, tap, text, typeInto, wxStub } from '../harness';
import { installFakeCanvas, type FakeCanvasInstall } from '../fake-canvas';
import { backend, inputsOf } from '../../helpers/backend';
import type { IssuedCertificateView } from '../../../typings/functions/certificate';

let fake: FakeCanvasInstall;

beforeEach(() => {
  fake = installFakeCanvas();
});

afterEach(() => {
  fake.uninstall();
});

const CODE = 'ABCDEFGHJKLMNPQR';
const ISSUED: IssuedCertificateView = {
  kind: 'assignment',
  code: CODE,
  number: 'ZS-2026-001',
  memberName: '王芳',
  departmentPath: ['总部', '信息技术部'],
  achievement: '安全生产必修课',
  detail: '按时完成必修课',
  issuedDay: '2026-05-02',
};

test('opened with a code: the certificate is checked, shown and drawn with its code, and can be saved', async () => {
  backend({ 'certificate.verify': () => ok(ISSUED) });
  const { page, simulate } = await openPage('packageNotice/certificate/index', { code: 'ABCDEFGHJKLMNPQR' });
  await settle(simulate, 5);
  expect(inputsOf('certificate', 'verify')).toEqual([{ code: 'ABCDEFGHJKLMNPQR' }]);
  expect(text(page.querySelector('.valid'))).toBe('证书有效');
  expect(text(page.querySelector('.certificate-name'))).toBe('王芳');
  expect(text(page.querySelector('.certificate-achievement'))).toBe('安全生产必修课');
  expect(text(page.querySelector('.certificate-issued'))).toBe('颁发于 2026年5月2日');
  expect(fake.canvases[0]!.context.texts.map((entry) => entry.text)).toEqual([
    '结业证书',
    '王芳',
    '完成必修课',
    '「安全生产必修课」',
    '按时完成必修课，特发此证。',
    '证书编号：ZS-2026-001',
    '验证码：ABCDEFGHJKLMNPQR',
    '2026年5月2日',
  ]);
  await tap(simulate, page.querySelector('.save-button')!);
  await settle(simulate, 5);
  expect(wxStub().savedImages).toEqual(['wxfile://tmp/canvas.png']);
});

test('a typed code is checked; an unknown one says so clearly and shows nothing', async () => {
  backend({
    'certificate.verify': (call) =>
      call.event.code === 'ABCDEFGHJKLMNPQR'
        ? ok({ ...ISSUED, kind: 'contest_award', achievement: '一等奖' })
        : failure('NOT_FOUND', '未找到该证书，请核对验证码'),
  });
  const { page, simulate } = await openPage('packageNotice/certificate/index');
  expect(inputsOf('certificate', 'verify')).toEqual([]);
  await tap(simulate, page.querySelector('.check-button')!);
  expect(text(page.querySelector('.notice'))).toBe('请输入证书上的验证码');
  expect(inputsOf('certificate', 'verify')).toEqual([]);

  await typeInto(simulate, page, '.code-input', 'ZZZZZZZZZZZZZZZZ');
  await tap(simulate, page.querySelector('.check-button')!);
  await settle(simulate, 5);
  expect(text(page.querySelector('.notice'))).toBe('未找到该证书，请核对验证码');
  expect(page.querySelector('.result')).toBeFalsy();

  await typeInto(simulate, page, '.code-input', 'ABCDEFGHJKLMNPQR');
  await tap(simulate, page.querySelector('.check-button')!);
  await settle(simulate, 5);
  expect(page.querySelector('.notice')).toBeFalsy();
  expect(text(page.querySelector('.certificate-achievement'))).toBe('一等奖');
  expect(fake.canvases[0]!.context.texts.slice(0, 3).map((entry) => entry.text)).toEqual(['荣誉证书', '王芳', '在大赛中荣获']);
});
