/**
 * Who runs contests (CONTEST_ORGANISER_ROLES): trainers as well as admins, each within their grant's scope.
 * A branch trainer creates and runs a contest for their branch, never a company-wide one nor one reaching
 * another branch; sees and opens only the contests of their scope; their vote audit, results and exports stop
 * at the same border; their judge candidates are the judges of their scope; their entry table filters a
 * round's entries by status. Refusals change nothing.
 */
import type { ContestDoc, ContestRoundDoc } from '../../../typings/domain';
import { findById } from '../../../server/core';
import { enterContest, submitEntryFor } from '../../../server/contest/entries';
import { grant, testDb } from '../../helpers/db';
import { callAction } from '../../helpers/invoke';
import { useTestCloud } from '../../helpers/local-cloud';
import { codeOf } from '../../helpers/envelope';
import { freezeClock } from '../../helpers/clock';
import { countAll } from '../../helpers/db';
import { adminRole, as, judgeRole, ok, person, round, seedPeople, seedStudioCourse } from './helpers';

jest.setTimeout(120_000);

const cloud = useTestCloud();

const EAST = 'dept:集团/华东分公司';
const SOUTH = 'dept:集团/华南分公司';
const HQ_ADMIN = person('m:org-admin', '总部管理员', '总部', '培训部', { roles: adminRole });
const EAST_TRAINER = person('m:org-east', '华东讲师', '华东分公司', '培训部', { roles: [grant('trainer', EAST)] });
const TRAINER = person('m:org-trainer', '总部讲师', '总部', '培训部', { roles: [grant('trainer')] });
const REVIEWER = person('m:org-reviewer', '审核员', '华东分公司', '质检部', { roles: [grant('reviewer', EAST)] });
const JUDGES = [
  person('m:org-j1', '华东评委甲', '华东分公司', '销售部', { roles: judgeRole }),
  person('m:org-j2', '华东评委乙', '华东分公司', '客服部', { roles: judgeRole }),
  person('m:org-j3', '华南评委', '华南分公司', '销售部', { roles: judgeRole }),
  person('m:org-j4', '总部评委', '总部', '财务部', { roles: judgeRole }),
];
const FORMER_JUDGE = person('m:org-j5', '华东前评委', '华东分公司', '行政部', { roles: judgeRole, active: false });

function contestInput(departmentIds: string[], requestId: string, everyone = false) {
  return {
    title: '华东微课大赛',
    theme: '服务创新',
    eligibility: { everyone, departmentIds },
    rounds: [round('初赛', { submit: ['2030-03-01', '2030-03-05'], judge: ['2030-03-06', '2030-03-08'] }, {})],
    requestId,
  };
}

let eastContest = '';
let companyContest = '';

beforeAll(async () => {
  freezeClock(new Date('2030-02-01T02:00:00Z'));
  await seedPeople([HQ_ADMIN, EAST_TRAINER, TRAINER, REVIEWER, ...JUDGES, FORMER_JUDGE]);
  companyContest = ok(await callAction('contest', 'createContest', contestInput([], 'org-company', true), as(HQ_ADMIN._id))).id;
});

afterAll(() => jest.useRealTimers());

test('a branch trainer creates a contest for their branch; a company-wide one or one reaching another branch is refused, writing nothing', async () => {
  const before = await countAll('contests');
  expect(codeOf(await callAction('contest', 'createContest', contestInput([], 'org-everyone', true), as(EAST_TRAINER._id)))).toBe('FORBIDDEN');
  expect(codeOf(await callAction('contest', 'createContest', contestInput([EAST, SOUTH], 'org-south'), as(EAST_TRAINER._id)))).toBe('FORBIDDEN');
  expect(await countAll('contests')).toBe(before);
  const created = ok(await callAction('contest', 'createContest', contestInput([EAST], 'org-east'), as(EAST_TRAINER._id)));
  eastContest = created.id;
  expect(created).toMatchObject({ status: 'draft', eligibility: { everyone: false, departmentIds: [EAST] } });
  // A reviewer of the same branch runs no contest.
  expect(codeOf(await callAction('contest', 'createContest', contestInput([EAST], 'org-reviewer'), as(REVIEWER._id)))).toBe('FORBIDDEN');
});

test('the branch trainer lists and runs only the contests of their scope; an unscoped trainer runs the company-wide one', async () => {
  const listed = ok(await callAction('contest', 'adminList', {}, as(EAST_TRAINER._id)));
  expect(listed.items.map((contest) => contest.id)).toEqual([eastContest]);
  expect(ok(await callAction('contest', 'adminDetail', { contestId: eastContest }, as(EAST_TRAINER._id))).title).toBe('华东微课大赛');
  expect(ok(await callAction('contest', 'setStatus', { contestId: eastContest, status: 'published' }, as(EAST_TRAINER._id))).status).toBe('published');

  const company = await callAction('contest', 'adminDetail', { contestId: companyContest }, as(EAST_TRAINER._id));
  expect(company).toMatchObject({ ok: false, code: 'FORBIDDEN', message: '该大赛不在你的管理范围内' });
  const roundId = ok(await callAction('contest', 'adminDetail', { contestId: companyContest }, as(HQ_ADMIN._id))).rounds[0]!.id;
  expect(codeOf(await callAction('contest', 'updateContest', { contestId: companyContest, title: '越权改名' }, as(EAST_TRAINER._id)))).toBe('FORBIDDEN');
  expect(codeOf(await callAction('contest', 'previewResults', { roundId }, as(EAST_TRAINER._id)))).toBe('FORBIDDEN');
  // The vote audit does not reveal that a round out of scope exists.
  expect(codeOf(await callAction('contest', 'voteAbuseReport', { roundId }, as(EAST_TRAINER._id)))).toBe('NOT_FOUND');
  expect(codeOf(await callAction('report', 'exportContestRanking', { roundId }, as(EAST_TRAINER._id)))).toBe('FORBIDDEN');

  // A company-wide trainer runs every contest, the company-wide one included.
  expect(
    ok(await callAction('contest', 'adminList', {}, as(TRAINER._id)))
      .items.map((contest) => contest.id)
      .sort(),
  ).toEqual([companyContest, eastContest].sort());
  expect(ok(await callAction('contest', 'updateContest', { contestId: companyContest, theme: '一线经验' }, as(TRAINER._id))).theme).toBe('一线经验');
});

test("judge candidates are the active judges of the organiser's scope, searched by name or 工号", async () => {
  const names = async (memberId: string, keyword = '') =>
    ok(await callAction('contest', 'judgeCandidates', { keyword }, as(memberId))).items.map((candidate) => candidate.name);
  expect(await names(EAST_TRAINER._id)).toEqual(['华东评委甲', '华东评委乙']);
  expect(await names(EAST_TRAINER._id, '乙')).toEqual(['华东评委乙']);
  expect(await names(EAST_TRAINER._id, JUDGES[0]!.employeeNo as string)).toEqual(['华东评委甲']);
  expect((await names(HQ_ADMIN._id)).sort()).toEqual(JUDGES.map((judge) => judge.name).sort());
  // The guard's reads, then one page and its count.
  cloud.actions.reset();
  await callAction('contest', 'judgeCandidates', { keyword: '' }, as(TRAINER._id));
  const asked = cloud.actions.databaseOperations();
  cloud.actions.reset();
  await callAction('user', 'me', {}, as(TRAINER._id));
  expect(asked - cloud.actions.databaseOperations()).toBeLessThanOrEqual(2);
  expect(codeOf(await callAction('contest', 'judgeCandidates', { keyword: '' }, as(REVIEWER._id)))).toBe('FORBIDDEN');
});

test("the organisers' entry table narrows a round's entries by status and keyword, drafts included", async () => {
  const db = testDb();
  const entrants = await seedPeople([
    person('m:org-a', '华东甲', '华东分公司', '门店部'),
    person('m:org-b', '华东乙', '华东分公司', '门店部'),
    person('m:org-c', '华东丙', '华东分公司', '客服部'),
  ]);
  const contest = (await findById<ContestDoc>(db, 'contests', eastContest)) as ContestDoc;
  const round = (await findById<ContestRoundDoc>(db, 'contestRounds', contest.roundIds[0] as string)) as ContestRoundDoc;
  const titles = ['晨会十分钟', '退货不慌', '一句话讲清产品'];
  for (const [index, member] of entrants.entries()) {
    const entry = await enterContest(
      db,
      contest,
      round,
      [member],
      { entryId: `en-org-${index}`, kind: 'individual', teamName: null, title: titles[index] as string, topicId: null },
      new Date('2030-03-02T02:00:00Z'),
    );
    if (index === 2) continue;
    await seedStudioCourse(`c:org-${index}`, member);
    await submitEntryFor(
      db,
      contest,
      entry,
      { title: entry.title, teamName: null, topicId: null, courseIds: [`c:org-${index}`], pitchVideo: null },
      new Date('2030-03-03T02:00:00Z'),
    );
  }
  const titlesOf = async (input: Record<string, unknown>) =>
    ok(await callAction('contest', 'roundEntries', { roundId: round._id, ...input }, as(EAST_TRAINER._id))).items.map((row) => row.title);
  expect(await titlesOf({})).toEqual(titles);
  expect(await titlesOf({ status: 'draft' })).toEqual(['一句话讲清产品']);
  expect(await titlesOf({ status: 'submitted' })).toEqual(['晨会十分钟', '退货不慌']);
  expect(await titlesOf({ status: 'advanced' })).toEqual([]);
  expect(await titlesOf({ status: 'submitted', keyword: '退货' })).toEqual(['退货不慌']);
  expect(await titlesOf({ keyword: '华东丙' })).toEqual(['一句话讲清产品']);
  const [row] = ok(await callAction('contest', 'roundEntries', { roundId: round._id, status: 'submitted', pageSize: 1 }, as(EAST_TRAINER._id))).items;
  expect(row).toMatchObject({ id: 'en-org-0', status: 'submitted', members: 1, courses: 1, submittedAt: '2030-03-03T02:00:00.000Z' });
  // A bad status is refused before anything is read.
  expect(codeOf(await callAction('contest', 'roundEntries', { roundId: round._id, status: 'lost' as 'draft' }, as(EAST_TRAINER._id)))).toBe('INVALID_INPUT');
});
