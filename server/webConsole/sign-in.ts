/**
 * Scan-to-sign-in (扫码登录) for the web console, and the member's console sessions (登录设备).
 *
 * 1. The browser, signed in to CloudBase anonymously, asks for a login request: a random 24-character id that
 *    is the scene of a mini-program code opening the confirm page (wxacode.getUnlimited,
 *    https://developers.weixin.qq.com/miniprogram/dev/OpenApiDoc/qrcode-link/qr-code/getUnlimitedQRCode.html).
 *    It is good for 2 minutes and only for the browser that asked (its CloudBase uid).
 * 2. The member scans; the confirm page shows the browser's description, address and time, then confirms
 *    (a console role is required) or cancels. Confirming creates the console session in the same
 *    transaction that closes the request, so one request yields at most one session.
 * 3. The browser polls; the first poll after the confirmation takes the custom-login ticket and marks the
 *    request used (a transaction again: two polls cannot both take it).
 */
import type { MemberDoc } from '../../typings/domain';
import { CONSOLE_LIMITS, CONSOLE_ROLES } from '../../typings/functions/web-console';
import type { ConsoleSessionView, LoginRequestDetail, LoginRequestView, LoginStatus, LoginStatusView } from '../../typings/functions/web-console';
import { AppError, COLLECTIONS, docsOf, findById, hasAnyRole, isDuplicate, runTransaction, txGet, txPut } from '../core';
import type { Database, WxCloud } from '../core';
import { createConsoleTicket, endConsoleSession, isSessionOpen, newConsoleSessionId, randomAlphanumeric } from '../core/console-session';
import type { ConsoleSessionDoc } from '../../typings/docs/web-console';
import type { ConsoleLoginDoc } from '../../typings/docs/web-console';

/** The mini-program page the code opens (a subpackage page; the scene arrives as `options.scene`). */
export const CONFIRM_PAGE = 'packageConsole/confirm/index';
const CODE_WIDTH = 280;
const SESSIONS_SHOWN = 20;

function statusAt(login: ConsoleLoginDoc, now: Date): LoginStatus {
  if (login.status === 'pending' && now.getTime() > new Date(login.expiresAt).getTime()) return 'expired';
  return login.status;
}

/**
 * Takes one login request from the window's allowance of the browser's address (or of the browser itself when
 * the address is unknown): a fixed-window counter with a deterministic id, raised by one conditional update
 * that never passes the limit, so parallel requests cannot slip past it and a refusal writes nothing.
 */
async function takeLoginAllowance(db: Database, browser: { uid: string; ip: string | null }, now: Date): Promise<void> {
  const windowMs = CONSOLE_LIMITS.loginRequestWindowMinutes * 60_000;
  const windowStart = Math.floor(now.getTime() / windowMs) * windowMs;
  const subject = browser.ip ? `ip:${browser.ip}` : `uid:${browser.uid}`;
  const id = `${subject}:${windowStart}`;
  const _ = db.command;
  const raise = async (): Promise<boolean> => {
    const result = (await db
      .collection(COLLECTIONS.consoleLoginLimits)
      .where({ _id: id, count: _.lt(CONSOLE_LIMITS.loginRequestsPerWindow) })
      .update({ data: { count: _.inc(1) } })) as { stats: { updated: number } };
    return result.stats.updated === 1;
  };
  if (await raise()) return;
  try {
    // The window's first request: its counter does not exist yet (or is full, and this add collides).
    await db
      .collection(COLLECTIONS.consoleLoginLimits)
      .add({ data: { _id: id, subject, windowStart: new Date(windowStart), count: 1, expiresAt: new Date(windowStart + windowMs) } });
    return;
  } catch (err) {
    if (!isDuplicate(err)) throw err;
  }
  // Another request created it first: take a place in it, if one is left.
  if (await raise()) return;
  throw new AppError('RATE_LIMITED', `登录请求过于频繁，请 ${Math.max(1, Math.ceil((windowStart + windowMs - now.getTime()) / 60_000))} 分钟后再试`);
}

export async function requestLogin(
  db: Database,
  cloud: WxCloud,
  browser: { uid: string; ip: string | null },
  description: string,
  now: Date,
): Promise<LoginRequestView> {
  await takeLoginAllowance(db, browser, now);
  const login: ConsoleLoginDoc = {
    _id: randomAlphanumeric(24),
    browserUid: browser.uid,
    browser: description,
    ip: browser.ip ?? '',
    createdAt: now,
    expiresAt: new Date(now.getTime() + CONSOLE_LIMITS.loginRequestSeconds * 1000),
    status: 'pending',
    memberId: null,
    sessionId: null,
  };
  // check_path false: the confirm page may not be in a trial version yet (documented option).
  const answer = (await cloud.openapi.wxacode.getUnlimited({ scene: login._id, page: CONFIRM_PAGE, checkPath: false, width: CODE_WIDTH })) as {
    buffer?: Buffer;
  };
  if (!answer.buffer || answer.buffer.length === 0) throw new Error('wxacode.getUnlimited answered no image');
  const { _id, ...fields } = login;
  await db.collection(COLLECTIONS.consoleLogins).doc(_id).set({ data: fields });
  return {
    loginId: _id,
    expiresAt: login.expiresAt.toISOString(),
    code: `data:image/png;base64,${Buffer.from(answer.buffer).toString('base64')}`,
    page: `${CONFIRM_PAGE}?scene=${_id}`,
  };
}

export async function loginStatus(db: Database, browserUid: string, loginId: string, now: Date): Promise<LoginStatusView> {
  const login = await findById<ConsoleLoginDoc>(db, COLLECTIONS.consoleLogins, loginId);
  // Another browser's request does not exist for this one.
  if (!login || login.browserUid !== browserUid) throw new AppError('NOT_FOUND', '登录请求不存在');
  const status = statusAt(login, now);
  if (status !== 'confirmed') return { status };
  const sessionId = await runTransaction(db, async (tx) => {
    const current = await txGet<ConsoleLoginDoc>(tx, COLLECTIONS.consoleLogins, loginId);
    if (current?.status !== 'confirmed' || !current.sessionId) return null;
    await tx
      .collection(COLLECTIONS.consoleLogins)
      .doc(loginId)
      .update({ data: { status: 'used' } });
    return current.sessionId;
  });
  if (!sessionId) return { status: 'used' };
  return { status: 'confirmed', ticket: createConsoleTicket(sessionId, now.getTime()) };
}

export async function loginDetail(db: Database, loginId: string, now: Date): Promise<LoginRequestDetail> {
  const login = await findById<ConsoleLoginDoc>(db, COLLECTIONS.consoleLogins, loginId);
  if (!login) throw new AppError('NOT_FOUND', '登录请求不存在');
  return {
    loginId,
    browser: login.browser,
    ip: login.ip,
    requestedAt: new Date(login.createdAt).toISOString(),
    expiresAt: new Date(login.expiresAt).toISOString(),
    status: statusAt(login, now),
  };
}

export async function confirmLogin(db: Database, member: MemberDoc, openid: string, loginId: string, now: Date): Promise<{ confirmed: true }> {
  if (!hasAnyRole(member, CONSOLE_ROLES)) throw new AppError('CONSOLE_NOT_FOR_YOU');
  await runTransaction(db, async (tx) => {
    const login = await txGet<ConsoleLoginDoc>(tx, COLLECTIONS.consoleLogins, loginId);
    if (!login) throw new AppError('NOT_FOUND', '登录请求不存在');
    if (statusAt(login, now) !== 'pending') throw new AppError('CONSOLE_LOGIN_EXPIRED');
    const session: ConsoleSessionDoc = {
      _id: newConsoleSessionId(),
      memberId: member._id,
      openid,
      browser: login.browser,
      ip: login.ip,
      createdAt: now,
      lastSeenAt: now,
      endedAt: null,
      endedReason: null,
    };
    await txPut(tx, COLLECTIONS.consoleSessions, session);
    await tx
      .collection(COLLECTIONS.consoleLogins)
      .doc(loginId)
      .update({ data: { status: 'confirmed', memberId: member._id, sessionId: session._id } });
  });
  return { confirmed: true };
}

export async function cancelLogin(db: Database, loginId: string, now: Date): Promise<{ cancelled: true }> {
  await runTransaction(db, async (tx) => {
    const login = await txGet<ConsoleLoginDoc>(tx, COLLECTIONS.consoleLogins, loginId);
    if (!login) throw new AppError('NOT_FOUND', '登录请求不存在');
    if (statusAt(login, now) !== 'pending') throw new AppError('CONSOLE_LOGIN_EXPIRED');
    await tx
      .collection(COLLECTIONS.consoleLogins)
      .doc(loginId)
      .update({ data: { status: 'cancelled' } });
  });
  return { cancelled: true };
}

/** The member's open console sessions, most recently used first (one query). */
export async function listSessions(db: Database, memberId: string, currentSessionId: string | undefined, now: Date): Promise<ConsoleSessionView[]> {
  const _ = db.command;
  const data = await docsOf<ConsoleSessionDoc>(
    db
      .collection(COLLECTIONS.consoleSessions)
      .where({ memberId, endedAt: _.eq(null) })
      .orderBy('lastSeenAt', 'desc')
      .limit(SESSIONS_SHOWN),
  );
  return data
    .filter((session) => isSessionOpen(session, now))
    .map((session) => ({
      sessionId: session._id,
      browser: session.browser,
      ip: session.ip,
      signedInAt: new Date(session.createdAt).toISOString(),
      lastSeenAt: new Date(session.lastSeenAt).toISOString(),
      current: session._id === currentSessionId,
    }));
}

/** Ends one of the member's own sessions; another member's session does not exist for them. */
export async function endOwnSession(
  db: Database,
  memberId: string,
  sessionId: string,
  reason: 'signedOut' | 'endedFromPhone',
  now: Date,
): Promise<{ ended: true }> {
  const session = await findById<ConsoleSessionDoc>(db, COLLECTIONS.consoleSessions, sessionId);
  if (!session || session.memberId !== memberId) throw new AppError('NOT_FOUND', '登录设备不存在');
  if (session.endedAt === null) await endConsoleSession(db, sessionId, reason, now);
  return { ended: true };
}
