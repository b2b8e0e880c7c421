/**
 * The web console's sign-in by scan and its sessions, through the real `main`, the real wx-server-sdk and the
 * in-process local cloud: the browser's login request and mini-program code, the member's confirmation, the
 * single-use ticket the local cloud verifies like CloudBase's custom login
 * (https://docs.cloudbase.net/authentication-v2/method/custom-login), and the caller functions then resolve
 * (custom user id → console session → member). Sessions end after 8 idle hours, from the phone, and when
 * the member is unbound or deactivated; each end refuses the very next call.
 */
import { callAction } from '../../helpers/invoke';
import { useTestCloud } from '../../helpers/local-cloud';
import { countAll, grant, readDoc, seedMember, testDb } from '../../helpers/db';
import { codeOf, dataOf } from '../../helpers/envelope';
import { freezeClock, setClock } from '../../helpers/clock';
import { COLLECTIONS } from '../../../server/core/collections';

const T0 = new Date('2026-03-02T01:00:00Z');
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

jest.setTimeout(60_000);

const cloud = useTestCloud();

const TRAINER = 'o-wc-trainer';
const LEARNER = 'o-wc-learner';
const ADMIN = 'o-wc-admin';
const browserA = { browser: { uid: 'anon-browser-a', ip: '10.0.0.8' } };
const browserB = { browser: { uid: 'anon-browser-b' } };

beforeAll(async () => {
  freezeClock(T0);
  await seedMember(TRAINER, 'm:wc-trainer', { roles: [grant('trainer')] });
  await seedMember(LEARNER, 'm:wc-learner');
  await seedMember(ADMIN, 'm:wc-admin', { roles: [grant('admin')] });
});

afterAll(() => jest.useRealTimers());

/** The whole scan as `openid`; answers the console's identity after the ticket sign-in. */
async function signIn(openid: string, browser = browserA): Promise<{ browser: { uid: string; customUserId: string; ip?: string }; loginId: string }> {
  const { loginId } = dataOf(await callAction('webConsole', 'requestLogin', { browser: 'Chrome 130 · Linux' }, browser));
  dataOf(await callAction('webConsole', 'confirmLogin', { loginId }, { openid }));
  const status = dataOf(await callAction('webConsole', 'loginStatus', { loginId }, browser));
  if (status.status !== 'confirmed') throw new Error(`not confirmed: ${status.status}`);
  const signedIn = cloud.webAuth.signInWithTicket(status.ticket);
  return { browser: { uid: signedIn.uid, customUserId: signedIn.customUserId, ip: browser.browser.ip }, loginId };
}

describe('the login request', () => {
  it('carries a mini-program code for the confirm page, and shows the phone which browser asks and from where', async () => {
    const request = dataOf(await callAction('webConsole', 'requestLogin', { browser: 'Chrome 130 · Linux' }, browserA));
    expect(request.loginId).toMatch(/^[A-Za-z0-9]{24}$/);
    expect(request.code).toMatch(/^data:image\/png;base64,/);
    expect(request.page).toBe(`packageConsole/confirm/index?scene=${request.loginId}`);
    expect(new Date(request.expiresAt).getTime() - T0.getTime()).toBe(2 * MINUTE);
    const detail = dataOf(await callAction('webConsole', 'loginDetail', { loginId: request.loginId }, { openid: TRAINER }));
    expect(detail).toMatchObject({ browser: 'Chrome 130 · Linux', ip: '10.0.0.8', status: 'pending' });
  });

  it('is refused to mini-program callers, and another browser cannot read it', async () => {
    expect(codeOf(await callAction('webConsole', 'requestLogin', { browser: 'x' }, { openid: TRAINER }))).toBe('UNAUTHENTICATED');
    expect(codeOf(await callAction('webConsole', 'requestLogin', { browser: 'x' }, {}))).toBe('UNAUTHENTICATED');
    const { loginId } = dataOf(await callAction('webConsole', 'requestLogin', { browser: 'x' }, browserA));
    expect(codeOf(await callAction('webConsole', 'loginStatus', { loginId }, browserB))).toBe('NOT_FOUND');
  });

  it('hands the ticket out once, and the ticket signs the browser in as the member who confirmed', async () => {
    const { browser, loginId } = await signIn(TRAINER);
    expect(dataOf(await callAction('webConsole', 'loginStatus', { loginId }, browserA))).toEqual({ status: 'used' });
    const me = dataOf(await callAction('user', 'me', {}, { browser }));
    expect(me).toMatchObject({ bound: true, memberId: 'm:wc-trainer' });
    const sessions = dataOf(await callAction('webConsole', 'sessions', {}, { openid: TRAINER }));
    expect(sessions.find((s) => s.sessionId === browser.customUserId)).toMatchObject({ browser: 'Chrome 130 · Linux', ip: '10.0.0.8', current: false });
  });

  it('turns away a member without a console role, writing nothing', async () => {
    const { loginId } = dataOf(await callAction('webConsole', 'requestLogin', { browser: 'x' }, browserA));
    const before = await countAll(COLLECTIONS.consoleSessions);
    const answer = await callAction('webConsole', 'confirmLogin', { loginId }, { openid: LEARNER });
    expect(codeOf(answer)).toBe('CONSOLE_NOT_FOR_YOU');
    expect(answer.ok ? '' : answer.message).toBe('管理后台仅供培训管理员、审核员、评委和管理员使用');
    expect(await countAll(COLLECTIONS.consoleSessions)).toBe(before);
    expect(dataOf(await callAction('webConsole', 'loginStatus', { loginId }, browserA))).toEqual({ status: 'pending' });
  });

  it('expires after 2 minutes, and a cancelled or confirmed request cannot be confirmed again', async () => {
    const late = dataOf(await callAction('webConsole', 'requestLogin', { browser: 'x' }, browserA));
    setClock(new Date(T0.getTime() + 2 * MINUTE + 1000));
    expect(codeOf(await callAction('webConsole', 'confirmLogin', { loginId: late.loginId }, { openid: TRAINER }))).toBe('CONSOLE_LOGIN_EXPIRED');
    expect(dataOf(await callAction('webConsole', 'loginStatus', { loginId: late.loginId }, browserA))).toEqual({ status: 'expired' });
    setClock(T0);

    const cancelled = dataOf(await callAction('webConsole', 'requestLogin', { browser: 'x' }, browserA));
    dataOf(await callAction('webConsole', 'cancelLogin', { loginId: cancelled.loginId }, { openid: TRAINER }));
    expect(codeOf(await callAction('webConsole', 'confirmLogin', { loginId: cancelled.loginId }, { openid: TRAINER }))).toBe('CONSOLE_LOGIN_EXPIRED');
    expect(dataOf(await callAction('webConsole', 'loginStatus', { loginId: cancelled.loginId }, browserA))).toEqual({ status: 'cancelled' });

    const { loginId } = await signIn(TRAINER);
    expect(codeOf(await callAction('webConsole', 'confirmLogin', { loginId }, { openid: ADMIN }))).toBe('CONSOLE_LOGIN_EXPIRED');
  });

  it('refuses a ticket signed with another key', () => {
    expect(() => cloud.webAuth.signInWithTicket('other-key/@@/a.b.c')).toThrow(/custom-login key/);
  });
});

describe('login requests per address', () => {
  it('are limited per 10 minutes, exactly under a crowd, refusals write nothing, and the next window is open again', async () => {
    const office = (i: number) => ({ browser: { uid: `anon-office-${i}`, ip: '10.9.9.9' } });
    const asked = () => callAction('webConsole', 'requestLogin', { browser: 'Chrome 130 · Windows' }, office(0));
    const codes = await Promise.all(
      Array.from({ length: 70 }, (_, i) => callAction('webConsole', 'requestLogin', { browser: 'Chrome 130 · Windows' }, office(i)).then(codeOf)),
    );
    expect(codes.filter((code) => code === 'OK')).toHaveLength(60);
    expect(codes.filter((code) => code === 'RATE_LIMITED')).toHaveLength(10);
    const logins = await countAll(COLLECTIONS.consoleLogins);
    const refused = await asked();
    expect(refused).toMatchObject({ ok: false, code: 'RATE_LIMITED' });
    expect(await countAll(COLLECTIONS.consoleLogins)).toBe(logins);
    // Another address is not held back by this one.
    expect(codeOf(await callAction('webConsole', 'requestLogin', { browser: 'Chrome 130 · Windows' }, { browser: { uid: 'anon-home', ip: '10.8.8.8' } }))).toBe(
      'OK',
    );
    setClock(new Date(T0.getTime() + 10 * MINUTE));
    expect(codeOf(await asked())).toBe('OK');
    setClock(T0);
  });
});

describe('console sessions', () => {
  it('resolve a console call with one read more than the app: the session, then its member as the guard reads it', async () => {
    const { browser } = await signIn(TRAINER);
    cloud.actions.reset();
    dataOf(await callAction('user', 'me', {}, { browser }));
    const consoleOps = cloud.actions.databaseOperations();
    cloud.actions.reset();
    dataOf(await callAction('user', 'me', {}, { openid: TRAINER }));
    // user.me's own reads are the same either way; the console adds the session read.
    expect(consoleOps - cloud.actions.databaseOperations()).toBe(1);
  });

  it('end after 8 idle hours, and the next call says to scan again', async () => {
    const { browser } = await signIn(TRAINER);
    setClock(new Date(T0.getTime() + 8 * HOUR - MINUTE));
    expect(codeOf(await callAction('user', 'me', {}, { browser }))).toBe('OK');
    // That call counted as use: 8 hours from it the session is still open, a minute later it is not.
    setClock(new Date(T0.getTime() + 16 * HOUR - 2 * MINUTE));
    expect(codeOf(await callAction('user', 'me', {}, { browser }))).toBe('OK');
    setClock(new Date(T0.getTime() + 24 * HOUR));
    expect(codeOf(await callAction('user', 'me', {}, { browser }))).toBe('CONSOLE_SESSION_ENDED');
    expect(await readDoc(COLLECTIONS.consoleSessions, browser.customUserId)).toMatchObject({ endedReason: 'idle' });
    setClock(T0);
  });

  it('are listed and ended from the phone; another member cannot end them', async () => {
    const { browser } = await signIn(TRAINER);
    expect(codeOf(await callAction('webConsole', 'endSession', { sessionId: browser.customUserId }, { openid: ADMIN }))).toBe('NOT_FOUND');
    expect(await readDoc(COLLECTIONS.consoleSessions, browser.customUserId)).toMatchObject({ endedAt: null });
    dataOf(await callAction('webConsole', 'endSession', { sessionId: browser.customUserId }, { openid: TRAINER }));
    expect(codeOf(await callAction('user', 'me', {}, { browser }))).toBe('CONSOLE_SESSION_ENDED');
    const listed = dataOf(await callAction('webConsole', 'sessions', {}, { openid: TRAINER }));
    expect(listed.map((s) => s.sessionId)).not.toContain(browser.customUserId);
  });

  it('sign out from the console itself, which is marked as the current session in its own list', async () => {
    const { browser } = await signIn(TRAINER);
    const listed = dataOf(await callAction('webConsole', 'sessions', {}, { browser }));
    expect(listed.find((s) => s.current)?.sessionId).toBe(browser.customUserId);
    dataOf(await callAction('webConsole', 'signOut', {}, { browser }));
    expect(codeOf(await callAction('user', 'me', {}, { browser }))).toBe('CONSOLE_SESSION_ENDED');
    expect(codeOf(await callAction('webConsole', 'signOut', {}, { openid: TRAINER }))).toBe('NOT_FOUND');
  });

  it('cannot confirm another console sign-in', async () => {
    const { browser } = await signIn(TRAINER);
    const { loginId } = dataOf(await callAction('webConsole', 'requestLogin', { browser: 'x' }, browserB));
    expect(codeOf(await callAction('webConsole', 'confirmLogin', { loginId }, { browser }))).toBe('FORBIDDEN');
  });

  it('end at once when the member is unbound by an admin', async () => {
    await seedMember('o-wc-unbound', 'm:wc-unbound', { roles: [grant('trainer')] });
    const { browser } = await signIn('o-wc-unbound');
    dataOf(await callAction('admin', 'unbindMember', { memberId: 'm:wc-unbound' }, { openid: ADMIN }));
    expect(codeOf(await callAction('user', 'me', {}, { browser }))).toBe('CONSOLE_SESSION_ENDED');
    expect(await readDoc(COLLECTIONS.consoleSessions, browser.customUserId)).toMatchObject({ endedReason: 'unbound' });
  });

  it('end at once when the member is deactivated', async () => {
    await seedMember('o-wc-leaver', 'm:wc-leaver', { roles: [grant('trainer')] });
    const { browser } = await signIn('o-wc-leaver');
    await testDb()
      .collection(COLLECTIONS.members)
      .doc('m:wc-leaver')
      .update({ data: { active: false } });
    expect(codeOf(await callAction('user', 'me', {}, { browser }))).toBe('CONSOLE_SESSION_ENDED');
    expect(await readDoc(COLLECTIONS.consoleSessions, browser.customUserId)).toMatchObject({ endedReason: 'deactivated' });
  });

  it('an unknown custom user id is no session', async () => {
    expect(codeOf(await callAction('user', 'me', {}, { browser: { uid: 'custom-x', customUserId: 'csAAAAAAAAAAAAAAAAAAAAAA' } }))).toBe(
      'CONSOLE_SESSION_ENDED',
    );
  });
});
