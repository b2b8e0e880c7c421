/**
 * Signing up (报名) and cancelling (取消报名). `signedUp` on the session document is the one exact count
 * capacity needs, so every change of a sign-up's status moves it in the same transaction, run under the
 * session's lease (server/core/lease.ts): a crowd signing up at once queues instead of conflicting, and the
 * seats taken never pass the capacity. Everything a refusal depends on is checked before the lease is taken,
 * so a refused call writes nothing; the transaction checks again on what it reads.
 *
 * Operations (signing up): the guard's 1, the session and the sign-up read at once (2), the pre-test's
 * record when required (1), then the lease (1), the transaction (start, 2 reads, 2 writes, commit) and the
 * release (1).
 */
import type { ClassroomSessionDoc, ClassroomSignupDoc, LearningRecordDoc, MemberDoc } from '../../typings/domain';
import { AppError, COLLECTIONS, findById, txGet, txPut } from '../core';
import type { Database, Tx } from '../core';
import { leasedTransaction } from '../core/lease';
import { isEligible, loadVisibleSession, SESSION_NOT_FOUND, signUpOpen, signupId } from './access';
import type { VisibleSession } from './access';

function refuseSignUp(member: MemberDoc, session: ClassroomSessionDoc, existing: ClassroomSignupDoc | null, now: Date): void {
  if (!signUpOpen(session, now)) throw new AppError('SESSION_CLOSED');
  if (!existing && !isEligible(member, session, now)) throw new AppError('NOT_ELIGIBLE', '你不在本课程的报名范围内');
  if (session.signedUp >= session.capacity) throw new AppError('SESSION_FULL');
}

async function txSession(tx: Tx, sessionId: string): Promise<ClassroomSessionDoc> {
  const session = await txGet<ClassroomSessionDoc>(tx, COLLECTIONS.classroomSessions, sessionId);
  if (!session) throw new AppError('NOT_FOUND', SESSION_NOT_FOUND);
  return session;
}

function newSignup(session: ClassroomSessionDoc, member: MemberDoc, now: Date): ClassroomSignupDoc {
  return {
    _id: signupId(session._id, member._id),
    sessionId: session._id,
    memberId: member._id,
    name: member.name,
    employeeNo: member.employeeNo ?? null,
    departmentId: member.departmentId,
    departmentPath: member.departmentPath,
    status: 'signed_up',
    signedUpAt: now,
    cancelledAt: null,
    attendedAt: null,
    surveyed: false,
    updatedAt: now,
  };
}

/** Signs the member up; signing up again while signed up answers the sign-up unchanged. */
export async function signUp(db: Database, member: MemberDoc, sessionId: string, now: Date): Promise<VisibleSession> {
  const visible = await loadVisibleSession(db, member, sessionId, now);
  if (visible.signup?.status === 'signed_up') return visible;
  refuseSignUp(member, visible.session, visible.signup, now);
  const { preTest } = visible.session;
  if (preTest && visible.session.preTestRequired) {
    const record = await findById<LearningRecordDoc>(db, COLLECTIONS.learningRecords, `${member._id}:${preTest.courseId}`);
    if (record?.quizPassed !== true) throw new AppError('PRETEST_REQUIRED', `请先通过课前测验「${preTest.title}」再报名`);
  }
  return leasedTransaction(db, COLLECTIONS.classroomSessions, sessionId, async (tx) => {
    const session = await txSession(tx, sessionId);
    const existing = await txGet<ClassroomSignupDoc>(tx, COLLECTIONS.classroomSignups, signupId(sessionId, member._id));
    if (existing?.status === 'signed_up') return { session, signup: existing };
    refuseSignUp(member, session, existing, now);
    const signup: ClassroomSignupDoc = existing
      ? { ...existing, status: 'signed_up', signedUpAt: now, cancelledAt: null, updatedAt: now }
      : newSignup(session, member, now);
    await tx
      .collection(COLLECTIONS.classroomSessions)
      .doc(sessionId)
      .update({ data: { signedUp: session.signedUp + 1 } });
    await txPut(tx, COLLECTIONS.classroomSignups, signup);
    return { session: { ...session, signedUp: session.signedUp + 1 }, signup };
  });
}

/** 取消报名, until the attendance window opens; the seat is free at once. */
export async function cancelSignUp(db: Database, member: MemberDoc, sessionId: string, now: Date): Promise<VisibleSession> {
  const visible = await loadVisibleSession(db, member, sessionId, now);
  if (visible.signup?.status !== 'signed_up') throw new AppError('NOT_SIGNED_UP');
  if (!signUpOpen(visible.session, now)) throw new AppError('SESSION_CLOSED', '签到已开始，不能再取消报名');
  return leasedTransaction(db, COLLECTIONS.classroomSessions, sessionId, async (tx) => {
    const session = await txSession(tx, sessionId);
    const existing = await txGet<ClassroomSignupDoc>(tx, COLLECTIONS.classroomSignups, signupId(sessionId, member._id));
    if (existing?.status !== 'signed_up') throw new AppError('NOT_SIGNED_UP');
    if (!signUpOpen(session, now)) throw new AppError('SESSION_CLOSED', '签到已开始，不能再取消报名');
    const signup: ClassroomSignupDoc = { ...existing, status: 'cancelled', cancelledAt: now, updatedAt: now };
    await tx
      .collection(COLLECTIONS.classroomSessions)
      .doc(sessionId)
      .update({ data: { signedUp: session.signedUp - 1 } });
    await txPut(tx, COLLECTIONS.classroomSignups, signup);
    return { session: { ...session, signedUp: session.signedUp - 1 }, signup };
  });
}
