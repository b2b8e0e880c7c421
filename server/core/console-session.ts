/**
 * Who calls from the web console. The console signs in to CloudBase with custom login
 * (https://docs.cloudbase.net/authentication-v2/method/custom-login): after a member confirmed a scan, a
 * function issues a ticket whose custom user id is a new console session's id; functions then see that id as
 * the caller's `customUserId` (https://docs.cloudbase.net/api-reference/server/node-sdk/auth, getUserInfo).
 *
 * custom user id → console session → member: the session names the member and the WeChat identity that
 * confirmed it, and is checked on every call, so ending it (from the phone, after 8 idle hours) refuses
 * the very next call. Unbinding or deactivating the member ends it too: the binding and the member are read
 * with the session, so the caller is exactly the member the mini-program would see for that WeChat user.
 */
import { createSign, randomInt } from 'node:crypto';
import type { BindingDoc, MemberDoc } from '../../typings/domain';
import { CONSOLE_LIMITS } from '../../typings/functions/web-console';
import type { Caller } from './caller';
import type { BrowserIdentity, Database, WxIdentity } from './cloud';
import { COLLECTIONS } from './collections';
import { findById } from './db';
import { AppError } from './errors';
import type { ConsoleSessionDoc } from '../../typings/docs/web-console';

export const IDLE_MS = CONSOLE_LIMITS.sessionIdleHours * 3600_000;
/** lastSeenAt is written at most this often, so a busy console does not write on every call. */
export const TOUCH_EVERY_MS = 5 * 60_000;

const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** Unguessable ids from the platform's CSPRNG: login request ids (scenes) and session ids. */
export function randomAlphanumeric(length: number): string {
  let out = '';
  for (let i = 0; i < length; i += 1) out += ALPHANUMERIC[randomInt(ALPHANUMERIC.length)];
  return out;
}

export function newConsoleSessionId(): string {
  return `cs${randomAlphanumeric(22)}`;
}

/** `'browser'` access: a browser signed in to CloudBase, never a mini-program caller. */
export function browserCaller(identity: WxIdentity): Caller {
  if (identity.openid || !identity.browser) throw new AppError('UNAUTHENTICATED');
  return { openid: '', appid: null, unionid: null, member: null, browser: { uid: identity.browser.uid, ip: identity.browser.ip } };
}

export async function endConsoleSession(
  db: Database,
  sessionId: string,
  reason: NonNullable<ConsoleSessionDoc['endedReason']>,
  now = new Date(),
): Promise<void> {
  await db
    .collection(COLLECTIONS.consoleSessions)
    .doc(sessionId)
    .update({ data: { endedAt: now, endedReason: reason } });
}

/** Whether the session still lets its browser in (not ended, not idle too long). */
export function isSessionOpen(session: Pick<ConsoleSessionDoc, 'endedAt' | 'lastSeenAt'>, now: Date): boolean {
  return session.endedAt === null && now.getTime() - new Date(session.lastSeenAt).getTime() <= IDLE_MS;
}

/**
 * The member behind a console's custom user id: 2 reads, the session and its member, whose `boundOpenid`
 * (written with the binding in one transaction, server/core/caller.ts) says the member is still bound to the
 * WeChat user who signed in; a member bound before `boundOpenid` existed costs the binding's read too.
 */
export async function resolveConsoleCaller(db: Database, browser: BrowserIdentity): Promise<Caller> {
  const sessionId = browser.customUserId as string;
  const session = await findById<ConsoleSessionDoc>(db, COLLECTIONS.consoleSessions, sessionId);
  if (!session || session.endedAt !== null) throw new AppError('CONSOLE_SESSION_ENDED');
  const now = new Date();
  if (!isSessionOpen(session, now)) {
    await endConsoleSession(db, sessionId, 'idle', now);
    throw new AppError('CONSOLE_SESSION_ENDED');
  }
  const member = await findById<MemberDoc>(db, COLLECTIONS.members, session.memberId);
  const bound =
    member !== null &&
    (member.boundOpenid !== undefined
      ? member.boundOpenid === session.openid
      : (await findById<BindingDoc>(db, COLLECTIONS.bindings, session.openid))?.memberId === session.memberId);
  if (!member || !bound) {
    await endConsoleSession(db, sessionId, 'unbound', now);
    throw new AppError('CONSOLE_SESSION_ENDED');
  }
  if (!member.active) {
    await endConsoleSession(db, sessionId, 'deactivated', now);
    throw new AppError('CONSOLE_SESSION_ENDED');
  }
  if (now.getTime() - new Date(session.lastSeenAt).getTime() >= TOUCH_EVERY_MS) {
    await db
      .collection(COLLECTIONS.consoleSessions)
      .doc(sessionId)
      .update({ data: { lastSeenAt: now } });
  }
  return { openid: session.openid, appid: null, unionid: null, member, consoleSessionId: sessionId };
}

/**
 * The environment's custom-login private key, the JSON file CloudBase's console hands out
 * (`private_key_id`, `private_key`, `env_id`), given to the function in WEIKE_CUSTOM_LOGIN_KEY.
 */
interface CustomLoginKey {
  private_key_id: string;
  private_key: string;
  env_id: string;
}

function customLoginKey(): CustomLoginKey {
  const raw = process.env.WEIKE_CUSTOM_LOGIN_KEY;
  if (!raw) throw new Error('WEIKE_CUSTOM_LOGIN_KEY is not set: the custom-login private key (JSON) is needed to sign the console in');
  const key = JSON.parse(raw) as Partial<CustomLoginKey>;
  if (!key.private_key_id || !key.private_key || !key.env_id) throw new Error('WEIKE_CUSTOM_LOGIN_KEY lacks private_key_id, private_key or env_id');
  return key as CustomLoginKey;
}

function base64url(value: string | Buffer): string {
  return Buffer.from(value).toString('base64url');
}

/**
 * A custom-login ticket for `customUserId`, as @cloudbase/node-sdk's `auth().createTicket` signs it:
 * `<private_key_id>/@@/<RS256 JWT of { env, iat, exp (10 minutes), uid, refresh, expire }>`. Signed here with
 * node:crypto so that the function needs no second SDK.
 */
export function createConsoleTicket(customUserId: string, now = Date.now()): string {
  const key = customLoginKey();
  const env = process.env.TCB_ENV || process.env.SCF_NAMESPACE;
  if (env && env !== key.env_id) throw new Error(`the custom-login key belongs to environment ${key.env_id}, not ${env}`);
  const header = base64url(JSON.stringify({ alg: 'RS256', typ: 'JWT' }));
  const payload = base64url(
    JSON.stringify({ alg: 'RS256', env: key.env_id, iat: now, exp: now + 10 * 60_000, uid: customUserId, refresh: 3600_000, expire: now + 7 * 24 * 3600_000 }),
  );
  const signature = createSign('RSA-SHA256').update(`${header}.${payload}`).sign(key.private_key);
  return `${key.private_key_id}/@@/${header}.${payload}.${base64url(signature)}`;
}
