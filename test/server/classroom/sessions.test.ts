/**
 * Classroom sessions end to end through the real function: a trainer creates one within their scope (a
 * trainer of another department is refused), members in the audience sign up (the pre-test gate, capacity,
 * cancelling), attend by the rotating code only within the window, answer the survey once (content-checked),
 * and the trainer sees the results and exports both tables. Operation counts of sign-up and scan are fixed.
 */
import type { ClassroomSessionDoc, ClassroomSignupDoc, NotificationDoc } from '../../../typings/domain';
import { attendanceToken } from '../../../server/classroom/attendance';
import { runNotifications } from '../../../server/notification/actions';
import { getCloud } from '../../../server/core/cloud';
import { callAction } from '../../helpers/invoke';
import { useTestCloud } from '../../helpers/local-cloud';
import { grant, insertAll, readDoc, readWhere, seedMember, testDb } from '../../helpers/db';
import { as, seedMembers } from '../../helpers/identities';
import { codeOf, dataOf } from '../../helpers/envelope';
import { uploadedBy } from '../../helpers/uploads';
import { beijing, freezeClock, setClock } from '../../helpers/clock';
import { A, B, QUIZ_COURSE, quizRecord, READING_COURSE, seedClassroomWorld, sessionFields } from './helpers';

jest.setTimeout(120_000);

const cloud = useTestCloud();
const DAY = '2026-06-10';
const T = { hq: 'o-cls-hq-trainer', a: 'o-cls-a-trainer', b: 'o-cls-b-trainer' };
let sessionId = '';

beforeAll(async () => {
  freezeClock(beijing('2026-06-01', '10:00'));
  await seedClassroomWorld();
  await seedMember(T.hq, 'm:cls-hq-trainer', { name: '总部讲师', roles: [grant('trainer')] });
  await seedMember(T.a, 'm:cls-a-trainer', { name: '甲讲师', departmentId: A, departmentPath: ['甲分公司'], roles: [grant('trainer', A)] });
  await seedMember(T.b, 'm:cls-b-trainer', { name: '乙讲师', departmentId: B, departmentPath: ['乙分公司'], roles: [grant('trainer', B)] });
  await seedMembers(['cls-a1', 'cls-a2', 'cls-a3'], { departmentId: A, departmentPath: ['甲分公司'] });
  await seedMembers(['cls-b1'], { departmentId: B, departmentPath: ['乙分公司'] });
});

it('lets a branch trainer create a session for their branch only; another branch’s trainer is refused', async () => {
  const fields = sessionFields(DAY, {
    capacity: 2,
    preReadingCourseId: READING_COURSE,
    preTestCourseId: QUIZ_COURSE,
    preTestRequired: true,
    postQuizCourseId: QUIZ_COURSE,
    survey: [
      { id: 'q1', kind: 'rating', prompt: '课程整体满意度' },
      { id: 'q2', kind: 'open', prompt: '最大的收获' },
    ],
  });
  // Outside the trainer's scope: refused, nothing written.
  expect(codeOf(await callAction('classroom', 'save', { ...fields, departmentIds: [B], requestId: 'cls-create-0' }, { openid: T.a }))).toBe('FORBIDDEN');
  expect(await readWhere('classroomSessions')).toHaveLength(0);
  const created = dataOf(await callAction('classroom', 'save', { ...fields, requestId: 'cls-create-1' }, { openid: T.a }));
  sessionId = created.id;
  expect(created).toMatchObject({ day: DAY, startTime: '14:00', endTime: '16:00', departmentIds: [A], departmentNames: ['甲分公司'], scopeLabel: '甲分公司' });
  // The same request again: the same session.
  expect(dataOf(await callAction('classroom', 'save', { ...fields, requestId: 'cls-create-1' }, { openid: T.a })).id).toBe(sessionId);
  expect(await readWhere('classroomSessions')).toHaveLength(1);
  for (const action of ['get', 'attendanceCode', 'attendees', 'surveyResults', 'exportAttendance', 'cancel'] as const)
    expect(codeOf(await callAction('classroom', action, { sessionId }, { openid: T.b }))).toBe('FORBIDDEN');
  expect(codeOf(await callAction('classroom', 'save', { sessionId, ...fields }, { openid: T.b }))).toBe('FORBIDDEN');
  // Headquarters' unscoped trainer manages it; the branch trainer's list has it, the other's does not.
  expect(codeOf(await callAction('classroom', 'get', { sessionId }, { openid: T.hq }))).toBe('OK');
  expect(dataOf(await callAction('classroom', 'managed', {}, { openid: T.a })).items.map((item) => item.id)).toEqual([sessionId]);
  expect(dataOf(await callAction('classroom', 'managed', {}, { openid: T.b })).items).toEqual([]);
});

it('takes take-away files only from the saving manager’s own classroom-file uploads, keeping those it holds', async () => {
  const {
    id: _id,
    departmentNames: _names,
    status: _status,
    signedUp: _signed,
    attended: _attended,
    surveyed: _surveyed,
    scopeLabel: _scope,
    preReading: _preReading,
    preTest: _preTest,
    postQuiz: _postQuiz,
    ...fields
  } = dataOf(await callAction('classroom', 'get', { sessionId }, { openid: T.a }));
  const pdf = (fileID: string) => ({ name: '课后练习.pdf', fileID, fileType: 'pdf' as const, size: 2048 });
  const before = await readDoc<ClassroomSessionDoc>('classroomSessions', sessionId);
  // Another trainer's upload, or the trainer's own upload in another folder: refused, nothing written.
  for (const fileID of [uploadedBy(T.b, 'classroom-file', 'x.pdf'), uploadedBy(T.a, 'campaign-cover', 'x.pdf')])
    expect(codeOf(await callAction('classroom', 'save', { sessionId, ...fields, files: [pdf(fileID)] }, { openid: T.a }))).toBe('INVALID_INPUT');
  expect(await readDoc<ClassroomSessionDoc>('classroomSessions', sessionId)).toEqual(before);
  const own = pdf(uploadedBy(T.a, 'classroom-file', 'x.pdf'));
  expect(dataOf(await callAction('classroom', 'save', { sessionId, ...fields, files: [own] }, { openid: T.a })).files).toEqual([own]);
  // Headquarters' trainer may save the session with the branch trainer's file as it holds it, but not add theirs.
  const hqFile = pdf(uploadedBy(T.hq, 'classroom-file', 'y.pdf'));
  expect(dataOf(await callAction('classroom', 'save', { sessionId, ...fields, files: [own, hqFile] }, { openid: T.hq })).files).toEqual([own, hqFile]);
  expect(
    codeOf(await callAction('classroom', 'save', { sessionId, ...fields, files: [own, pdf(uploadedBy(T.b, 'classroom-file', 'z.pdf'))] }, { openid: T.hq })),
  ).toBe('INVALID_INPUT');
  // Back to none, so the sign-up counts below stay those of a session without files.
  expect(dataOf(await callAction('classroom', 'save', { sessionId, ...fields, files: [] }, { openid: T.a })).files).toEqual([]);
});

it('shows the session to its audience only, and gates sign-up on the pre-test pass, exactly to capacity', async () => {
  expect(dataOf(await callAction('classroom', 'list', {}, as('cls-a1'))).items.map((item) => item.id)).toEqual([sessionId]);
  expect(dataOf(await callAction('classroom', 'list', {}, as('cls-b1'))).items).toEqual([]);
  expect(codeOf(await callAction('classroom', 'detail', { sessionId }, as('cls-b1')))).toBe('NOT_FOUND');
  expect(codeOf(await callAction('classroom', 'signUp', { sessionId }, as('cls-a1')))).toBe('PRETEST_REQUIRED');
  expect((await readDoc<ClassroomSessionDoc>('classroomSessions', sessionId))?.signedUp).toBe(0);
  await insertAll(
    'learningRecords',
    ['cls-a1', 'cls-a2', 'cls-a3'].map((id) => quizRecord(id, QUIZ_COURSE, true)),
  );
  cloud.actions.reset();
  const signed = dataOf(await callAction('classroom', 'signUp', { sessionId }, as('cls-a1')));
  // Guard 1, session + sign-up 2, pre-test record 1, lease 1, transaction 6, release 1; the answer's view
  // reads the pre-test record again (1).
  expect(cloud.actions.databaseOperations()).toBe(13);
  expect(signed).toMatchObject({ mine: 'signed_up', signedUp: 1, preTest: { courseId: QUIZ_COURSE, required: true, passed: true } });
  expect(dataOf(await callAction('classroom', 'signUp', { sessionId }, as('cls-a1'))).signedUp).toBe(1);
  dataOf(await callAction('classroom', 'signUp', { sessionId }, as('cls-a2')));
  expect(codeOf(await callAction('classroom', 'signUp', { sessionId }, as('cls-a3')))).toBe('SESSION_FULL');
  // A cancellation frees the seat at once.
  expect(dataOf(await callAction('classroom', 'cancelSignUp', { sessionId }, as('cls-a2'))).mine).toBe('none');
  expect(dataOf(await callAction('classroom', 'signUp', { sessionId }, as('cls-a3'))).signedUp).toBe(2);
  // The capacity cannot go below the seats taken.
  const fields = sessionFields(DAY, { capacity: 1 });
  expect(codeOf(await callAction('classroom', 'save', { sessionId, ...fields }, { openid: T.a }))).toBe('INVALID_INPUT');
});

it('tells members signed up the day before, unless they turned the kind off', async () => {
  dataOf(await callAction('notification', 'setKind', { kind: 'session_tomorrow', enabled: false }, as('cls-a3')));
  setClock(beijing('2026-06-09', '10:00'));
  await runNotifications(testDb(), getCloud(), new Date());
  await runNotifications(testDb(), getCloud(), new Date());
  const told = await readWhere<NotificationDoc>('notifications', { kind: 'session_tomorrow' });
  expect(told.map((doc) => doc.memberId).sort()).toEqual(['cls-a1', 'cls-a3']);
  expect(told[0]).toMatchObject({ title: '明天上课：高效沟通工作坊', body: '14:00 总部 3 楼培训室', page: `packageClassroom/session/index?id=${sessionId}` });
  // The kind turned off is left out of the member's list (server/notification decides on read).
  expect(dataOf(await callAction('notification', 'list', {}, as('cls-a3'))).items).toEqual([]);
  expect(dataOf(await callAction('notification', 'list', {}, as('cls-a1'))).items.map((item) => item.kind)).toEqual(['session_tomorrow']);
});

it('accepts the rotating code only within the window, from members signed up, once each', async () => {
  const session = (await readDoc<ClassroomSessionDoc>('classroomSessions', sessionId)) as ClassroomSessionDoc;
  setClock(beijing(DAY, '13:29'));
  const early = attendanceToken(session, new Date());
  expect(codeOf(await callAction('classroom', 'attend', { token: early }, as('cls-a1')))).toBe('ATTEND_CLOSED');
  setClock(beijing(DAY, '13:40'));
  const code = dataOf(await callAction('classroom', 'attendanceCode', { sessionId }, { openid: T.a }));
  expect(code.code).toMatch(/^data:image\/png;base64,/);
  expect(code.token.length).toBeLessThanOrEqual(32);
  expect(code.page).toBe(`packageClassroom/attend/index?scene=${encodeURIComponent(code.token)}`);
  cloud.actions.reset();
  expect(dataOf(await callAction('classroom', 'attend', { token: code.token }, as('cls-a1')))).toMatchObject({ sessionId, firstTime: true, points: 20 });
  // Guard 1, session 1, sign-up 1; the points: rules 1, account 1, entry 1, account 1; the sign-up's
  // conditional update 1.
  expect(cloud.actions.databaseOperations()).toBe(8);
  cloud.actions.reset();
  expect(dataOf(await callAction('classroom', 'attend', { token: code.token }, as('cls-a1')))).toMatchObject({ firstTime: false, points: 0 });
  // A repeat: guard 1, session 1, sign-up 1.
  expect(cloud.actions.databaseOperations()).toBe(3);
  expect(codeOf(await callAction('classroom', 'attend', { token: code.token }, as('cls-a2')))).toBe('NOT_SIGNED_UP');
  // A code older than a minute, a forged one, another session's shape: all stale.
  setClock(new Date(Date.now() + 61_000));
  expect(codeOf(await callAction('classroom', 'attend', { token: code.token }, as('cls-a3')))).toBe('ATTEND_CODE_INVALID');
  const forged = `${sessionId}.${code.token.split('.')[1]}.0123456789`;
  expect(codeOf(await callAction('classroom', 'attend', { token: forged }, as('cls-a3')))).toBe('ATTEND_CODE_INVALID');
  expect(codeOf(await callAction('classroom', 'attend', { token: 'nonsense' }, as('cls-a3')))).toBe('ATTEND_CODE_INVALID');
  expect((await readDoc<ClassroomSignupDoc>('classroomSignups', `${sessionId}:cls-a3`))?.attendedAt).toBeNull();
  // Cancelling is closed once scanning opened.
  expect(codeOf(await callAction('classroom', 'cancelSignUp', { sessionId }, as('cls-a3')))).toBe('SESSION_CLOSED');
  const attendees = dataOf(await callAction('classroom', 'attendees', { sessionId }, { openid: T.a }));
  expect(attendees.items.map((item) => [item.memberId, item.attendedAt !== null])).toEqual([
    ['cls-a1', true],
    ['cls-a3', false],
  ]);
});

it('takes one survey per attendee, content-checked, and aggregates it for the trainer', async () => {
  setClock(beijing(DAY, '16:30'));
  expect(codeOf(await callAction('classroom', 'submitSurvey', { sessionId, ratings: { q1: 5 } }, as('cls-a3')))).toBe('NOT_SIGNED_UP');
  expect(codeOf(await callAction('classroom', 'submitSurvey', { sessionId, ratings: {} }, as('cls-a1')))).toBe('INVALID_INPUT');
  expect(codeOf(await callAction('classroom', 'submitSurvey', { sessionId, ratings: { q1: 5, q9: 1 } }, as('cls-a1')))).toBe('INVALID_INPUT');
  cloud.openapi.setBlockList({ text: ['违禁词'], imageSha256: [] });
  expect(codeOf(await callAction('classroom', 'submitSurvey', { sessionId, ratings: { q1: 4 }, answers: { q2: '这是违禁词' } }, as('cls-a1')))).toBe(
    'CONTENT_REJECTED',
  );
  expect(await readWhere('classroomSurveys')).toHaveLength(0);
  const done = dataOf(await callAction('classroom', 'submitSurvey', { sessionId, ratings: { q1: 4 }, answers: { q2: '学会了先倾听' } }, as('cls-a1')));
  expect(done).toMatchObject({ surveyed: true, surveyOpen: false });
  expect(codeOf(await callAction('classroom', 'submitSurvey', { sessionId, ratings: { q1: 1 } }, as('cls-a1')))).toBe('ALREADY_SURVEYED');
  const results = dataOf(await callAction('classroom', 'surveyResults', { sessionId }, { openid: T.a }));
  expect(results).toEqual({
    responses: 1,
    attended: 1,
    ratings: [{ questionId: 'q1', prompt: '课程整体满意度', answers: 1, average: 4, distribution: [0, 0, 0, 1, 0] }],
    open: [{ questionId: 'q2', prompt: '最大的收获', answers: ['学会了先倾听'] }],
  });
  expect(dataOf(await callAction('classroom', 'get', { sessionId }, { openid: T.a }))).toMatchObject({ signedUp: 2, attended: 1, surveyed: 1 });
});

it('exports attendance and survey answers as workbooks', async () => {
  const attendance = dataOf(await callAction('classroom', 'exportAttendance', { sessionId }, { openid: T.a }));
  expect(attendance.rows).toBe(2);
  expect(attendance.url).toMatch(/^http/);
  const survey = dataOf(await callAction('classroom', 'exportSurvey', { sessionId }, { openid: T.a }));
  expect(survey.rows).toBe(1);
});

it('cancels a session: members see it cancelled and can no longer attend', async () => {
  setClock(beijing('2026-06-01', '10:00'));
  const other = dataOf(await callAction('classroom', 'save', { ...sessionFields('2026-06-20'), requestId: 'cls-create-2' }, { openid: T.hq }));
  dataOf(await callAction('classroom', 'signUp', { sessionId: other.id }, as('cls-b1')));
  expect(dataOf(await callAction('classroom', 'cancel', { sessionId: other.id }, { openid: T.hq })).status).toBe('cancelled');
  expect(dataOf(await callAction('classroom', 'detail', { sessionId: other.id }, as('cls-b1'))).phase).toBe('cancelled');
  const session = (await readDoc<ClassroomSessionDoc>('classroomSessions', other.id)) as ClassroomSessionDoc;
  setClock(beijing('2026-06-20', '14:10'));
  expect(codeOf(await callAction('classroom', 'attend', { token: attendanceToken(session, new Date()) }, as('cls-b1')))).toBe('ATTEND_CLOSED');
});
