/**
 * Publishing the final from several instances at once (an admin's double tap, retries): the results are
 * stored once, every award is decided once and its points reach each winner exactly once. Also: a scoped
 * admin runs contests only inside their subtree.
 */
import { createContestFor, setContestStatus, setRoundJudges } from '../../../server/contest/admin';
import { enterContest, submitEntryFor } from '../../../server/contest/entries';
import { assignRoundJudges, saveJudgeScores } from '../../../server/contest/judging';
import { publishResults } from '../../../server/contest/results';
import * as z from 'zod/mini';
import type { ContestDoc, ContestRoundDoc, ContestScoreDoc } from '../../../typings/domain';
import { roundSchema } from '../../../typings/functions/contest';
import { callAction } from '../../helpers/invoke';
import { useTestCloud } from '../../helpers/local-cloud';
import { countAll, grant, testDb } from '../../helpers/db';
import { codeOf } from '../../helpers/envelope';
import { freezeClock, setClock } from '../../helpers/clock';
import { runConcurrently } from '../../helpers/concurrency';
import { adminRole, as, beijing, judgeRole, ok, openidOf, person, round, seedPeople, seedStudioCourse } from './helpers';

jest.setTimeout(120_000);

const cloud = useTestCloud();

const ADMIN = person('m:admin', '管理员', '总部', '培训部', { roles: adminRole });
const BRANCH_ADMIN = person('m:branch-admin', '分公司管理员', '华东分公司', '综合部', { roles: [grant('admin', 'dept:集团/华东分公司')] });
const JUDGES = ['财务部', '法务部', '信息部'].map((team, index) => person(`m:j${index}`, `评委${index}`, '总部', team, { roles: judgeRole }));
const ENTRANTS = ['华东分公司', '华南分公司', '华北分公司', '西南分公司'].map((branch, index) => person(`m:e${index}`, `选手${index}`, branch));

beforeAll(async () => {
  freezeClock(beijing('2026-04-01'));
  await seedPeople([ADMIN, BRANCH_ADMIN, ...JUDGES, ...ENTRANTS]);
  for (const entrant of ENTRANTS) await seedStudioCourse(`c:${entrant._id}`, entrant);
});

afterAll(async () => {
  jest.useRealTimers();
});

it('pays every award once when the final is published by many instances at once', async () => {
  const db = testDb();
  const contestId = await createContestFor(
    db,
    ADMIN,
    'all',
    {
      title: '一轮赛',
      theme: '效率',
      summary: '',
      rules: '',
      poster: null,
      eligibility: { everyone: true, departmentIds: [], audiences: [] },
      topics: [],
      branchDepth: 2,
      awards: [
        { id: 'best', kind: 'best_overall', name: '一等奖', dimensionId: null, winners: 2, points: 40 },
        { id: 'fit', kind: 'best_dimension', name: '最佳切题', dimensionId: 'fit', winners: 1, points: 15 },
      ],
      // Defaults applied as the action's validation applies them.
      rounds: [z.parse(roundSchema, round('决赛', { submit: ['2026-04-01', '2026-04-03'], judge: ['2026-04-04', '2026-04-06'] }, {}))],
      requestId: 'race-contest',
    },
    beijing('2026-04-01'),
  );
  const contest = (await cloud.database.getDocument('contests', contestId)) as unknown as ContestDoc;
  await setContestStatus(db, contest, 'published', beijing('2026-04-01'));
  const roundDoc = (await cloud.database.getDocument('contestRounds', contest.roundIds[0] as string)) as unknown as ContestRoundDoc;
  for (const [index, entrant] of ENTRANTS.entries()) {
    const entry = await enterContest(
      db,
      contest,
      roundDoc,
      [entrant],
      { entryId: `en-race-${index}`, kind: 'individual', teamName: null, title: `作品${index}`, topicId: null },
      beijing('2026-04-01'),
    );
    await submitEntryFor(
      db,
      contest,
      entry,
      { title: entry.title, teamName: null, topicId: null, courseIds: [`c:${entrant._id}`], pitchVideo: null },
      beijing('2026-04-02'),
    );
  }
  await setRoundJudges(
    db,
    roundDoc,
    JUDGES.map((judge) => judge._id),
    3,
    beijing('2026-04-03'),
  );
  await assignRoundJudges(db, { ...roundDoc, judgeIds: JUDGES.map((judge) => judge._id) }, beijing('2026-04-03'));
  for (const doc of cloud.database.listDocuments('contestScores') as unknown as ContestScoreDoc[]) {
    const level = Number(doc.entryId.slice(-1));
    await saveJudgeScores(db, roundDoc, doc, { fit: 10 - level, content: 5 + level, show: 5 }, '', beijing('2026-04-05'));
  }
  setClock(beijing('2026-04-07'));
  const codes = await Promise.all(Array.from({ length: 8 }, () => runConcurrently(publishResults as never, { roundId: roundDoc._id }, openidOf(ADMIN._id))));
  expect(codes.filter((code) => code === 'OK').length).toBeGreaterThan(0);
  expect(codes.every((code) => code === 'OK' || code === 'CONFLICT')).toBe(true);
  // Once more after the race, as a retry would.
  ok(await callAction('contest', 'publishResults', { roundId: roundDoc._id }, as(ADMIN._id)));
  expect(await countAll('contestResults')).toBe(1);
  expect(await countAll('contestAwards')).toBe(2);
  const ledger = cloud.database.listDocuments('pointsLedger') as unknown as { memberId: string; amount: number }[];
  // Two winners of 40, one of 15 (the best at fitting the theme), each paid once.
  expect(ledger.map((entry) => entry.amount).sort((a, b) => a - b)).toEqual([15, 40, 40]);
  expect(new Set(ledger.map((entry) => `${entry.memberId}:${entry.amount}`)).size).toBe(3);
});

it('keeps a scoped admin inside their subtree', async () => {
  const base = {
    title: '分公司微课赛',
    theme: '服务',
    rounds: [round('初赛', { submit: ['2026-05-01', '2026-05-03'], judge: ['2026-05-04', '2026-05-06'] }, {})],
    requestId: 'branch-contest',
  };
  expect(codeOf(await callAction('contest', 'createContest', { ...base, eligibility: { everyone: true } }, as(BRANCH_ADMIN._id)))).toBe('FORBIDDEN');
  expect(
    codeOf(
      await callAction(
        'contest',
        'createContest',
        { ...base, eligibility: { everyone: false, departmentIds: ['dept:集团/华南分公司'] } },
        as(BRANCH_ADMIN._id),
      ),
    ),
  ).toBe('FORBIDDEN');
  const own = ok(
    await callAction('contest', 'createContest', { ...base, eligibility: { everyone: false, departmentIds: ['dept:集团/华东分公司'] } }, as(BRANCH_ADMIN._id)),
  );
  expect(ok(await callAction('contest', 'adminList', {}, as(BRANCH_ADMIN._id))).items.map((item) => item.id)).toEqual([own.id]);
  const companyWide = ok(await callAction('contest', 'adminList', {}, as(ADMIN._id))).items.find((item) => item.id !== own.id)!;
  expect(codeOf(await callAction('contest', 'adminDetail', { contestId: companyWide.id }, as(BRANCH_ADMIN._id)))).toBe('FORBIDDEN');
  expect(codeOf(await callAction('contest', 'adminDetail', { contestId: own.id }, as(ADMIN._id)))).toBe('OK');
});
