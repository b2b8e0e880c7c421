/**
 * The scenario, a contest of the shape a large company runs: 1,854 sign-ups, a
 * preliminary to 300, a semi-final sharing 36 slots among branches by headcount, a final with a three-day
 * public vote (one vote per voter per entry per day, through the voting half's action) and 90/10 weights,
 * then awards. Every published figure is checked against a computation made here from the seeded data.
 * The mass sign-ups and preliminary scores are inserted directly as consistent documents (fast); the
 * rounds, judges, results, advancement, votes and awards go through the real actions.
 */
import { createHash } from 'node:crypto';
import type { ContestEntryDoc, ContestParticipantDoc, ContestScoreDoc, ContestStandingDoc, MemberDoc } from '../../../typings/domain';
import type { ResultRow } from '../../../typings/functions/contest';
import { vote as voteAction } from '../../../server/contest/voting';
import { planJudges } from '../../../server/contest/judge-plan';
import { callAction } from '../../helpers/invoke';
import { useTestCloud } from '../../helpers/local-cloud';
import { testDb } from '../../helpers/db';
import { freezeClock, setClock } from '../../helpers/clock';
import { runConcurrently } from '../../helpers/concurrency';
import { adminRole, as, beijing, judgeRole, ok, openidOf, person, round, RUBRIC } from './helpers';

jest.setTimeout(300_000);

const cloud = useTestCloud();

/** A reproducible number in [0, 1) for a key. */
const unit = (key: string): number => parseInt(createHash('sha256').update(key).digest('hex').slice(0, 8), 16) / 2 ** 32;
const pick = (key: string, low: number, high: number): number => low + Math.floor(unit(key) * (high - low + 1));
// Half up to 2 decimals once float noise is dropped (the same figure whatever the order of arithmetic).
const r2 = (value: number) => Math.round(Number((value * 100).toPrecision(12))) / 100;

/** Eight branches of very different size (headcount), 5 teams each. */
const BRANCHES: [string, number][] = [
  ['上海分公司', 1300],
  ['北京分公司', 900],
  ['广东分公司', 700],
  ['江苏分公司', 500],
  ['浙江分公司', 400],
  ['四川分公司', 250],
  ['湖北分公司', 150],
  ['西藏分公司', 60],
];
const SIGN_UPS = 1854;
const TEAMS = 12;
const AT = new Date('2026-08-20T02:00:00Z');

const members: MemberDoc[] = [];
const branchOfMember = new Map<string, string>();
for (const [branch, headcount] of BRANCHES) {
  for (let index = 0; index < headcount; index += 1) {
    const member = person(`m:${branch}-${index}`, `${branch}员工${index}`, branch, `团队${index % 5}`);
    members.push(member);
    branchOfMember.set(member._id, `dept:集团/${branch}`);
  }
}
const ADMIN = person('m:admin', '大赛管理员', '总部', '培训部', { roles: adminRole });
const JUDGES = Array.from({ length: 30 }, (_, index) => {
  const [branch] = BRANCHES[index % BRANCHES.length] as [string, number];
  return person(`m:judge-${index}`, `评委${index}`, branch, `团队${index % 5}`, { roles: judgeRole });
});
// Every 7th member of the company signs up first; then others, until 1,854 (spread over every branch).
const entrants = [...members.filter((_, index) => index % 2 === 0), ...members.filter((_, index) => index % 2 === 1)].slice(0, SIGN_UPS + TEAMS);
const voters = members.filter((member) => !entrants.includes(member)).slice(0, 30);

let contestId: string;
let roundIds: string[];
const entries: ContestEntryDoc[] = [];

async function seedSignUps(): Promise<void> {
  // 12 teams of 2 (entrants 0..23 pair up), the rest alone: 1,854 entries.
  const participants: ContestParticipantDoc[] = [];
  let cursor = 0;
  for (let index = 0; index < SIGN_UPS; index += 1) {
    const team = index < TEAMS;
    const people = entrants.slice(cursor, cursor + (team ? 2 : 1));
    cursor += people.length;
    const owner = people[0] as MemberDoc;
    const entryId = `en-scenario-${String(index).padStart(4, '0')}`;
    const courseCount = team ? 1 + (index % 5) : pick(`courses:${index}`, 1, 3);
    const entry: ContestEntryDoc = {
      _id: entryId,
      contestId,
      kind: team ? 'team' : 'individual',
      teamName: team ? `团队${index}` : null,
      ownerId: owner._id,
      ownerName: owner.name,
      memberIds: people.map((one) => one._id),
      departmentIds: [...new Set(people.map((one) => one.departmentId))],
      branchId: branchOfMember.get(owner._id) as string,
      topicId: unit(`topic:${index}`) < 0.3 ? 'pain' : 'free',
      title: `作品${index}`,
      courseIds: Array.from({ length: courseCount }, (_, course) => `c:scenario-${index}-${course}`),
      pitchVideo: null,
      submitted: true,
      roundIds: [roundIds[0] as string],
      currentRoundId: roundIds[0] as string,
      createdAt: AT,
      updatedAt: AT,
      submittedAt: AT,
    };
    entries.push(entry);
    for (const one of people)
      participants.push({ _id: `${contestId}:${one._id}`, contestId, memberId: one._id, entryId, branchId: branchOfMember.get(one._id) as string });
  }
  const standings: ContestStandingDoc[] = entries.map((entry) => ({
    _id: `${roundIds[0]}:${entry._id}`,
    contestId,
    roundId: roundIds[0] as string,
    entryId: entry._id,
    title: entry.title,
    ownerName: entry.ownerName,
    teamName: entry.teamName,
    branchId: entry.branchId,
    courseCount: entry.courseIds.length,
    topicId: entry.topicId,
    votes: 0,
    result: null,
    updatedAt: AT,
  }));
  cloud.database.insertDocuments('contestEntries', entries as never);
  cloud.database.insertDocuments('contestParticipants', participants as never);
  cloud.database.insertDocuments('contestStandings', standings as never);
}

/** A judge's scores for an entry in a round (0–10 per dimension), reproducible from the ids. */
const scoresFor = (roundId: string, entryId: string, judgeId: string) =>
  Object.fromEntries(RUBRIC.map((dimension) => [dimension.id, pick(`${roundId}:${entryId}:${judgeId}:${dimension.id}`, 2, 10)]));

/** Expected judges' score of an entry, from the scores the test gave (independent of the server code). */
function expectedJudgeScore(roundId: string, entryId: string, judgeIds: readonly string[]): number {
  const totalWeight = RUBRIC.reduce((sum, dimension) => sum + dimension.weight, 0);
  let weighted = 0;
  for (const dimension of RUBRIC) {
    const mean = judgeIds.reduce((sum, judgeId) => sum + (scoresFor(roundId, entryId, judgeId)[dimension.id] as number), 0) / judgeIds.length;
    weighted += (dimension.weight * (mean - dimension.min)) / (dimension.max - dimension.min);
  }
  return r2((100 * weighted) / totalWeight);
}

async function judgesOf(roundId: string): Promise<Map<string, string[]>> {
  const byEntry = new Map<string, string[]>();
  let after = '';
  for (;;) {
    const page = (
      (await testDb()
        .collection('contestScores')
        .where({ roundId, _id: testDb().command.gt(after) })
        .orderBy('_id', 'asc')
        .limit(1000)
        .get()) as unknown as { data: ContestScoreDoc[] }
    ).data;
    for (const doc of page) byEntry.set(doc.entryId, [...(byEntry.get(doc.entryId) ?? []), doc.judgeId]);
    if (page.length < 1000) return byEntry;
    after = (page.at(-1) as ContestScoreDoc)._id;
  }
}

/** Replaces the round's assignments by the same ones with their scores (a bulk stand-in for the workbench). */
async function scoreInBulk(roundId: string, judges: ReadonlyMap<string, string[]>): Promise<void> {
  await testDb().collection('contestScores').where({ roundId }).remove();
  cloud.database.insertDocuments(
    'contestScores',
    [...judges].flatMap(([entryId, judgeIds]) =>
      judgeIds.map((judgeId) => ({
        _id: `${roundId}:${entryId}:${judgeId}`,
        contestId,
        roundId,
        entryId,
        judgeId,
        scores: scoresFor(roundId, entryId, judgeId),
        weighted: 0,
        comment: '',
        scoredAt: AT,
        assignedAt: AT,
      })),
    ) as never,
  );
}

async function allResults(roundId: string): Promise<ResultRow[]> {
  const rows: ResultRow[] = [];
  for (let page = 1; ; page += 1) {
    const answer = ok(await callAction('contest', 'results', { roundId, page, pageSize: 50 }, as(voters[0]!._id)));
    rows.push(...answer.items);
    if (!answer.hasMore) return rows;
  }
}

const byRank = (a: { final: number; judge: number; votes: number; id: string }, b: { final: number; judge: number; votes: number; id: string }) =>
  b.final - a.final || b.judge - a.judge || b.votes - a.votes || (a.id < b.id ? -1 : 1);

beforeAll(async () => {
  freezeClock(AT);
  cloud.database.insertDocuments('members', [...members, ADMIN, ...JUDGES] as never);
  cloud.database.insertDocuments(
    'bindings',
    [ADMIN, ...JUDGES, ...voters, entrants[0] as MemberDoc].map((member) => ({ _id: openidOf(member._id), memberId: member._id, boundAt: AT })) as never,
  );
});

afterAll(async () => {
  jest.useRealTimers();
});

it('runs 1,854 sign-ups through a preliminary to 300, headcount quotas to 36 and a voted 90/10 final', async () => {
  const created = ok(
    await callAction(
      'contest',
      'createContest',
      {
        title: '第三届微课大赛',
        theme: '知识传承',
        eligibility: { everyone: true },
        branchDepth: 2,
        topics: [
          { id: 'pain', title: '业务痛点', painPoint: true },
          { id: 'free', title: '自选' },
        ],
        awards: [
          { id: 'best', kind: 'best_overall', name: '最佳微课', points: 200 },
          { id: 'popular', kind: 'popularity', name: '人气奖', points: 50 },
          { id: 'org', kind: 'best_branch', name: '最佳组织单位' },
          { id: 'teams', kind: 'team_most_courses', name: '最多课程团队', points: 30 },
        ],
        rounds: [
          round(
            '初赛',
            { submit: ['2026-09-01', '2026-09-10'], judge: ['2026-09-11', '2026-09-15'] },
            { formats: ['article'], advancement: { kind: 'top', count: 300 } },
          ),
          round(
            '复赛',
            { submit: ['2026-09-20', '2026-09-22'], judge: ['2026-09-23', '2026-09-25'] },
            { advancement: { kind: 'quota', total: 36 }, bonuses: { series: 2, painPointTopic: 1 } },
          ),
          round(
            '决赛',
            { submit: ['2026-09-28', '2026-09-30'], judge: ['2026-10-01', '2026-10-03'], vote: ['2026-10-01', '2026-10-03'] },
            { weights: { judges: 90, votes: 10 }, judgesPerEntry: 5 },
          ),
        ],
        requestId: 'scenario-contest',
      },
      as(ADMIN._id),
    ),
  );
  contestId = created.id;
  roundIds = created.rounds.map((one) => one.id);
  ok(await callAction('contest', 'setStatus', { contestId, status: 'published' }, as(ADMIN._id)));
  await seedSignUps();

  // Preliminary: 30 judges, 3 per entry, planned as assignJudges plans, scores inserted in bulk.
  const [prelim, semi, final] = roundIds as [string, string, string];
  const plan = planJudges(
    prelim,
    entries.map((entry) => ({ id: entry._id, memberIds: entry.memberIds, departmentIds: entry.departmentIds })),
    JUDGES.map((judge) => ({ id: judge._id, departmentId: judge.departmentId })),
    3,
  );
  cloud.database.insertDocuments(
    'contestScores',
    [...plan].flatMap(([entryId, judgeIds]) =>
      judgeIds.map((judgeId) => ({
        _id: `${prelim}:${entryId}:${judgeId}`,
        contestId,
        roundId: prelim,
        entryId,
        judgeId,
        scores: scoresFor(prelim, entryId, judgeId),
        weighted: 0,
        comment: '',
        scoredAt: AT,
        assignedAt: AT,
      })),
    ) as never,
  );
  setClock(beijing('2026-09-16'));
  ok(await callAction('contest', 'publishResults', { roundId: prelim, pageSize: 1 }, as(ADMIN._id)));
  const prelimRows = await allResults(prelim);
  const painBonus = new Set(entries.filter((entry) => entry.topicId === 'pain').map((entry) => entry._id));
  const expectedPrelim = entries.map((entry) => {
    const judge = expectedJudgeScore(prelim, entry._id, plan.get(entry._id) as string[]);
    return { id: entry._id, judge, votes: 0, final: judge };
  });
  expectedPrelim.sort(byRank);
  expect(prelimRows).toHaveLength(SIGN_UPS);
  expect(prelimRows.map((row) => [row.entryId, row.finalScore])).toEqual(expectedPrelim.map((row) => [row.id, row.final]));
  const top300 = expectedPrelim.slice(0, 300).map((row) => row.id);
  expect(prelimRows.filter((row) => row.advances).map((row) => row.entryId)).toEqual(top300);

  // Semi-final: judges assigned by the action (bulk inserts), scored in bulk; quotas by headcount.
  setClock(beijing('2026-09-20'));
  ok(await callAction('contest', 'setJudges', { roundId: semi, judgeIds: JUDGES.map((judge) => judge._id), judgesPerEntry: 3 }, as(ADMIN._id)));
  const assigned = ok(await callAction('contest', 'assignJudges', { roundId: semi }, as(ADMIN._id)));
  expect(assigned.entries).toBe(300);
  const semiJudges = await judgesOf(semi);
  setClock(beijing('2026-09-23'));
  await scoreInBulk(semi, semiJudges);
  setClock(beijing('2026-09-26'));
  const semiView = ok(await callAction('contest', 'publishResults', { roundId: semi }, as(ADMIN._id)));
  const semiRows = await allResults(semi);
  const byId = new Map(entries.map((entry) => [entry._id, entry]));
  const expectedSemi = top300.map((id) => {
    const entry = byId.get(id) as ContestEntryDoc;
    const judge = expectedJudgeScore(semi, id, semiJudges.get(id) as string[]);
    const bonus = (entry.courseIds.length >= 3 ? 2 : 0) + (painBonus.has(id) ? 1 : 0);
    return { id, judge, votes: 0, final: r2(judge + bonus), branch: entry.branchId };
  });
  expectedSemi.sort(byRank);
  expect(semiRows.map((row) => [row.entryId, row.finalScore])).toEqual(expectedSemi.map((row) => [row.id, row.final]));
  // Hamilton's method over the branches with semi-finalists, by headcount, computed here.
  const headcount = new Map(
    BRANCHES.map(([branch, count]) => [`dept:集团/${branch}`, count + JUDGES.filter((judge) => judge.departmentPath[1] === branch).length]),
  );
  const present = [...new Set(expectedSemi.map((row) => row.branch))].sort();
  const people = present.reduce((sum, branch) => sum + (headcount.get(branch) as number), 0);
  const quota = new Map(present.map((branch) => [branch, Math.floor((36 * (headcount.get(branch) as number)) / people)]));
  const leftover = 36 - [...quota.values()].reduce((a, b) => a + b, 0);
  const fractions = present
    .map((branch) => ({ branch, fraction: (36 * (headcount.get(branch) as number)) / people - (quota.get(branch) as number) }))
    .sort((a, b) => b.fraction - a.fraction);
  for (const { branch } of fractions.slice(0, leftover)) quota.set(branch, (quota.get(branch) as number) + 1);
  const advancing: string[] = [];
  const used = new Map<string, number>();
  for (const row of expectedSemi) {
    if ((used.get(row.branch) ?? 0) < (quota.get(row.branch) as number)) {
      advancing.push(row.id);
      used.set(row.branch, (used.get(row.branch) ?? 0) + 1);
    }
  }
  for (const row of expectedSemi) if (advancing.length < 36 && !advancing.includes(row.id)) advancing.push(row.id);
  expect(semiView.quotas.map((one) => [one.branchId, one.headcount, one.slots])).toEqual(
    present.map((branch) => [branch, headcount.get(branch), quota.get(branch)]),
  );
  expect(
    semiRows
      .filter((row) => row.advances)
      .map((row) => row.entryId)
      .sort(),
  ).toEqual([...advancing].sort());
  expect(advancing).toHaveLength(36);

  // Final: 5 judges per entry assigned by the action, and a three-day public vote through the vote action.
  setClock(beijing('2026-09-28'));
  ok(await callAction('contest', 'setJudges', { roundId: final, judgeIds: JUDGES.slice(0, 12).map((judge) => judge._id), judgesPerEntry: 5 }, as(ADMIN._id)));
  ok(await callAction('contest', 'assignJudges', { roundId: final }, as(ADMIN._id)));
  const finalJudges = await judgesOf(final);
  const votes = new Map(advancing.map((id) => [id, 0]));
  for (const day of ['2026-10-01', '2026-10-02', '2026-10-03']) {
    setClock(beijing(day, 9));
    // 30 voters at a time: real overlapping calls, without more sockets than one local process accepts.
    const answers: [string, string][][] = [];
    for (let start = 0; start < voters.length; start += 30) {
      answers.push(
        ...(await Promise.all(
          voters.slice(start, start + 30).map(async (voter, offset) => {
            const v = start + offset;
            const codes: [string, string][] = [];
            // Each voter taps 1–2 entries, favouring a few, sometimes the same entry twice in a day.
            for (let tap = 0; tap < pick(`taps:${day}:${v}`, 1, 2); tap += 1) {
              const entryId = advancing[Math.floor(unit(`vote:${day}:${v}:${tap}`) ** 2 * advancing.length)] as string;
              codes.push([entryId, await runConcurrently(voteAction as never, { entryId, requestId: `vote-${day}-${v}-${tap}` }, openidOf(voter._id))]);
            }
            return codes;
          }),
        )),
      );
    }
    for (const [entryId, code] of answers.flat()) {
      expect(['OK', 'VOTE_LIMIT']).toContain(code);
      if (code === 'OK') votes.set(entryId, (votes.get(entryId) ?? 0) + 1);
    }
  }
  setClock(beijing('2026-10-02'));
  await scoreInBulk(final, finalJudges);
  setClock(beijing('2026-10-04'));
  ok(await callAction('contest', 'publishResults', { roundId: final }, as(ADMIN._id)));
  const finalRows = await allResults(final);
  const maxVotes = Math.max(...votes.values());
  const expectedFinal = advancing.map((id) => {
    const judge = expectedJudgeScore(final, id, finalJudges.get(id) as string[]);
    const vote = r2((100 * (votes.get(id) as number)) / maxVotes);
    return { id, judge, votes: votes.get(id) as number, final: r2((90 * judge + 10 * vote) / 100) };
  });
  expectedFinal.sort(byRank);
  expect(finalRows.map((row) => [row.entryId, row.judgeScore, row.votes, row.finalScore, row.rank])).toEqual(
    expectedFinal.map((row, index) => [row.id, row.judge, row.votes, row.final, index + 1]),
  );
  expect([...votes.values()].reduce((a, b) => a + b, 0)).toBeGreaterThan(60);

  // Awards, from the same data.
  const awards = Object.fromEntries(ok(await callAction('contest', 'awards', { contestId }, as(voters[0]!._id))).map((award) => [award.awardId, award]));
  expect(awards.best?.winners.map((winner) => winner.entryId)).toEqual([expectedFinal[0]!.id]);
  const popular = [...expectedFinal].sort((a, b) => b.votes - a.votes || b.final - a.final || (a.id < b.id ? -1 : 1))[0]!.id;
  expect(awards.popular?.winners.map((winner) => winner.entryId)).toEqual([popular]);
  const participation = BRANCHES.map(([branch]) => {
    const id = `dept:集团/${branch}`;
    const joined = entries.flatMap((entry) => entry.memberIds).filter((memberId) => branchOfMember.get(memberId) === id).length;
    return { branch, rate: joined / (headcount.get(id) as number), joined };
  }).sort((a, b) => b.rate - a.rate || b.joined - a.joined);
  expect(awards.org?.branchName).toBe(participation[0]!.branch);
  const topTeam = entries.filter((entry) => entry.kind === 'team').sort((a, b) => b.courseIds.length - a.courseIds.length)[0]!;
  expect(awards.teams?.winners.map((winner) => winner.entryId)).toEqual([topTeam._id]);
  const winner = byId.get(expectedFinal[0]!.id) as ContestEntryDoc;
  expect((await cloud.database.getDocument('pointsAccounts', winner.ownerId))?.balance).toBeGreaterThanOrEqual(200);
});
