/**
 * 确认登录管理后台 (opened by scanning the console's code; the scene is the login request id) and
 * 我的 → 登录设备 (the member's console sessions, each ended with 退出登录).
 */
import { openPage, tap, text, texts } from '../harness';
import { backend, inputsOf } from '../../helpers/backend';
import { failure, ok } from '../wx-stub';
import type { LoginRequestDetail } from '../../../typings/functions/web-console';

const LOGIN_ID = 'AbCdEfGhIjKlMnOpQrStUvWx';
const DETAIL: LoginRequestDetail = {
  loginId: LOGIN_ID,
  browser: 'Chrome 130 · Windows',
  ip: '10.1.2.3',
  requestedAt: '2026-03-02T02:00:00.000Z',
  expiresAt: '2026-03-02T02:02:00.000Z',
  status: 'pending',
};

test('shows which browser asks and from where, and confirms the request named by the scene', async () => {
  backend({ 'webConsole.loginDetail': () => ok(DETAIL), 'webConsole.confirmLogin': () => ok({ confirmed: true }) });
  const { page, simulate } = await openPage('packageConsole/confirm/index', { scene: encodeURIComponent(LOGIN_ID) });
  expect(inputsOf('webConsole', 'loginDetail')).toEqual([{ loginId: LOGIN_ID }]);
  expect(text(page.querySelector('.request-browser'))).toBe('Chrome 130 · Windows');
  expect(text(page.querySelector('.request-ip'))).toBe('10.1.2.3');
  expect(text(page.querySelector('.request-time'))).toBe('2026-03-02 10:00');
  await tap(simulate, page.querySelector('.confirm')!);
  expect(inputsOf('webConsole', 'confirmLogin')).toEqual([{ loginId: LOGIN_ID }]);
  expect(text(page.querySelector('.result'))).toBe('已确认，电脑上的管理后台将自动登录');
});

test("cancels; a member without a console role sees the server's reason", async () => {
  backend({ 'webConsole.loginDetail': () => ok(DETAIL), 'webConsole.cancelLogin': () => ok({ cancelled: true }) });
  const cancelled = await openPage('packageConsole/confirm/index', { scene: LOGIN_ID });
  await tap(cancelled.simulate, cancelled.page.querySelector('.cancel')!);
  expect(inputsOf('webConsole', 'cancelLogin')).toEqual([{ loginId: LOGIN_ID }]);
  expect(text(cancelled.page.querySelector('.result'))).toBe('已取消登录');

  backend({
    'webConsole.loginDetail': () => ok(DETAIL),
    'webConsole.confirmLogin': () => failure('CONSOLE_NOT_FOR_YOU', '管理后台仅供培训管理员、审核员、评委和管理员使用'),
  });
  const refused = await openPage('packageConsole/confirm/index', { scene: LOGIN_ID });
  await tap(refused.simulate, refused.page.querySelector('.confirm')!);
  expect(text(refused.page.querySelector('.result'))).toBe('管理后台仅供培训管理员、审核员、评委和管理员使用');
});

test('an expired request offers nothing to confirm', async () => {
  backend({ 'webConsole.loginDetail': () => ok({ ...DETAIL, status: 'expired' }) });
  const { page } = await openPage('packageConsole/confirm/index', { scene: LOGIN_ID });
  expect(page.querySelector('.confirm')).toBeUndefined();
  expect(text(page.querySelector('.result'))).toBe('登录二维码已失效，请在电脑上刷新二维码后重新扫码');
});

test('登录设备 lists the console sessions and ends one', async () => {
  const sessions = [
    {
      sessionId: 'csAAAAAAAAAAAAAAAAAAAAAA',
      browser: 'Chrome 130 · Windows',
      ip: '10.1.2.3',
      signedInAt: '2026-03-02T02:00:00.000Z',
      lastSeenAt: '2026-03-02T03:00:00.000Z',
      current: false,
    },
  ];
  let listed = sessions;
  backend({
    'webConsole.sessions': () => ok(listed),
    'webConsole.endSession': () => {
      listed = [];
      return ok({ ended: true });
    },
  });
  const { page, simulate } = await openPage('packageConsole/devices/index');
  expect(texts(page.querySelectorAll('.session-browser'))).toEqual(['Chrome 130 · Windows']);
  expect(text(page.querySelector('.session-meta'))).toBe('网络地址 10.1.2.3 · 登录于 2026-03-02 10:00 · 最近使用 2026-03-02 11:00');
  await tap(simulate, page.querySelector('.session-end')!);
  expect(inputsOf('webConsole', 'endSession')).toEqual([{ sessionId: 'csAAAAAAAAAAAAAAAAAAAAAA' }]);
  expect(page.querySelectorAll('.session')).toHaveLength(0);
});
