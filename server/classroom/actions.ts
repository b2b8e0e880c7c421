/**
 * Function `classroom` (线下课, blended learning): classroom sessions with sign-up, a pre-test gate,
 * attendance by a rotating code, an evaluation survey, take-away files, and exports for trainers.
 * Access rules: ./access.ts; sign-ups: ./signups.ts; attendance: ./attendance.ts; survey: ./survey.ts.
 * The "session tomorrow" notification is derived by the `notification` timer (server/notification/derive.ts).
 */
import type { ClassroomSessionDoc, ClassroomSignupDoc } from '../../typings/domain';
import { classroomContracts } from '../../typings/functions/classroom';
import { AppError, byIds, COLLECTIONS, defineAction, defineFunction, docsOf, findPage, pageOf } from '../core';
import type { Database } from '../core';
import { scopeCondition } from '../core/scope';
import { canSee, loadManagedSession, loadVisibleSession, managesSession, managingScope, signupId } from './access';
import { attend as attendWithToken, attendanceCode as codeOf } from './attendance';
import { cancelSession, createSession, updateSession } from './edit';
import { exportAttendance as exportAttendanceRows, exportSurvey as exportSurveyRows } from './exports';
import { cancelSignUp as cancel, signUp as signUpFor } from './signups';
import { aggregate, readSheets, submitSurvey as submitSheet } from './survey';
import { editView, sessionCounts, sessionView, summaryView } from './views';

const MANAGERS = ['trainer', 'admin'] as const;
/** Sessions ended longer ago than this leave members' list (their detail stays reachable). */
const LIST_DAYS_BACK = 7;
/** Sessions read for a member's list: far more than a company runs in the list's window. */
const LIST_READ = 200;

export const list = defineAction({
  ...classroomContracts.list,
  roles: ['learner'],
  async handler({ db, caller, input, now }) {
    const at = now();
    const _ = db.command;
    // Published sessions ending within the window, filtered to the caller's audience in memory.
    const sessions = await docsOf<ClassroomSessionDoc>(
      db
        .collection(COLLECTIONS.classroomSessions)
        .where({ status: 'published', endAt: _.gte(new Date(at.getTime() - LIST_DAYS_BACK * 86_400_000)) })
        .orderBy('endAt', 'asc')
        .limit(LIST_READ),
    );
    const visible = sessions
      .filter((session) => canSee(caller.member, session, null, at))
      .sort((a, b) => new Date(a.startAt).getTime() - new Date(b.startAt).getTime() || (a._id < b._id ? -1 : 1));
    const start = (input.page - 1) * input.pageSize;
    const page = visible.slice(start, start + input.pageSize);
    const signups = await byIds<ClassroomSignupDoc>(
      db,
      COLLECTIONS.classroomSignups,
      page.map((session) => signupId(session._id, caller.member._id)),
    );
    return pageOf({ docs: page, total: visible.length }, input, (session) => summaryView(session, signups.get(signupId(session._id, caller.member._id)), at));
  },
});

export const detail = defineAction({
  ...classroomContracts.detail,
  roles: ['learner'],
  async handler({ db, cloud, caller, input, now }) {
    const at = now();
    const visible = await loadVisibleSession(db, caller.member, input.sessionId, at);
    return sessionView(db, cloud, { ...visible, manager: managesSession(caller.member, visible.session), memberId: caller.member._id }, at);
  },
});

export const signUp = defineAction({
  ...classroomContracts.signUp,
  roles: ['learner'],
  async handler({ db, cloud, caller, input, now }) {
    const at = now();
    const visible = await signUpFor(db, caller.member, input.sessionId, at);
    return sessionView(db, cloud, { ...visible, manager: managesSession(caller.member, visible.session), memberId: caller.member._id }, at);
  },
});

export const cancelSignUp = defineAction({
  ...classroomContracts.cancelSignUp,
  roles: ['learner'],
  async handler({ db, cloud, caller, input, now }) {
    const at = now();
    const visible = await cancel(db, caller.member, input.sessionId, at);
    return sessionView(db, cloud, { ...visible, manager: managesSession(caller.member, visible.session), memberId: caller.member._id }, at);
  },
});

export const attend = defineAction({
  ...classroomContracts.attend,
  roles: ['learner'],
  handler: ({ db, caller, input, now }) => attendWithToken(db, caller.member, input.token, now()),
});

export const submitSurvey = defineAction({
  ...classroomContracts.submitSurvey,
  roles: ['learner'],
  async handler({ db, cloud, caller, input, now }) {
    const at = now();
    const { session, signup } = await loadVisibleSession(db, caller.member, input.sessionId, at);
    const saved = await submitSheet(db, cloud, { memberId: caller.member._id, openid: caller.openid }, session, signup, input, at);
    return sessionView(db, cloud, { session, signup: saved, manager: managesSession(caller.member, session), memberId: caller.member._id }, at);
  },
});

export const managed = defineAction({
  ...classroomContracts.managed,
  roles: [...MANAGERS],
  async handler({ db, caller, input, now }) {
    const scope = managingScope(caller.member);
    if (scope === null) throw new AppError('FORBIDDEN');
    const filter = scope === 'all' ? {} : (scopeCondition(db, 'scopeDepartmentId', scope) as Record<string, unknown>);
    const at = now();
    const found = await findPage<ClassroomSessionDoc>(
      db,
      COLLECTIONS.classroomSessions,
      filter,
      [
        { field: 'startAt', direction: 'desc' },
        { field: '_id', direction: 'asc' },
      ],
      input,
    );
    return pageOf(found, input, (session) => summaryView(session, null, at));
  },
});

async function managedEditView(db: Database, session: ClassroomSessionDoc) {
  return editView(session, await sessionCounts(db, session._id));
}

export const get = defineAction({
  ...classroomContracts.get,
  roles: [...MANAGERS],
  async handler({ db, caller, input }) {
    return managedEditView(db, await loadManagedSession(db, caller.member, input.sessionId));
  },
});

export const save = defineAction({
  ...classroomContracts.save,
  roles: [...MANAGERS],
  async handler({ db, caller, input, now }) {
    const { sessionId, requestId, ...fields } = input;
    const uploader = caller.openid || caller.browser?.uid || '';
    const saved =
      sessionId === undefined
        ? await createSession(db, caller.member, uploader, fields, requestId, now())
        : await updateSession(db, caller.member, uploader, sessionId, fields, now());
    return managedEditView(db, saved);
  },
});

export const cancelAction = defineAction({
  ...classroomContracts.cancel,
  roles: [...MANAGERS],
  async handler({ db, caller, input, now }) {
    return managedEditView(db, await cancelSession(db, caller.member, input.sessionId, now()));
  },
});

export const attendanceCode = defineAction({
  ...classroomContracts.attendanceCode,
  roles: [...MANAGERS],
  async handler({ db, cloud, caller, input, now }) {
    const session = await loadManagedSession(db, caller.member, input.sessionId);
    if (session.status === 'cancelled') throw new AppError('SESSION_CLOSED', '课程已取消');
    return codeOf(cloud, session, await sessionCounts(db, session._id), now());
  },
});

export const attendees = defineAction({
  ...classroomContracts.attendees,
  roles: [...MANAGERS],
  async handler({ db, caller, input }) {
    const session = await loadManagedSession(db, caller.member, input.sessionId);
    const found = await findPage<ClassroomSignupDoc>(
      db,
      COLLECTIONS.classroomSignups,
      { sessionId: session._id, status: 'signed_up' },
      [
        { field: 'signedUpAt', direction: 'asc' },
        { field: '_id', direction: 'asc' },
      ],
      input,
      { total: session.signedUp },
    );
    return pageOf(found, input, (signup) => ({
      memberId: signup.memberId,
      name: signup.name,
      employeeNo: signup.employeeNo,
      departmentPath: signup.departmentPath,
      signedUpAt: new Date(signup.signedUpAt).toISOString(),
      attendedAt: signup.attendedAt ? new Date(signup.attendedAt).toISOString() : null,
      surveyed: signup.surveyed,
    }));
  },
});

export const surveyResults = defineAction({
  ...classroomContracts.surveyResults,
  roles: [...MANAGERS],
  async handler({ db, caller, input }) {
    const session = await loadManagedSession(db, caller.member, input.sessionId);
    const [sheets, counts] = await Promise.all([readSheets(db, session._id), sessionCounts(db, session._id)]);
    return aggregate(session, sheets, counts.attended);
  },
});

export const exportAttendance = defineAction({
  ...classroomContracts.exportAttendance,
  roles: [...MANAGERS],
  async handler({ db, cloud, caller, input, now }) {
    return exportAttendanceRows(db, cloud, await loadManagedSession(db, caller.member, input.sessionId), caller.member._id, now());
  },
});

export const exportSurvey = defineAction({
  ...classroomContracts.exportSurvey,
  roles: [...MANAGERS],
  async handler({ db, cloud, caller, input, now }) {
    return exportSurveyRows(db, cloud, await loadManagedSession(db, caller.member, input.sessionId), caller.member._id, now());
  },
});

export const classroomFunction = defineFunction({
  name: 'classroom',
  actions: {
    list,
    detail,
    signUp,
    cancelSignUp,
    attend,
    submitSurvey,
    managed,
    get,
    save,
    cancel: cancelAction,
    attendanceCode,
    attendees,
    surveyResults,
    exportAttendance,
    exportSurvey,
  },
});
