/**
 * Attendance (签到) by scanning the code the trainer shows.
 *
 * The code is a mini-program code (wxacode.getUnlimited) whose scene is a token
 * `<sessionId>.<period>.<mac>`: the period is the current ATTEND_CODE_SECONDS slot in base 36 and the mac the
 * first 10 hex digits of HMAC-SHA256(session's attendSecret, `<sessionId>.<period>`). So the code rotates
 * without any write (the trainer's page asks for a new one every period), a photo of it forwarded to a
 * colleague at home stops working within a minute (a token is accepted for its period and the next), and
 * nobody can make one without the session's secret. The token is 12 + 1 + 5 + 1 + 10 = 29 characters, within
 * the scene's 32 (https://developers.weixin.qq.com/miniprogram/dev/OpenApiDoc/qrcode-link/qr-code/getUnlimitedQRCode.html).
 * Scanning it with WeChat opens the attend page with `options.scene`; scanning inside the app with
 * `wx.scanCode` answers the code's `path` (https://developers.weixin.qq.com/miniprogram/dev/api/device/scan/wx.scanCode.html).
 *
 * A scan is accepted from ATTEND_EARLY_MINUTES before the start until the end, and only from a member signed
 * up (no walk-ins: capacity is the room's, and the survey and exports stay bounded by it). The attendance is
 * one conditional update of the member's own sign-up ("signed up and not yet attended"): the deterministic
 * sign-up id makes one attendance per member, distinct members share no document (300 scanning at once all
 * succeed, no conflict), and a repeated scan changes nothing.
 *
 * Points (线下课签到, an earning rule admins set) are paid through the ledger before the attendance is
 * written, with the session as the source: at most once per session and member (server/points/events.ts:
 * the entry's id is the claim), within the rule's daily caps, counted on the day of the scan. Paying first
 * means a call that dies in between leaves the member paid but not attended, and their next scan (the code
 * still on the screen) pays nothing again and records the attendance: never attended without the points.
 * Operations: the guard's 1, the session 1, the sign-up 1; a first scan adds rules 1,
 * account 1, entry 1, account 1 and the update 1 (8 in all); a repeat stops at 3.
 */
import { createHmac } from 'node:crypto';
import type { ClassroomSessionDoc, ClassroomSignupDoc } from '../../typings/domain';
import { ATTEND_CODE_SECONDS } from '../../typings/functions/classroom';
import type { AttendanceCodeView, AttendResult } from '../../typings/functions/classroom';
import type { MemberDoc } from '../../typings/domain';
import { AppError, COLLECTIONS, findById } from '../core';
import type { Database, WxCloud } from '../core';
import { awardPointsForEvent } from '../points';
import { attendanceOpen, signupId } from './access';

/** The mini-program page a scanned code opens (the scene arrives as `options.scene`). */
export const ATTEND_PAGE = 'packageClassroom/attend/index';
const CODE_WIDTH = 430;
const MAC_LENGTH = 10;

const periodOf = (at: Date): number => Math.floor(at.getTime() / (ATTEND_CODE_SECONDS * 1000));

function macOf(session: Pick<ClassroomSessionDoc, '_id' | 'attendSecret'>, period: number): string {
  return createHmac('sha256', session.attendSecret).update(`${session._id}.${period}`).digest('hex').slice(0, MAC_LENGTH);
}

export function attendanceToken(session: Pick<ClassroomSessionDoc, '_id' | 'attendSecret'>, at: Date): string {
  const period = periodOf(at);
  return `${session._id}.${period.toString(36)}.${macOf(session, period)}`;
}

/** The session id a token names, or null when it is not shaped like one of ours. */
export function parseToken(token: string): { sessionId: string; period: number; mac: string } | null {
  const match = /^([0-9A-Za-z]{12})\.([0-9a-z]{1,8})\.([0-9a-f]{10})$/.exec(token);
  if (!match) return null;
  return { sessionId: match[1] as string, period: Number.parseInt(match[2] as string, 36), mac: match[3] as string };
}

/** Whether the token is the session's for the current period or the one before. */
export function tokenValid(session: Pick<ClassroomSessionDoc, '_id' | 'attendSecret'>, token: string, now: Date): boolean {
  const parsed = parseToken(token);
  if (!parsed || parsed.sessionId !== session._id) return false;
  const current = periodOf(now);
  return (parsed.period === current || parsed.period === current - 1) && parsed.mac === macOf(session, parsed.period);
}

export async function attendanceCode(cloud: WxCloud, session: ClassroomSessionDoc, counts: { attended: number }, now: Date): Promise<AttendanceCodeView> {
  const token = attendanceToken(session, now);
  // check_path false: the attend page may not be in the released version yet (documented option).
  const answer = (await cloud.openapi.wxacode.getUnlimited({ scene: token, page: ATTEND_PAGE, checkPath: false, width: CODE_WIDTH })) as {
    buffer?: Buffer;
  };
  if (!answer.buffer || answer.buffer.length === 0) throw new Error('wxacode.getUnlimited answered no image');
  const refreshAt = new Date((periodOf(now) + 1) * ATTEND_CODE_SECONDS * 1000);
  return {
    token,
    code: `data:image/png;base64,${Buffer.from(answer.buffer).toString('base64')}`,
    page: `${ATTEND_PAGE}?scene=${encodeURIComponent(token)}`,
    refreshAt: refreshAt.toISOString(),
    attended: counts.attended,
    signedUp: session.signedUp,
  };
}

const INVALID = () => new AppError('ATTEND_CODE_INVALID');

/** Pays the attendance's points (see the module header); answers the points this call paid. */
async function payAttendance(db: Database, member: MemberDoc, sessionId: string, attendedAt: Date): Promise<number> {
  const { awarded } = await awardPointsForEvent(db, { type: 'session_attended', memberId: member._id, sourceId: sessionId, occurredAt: attendedAt, member });
  return awarded;
}

export async function attend(db: Database, member: MemberDoc, token: string, now: Date): Promise<AttendResult> {
  const parsed = parseToken(token);
  if (!parsed) throw INVALID();
  const id = signupId(parsed.sessionId, member._id);
  const session = await findById<ClassroomSessionDoc>(db, COLLECTIONS.classroomSessions, parsed.sessionId);
  // A session that does not exist is answered like a stale code: a guessed id learns nothing.
  if (!session || !tokenValid(session, token, now)) throw INVALID();
  if (!attendanceOpen(session, now)) throw new AppError('ATTEND_CLOSED', session.status === 'cancelled' ? '课程已取消' : undefined);
  const signup = await findById<ClassroomSignupDoc>(db, COLLECTIONS.classroomSignups, id);
  if (signup?.status !== 'signed_up') throw new AppError('NOT_SIGNED_UP', '你没有报名该课程，不能签到');
  const repeat = (attendedAt: Date): AttendResult => ({
    sessionId: session._id,
    title: session.title,
    attendedAt: new Date(attendedAt).toISOString(),
    firstTime: false,
    points: 0,
  });
  if (signup.attendedAt) return repeat(signup.attendedAt);
  const points = await payAttendance(db, member, session._id, now);
  const result = (await db
    .collection(COLLECTIONS.classroomSignups)
    .where({ _id: id, status: 'signed_up', attendedAt: null })
    .update({ data: { attendedAt: now, updatedAt: now } })) as unknown as { stats: { updated: number } };
  if (result.stats.updated === 1) return { sessionId: session._id, title: session.title, attendedAt: now.toISOString(), firstTime: true, points };
  // The same member's other scan won the update a moment ago.
  const settled = await findById<ClassroomSignupDoc>(db, COLLECTIONS.classroomSignups, id);
  return repeat(settled?.attendedAt ?? now);
}
