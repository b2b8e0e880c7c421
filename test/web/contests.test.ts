/**
 * The console's contests area end to end in a real browser (Debian's Chromium) against the local cloud serving
 * the built console and the built functions: an organiser voids suspicious votes from the abuse report, then
 * previews and publishes a round's results (exporting the ranking), and a member reads exactly those results
 * through the mini-program's own call; a branch trainer runs their branch's contest and is shown the server's
 * refusal for one out of scope; a reviewer's typed URL shows 无权限. Also the desk's editing: a round's rubric,
 * a new contest with typed days and a poster; and a judge scoring at the judging desk.
 *
 * The contest is set up in the past through the contest domain functions (the functions run on the real
 * clock, so windows are relative to today): submission, judging and a public vote are over, nothing is
 * published yet. Needs `npm run build` first (npm test runs it).
 */
import ExcelJS from 'exceljs';
import type { ContestBallotDoc, ContestDoc, ContestRoundDoc, ContestScoreDoc, ContestStandingDoc, CourseFieldsDoc, MemberDoc } from '../../typings/domain';
import type { RoundFields } from '../../server/contest/settings';
import { COLLECTIONS } from '../../server/core/collections';
import { runTransaction } from '../../server/core';
import { txPut } from '../../server/core/transaction';
import { beijingDate } from '../../server/core/time';
import { draftRevision, newAuthoring } from '../../server/authoring/revisions';
import { createContestFor, setContestStatus, setRoundJudges } from '../../server/contest/admin';
import { enterContest, submitEntryFor } from '../../server/contest/entries';
import { entryIdOf, standingId } from '../../server/contest/ids';
import { assignRoundJudges, saveJudgeScores } from '../../server/contest/judging';
import { castVote } from '../../server/contest/voting/cast';
import { tallyVotes } from '../../server/contest/voting/tally';
import { grant, readDoc, readWhere, seedMember, testDb } from '../helpers/db';
import { downloadFrom, ONE_PIXEL_PNG, useConsole } from '../helpers/console';

jest.setTimeout(240_000);

const ADMIN = 'o-web-contest-admin';
const BRANCH_TRAINER = 'o-web-contest-east-trainer';
const REVIEWER = 'o-web-contest-reviewer';
const LEARNER = 'o-web-contest-learner';
const NETWORK = '10.8.8.8';
const DAY_MS = 86_400_000;

const web = useConsole();

/** A Beijing day `offset` days from today, and an instant on it (10:00 plus `minutes`). */
const dayOf = (offset: number): string => beijingDate(new Date(Date.now() + offset * DAY_MS));
const at = (offset: number, minutes = 0): Date => new Date(Date.parse(`${dayOf(offset)}T10:00:00+08:00`) + minutes * 60_000);

const RUBRIC = [
  { id: 'content', name: '目标与内容', weight: 60, min: 0, max: 10 },
  { id: 'show', name: '呈现效果', weight: 40, min: 0, max: 10 },
];

function round(name: string, days: { submit: [number, number]; judge: [number, number]; vote?: [number, number] }, rest: Partial<RoundFields>): RoundFields {
  return {
    name,
    submissionStartDay: dayOf(days.submit[0]),
    submissionEndDay: dayOf(days.submit[1]),
    judgingStartDay: dayOf(days.judge[0]),
    judgingEndDay: dayOf(days.judge[1]),
    voting: days.vote ? { startDay: dayOf(days.vote[0]), endDay: dayOf(days.vote[1]), mode: 'per_entry' as const, perDay: 1, ownEntryAllowed: false } : null,
    formats: [],
    pitchVideoRequired: false,
    advancement: { kind: 'none' as const },
    weights: { judges: 100, votes: 0 },
    bonuses: { series: 0, painPointTopic: 0 },
    rubric: RUBRIC,
    judgesPerEntry: 3,
    ...rest,
  };
}

/** A contest of one round without topics or awards, for everyone or for `departmentIds`. */
function oneRoundContest(title: string, only: RoundFields, requestId: string, departmentIds: string[] = []) {
  const eligibility = { everyone: departmentIds.length === 0, departmentIds, audiences: [] };
  return { title, theme: '一线经验', summary: '', rules: '', poster: null, eligibility, topics: [], branchDepth: 2, awards: [], rounds: [only], requestId };
}

const place = (branch: string, team: string) => ({ departmentId: `dept:集团/${branch}/${team}`, departmentPath: ['集团', branch, team] });

let contestId = '';
let prelimId = '';
let finalId = '';
const entryIds: Record<string, string> = {};

async function studioCourse(courseId: string, author: MemberDoc, title: string, when: Date): Promise<void> {
  const fields: CourseFieldsDoc = {
    title,
    summary: '参赛微课',
    cover: null,
    category: 'professional_skills',
    format: 'article',
    audiences: [],
    durationMinutes: 6,
    tags: [],
    content: { blocks: [{ type: 'paragraph', text: `${title}的正文` }] },
    quiz: null,
  };
  const authoring = {
    ...newAuthoring(courseId, { memberId: author._id, name: author.name, departmentId: author.departmentId }, fields, when),
    latestRevision: 1,
    openRevision: 1,
    openStatus: 'draft' as const,
  };
  await runTransaction(testDb(), async (tx) => {
    await txPut(tx, COLLECTIONS.courseAuthoring, authoring);
    await txPut(tx, COLLECTIONS.courseRevisions, draftRevision(courseId, 1, author._id, fields, when));
  });
}

beforeAll(async () => {
  const db = testDb();
  const admin = await seedMember(ADMIN, 'm:wc-admin', { name: '赛事组委', roles: [grant('admin')], ...place('总部', '培训部') });
  await seedMember(REVIEWER, 'm:wc-reviewer', { name: '周审核', roles: [grant('reviewer')], ...place('总部', '质检部') });
  await seedMember(LEARNER, 'm:wc-learner', { name: '张学员', ...place('华北分公司', '客服部') });
  const judges = await Promise.all(
    [1, 2, 3].map((n) => seedMember(`o-wc-judge-${n}`, `m:wc-judge-${n}`, { name: `评委${n}`, roles: [grant('judge')], ...place('总部', `评审${n}部`) })),
  );
  const entrants = await Promise.all(
    [
      ['a', '王丽', '华东分公司'],
      ['b', '李波', '华南分公司'],
      ['c', '陈卡', '西南分公司'],
    ].map(([key, name, branch]) => seedMember(`o-wc-${key}`, `m:wc-${key}`, { name, ...place(branch as string, '销售部') })),
  );
  const voters = await Promise.all(
    Array.from({ length: 6 }, (_, n) => seedMember(`o-wc-voter-${n}`, `m:wc-voter-${n}`, { name: `投票人${n}`, ...place('华北分公司', '行政部') })),
  );

  contestId = await createContestFor(
    db,
    admin,
    'all',
    {
      title: '端到端微课大赛',
      theme: '服务创新',
      summary: '控制台端到端测试的大赛',
      rules: '每人限报一件作品。',
      poster: null,
      eligibility: { everyone: true, departmentIds: [], audiences: [] },
      topics: [],
      branchDepth: 2,
      awards: [{ id: 'best', kind: 'best_overall', name: '最佳微课奖', dimensionId: null, winners: 1, points: 100 }],
      rounds: [
        round(
          '初赛',
          { submit: [-20, -15], judge: [-14, -10], vote: [-9, -3] },
          { weights: { judges: 80, votes: 20 }, advancement: { kind: 'top', count: 2 } },
        ),
        round('决赛', { submit: [5, 8], judge: [9, 10] }, {}),
      ],
      requestId: 'web-contest-e2e',
    },
    at(-25),
  );
  const draft = (await readDoc<ContestDoc>(COLLECTIONS.contests, contestId)) as ContestDoc;
  await setContestStatus(db, draft, 'published', at(-25));
  const contest = (await readDoc<ContestDoc>(COLLECTIONS.contests, contestId)) as ContestDoc;
  [prelimId, finalId] = contest.roundIds as [string, string];
  const prelim = () => readDoc<ContestRoundDoc>(COLLECTIONS.contestRounds, prelimId) as Promise<ContestRoundDoc>;

  const titles = { a: '投诉处理三步法', b: '客户回访话术', c: '新人第一周' } as const;
  for (const [index, member] of entrants.entries()) {
    const key = (['a', 'b', 'c'] as const)[index] as 'a' | 'b' | 'c';
    const entryId = entryIdOf(contestId, member._id, `web-entry-${key}`);
    const entry = await enterContest(
      db,
      contest,
      await prelim(),
      [member],
      { entryId, kind: 'individual', teamName: null, title: titles[key], topicId: null },
      at(-19),
    );
    await studioCourse(`c:wc-${key}`, member, titles[key], at(-19));
    await submitEntryFor(db, contest, entry, { title: entry.title, teamName: null, topicId: null, courseIds: [`c:wc-${key}`], pitchVideo: null }, at(-18));
    entryIds[key] = entryId;
  }
  await setRoundJudges(
    db,
    await prelim(),
    judges.map((judge) => judge._id),
    3,
    at(-16),
  );
  await assignRoundJudges(db, await prelim(), at(-16));
  // Every judge scores every entry: 王丽 9, 李波 8, 陈卡 6 on each dimension.
  const points: Record<string, number> = { [entryIds.a as string]: 9, [entryIds.b as string]: 8, [entryIds.c as string]: 6 };
  for (const assignment of await readWhere<ContestScoreDoc>(COLLECTIONS.contestScores, { roundId: prelimId })) {
    const score = points[assignment.entryId] as number;
    await saveJudgeScores(db, await prelim(), assignment, { content: score, show: score }, '', at(-12));
  }
  // Six colleagues vote for 陈卡's entry within minutes from one office network (the abuse report's 同一网络),
  // two of them also for 李波's from their phones.
  for (const [n, voter] of voters.entries()) {
    await castVote(db, voter, { entryId: entryIds.c as string, requestId: `web-vote-c-${n}` }, { clientIp: NETWORK, clientIpv6: null }, at(-6, n));
    if (n < 2)
      await castVote(
        db,
        voter,
        { entryId: entryIds.b as string, requestId: `web-vote-b-${n}` },
        { clientIp: `10.9.0.${n + 1}`, clientIpv6: null },
        at(-6, 60 + n),
      );
  }
  await tallyVotes(db, at(-6, 120));
});

test('an organiser voids the ballots of one network from the abuse report and sees what it changed', async () => {
  const page = await web.signInByScan(ADMIN, `/console/contests/${contestId}/votes?round=${prelimId}`);
  const networks = page.getByTestId('networks');
  await networks.getByText(NETWORK).waitFor();
  await networks.locator('tr', { hasText: NETWORK }).getByText('查看选票').click();
  const ballots = page.getByTestId('ballot-table');
  await ballots.getByText('投票人5').waitFor();
  expect(await ballots.locator('tbody tr').count()).toBe(6);
  // Select the six ballots (the header's box), then ask to void them: the dialog shows each entry's count now and after.
  await ballots.locator('thead .t-checkbox').click();
  await page.getByTestId('void-selected').click();
  const preview = page.getByTestId('void-preview');
  await preview.locator('tr', { hasText: '新人第一周' }).locator('td', { hasText: /^6$/ }).waitFor();
  expect((await preview.locator('tbody tr').allTextContents()).map((text) => text.replace(/\s+/g, ''))).toEqual(['新人第一周6−60']);
  await page.getByTestId('void-reason').locator('textarea').fill('同一网络集中投票');
  await page.getByRole('button', { name: '确认作废' }).click();
  await page.getByTestId('void-outcome').getByText('已作废 6 张').waitFor();
  expect(await page.getByTestId('void-outcome').textContent()).toContain('「新人第一周」6 → 0 票');
  // The server: six ballots void with the reason, the entry's count down by six; 李波's untouched.
  const voided = await readWhere<ContestBallotDoc>(COLLECTIONS.contestBallots, { roundId: prelimId, voided: true });
  expect(voided.map((ballot) => [ballot.entryId, ballot.voidReason, ballot.voidedByName])).toEqual(
    Array.from({ length: 6 }, () => [entryIds.c, '同一网络集中投票', '赛事组委']),
  );
  expect(await readDoc<ContestStandingDoc>(COLLECTIONS.contestStandings, standingId(prelimId, entryIds.c as string))).toMatchObject({ votes: 0 });
  expect(await readDoc<ContestStandingDoc>(COLLECTIONS.contestStandings, standingId(prelimId, entryIds.b as string))).toMatchObject({ votes: 2 });
  // Voided ballots cannot be chosen again.
  await ballots.getByText('已作废 · 赛事组委').first().waitFor();
  await page.close();
});

test('an organiser previews and publishes the round; a member reads the same results in the mini-program', async () => {
  const page = await web.signInByScan(ADMIN, `/console/contests/${contestId}/results?round=${prelimId}`);
  await page.getByTestId('results-status').getByText('预览（未公布）').waitFor();
  const table = page.getByTestId('results-table');
  await table.getByText('投诉处理三步法').waitFor();
  expect(await page.getByTestId('results-figures').textContent()).toContain('晋级 2 件');
  // Before publishing, the member is told the results are not out.
  expect(await web.asMiniProgram(LEARNER, 'contest', { action: 'results', roundId: prelimId })).toMatchObject({ ok: false, code: 'CONTEST_PHASE' });
  const shown = (await table.locator('tbody tr').allTextContents()).map((text) => text.replace(/\s+/g, ' '));
  await page.getByTestId('publish').click();
  await page.getByRole('button', { name: '确认公布' }).click();
  await page.getByTestId('results-status').getByText('已公布').waitFor();
  expect((await table.locator('tbody tr').allTextContents()).map((text) => text.replace(/\s+/g, ' '))).toEqual(shown);

  const published = await web.asMiniProgram(LEARNER, 'contest', { action: 'results', roundId: prelimId });
  expect(published).toMatchObject({ ok: true, data: { status: 'published', advancing: 2, total: 3 } });
  const rows = published.data.items as { rank: number; title: string; votes: number; finalScore: number; advances: boolean }[];
  // 80% judges + 20% votes: 李波's two votes (the most) lift 8 points to 84 over 王丽's 9 points (72); the six
  // voided votes stay out, so 陈卡's entry counts none and stays last.
  expect(rows.map((row) => [row.rank, row.title, row.votes, row.finalScore, row.advances])).toEqual([
    [1, '客户回访话术', 2, 84, true],
    [2, '投诉处理三步法', 0, 72, true],
    [3, '新人第一周', 0, 48, false],
  ]);
  // What the console showed is what the member reads: each row's title and final score, in rank order.
  rows.forEach((row, index) => {
    expect(shown[index]).toContain(row.title);
    expect(shown[index]).toContain(String(row.finalScore));
  });

  // The ranking export beside the table: one line per entry and judge, in rank order, read back from the download.
  const file = await downloadFrom(page, () => page.getByTestId('export-ranking').click());
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(file);
  const sheet = workbook.worksheets[0] as ExcelJS.Worksheet;
  expect(sheet.name).toBe('初赛成绩');
  const lines = Array.from({ length: sheet.rowCount - 1 }, (_, i) => sheet.getRow(i + 2).values as unknown[]);
  expect(lines.map((line) => [line[1], line[2], line[6]])).toEqual([
    ...Array.from({ length: 3 }, () => [1, '客户回访话术', 84]),
    ...Array.from({ length: 3 }, () => [2, '投诉处理三步法', 72]),
    ...Array.from({ length: 3 }, () => [3, '新人第一周', 48]),
  ]);
  expect(new Set(lines.map((line) => line[12]))).toEqual(new Set(['评委1', '评委2', '评委3']));

  // The final is the last round: it offers no advancement, so it never reads 晋级 0 件.
  await page.goto(`${web.cloud.url}/console/contests/${contestId}/results?round=${finalId}`);
  const figures = page.getByTestId('results-figures');
  await figures.getByText('最后一轮').waitFor();
  expect(await figures.textContent()).not.toContain('晋级');
  await page.close();
});

test("the entries table filters a round's entries by status and keyword on the server", async () => {
  // The preliminary is published (the test above): two entries advanced to the final, one stayed.
  const page = await web.signInByScan(ADMIN, `/console/contests/${contestId}/entries?round=${prelimId}`);
  const table = page.getByTestId('entries-table');
  await table.getByText('新人第一周').waitFor();
  expect(await table.locator('tbody tr').count()).toBe(3);
  await page.getByTestId('entry-status').click();
  await page.locator('.t-select-option', { hasText: '已晋级' }).click();
  // Two of the three rows were 已晋级 already: the filtered table is the one without the entry that stayed.
  await table.locator('tbody tr', { hasText: '新人第一周' }).waitFor({ state: 'detached' });
  expect((await table.locator('tbody tr').allTextContents()).map((text) => text.includes('已晋级'))).toEqual([true, true]);
  await page.getByTestId('entry-keyword').locator('input').fill('回访');
  await page.getByTestId('entry-keyword').locator('input').press('Enter');
  await table.locator('tbody tr').filter({ hasText: '投诉处理三步法' }).waitFor({ state: 'detached' });
  expect((await table.locator('tbody tr').allTextContents()).map((text) => text.replace(/\s+/g, ''))).toEqual([expect.stringContaining('客户回访话术')]);
  await page.close();
});

test("an organiser edits the final's rubric: dimensions and weights, saved only where the server allows", async () => {
  const page = await web.signInByScan(ADMIN, `/console/contests/${contestId}/rounds`);
  const final = page.locator(`[data-round="${finalId}"]`);
  await final.getByText('呈现效果').waitFor();
  // The preliminary's results are published: its settings are read-only.
  expect(await page.locator(`[data-round="${prelimId}"]`).getByTestId('edit-round').isDisabled()).toBe(true);
  await final.getByTestId('edit-round').click();
  const rubric = page.getByTestId('rubric-editor');
  await rubric.locator('tbody tr').first().waitFor();
  await page.getByRole('button', { name: '添加维度' }).click();
  const added = rubric.locator('tbody tr').nth(2);
  await added.locator('input').nth(0).fill('实用性');
  await added.locator('input').nth(1).fill('50');
  await added.locator('input').nth(1).press('Tab');
  await page.getByTestId('save-round').click();
  await final.getByText('实用性').waitFor();
  const round = (await readDoc<ContestRoundDoc>(COLLECTIONS.contestRounds, finalId)) as ContestRoundDoc;
  expect(round.rubric.map((dimension) => [dimension.name, dimension.weight])).toEqual([
    ['目标与内容', 60],
    ['呈现效果', 40],
    ['实用性', 50],
  ]);
  // Shares follow the weights: 50 of 150.
  expect(await final.locator('tr', { hasText: '实用性' }).textContent()).toContain('33.3%');
  await page.close();
});

test("a branch trainer runs their branch's contest at the desk; a typed URL of a contest out of scope shows the server's refusal", async () => {
  const east = 'dept:集团/华东分公司';
  const trainer = await seedMember(BRANCH_TRAINER, 'm:wc-east-trainer', {
    name: '华东讲师',
    roles: [grant('trainer', east)],
    ...place('华东分公司', '培训部'),
  });
  const branchContestId = await createContestFor(
    testDb(),
    trainer,
    [east],
    oneRoundContest('华东分公司微课大赛', round('初赛', { submit: [10, 15], judge: [16, 18] }, {}), 'web-branch-contest', [east]),
    at(-1),
  );
  const page = await web.signInByScan(BRANCH_TRAINER);
  await page.getByTestId('member-name').filter({ hasText: '华东讲师' }).waitFor();
  await page.getByTestId('menu').getByText('大赛管理').click();
  // Only the contests of the trainer's scope: the company-wide one is not listed.
  const table = page.getByTestId('contests-table');
  await table.getByText('华东分公司微课大赛').waitFor();
  expect(await table.textContent()).not.toContain('端到端微课大赛');
  await table.getByText('华东分公司微课大赛').click();
  await page.getByTestId('contest-title').getByText('华东分公司微课大赛').waitFor();
  await page.getByRole('button', { name: '发布大赛' }).click();
  await page.locator('.t-popconfirm').getByRole('button', { name: '确定' }).click();
  await page.locator('.t-message').getByText('大赛已发布').waitFor();
  expect(await readDoc<ContestDoc>(COLLECTIONS.contests, branchContestId)).toMatchObject({ status: 'published' });

  // The company-wide contest by typed URL: the screen opens for the role, and shows what the server answers.
  await page.goto(`${web.cloud.url}/console/contests/${contestId}/results`);
  await page.getByText('该大赛不在你的管理范围内').waitFor();
  expect(await web.callFromPage(page, 'contest', { action: 'previewResults', roundId: prelimId })).toMatchObject({ ok: false, code: 'FORBIDDEN' });
  expect(await web.callFromPage(page, 'report', { action: 'exportContestRanking', roundId: prelimId })).toMatchObject({ ok: false, code: 'FORBIDDEN' });
  await page.close();
});

test('a member without a console role for contests (a reviewer) sees no contests menu, and a typed URL shows 无权限', async () => {
  const page = await web.signInByScan(REVIEWER);
  await page.getByTestId('member-name').filter({ hasText: '周审核' }).waitFor();
  expect(await page.getByTestId('menu').textContent()).not.toContain('大赛管理');
  await page.goto(`${web.cloud.url}/console/contests/${contestId}/results`);
  await page.locator('[data-testid="forbidden"]').getByText('无权限').waitFor();
  expect(await web.callFromPage(page, 'contest', { action: 'previewResults', roundId: prelimId })).toMatchObject({ ok: false, code: 'FORBIDDEN' });
  await page.close();
});

test('an organiser creates a draft contest with its rounds, typing the days', async () => {
  const page = await web.signInByScan(ADMIN, '/console/contests');
  await page.getByTestId('contests-table').getByText('端到端微课大赛').waitFor();
  await page.getByTestId('new-contest').click();
  await page.getByTestId('new-contest-title').locator('input').fill('新建的微课大赛');
  await page.getByTestId('new-contest-theme').locator('input').fill('数字化转型');
  // A poster picked from the desk goes into the organiser's own upload folder and is created with the contest.
  await page.getByTestId('new-contest-poster').setInputFiles({ name: 'poster.png', mimeType: 'image/png', buffer: ONE_PIXEL_PNG });
  await page.locator('.t-drawer').getByTestId('upload-preview').waitFor();
  // 初赛: submission, judging and voting; 决赛: submission and judging (no vote), typed into the pickers.
  const days: [number, number][] = [
    [30, 35],
    [36, 40],
    [36, 38],
    [45, 48],
    [49, 50],
  ];
  const pickers = page.locator('.t-drawer .t-range-input');
  for (const [index, [from, to]] of days.entries()) {
    const inputs = pickers.nth(index).locator('input');
    await inputs.nth(0).fill(dayOf(from));
    await inputs.nth(0).press('Enter');
    await inputs.nth(1).fill(dayOf(to));
    await inputs.nth(1).press('Enter');
    // A click outside closes the picker's panel (Escape would close the drawer).
    await page.locator('.t-drawer__header').click();
  }
  await page.getByTestId('create-contest').click();
  await page.waitForURL(/\/console\/contests\/ct-[0-9a-f]+\/rounds$/);
  const rounds = page.getByTestId('rounds');
  await rounds.getByText(`${dayOf(30)} 至 ${dayOf(35)}`).waitFor();
  expect(await rounds.textContent()).toContain(`${dayOf(45)} 至 ${dayOf(48)}`);
  await page.getByTestId('contest-title').getByText('新建的微课大赛').waitFor();
  const created = await readWhere<ContestDoc>(COLLECTIONS.contests, { title: '新建的微课大赛' });
  expect(created.map((contest) => [contest.status, contest.roundIds.length])).toEqual([['draft', 2]]);
  expect(created[0]?.poster).toEqual(expect.stringMatching(new RegExp(`/uploads/${ADMIN}/contest-poster/[^/]+\\.png$`)));
  const [first] = await readWhere<ContestRoundDoc>(COLLECTIONS.contestRounds, { contestId: created[0]!._id, index: 0 });
  expect(first).toMatchObject({
    voting: { startDay: dayOf(36), endDay: dayOf(38) },
    weights: { judges: 80, votes: 20 },
    advancement: { kind: 'top', count: 10 },
  });
  await page.close();
});

describe("a judge's scoring desk", () => {
  const JUDGE = 'o-wc-judge-1';
  let deskRoundId = '';
  const deskEntries: Record<string, string> = {};

  beforeAll(async () => {
    const db = testDb();
    const admin = (await readWhere<MemberDoc>(COLLECTIONS.members, { _id: 'm:wc-admin' }))[0] as MemberDoc;
    // A contest whose only round is being judged today: submission over, judging open until in three days.
    const deskContestId = await createContestFor(
      db,
      admin,
      'all',
      oneRoundContest('评审进行中的大赛', round('初赛', { submit: [-6, -3], judge: [-1, 3] }, {}), 'web-desk-e2e'),
      at(-8),
    );
    await setContestStatus(db, (await readDoc<ContestDoc>(COLLECTIONS.contests, deskContestId)) as ContestDoc, 'published', at(-8));
    const contest = (await readDoc<ContestDoc>(COLLECTIONS.contests, deskContestId)) as ContestDoc;
    deskRoundId = contest.roundIds[0] as string;
    const deskRound = () => readDoc<ContestRoundDoc>(COLLECTIONS.contestRounds, deskRoundId) as Promise<ContestRoundDoc>;
    const titles = { d: '门店晨会十分钟', e: '一句话讲清产品', f: '退货不慌' } as const;
    for (const key of ['d', 'e', 'f'] as const) {
      const member = await seedMember(`o-wc-${key}`, `m:wc-${key}`, { name: `参赛人${key}`, ...place('华东分公司', '门店部') });
      const entry = await enterContest(
        db,
        contest,
        await deskRound(),
        [member],
        { entryId: entryIdOf(deskContestId, member._id, `web-desk-${key}`), kind: 'individual', teamName: null, title: titles[key], topicId: null },
        at(-5),
      );
      await studioCourse(`c:wc-${key}`, member, titles[key], at(-5));
      await submitEntryFor(db, contest, entry, { title: entry.title, teamName: null, topicId: null, courseIds: [`c:wc-${key}`], pitchVideo: null }, at(-4));
      deskEntries[key] = entry._id;
    }
    await setRoundJudges(db, await deskRound(), ['m:wc-judge-1', 'm:wc-judge-2', 'm:wc-judge-3'], 3, at(-2));
    await assignRoundJudges(db, await deskRound(), at(-2));
    // The judge already scored one entry this morning: it waits at the end of the queue.
    const [scored] = await readWhere<ContestScoreDoc>(COLLECTIONS.contestScores, { roundId: deskRoundId, entryId: deskEntries.f, judgeId: 'm:wc-judge-1' });
    await saveJudgeScores(db, await deskRound(), scored as ContestScoreDoc, { content: 5, show: 5 }, '', new Date());
  });

  test('a judge sees only the judging menu, scores an entry at the desk with the keyboard and moves to the next one', async () => {
    const page = await web.signInByScan(JUDGE);
    await page.getByTestId('member-name').filter({ hasText: '评委1' }).waitFor();
    expect((await page.getByTestId('menu').locator('.t-menu__item').allTextContents()).map((text) => text.trim())).toEqual(['首页', '评审工作台']);
    await page.getByTestId('menu').getByText('评审工作台').click();
    const rounds = page.getByTestId('judge-rounds');
    await rounds.locator('tr', { hasText: '评审进行中的大赛' }).getByText('1 / 3').waitFor();
    await rounds.locator('tr', { hasText: '评审进行中的大赛' }).getByRole('button', { name: '开始评分' }).click();

    // The queue: the two unscored entries first, the scored one last; the desk opens the first waiting one.
    const queue = page.getByTestId('judge-queue');
    await queue.locator('li.scored', { hasText: '退货不慌' }).waitFor();
    const order = await queue.locator('li').evaluateAll((items) => items.map((item) => item.getAttribute('data-entry')));
    expect(order.at(-1)).toBe(deskEntries.f);
    const first = order[0] as string;
    const second = order[1] as string;
    await page.waitForURL(new RegExp(`/console/judging/${deskRoundId}/${first.replace(/[.:]/g, '\\$&')}$`));
    const title = (await readDoc<{ title: string }>(COLLECTIONS.contestEntries, first))?.title as string;
    await page.getByTestId('entry-title').getByText(title).waitFor();
    // The entry's course is beside the rubric: its text and the dimensions with their ranges.
    await page.getByTestId('entry-course').getByText(`${title}的正文`).waitFor();
    expect(await page.getByTestId('judge-scoring').textContent()).toContain('权重 60 · 0–10 分');

    // The first dimension has the focus: type, Tab on, type, write a comment, Ctrl+Enter saves and moves on.
    await page.keyboard.type('8');
    await page.keyboard.press('Tab');
    await page.getByTestId('score-show').locator('input').fill('6');
    await page.getByTestId('judge-comment').locator('textarea').fill('结构清楚，案例可以再贴近一线');
    await page.keyboard.press('Control+Enter');
    await page.waitForURL((url) => url.pathname.endsWith(`/${second}`));
    await page.getByTestId('desk-progress').getByText('已评 2 / 3').waitFor();

    // The server holds exactly what was typed, weighted on the rubric: 0.6 × 80 + 0.4 × 60 = 72.
    const [saved] = await readWhere<ContestScoreDoc>(COLLECTIONS.contestScores, { roundId: deskRoundId, entryId: first, judgeId: 'm:wc-judge-1' });
    expect(saved).toMatchObject({ scores: { content: 8, show: 6 }, weighted: 72, comment: '结构清楚，案例可以再贴近一线' });
    expect(saved?.scoredAt).not.toBeNull();
    // The queue now reads: the one left unscored, then the scored ones by when they were scored; Alt+↓ walks
    // down it, each scored entry showing its saved score.
    await page.keyboard.press('Alt+ArrowDown');
    await page.waitForURL((url) => url.pathname.endsWith(`/${deskEntries.f}`));
    await page.getByTestId('weighted').getByText('加权得分 50').waitFor();
    await page.keyboard.press('Alt+ArrowDown');
    await page.waitForURL((url) => url.pathname.endsWith(`/${first}`));
    await page.getByTestId('weighted').getByText('加权得分 72').waitFor();
    expect(await page.getByTestId('score-content').locator('input').inputValue()).toBe('8');

    // An organiser's screen by typed URL: 无权限, and the server refuses the judge the organiser's action.
    await page.goto(`${web.cloud.url}/console/contests/${contestId}/judges`);
    await page.locator('[data-testid="forbidden"]').getByText('无权限').waitFor();
    expect(await web.callFromPage(page, 'contest', { action: 'judgeProgress', roundId: deskRoundId })).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    await page.close();
  });
});
