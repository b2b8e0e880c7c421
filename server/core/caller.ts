/**
 * The one guard every action goes through: who is calling (from the WeChat context only), are they a member,
 * still active, and do they hold one of the roles the action allows.
 */
import type { BindingDoc, MemberDoc } from '../../typings/domain';
import type { Access, Role } from '../../typings/roles';
import type { Database, WxIdentity } from './cloud';
import { COLLECTIONS } from './collections';
import { docsOf, findById } from './db';
import { AppError } from './errors';
import { browserCaller, resolveConsoleCaller } from './console-session';

/** A caller with a WeChat identity; `member` is null when they have not bound an employee identity. */
export interface Caller {
  openid: string;
  appid: string | null;
  unionid: string | null;
  member: MemberDoc | null;
  /** Set when the call comes from the web console: the console session (server/core/console-session.ts). */
  consoleSessionId?: string;
  /** Set for a browser not signed in as a member (`'browser'` access): its CloudBase user id and address. */
  browser?: { uid: string; ip: string | null };
}

/** A caller that passed a role check: an active member. */
export interface MemberCaller extends Caller {
  member: MemberDoc;
}

export type CallerFor<A extends Access> = A extends 'anyone' | 'browser' ? Caller : MemberCaller;

/** `learner` is every active member; other roles must be granted (any scope counts here). */
export function hasAnyRole(member: MemberDoc, roles: readonly Role[]): boolean {
  if (roles.includes('learner')) return true;
  return member.roles.some((grant) => roles.includes(grant.role));
}

/**
 * The caller's member in one database operation: the member document that carries the caller's OPENID in
 * `boundOpenid`. Binding writes `bindings/<openid>` and `boundOpenid` in one transaction and unbinding removes
 * both in one transaction (server/user/actions.ts, server/admin/actions.ts), so the member document is the only
 * copy of what the guard needs (roles, active, department): a revoked grant, a deactivation or an unbinding
 * is refused on the very next call, with nothing to keep in step. `bindings` keeps one OPENID to one member
 * (its `_id` is the OPENID). Two answers should never happen (the binding's `_id` rules it out); should they,
 * the binding decides. No answer: a caller who is not bound, or a binding written before `boundOpenid`
 * existed, which the binding document still resolves (two more reads, as before). The query is served by
 * the `boundOpenid_1` index (database/collections.json; https://docs.cloudbase.net/en/database/data-index).
 */
async function findMember(db: Database, openid: string): Promise<MemberDoc | null> {
  const carried = await docsOf<MemberDoc>(db.collection(COLLECTIONS.members).where({ boundOpenid: openid }).limit(2));
  if (carried.length === 1) return carried[0] as MemberDoc;
  const binding = await findById<BindingDoc>(db, COLLECTIONS.bindings, openid);
  if (!binding) return null;
  return carried.find((member) => member._id === binding.memberId) ?? findById<MemberDoc>(db, COLLECTIONS.members, binding.memberId);
}

export async function resolveCaller(db: Database, identity: WxIdentity, access: Access): Promise<Caller> {
  if (access === 'browser') return browserCaller(identity);
  if (!identity.openid && identity.browser?.customUserId) return checkAccess(await resolveConsoleCaller(db, identity.browser), access);
  if (!identity.openid) throw new AppError('UNAUTHENTICATED');
  const member = await findMember(db, identity.openid);
  return checkAccess({ openid: identity.openid, appid: identity.appid, unionid: identity.unionid, member }, access);
}

function checkAccess(caller: Caller, access: Exclude<Access, 'browser'>): Caller {
  const { member } = caller;
  if (access === 'anyone') return caller;
  if (!member) throw new AppError('NOT_MEMBER');
  if (!member.active) throw new AppError('MEMBER_INACTIVE');
  if (!hasAnyRole(member, access)) throw new AppError('FORBIDDEN');
  return caller;
}
