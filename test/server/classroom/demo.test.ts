/**
 * The classroom demo: a session held yesterday with sign-ups, attendance and survey answers, one tomorrow
 * with the demo learner signed up (the notification timer tells them), all through the area's code; seeding
 * again adds nothing.
 */
import type { ClassroomSessionDoc, ClassroomSignupDoc, ClassroomSurveyDoc, NotificationDoc } from '../../../typings/domain';
import { seedClassroomDemo } from '../../../scripts/demo/classroom';
import { buildDemoCompany } from '../../../scripts/demo/company';
import { seedDemoCompany } from '../../../scripts/demo/index';
import { deriveSessions } from '../../../server/notification/derive';
import { getCloud } from '../../../server/core/cloud';
import { useTestCloud } from '../../helpers/local-cloud';
import { readWhere, testDb } from '../../helpers/db';

jest.setTimeout(120_000);

useTestCloud();

it('seeds a held session with attendance and survey answers and one tomorrow, once', async () => {
  const now = new Date('2026-10-08T10:00:00+08:00');
  const company = buildDemoCompany(now);
  await seedDemoCompany(testDb(), company, now);
  const seeded = await seedClassroomDemo(testDb(), getCloud(), company, now);
  expect(seeded).toMatchObject({ sessions: 2, attended: 11, surveys: 8 });
  const sessions = await readWhere<ClassroomSessionDoc>('classroomSessions');
  expect(sessions.map((session) => session.title).sort()).toEqual(['新任经理辅导技巧', '高效沟通工作坊']);
  const held = sessions.find((session) => session.title === '高效沟通工作坊')!;
  expect(held.signedUp).toBe(14);
  // Its take-away workbook is the trainer's own upload, served to members.
  expect(held.files).toEqual([
    {
      name: '反馈三步法练习清单.xlsx',
      fileType: 'xlsx',
      size: expect.any(Number),
      fileID: expect.stringMatching(/\/uploads\/demo-trainer\/classroom-file\/[^/]+\.xlsx$/),
    },
  ]);
  const served = (await getCloud().getTempFileURL({ fileList: [held.files[0]!.fileID] })) as { fileList: { tempFileURL?: string }[] };
  expect(served.fileList[0]?.tempFileURL).toBeTruthy();
  expect((await readWhere<ClassroomSignupDoc>('classroomSignups', { sessionId: held._id })).filter((signup) => signup.attendedAt)).toHaveLength(11);
  expect(await readWhere<ClassroomSurveyDoc>('classroomSurveys', { sessionId: held._id })).toHaveLength(8);
  // Seeding again creates nothing new.
  await seedClassroomDemo(testDb(), getCloud(), company, now);
  expect(await readWhere('classroomSessions')).toHaveLength(2);
  expect(await readWhere('classroomSurveys')).toHaveLength(8);
  // The learner signed up for tomorrow's session hears of it from the timer.
  await deriveSessions(testDb(), now, { started: Date.now(), budgetMs: 60_000 });
  const learner = company.identities.find((identity) => identity.role === 'learner')!;
  const told = await readWhere<NotificationDoc>('notifications', { memberId: learner.memberId, kind: 'session_tomorrow' });
  expect(told.map((doc) => doc.title)).toEqual(['明天上课：新任经理辅导技巧']);
});
