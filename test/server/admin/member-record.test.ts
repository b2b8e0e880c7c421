/**
 * 学习档案 (admin.memberRecord, admin.exportMemberRecord): one member's courses, study time, quiz scores,
 * points, campaigns, contests and certificates, for admins over that member's department, read through
 * the member-id indexes in a fixed number of operations, and as a workbook read back here.
 */
import ExcelJS from 'exceljs';
import { callAction } from '../../helpers/invoke';
import { useTestCloud } from '../../helpers/local-cloud';
import { grant, insertAll, seedMember } from '../../helpers/db';
import { codeOf, dataOf } from '../../helpers/envelope';
import { rosterMember, seedRoster } from '../../helpers/roster';

jest.setTimeout(60_000);

const ADMIN = { openid: 'o-record-admin' };
const EAST_ADMIN = { openid: 'o-record-east' };
const WEST_ADMIN = { openid: 'o-record-west' };
const EAST = { departmentId: 'dept:总部/华东', departmentPath: ['总部', '华东'] };
const WEST = { departmentId: 'dept:总部/华西', departmentPath: ['总部', '华西'] };
const MEMBER = 'm:R1001';

const cloud = useTestCloud();
const at = (iso: string) => new Date(iso);

beforeAll(async () => {
  await insertAll('departments', [
    { _id: 'dept:总部', name: '总部', path: ['总部'], parentId: null },
    { _id: EAST.departmentId, name: '华东', path: EAST.departmentPath, parentId: 'dept:总部' },
    { _id: WEST.departmentId, name: '华西', path: WEST.departmentPath, parentId: 'dept:总部' },
  ]);
  await seedMember(ADMIN.openid, 'm:R0001', { employeeNo: 'R0001', name: '总管理员', roles: [grant('admin')] });
  await seedMember(EAST_ADMIN.openid, 'm:R0002', { employeeNo: 'R0002', name: '华东管理员', roles: [grant('admin', EAST.departmentId)], ...EAST });
  await seedMember(WEST_ADMIN.openid, 'm:R0003', { employeeNo: 'R0003', name: '华西管理员', roles: [grant('admin', WEST.departmentId)], ...WEST });
  await seedRoster(rosterMember('R1001', '林学习', EAST));
  // The study totals (95 minutes, 2 started, 1 completed) are summed from these records when read.
  const record = {
    position: 0,
    furthest: 0,
    creditedUntil: null,
    completionEmitted: false,
    quizAttempts: 1,
    quizPassEmitted: false,
    startedAt: at('2026-11-01T02:00:00Z'),
    updatedAt: at('2026-11-20T02:00:00Z'),
  };
  await insertAll('learningRecords', [
    {
      ...record,
      _id: `${MEMBER}:c:safety`,
      memberId: MEMBER,
      courseId: 'c:safety',
      percent: 100,
      studyMs: 60 * 60_000,
      completed: true,
      completedAt: at('2026-11-10T02:00:00Z'),
      quizPassed: true,
      quizBestScore: 92,
      lastStudiedAt: at('2026-11-10T02:00:00Z'),
    },
    {
      ...record,
      _id: `${MEMBER}:c:gone`,
      memberId: MEMBER,
      courseId: 'c:gone',
      percent: 40,
      studyMs: 35 * 60_000,
      completed: false,
      completedAt: null,
      quizPassed: false,
      quizBestScore: null,
      lastStudiedAt: at('2026-11-20T02:00:00Z'),
    },
  ]);
  await insertAll('courses', [{ _id: 'c:safety', title: '安全生产第一课', status: 'published' }]);
  await insertAll('pointsAccounts', [
    {
      _id: MEMBER,
      memberId: MEMBER,
      name: '林学习',
      ...EAST,
      balance: 30,
      earnedTotal: 50,
      levelRank: 1,
      levelName: '学习新星',
      buckets: {},
      oldestYear: null,
    },
  ]);
  const entry = { memberId: MEMBER, source: 'c:safety', note: null, expiresAt: null, buckets: {} };
  await insertAll('pointsLedger', [
    { ...entry, _id: 'l:1', amount: 50, reason: 'course_completed', idempotencyKey: 'k1', balanceAfter: 50, createdAt: at('2026-11-10T02:00:00Z') },
    { ...entry, _id: 'l:2', amount: -20, reason: 'redemption', idempotencyKey: 'k2', note: '保温杯', balanceAfter: 30, createdAt: at('2026-11-12T02:00:00Z') },
  ]);
  await insertAll('campaigns', [{ _id: 'cp:21', title: '21 天晨读', startDay: '2026-11-01', endDay: '2026-11-21', status: 'published' }]);
  await insertAll('campaignEnrollments', [
    {
      _id: `cp:21:${MEMBER}`,
      campaignId: 'cp:21',
      memberId: MEMBER,
      status: 'enrolled',
      daysDone: 18,
      longestStreak: 12,
      signedUpAt: at('2026-10-30T02:00:00Z'),
    },
  ]);
  await insertAll('contests', [{ _id: 'ct:1', title: '微课大赛' }]);
  await insertAll('contestEntries', [{ _id: 'e:1', contestId: 'ct:1', title: '三分钟讲清安全带', submitted: true }]);
  await insertAll('contestParticipants', [{ _id: `ct:1:${MEMBER}`, contestId: 'ct:1', memberId: MEMBER, entryId: 'e:1', branchId: 'dept:总部' }]);
  await insertAll('certificates', [
    {
      _id: `course:c:safety:${MEMBER}`,
      kind: 'course',
      source: 'c:safety',
      memberId: MEMBER,
      memberName: '林学习',
      departmentPath: EAST.departmentPath,
      achievement: '安全生产第一课',
      detail: '测验通过',
      number: 'WK-2026-0001',
      code: 'x'.repeat(16),
      issuedDay: '2026-11-10',
      issuedAt: at('2026-11-10T02:00:00Z'),
    },
  ]);
});

it('shows the record in 13 database operations, newest first, naming what is gone', async () => {
  cloud.actions.reset();
  const record = dataOf(await callAction('admin', 'memberRecord', { memberId: MEMBER }, ADMIN));
  expect(cloud.actions.databaseOperations()).toBe(13);
  expect(record.member).toMatchObject({ memberId: MEMBER, name: '林学习' });
  expect(record.study).toEqual({ studyMinutes: 95, coursesStarted: 2, coursesCompleted: 1 });
  expect(record.courses.map((course) => [course.title, course.percent, course.studyMinutes, course.quizBestScore])).toEqual([
    ['已删除的课程', 40, 35, null],
    ['安全生产第一课', 100, 60, 92],
  ]);
  expect(record.points).toMatchObject({
    balance: 30,
    earnedTotal: 50,
    level: '学习新星',
    recent: [{ amount: -20, reason: 'redemption', note: '保温杯' }, { amount: 50 }],
  });
  expect(record.campaigns).toEqual([
    { campaignId: 'cp:21', title: '21 天晨读', startDay: '2026-11-01', endDay: '2026-11-21', status: 'enrolled', daysDone: 18, longestStreak: 12 },
  ]);
  expect(record.contests).toEqual([{ contestId: 'ct:1', contestTitle: '微课大赛', entryId: 'e:1', entryTitle: '三分钟讲清安全带', submitted: true }]);
  expect(record.certificates).toEqual([{ kind: 'course', achievement: '安全生产第一课', detail: '测验通过', number: 'WK-2026-0001', issuedDay: '2026-11-10' }]);
});

it("is for admins over the member's department", async () => {
  expect(dataOf(await callAction('admin', 'memberRecord', { memberId: MEMBER }, EAST_ADMIN)).member.name).toBe('林学习');
  const writes = () => Object.entries(cloud.actions.snapshot()).filter(([action]) => /insert|modify|remove/.test(action));
  cloud.actions.reset();
  expect(codeOf(await callAction('admin', 'memberRecord', { memberId: MEMBER }, WEST_ADMIN))).toBe('FORBIDDEN');
  expect(codeOf(await callAction('admin', 'exportMemberRecord', { memberId: MEMBER }, WEST_ADMIN))).toBe('FORBIDDEN');
  expect(writes()).toEqual([]);
  expect(codeOf(await callAction('admin', 'memberRecord', { memberId: 'm:nobody' }, ADMIN))).toBe('NOT_FOUND');
});

it('exports the record as a workbook with a sheet per part', async () => {
  const exported = dataOf(await callAction('admin', 'exportMemberRecord', { memberId: MEMBER }, EAST_ADMIN));
  expect(exported.rows).toBe(7);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(await (await fetch(exported.url)).arrayBuffer()) as unknown as ArrayBuffer);
  expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(['概览', '课程', '积分明细', '打卡活动', '大赛', '证书']);
  const values = (sheet: string, row: number) => (workbook.getWorksheet(sheet)!.getRow(row).values as unknown[]).slice(1);
  expect(values('概览', 6)).toEqual(['学习时长（分钟）', 95]);
  expect(values('概览', 11)).toEqual(['学员等级', '学习新星']);
  expect(values('课程', 3)).toEqual(['安全生产第一课', 100, 60, '已完成', '2026-11-10 10:00', 92, '2026-11-10 10:00']);
  expect(values('积分明细', 2)).toEqual(['2026-11-12 10:00', '兑换礼品', -20, 30, '保温杯']);
  expect(values('打卡活动', 2)).toEqual(['21 天晨读', '2026-11-01 ~ 2026-11-21', '已报名', 18, 12]);
  expect(values('证书', 2)).toEqual(['课程证书', '安全生产第一课', '测验通过', 'WK-2026-0001', '2026-11-10']);
});
