/**
 * Creating, editing and cancelling classroom sessions (trainers and admins within their scope).
 *
 * A new session's managing scope is the creator's: company-wide for unscoped grants, else the root of their
 * scope holding their own department (or their first root). A scoped creator's audience departments must lie
 * within that scope; none given means the scope itself. Edits that touch `signedUp` (capacity) run under the
 * session's lease like sign-ups (server/core/lease.ts), so a capacity is never set below the seats taken.
 */
import { randomBytes } from 'node:crypto';
import type * as z from 'zod/mini';
import type { ClassroomSessionDoc, CourseDoc, DepartmentDoc, LinkedCourseDoc, MemberDoc, TakeawayFileDoc } from '../../typings/domain';
import type { classroomContracts } from '../../typings/functions/classroom';
import { AppError, assertTakeawayUploads, byIds, COLLECTIONS, hashId, inScope, isDuplicate, isInSubtree, txGet } from '../core';
import type { Database, Scope } from '../core';
import { leasedTransaction } from '../core/lease';
import { startOfBeijingDay } from '../core/time';
import { loadManagedSession, managingScope, SESSION_NOT_FOUND } from './access';

type SaveInput = z.output<typeof classroomContracts.save.input>;
type Fields = Omit<SaveInput, 'sessionId' | 'requestId'>;

/** Id length: short enough for the attendance token to fit the mini-program code's 32-character scene. */
const ID_LENGTH = 12;

function instantOf(day: string, time: string): Date {
  const start = startOfBeijingDay(day);
  if (!start) throw new AppError('INVALID_INPUT', '日期不正确');
  const [hours, minutes] = time.split(':').map(Number) as [number, number];
  return new Date(start.getTime() + (hours * 60 + minutes) * 60_000);
}

/** The scope a new session is managed in (null = company-wide). */
export function creationScope(member: MemberDoc): string | null {
  const scope = managingScope(member);
  if (scope === null) throw new AppError('FORBIDDEN');
  if (scope === 'all') return null;
  return scope.find((root) => isInSubtree(member.departmentId, root)) ?? (scope[0] as string);
}

function checkDepartmentsInScope(departmentIds: readonly string[], scopeDepartmentId: string | null): void {
  if (scopeDepartmentId === null) return;
  const scope: Scope = [scopeDepartmentId];
  if (departmentIds.some((departmentId) => !inScope(departmentId, scope))) throw new AppError('FORBIDDEN', '只能面向你管理范围内的部门开课');
}

function uniqueSurvey(fields: Fields): void {
  const ids = fields.survey.map((question) => question.id);
  if (new Set(ids).size !== ids.length) throw new AppError('INVALID_INPUT', '问卷题目编号不能重复');
}

/** Reads and checks what the fields name: departments (their names) and published courses (their titles). */
async function resolveFields(db: Database, uploader: string, fields: Fields, scopeDepartmentId: string | null, kept: readonly TakeawayFileDoc[]) {
  uniqueSurvey(fields);
  const startAt = instantOf(fields.day, fields.startTime);
  const endAt = instantOf(fields.day, fields.endTime);
  if (endAt <= startAt) throw new AppError('INVALID_INPUT', '结束时间应晚于开始时间');
  if (fields.preTestRequired && !fields.preTestCourseId) throw new AppError('INVALID_INPUT', '要求通过课前测验时请选择测验课程');
  assertTakeawayUploads(uploader, fields.files, 'classroom-file', kept);
  const departmentIds = [...new Set(fields.departmentIds.length > 0 ? fields.departmentIds : scopeDepartmentId ? [scopeDepartmentId] : [])];
  checkDepartmentsInScope(departmentIds, scopeDepartmentId);
  const courseIds = [fields.preReadingCourseId, fields.preTestCourseId, fields.postQuizCourseId].filter((courseId): courseId is string => courseId !== null);
  const [departments, courses] = await Promise.all([
    byIds<DepartmentDoc>(db, COLLECTIONS.departments, departmentIds),
    byIds<CourseDoc>(db, COLLECTIONS.courses, courseIds),
  ]);
  if (departments.size !== departmentIds.length) throw new AppError('INVALID_INPUT', '所选部门不存在');
  const link = (courseId: string | null, what: string, quiz = false): LinkedCourseDoc | null => {
    if (courseId === null) return null;
    const course = courses.get(courseId);
    if (course?.status !== 'published') throw new AppError('INVALID_INPUT', `${what}须为已发布的课程`);
    if (quiz && !course.quiz) throw new AppError('INVALID_INPUT', `${what}须为带测验的课程`);
    return { courseId, title: course.title };
  };
  return {
    title: fields.title,
    summary: fields.summary,
    place: fields.place,
    startAt,
    endAt,
    capacity: fields.capacity,
    departmentIds,
    departmentNames: departmentIds.map((departmentId) => (departments.get(departmentId) as DepartmentDoc).path.join('/')),
    audiences: [...new Set(fields.audiences)],
    preReading: link(fields.preReadingCourseId, '课前阅读'),
    preTest: link(fields.preTestCourseId, '课前测验', true),
    preTestRequired: fields.preTestRequired,
    postQuiz: link(fields.postQuizCourseId, '课后测验', true),
    survey: fields.survey,
    files: fields.files,
  };
}

/** `uploader`: the caller's upload folder owner (their OPENID): take-away files must be their own uploads. */
export async function createSession(
  db: Database,
  member: MemberDoc,
  uploader: string,
  fields: Fields,
  requestId: string | undefined,
  now: Date,
): Promise<ClassroomSessionDoc> {
  if (!requestId) throw new AppError('INVALID_INPUT', '缺少请求编号');
  const scopeDepartmentId = creationScope(member);
  const resolved = await resolveFields(db, uploader, fields, scopeDepartmentId, []);
  if (resolved.startAt <= now) throw new AppError('INVALID_INPUT', '开课时间应晚于现在');
  const session: ClassroomSessionDoc = {
    _id: hashId('', `${member._id}:${requestId}`, ID_LENGTH),
    ...resolved,
    signedUp: 0,
    status: 'published',
    scopeDepartmentId,
    ownerId: member._id,
    ownerName: member.name,
    attendSecret: randomBytes(16).toString('hex'),
    createdAt: now,
    updatedAt: now,
    cancelledAt: null,
  };
  try {
    await db.collection(COLLECTIONS.classroomSessions).add({ data: { ...session } });
  } catch (err) {
    // The same request again: the session it created.
    if (!isDuplicate(err)) throw err;
    return loadManagedSession(db, member, session._id);
  }
  return session;
}

export async function updateSession(
  db: Database,
  member: MemberDoc,
  uploader: string,
  sessionId: string,
  fields: Fields,
  now: Date,
): Promise<ClassroomSessionDoc> {
  const current = await loadManagedSession(db, member, sessionId);
  if (current.status === 'cancelled') throw new AppError('SESSION_CLOSED', '课程已取消，不能修改');
  const resolved = await resolveFields(db, uploader, fields, current.scopeDepartmentId, current.files);
  if (resolved.capacity < current.signedUp) throw new AppError('INVALID_INPUT', `已有 ${current.signedUp} 人报名，名额不能少于报名人数`);
  return leasedTransaction(db, COLLECTIONS.classroomSessions, sessionId, async (tx) => {
    const session = await txGet<ClassroomSessionDoc>(tx, COLLECTIONS.classroomSessions, sessionId);
    if (!session) throw new AppError('NOT_FOUND', SESSION_NOT_FOUND);
    if (session.status === 'cancelled') throw new AppError('SESSION_CLOSED', '课程已取消，不能修改');
    if (resolved.capacity < session.signedUp) throw new AppError('INVALID_INPUT', `已有 ${session.signedUp} 人报名，名额不能少于报名人数`);
    await tx
      .collection(COLLECTIONS.classroomSessions)
      .doc(sessionId)
      .update({ data: { ...resolved, updatedAt: now } });
    return { ...session, ...resolved, updatedAt: now };
  });
}

/** 取消课程: sign-ups stay as they were (members see the session as cancelled). Cancelling twice changes nothing. */
export async function cancelSession(db: Database, member: MemberDoc, sessionId: string, now: Date): Promise<ClassroomSessionDoc> {
  const current = await loadManagedSession(db, member, sessionId);
  if (current.status === 'cancelled') return current;
  if (now > new Date(current.endAt)) throw new AppError('SESSION_CLOSED', '课程已结束，不能取消');
  await db
    .collection(COLLECTIONS.classroomSessions)
    .doc(sessionId)
    .update({ data: { status: 'cancelled', cancelledAt: now, updatedAt: now } });
  return { ...current, status: 'cancelled', cancelledAt: now, updatedAt: now };
}
