/**
 * Demo classroom sessions (线下课), through the classroom area's own code at the times each step happens:
 * one held yesterday by the demo trainer (with a pre-reading course, a pre-test and a post-class quiz from
 * the catalogue, sign-ups, attendance by the rotating code and survey answers), and one tomorrow with the
 * demo learner among those signed up (the notification timer tells them today). The held session carries a
 * take-away workbook (课后资料) in the trainer's own upload folder. Ids come from request ids, so seeding again
 * creates nothing new.
 */
import type { Database, WxCloud } from '../../server/core';
import { COLLECTIONS, docsOf } from '../../server/core';
import { attend, attendanceToken } from '../../server/classroom/attendance';
import { loadSession, signupId } from '../../server/classroom/access';
import { createSession } from '../../server/classroom/edit';
import { signUp } from '../../server/classroom/signups';
import { submitSurvey } from '../../server/classroom/survey';
import { loadExcel } from '../../server/core/excel';
import { addDays, beijingDate, startOfBeijingDay } from '../../server/core/time';
import { uploadFolderOf } from '../../server/core/uploads';
import type { ClassroomSignupDoc, CourseDoc, MemberDoc, TakeawayFileDoc } from '../../typings/domain';
import type { buildDemoCompany } from './company';

const SURVEY = [
  { id: 'q1', kind: 'rating' as const, prompt: '课程内容对工作有帮助' },
  { id: 'q2', kind: 'rating' as const, prompt: '讲师讲解清楚、互动充分' },
  { id: 'q3', kind: 'open' as const, prompt: '最大的收获或改进建议' },
];
const ANSWERS = ['学会了用提问代替指责', '案例很贴近实际，希望多些练习时间', '反馈的三个步骤马上能用上', '', '分组演练很有收获'];

/** An instant `minutes` after Beijing midnight of `day`. */
const at = (day: string, minutes: number): Date => new Date((startOfBeijingDay(day) as Date).getTime() + minutes * 60_000);

/** The held session's take-away file: a real workbook members open with wx.openDocument. */
async function uploadHandout(cloud: WxCloud, openid: string): Promise<TakeawayFileDoc> {
  const workbook = new (loadExcel().Workbook)();
  workbook.addWorksheet('反馈三步法').addRows([
    ['步骤', '要点', '例句'],
    ['描述事实', '说具体行为，不贴标签', '周一的周报晚交了两天'],
    ['说明影响', '对结果和团队的影响', '项目排期因此顺延'],
    ['提出期望', '约定下一步并跟进', '下周起周五中午前提交，可以吗？'],
  ]);
  const fileContent = Buffer.from(await workbook.xlsx.writeBuffer());
  const { fileID } = (await cloud.uploadFile({
    cloudPath: `${uploadFolderOf(openid)}/classroom-file/demo-feedback-checklist.xlsx`,
    fileContent,
  })) as { fileID: string };
  return { name: '反馈三步法练习清单.xlsx', fileID, fileType: 'xlsx', size: fileContent.length };
}

export async function seedClassroomDemo(
  db: Database,
  cloud: WxCloud,
  company: ReturnType<typeof buildDemoCompany>,
  now: Date,
): Promise<{ sessions: number; signUps: number; attended: number; surveys: number }> {
  const trainerId = company.identities.find((identity) => identity.openid === 'demo-trainer')?.memberId;
  const learnerId = company.identities.find((identity) => identity.role === 'learner')?.memberId;
  const trainer = company.members.find((member) => member._id === trainerId) as MemberDoc | undefined;
  if (!trainer || !learnerId) return { sessions: 0, signUps: 0, attended: 0, surveys: 0 };
  const courses = await docsOf<CourseDoc>(
    db
      .collection(COLLECTIONS.courses)
      .where({ status: 'published', quiz: db.command.neq(null) })
      .orderBy('_id', 'asc')
      .limit(2),
  );
  const [quiz, postQuiz] = [courses[0] ?? null, courses[1] ?? courses[0] ?? null];
  const today = beijingDate(now);
  const yesterday = addDays(today, -1);
  const tomorrow = addDays(today, 1);
  const base = { summary: '', departmentIds: [], audiences: [], preReadingCourseId: null, files: [] };
  const held = await createSession(
    db,
    trainer,
    'demo-trainer',
    {
      ...base,
      title: '高效沟通工作坊',
      summary: '用真实案例练习倾听、提问与反馈，课前请完成阅读与测验。',
      place: '总部 3 楼培训室',
      day: yesterday,
      startTime: '14:00',
      endTime: '16:00',
      capacity: 30,
      preReadingCourseId: quiz?._id ?? null,
      preTestCourseId: quiz?._id ?? null,
      preTestRequired: false,
      postQuizCourseId: postQuiz?._id ?? null,
      survey: SURVEY,
      files: [await uploadHandout(cloud, 'demo-trainer')],
    },
    'demo-classroom-held',
    at(yesterday, -5 * 24 * 60),
  );
  const upcoming = await createSession(
    db,
    trainer,
    'demo-trainer',
    {
      ...base,
      title: '新任经理辅导技巧',
      summary: '一对一辅导的 GROW 模型与现场演练。',
      place: '华东分公司 2 楼会议室',
      day: tomorrow,
      startTime: '09:30',
      endTime: '11:30',
      capacity: 20,
      preTestCourseId: quiz?._id ?? null,
      preTestRequired: false,
      postQuizCourseId: null,
      survey: SURVEY,
    },
    'demo-classroom-upcoming',
    at(yesterday, -5 * 24 * 60),
  );
  const active = company.members.filter((member) => member.active && member._id !== trainer._id) as MemberDoc[];
  const learner = active.find((member) => member._id === learnerId);
  const heldGroup = active.slice(0, 14);
  const upcomingGroup = [...(learner ? [learner] : []), ...active.slice(20, 28)];
  let signUps = 0;
  for (const [index, member] of heldGroup.entries()) {
    await signUp(db, member, held._id, at(yesterday, -3 * 24 * 60 + index));
    signUps += 1;
  }
  for (const [index, member] of upcomingGroup.entries()) {
    await signUp(db, member, upcoming._id, new Date(now.getTime() - (60 - index) * 60_000));
    signUps += 1;
  }
  // Eleven of fourteen came, scanning between 13:40 and 14:05; eight answered the survey after class.
  const session = await loadSession(db, held._id);
  let attended = 0;
  let surveys = 0;
  for (const [index, member] of heldGroup.slice(0, 11).entries()) {
    const scannedAt = at(yesterday, 14 * 60 - 20 + index * 2);
    await attend(db, member, attendanceToken(session, scannedAt), scannedAt);
    attended += 1;
  }
  for (const [index, member] of heldGroup.slice(0, 8).entries()) {
    const signup = (
      await docsOf<ClassroomSignupDoc>(
        db
          .collection(COLLECTIONS.classroomSignups)
          .where({ _id: signupId(held._id, member._id) })
          .limit(1),
      )
    )[0];
    if (!signup || signup.surveyed) continue;
    const answer = ANSWERS[index % ANSWERS.length] as string;
    await submitSurvey(
      db,
      cloud,
      { memberId: member._id, openid: '' },
      session,
      signup,
      { ratings: { q1: 5 - (index % 3 === 2 ? 1 : 0), q2: 4 + (index % 2) }, answers: answer ? { q3: answer } : {} },
      at(yesterday, 16 * 60 + 10 + index * 5),
    );
    surveys += 1;
  }
  return { sessions: 2, signUps, attended, surveys };
}
