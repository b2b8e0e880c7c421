/**
 * Who manages and who sees a classroom session (线下课), and what phase it is in.
 *
 * - Managing: a trainer or admin whose grant's scope covers the session's managing scope
 *   (`scopeDepartmentId`, chosen at creation from the creator's grants); unscoped trainers and admins manage
 *   every session, company-wide ones included.
 * - Seeing: managers always; a member who signed up (even after cancelling); an eligible member while the
 *   session is published. Anything else answers NOT_FOUND, so a session's existence does not leak.
 * - Eligible: in one of `departmentIds` (subtrees; empty = any department) and holding one of `audiences`
 *   (empty = any), as for campaigns.
 */
import { ATTEND_EARLY_MINUTES, SURVEY_OPEN_DAYS } from '../../typings/functions/classroom';
import type { SessionPhase } from '../../typings/functions/classroom';
import type { ClassroomSessionDoc, ClassroomSignupDoc, MemberDoc } from '../../typings/domain';
import { AppError, COLLECTIONS, findById, inScope, isInSubtree, scopeFor } from '../core';
import type { Database, Scope } from '../core';
import { deriveAudiences } from '../roster';

export const SESSION_NOT_FOUND = '课程不存在或你无权查看';

export const signupId = (sessionId: string, memberId: string): string => `${sessionId}:${memberId}`;

/** The union of the member's trainer and admin scopes (null: neither role). */
export function managingScope(member: Pick<MemberDoc, 'roles'>): Scope | null {
  const scopes = [scopeFor(member, 'trainer'), scopeFor(member, 'admin')].filter((scope): scope is Scope => scope !== null);
  if (scopes.length === 0) return null;
  if (scopes.includes('all')) return 'all';
  const roots = [...new Set(scopes.flatMap((scope) => scope as string[]))].sort();
  return roots.filter((root) => !roots.some((other) => other !== root && isInSubtree(root, other)));
}

export function managesSession(member: Pick<MemberDoc, 'roles'>, session: Pick<ClassroomSessionDoc, 'scopeDepartmentId'>): boolean {
  const scope = managingScope(member);
  return session.scopeDepartmentId === null ? scope === 'all' : inScope(session.scopeDepartmentId, scope);
}

export function isEligible(member: MemberDoc, session: Pick<ClassroomSessionDoc, 'departmentIds' | 'audiences'>, now: Date): boolean {
  if (session.departmentIds.length > 0 && !session.departmentIds.some((root) => isInSubtree(member.departmentId, root))) return false;
  if (session.audiences.length === 0) return true;
  const own = deriveAudiences(member, now);
  return session.audiences.some((audience) => own.includes(audience));
}

export function canSee(member: MemberDoc, session: ClassroomSessionDoc, signup: ClassroomSignupDoc | null, now: Date): boolean {
  if (managesSession(member, session) || signup !== null) return true;
  return session.status === 'published' && isEligible(member, session, now);
}

export async function loadSession(db: Database, sessionId: string): Promise<ClassroomSessionDoc> {
  const session = await findById<ClassroomSessionDoc>(db, COLLECTIONS.classroomSessions, sessionId);
  if (!session) throw new AppError('NOT_FOUND', SESSION_NOT_FOUND);
  return session;
}

/** Loads a session the member manages: NOT_FOUND when missing, FORBIDDEN outside their scope. */
export async function loadManagedSession(db: Database, member: MemberDoc, sessionId: string): Promise<ClassroomSessionDoc> {
  const session = await loadSession(db, sessionId);
  if (!managesSession(member, session)) throw new AppError('FORBIDDEN', '你无权管理该课程');
  return session;
}

export interface VisibleSession {
  session: ClassroomSessionDoc;
  signup: ClassroomSignupDoc | null;
}

/** The session and the member's sign-up, read at once; NOT_FOUND unless the member may see it. */
export async function loadVisibleSession(db: Database, member: MemberDoc, sessionId: string, now: Date): Promise<VisibleSession> {
  const [session, signup] = await Promise.all([
    findById<ClassroomSessionDoc>(db, COLLECTIONS.classroomSessions, sessionId),
    findById<ClassroomSignupDoc>(db, COLLECTIONS.classroomSignups, signupId(sessionId, member._id)),
  ]);
  if (!session || !canSee(member, session, signup, now)) throw new AppError('NOT_FOUND', SESSION_NOT_FOUND);
  return { session, signup };
}

/** When scanning opens: ATTEND_EARLY_MINUTES before the start. Signing up and cancelling close then too. */
export function attendFrom(session: Pick<ClassroomSessionDoc, 'startAt'>): Date {
  return new Date(new Date(session.startAt).getTime() - ATTEND_EARLY_MINUTES * 60_000);
}

/** Whether a scan at `now` is within the attendance window: from `attendFrom` until the end. */
export function attendanceOpen(session: Pick<ClassroomSessionDoc, 'startAt' | 'endAt' | 'status'>, now: Date): boolean {
  return session.status === 'published' && now >= attendFrom(session) && now <= new Date(session.endAt);
}

/** Sign-ups and cancellations are taken until the attendance window opens. */
export function signUpOpen(session: Pick<ClassroomSessionDoc, 'startAt' | 'status'>, now: Date): boolean {
  return session.status === 'published' && now < attendFrom(session);
}

/** An attendee may answer the survey from their scan until SURVEY_OPEN_DAYS after the end. */
export function surveyOpen(
  session: Pick<ClassroomSessionDoc, 'endAt' | 'survey'>,
  signup: Pick<ClassroomSignupDoc, 'attendedAt' | 'surveyed' | 'status'> | null,
  now: Date,
): boolean {
  if (session.survey.length === 0 || !signup || signup.status !== 'signed_up' || !signup.attendedAt || signup.surveyed) return false;
  return now.getTime() <= new Date(session.endAt).getTime() + SURVEY_OPEN_DAYS * 86_400_000;
}

export function phaseOf(session: ClassroomSessionDoc, now: Date): SessionPhase {
  if (session.status === 'cancelled') return 'cancelled';
  if (now > new Date(session.endAt)) return 'ended';
  if (now >= attendFrom(session)) return 'in_progress';
  return session.signedUp >= session.capacity ? 'full' : 'open';
}
