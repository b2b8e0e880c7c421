/** What the app sees of a session: members' views and the trainer's edit view (never `attendSecret`). */
import type { ClassroomSessionDoc, ClassroomSignupDoc, LearningRecordDoc } from '../../typings/domain';
import type { MySessionState, SessionEditView, SessionSummaryView, SessionView } from '../../typings/functions/classroom';
import { COLLECTIONS, findById, takeawayFileUrls } from '../core';
import type { Database, WxCloud } from '../core';
import { beijingDate, beijingTime } from '../core/time';
import { scopeLabel } from '../core/scope';
import { attendFrom, phaseOf, surveyOpen } from './access';

export function myState(signup: Pick<ClassroomSignupDoc, 'status' | 'attendedAt'> | null | undefined): MySessionState {
  if (signup?.status !== 'signed_up') return 'none';
  return signup.attendedAt ? 'attended' : 'signed_up';
}

export function summaryView(session: ClassroomSessionDoc, signup: ClassroomSignupDoc | null | undefined, now: Date): SessionSummaryView {
  const startAt = new Date(session.startAt);
  return {
    id: session._id,
    title: session.title,
    place: session.place,
    day: beijingDate(startAt),
    startTime: beijingTime(startAt),
    endTime: beijingTime(new Date(session.endAt)),
    capacity: session.capacity,
    signedUp: session.signedUp,
    phase: phaseOf(session, now),
    mine: myState(signup),
  };
}

export interface MemberViewInput {
  session: ClassroomSessionDoc;
  signup: ClassroomSignupDoc | null;
  manager: boolean;
  memberId: string;
}

/**
 * A member's view: one more read for the pre-test's record when there is a pre-test, and the files' URLs
 * (the media gate's read and getTempFileURL) when there are files.
 */
export async function sessionView(db: Database, cloud: WxCloud, input: MemberViewInput, now: Date): Promise<SessionView> {
  const { session, signup } = input;
  const [record, files] = await Promise.all([
    session.preTest ? findById<LearningRecordDoc>(db, COLLECTIONS.learningRecords, `${input.memberId}:${session.preTest.courseId}`) : null,
    takeawayFileUrls(cloud, session.files),
  ]);
  return {
    ...summaryView(session, signup, now),
    summary: session.summary,
    startAt: new Date(session.startAt).toISOString(),
    endAt: new Date(session.endAt).toISOString(),
    attendFrom: attendFrom(session).toISOString(),
    departmentNames: session.departmentNames,
    audiences: session.audiences,
    preReading: session.preReading,
    preTest: session.preTest ? { ...session.preTest, required: session.preTestRequired, passed: record?.quizPassed === true } : null,
    postQuiz: session.postQuiz,
    survey: session.survey,
    surveyOpen: surveyOpen(session, signup, now),
    surveyed: signup?.surveyed === true,
    files,
    manager: input.manager,
    status: session.status,
  };
}

export interface SessionCounts {
  attended: number;
  surveyed: number;
}

export function editView(session: ClassroomSessionDoc, counts: SessionCounts): SessionEditView {
  const startAt = new Date(session.startAt);
  return {
    id: session._id,
    title: session.title,
    summary: session.summary,
    place: session.place,
    day: beijingDate(startAt),
    startTime: beijingTime(startAt),
    endTime: beijingTime(new Date(session.endAt)),
    capacity: session.capacity,
    departmentIds: session.departmentIds,
    departmentNames: session.departmentNames,
    audiences: session.audiences,
    preReadingCourseId: session.preReading?.courseId ?? null,
    preTestCourseId: session.preTest?.courseId ?? null,
    preTestRequired: session.preTestRequired,
    postQuizCourseId: session.postQuiz?.courseId ?? null,
    preReading: session.preReading,
    preTest: session.preTest,
    postQuiz: session.postQuiz,
    survey: session.survey,
    files: session.files,
    status: session.status,
    signedUp: session.signedUp,
    attended: counts.attended,
    surveyed: counts.surveyed,
    scopeLabel: scopeLabel(session.scopeDepartmentId),
  };
}

async function countOf(db: Database, collection: typeof COLLECTIONS.classroomSignups | typeof COLLECTIONS.classroomSurveys, filter: Record<string, unknown>) {
  return ((await db.collection(collection).where(filter).count()) as unknown as { total: number }).total;
}

/**
 * Attendance and survey counts, counted (two indexed counts) rather than kept on the session: a scan then
 * writes only the member's own sign-up, so 300 members scanning at once share no document (no conflict, no
 * counter to drift if a call dies between two writes). Only the session's managers read these.
 */
export async function sessionCounts(db: Database, sessionId: string): Promise<SessionCounts> {
  const _ = db.command;
  const [attended, surveyed] = await Promise.all([
    countOf(db, COLLECTIONS.classroomSignups, { sessionId, attendedAt: _.neq(null) }),
    countOf(db, COLLECTIONS.classroomSurveys, { sessionId }),
  ]);
  return { attended, surveyed };
}
