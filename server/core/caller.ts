/**
 * The one guard every action goes through: who is calling (from the WeChat context only), are they a member,
 * still active, and do they hold one of the roles the action allows.
 */
import type { BindingDoc, MemberDoc } from '../../typings/domain';
import type { Access, Role } from '../../typings/roles';
import type { Database, WxIdentity } from './cloud';
import { COLLECTIONS } from './collections';
import { findById } from './db';
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

async function findMember(db: Database, openid: string): Promise<MemberDoc | null> {
  const binding = await findById<BindingDoc>(db, COLLECTIONS.bindings, openid);
  if (!binding) return null;
  return findById<MemberDoc>(db, COLLECTIONS.members, binding.memberId);
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
