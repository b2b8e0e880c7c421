/**
 * Contests (the core; the voting half has bench/contest-voting.ts): database operations per sign-up and
 * submission, per judge's score, for assigning 300 entries to judges, and the time and operations to publish
 * a preliminary of 1,854 entries with 3 judges each (top 300 advance), then to read a page of its results.
 * Runs the domain code in this process against its own local cloud, as the tests do.
 */
import { type Recorder, withBenchCloud } from './harness';
import { performance } from 'node:perf_hooks';
import * as z from 'zod/mini';
import { getCloud } from '../server/core/cloud';
import { loadContest, loadRound } from '../server/contest/access';
import { createContestFor, setContestStatus, setRoundJudges } from '../server/contest/admin';
import { enterContest, submitEntryFor } from '../server/contest/entries';
import { assignRoundJudges, saveJudgeScores } from '../server/contest/judging';
import { publishRound } from '../server/contest/results';
import { newStanding } from '../server/contest/standings';
import { draftRevision, newAuthoring } from '../server/authoring/revisions';
import { roundSchema } from '../typings/functions/contest';
import type { ContestEntryDoc, ContestScoreDoc, CourseFieldsDoc, MemberDoc } from '../typings/domain';

const ENTRIES = 1854;
const JUDGES = 30;
const RUBRIC = [
  { id: 'fit', name: '贴合主题', weight: 30, min: 0, max: 10 },
  { id: 'content', name: '目标与内容', weight: 40, min: 0, max: 10 },
  { id: 'show', name: '呈现效果', weight: 30, min: 0, max: 10 },
];

const person = (id: string, branch: number, roles: MemberDoc['roles'] = []): MemberDoc => ({
  _id: id,
  employeeNo: id,
  name: id,
  departmentId: `dept:集团/分公司${branch}/业务部`,
  departmentPath: ['集团', `分公司${branch}`, '业务部'],
  jobLevel: 'individual',
  hireDate: '2020-01-01',
  active: true,
  roles,
});

const FIELDS: CourseFieldsDoc = {
  title: '参赛微课',
  summary: '',
  cover: null,
  category: 'professional_skills',
  format: 'article',
  audiences: [],
  durationMinutes: 8,
  tags: [],
  content: { blocks: [{ type: 'paragraph', text: '正文' }] },
  quiz: null,
};

const day = (base: Date, offset: number): Date => new Date(base.getTime() + offset * 86_400_000);
const ymd = (date: Date): string => new Date(date.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);

export function run(record: Recorder): Promise<void> {
  return withBenchCloud('contest', async (cloud) => {
    const db = getCloud().database();
    const start = new Date('2026-09-01T02:00:00Z');
    const entrants = Array.from({ length: ENTRIES }, (_, i) => person(`m:bench-e${i}`, i % 8));
    const judges = Array.from({ length: JUDGES }, (_, i) => person(`m:bench-j${i}`, i % 8, [{ role: 'judge' }]));
    const admin = person('m:bench-admin', 0, [{ role: 'admin' }]);
    cloud.database.insertDocuments('members', [...entrants, ...judges, admin] as never);
    const rounds = [
      { name: '初赛', days: [0, 10, 11, 15], advancement: { kind: 'top' as const, count: 300 } },
      { name: '复赛', days: [20, 22, 23, 25], advancement: { kind: 'none' as const } },
    ].map(({ name, days, advancement }) =>
      z.parse(roundSchema, {
        name,
        submissionStartDay: ymd(day(start, days[0] as number)),
        submissionEndDay: ymd(day(start, days[1] as number)),
        judgingStartDay: ymd(day(start, days[2] as number)),
        judgingEndDay: ymd(day(start, days[3] as number)),
        advancement,
        weights: { judges: 100, votes: 0 },
        rubric: RUBRIC,
      }),
    );
    const contestId = await createContestFor(
      db,
      admin,
      'all',
      {
        title: '基准大赛',
        theme: '基准',
        summary: '',
        rules: '',
        poster: null,
        eligibility: { everyone: true, departmentIds: [], audiences: [] },
        topics: [],
        branchDepth: 2,
        awards: [],
        rounds,
        requestId: 'bench-contest',
      },
      start,
    );
    await setContestStatus(db, await loadContest(db, contestId), 'published', start);
    const contest = await loadContest(db, contestId);
    const { round: prelim } = await loadRound(db, contest.roundIds[0] as string);

    // Sign-up and submission through the domain functions, for the operation count.
    const SAMPLE = 20;
    cloud.database.insertDocuments(
      'courseAuthoring',
      entrants.slice(0, SAMPLE).map((entrant) => ({
        ...newAuthoring(`c:bench-${entrant._id}`, { memberId: entrant._id, name: entrant.name, departmentId: entrant.departmentId }, FIELDS, start),
        latestRevision: 1,
      })) as never,
    );
    cloud.database.insertDocuments(
      'courseRevisions',
      entrants.slice(0, SAMPLE).map((entrant) => draftRevision(`c:bench-${entrant._id}`, 1, entrant._id, FIELDS, start)) as never,
    );
    cloud.actions.reset();
    for (const [i, entrant] of entrants.slice(0, SAMPLE).entries()) {
      const entry = await enterContest(
        db,
        contest,
        prelim,
        [entrant],
        { entryId: `en-bench-${i}`, kind: 'individual', teamName: null, title: `作品${i}`, topicId: null },
        day(start, 1),
      );
      await submitEntryFor(
        db,
        contest,
        entry,
        { title: entry.title, teamName: null, topicId: null, courseIds: [`c:bench-${entrant._id}`], pitchVideo: null },
        day(start, 2),
      );
    }
    record(
      'contest: database operations per sign-up and submission',
      (cloud.actions.databaseOperations() / SAMPLE).toFixed(1),
      'one course, individual, sequential',
    );

    // The rest of the 1,854 entries in bulk, with their standings and 3 judges' scores each.
    const bulk: ContestEntryDoc[] = entrants.slice(SAMPLE).map((entrant, k) => ({
      _id: `en-bench-${SAMPLE + k}`,
      contestId,
      kind: 'individual',
      teamName: null,
      ownerId: entrant._id,
      ownerName: entrant.name,
      memberIds: [entrant._id],
      departmentIds: [entrant.departmentId],
      branchId: `dept:集团/${entrant.departmentPath[1]}`,
      topicId: null,
      title: `作品${SAMPLE + k}`,
      courseIds: ['c:bench'],
      pitchVideo: null,
      submitted: true,
      roundIds: [prelim._id],
      currentRoundId: prelim._id,
      createdAt: start,
      updatedAt: start,
      submittedAt: start,
    }));
    cloud.database.insertDocuments('contestEntries', bulk as never);
    cloud.database.insertDocuments('contestStandings', bulk.map((entry) => newStanding(entry, prelim._id, start)) as never);
    await setRoundJudges(
      db,
      prelim,
      judges.map((judge) => judge._id),
      3,
      day(start, 5),
    );
    cloud.actions.reset();
    let begin = performance.now();
    await assignRoundJudges(db, { ...prelim, judgeIds: judges.map((judge) => judge._id) }, day(start, 5));
    record(
      'contest: assign 3 judges to 1,854 entries',
      `${(performance.now() - begin).toFixed(0)} ms`,
      `${cloud.actions.databaseOperations()} database operations (bulk inserts of 1,000)`,
    );

    const scores = cloud.database.listDocuments('contestScores') as unknown as ContestScoreDoc[];
    cloud.actions.reset();
    const sample = scores.slice(0, SAMPLE);
    for (const doc of sample) await saveJudgeScores(db, prelim, doc, { fit: 7, content: 8, show: 6 }, '', day(start, 12));
    record(
      'contest: database operations per saved score',
      (cloud.actions.databaseOperations() / SAMPLE).toFixed(1),
      'domain function, without the workbench view',
    );
    // The other judges' scores in bulk: the same assignments, scored.
    await db.collection('contestScores').where({ roundId: prelim._id, scoredAt: null }).remove();
    cloud.database.insertDocuments(
      'contestScores',
      scores.slice(SAMPLE).map((doc, n) => ({ ...doc, scores: { fit: n % 11, content: (n * 7) % 11, show: (n * 3) % 11 }, scoredAt: start })) as never,
    );

    cloud.actions.reset();
    begin = performance.now();
    await publishRound(db, contest, (await loadRound(db, prelim._id)).round, false, day(start, 16));
    record(
      'contest: publish a round of 1,854 entries (top 300 advance)',
      `${(performance.now() - begin).toFixed(0)} ms`,
      `${cloud.actions.databaseOperations()} database operations: results in documents of 100 rows, bulk advancement`,
    );
  });
}
