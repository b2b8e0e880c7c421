/**
 * Judges (评委): assigning them to a round's entries, and their scoring workbench. Each assignment is one
 * document `contestScores/<roundId>:<entryId>:<judgeId>` holding that judge's scores, so judges never write
 * the same document and results read them by round.
 */
import type { ContestEntryDoc, ContestRoundDoc, ContestScoreDoc, MemberDoc } from '../../typings/domain';
import { CONTEST_ORGANISER_ROLES, contestContracts } from '../../typings/functions/contest';
import type { JudgeAssignmentSummary, JudgeEntryView, JudgeProgressRow, JudgeRoundView, RoundJudgingProgress } from '../../typings/functions/contest';
import { AppError, checkText, COLLECTIONS, defineAction, findById, findPage, pageOf } from '../core';
import type { Database, WxCloud } from '../core';
import { byIds } from '../core/db';
import { isoDate } from '../core/published';
import { beijingDate } from '../core/time';
import { isInRound, loadContest, loadEntry, loadRound, requireAdministeredRound, roundPhase } from './access';
import { entryView } from './entries';
import { scoreId } from './ids';
import { JudgeShortage, planJudges } from './judge-plan';
import { MAX_BATCH, readEvery, replacing } from './read';
import { scoresProblem, weightedScore } from './scoring';

/** The entries taking part in a round. */
export async function roundEntries(db: Database, round: ContestRoundDoc): Promise<ContestEntryDoc[]> {
  const found = await readEvery<ContestEntryDoc>(db, COLLECTIONS.contestEntries, { contestId: round.contestId, roundIds: round._id });
  return found.filter((entry) => isInRound(entry, round._id));
}

/** Assigns the round's judges to its entries (see the contract); re-running replaces the assignment. */
export async function assignRoundJudges(db: Database, round: ContestRoundDoc, at: Date): Promise<JudgeAssignmentSummary> {
  if (beijingDate(at) >= round.judgingStartDay) throw new AppError('CONTEST_PHASE', '评审已开始，不能重新分配评委');
  const judges = await byIds<MemberDoc>(db, COLLECTIONS.members, round.judgeIds);
  if (judges.size < round.judgesPerEntry) throw new AppError('INVALID_INPUT', `评委人数不足 ${round.judgesPerEntry} 人，请先设置评委`);
  const entries = await roundEntries(db, round);
  let plan: Map<string, string[]>;
  try {
    plan = planJudges(
      round._id,
      // Pending invitees are tied to the entry too (access.ts isTiedToEntry): they never judge it.
      entries.map((entry) => ({ id: entry._id, memberIds: [...entry.memberIds, ...(entry.invitedIds ?? [])], departmentIds: entry.departmentIds })),
      [...judges.values()].map((judge) => ({ id: judge._id, departmentId: judge.departmentId })),
      round.judgesPerEntry,
    );
  } catch (err) {
    if (!(err instanceof JudgeShortage)) throw err;
    const entry = entries.find((one) => one._id === err.entryId);
    throw new AppError('INVALID_INPUT', `作品「${entry?.title ?? err.entryId}」只有 ${err.available} 位可回避本部门的评委，请增加评委`);
  }
  const wanted = new Set([...plan].flatMap(([entryId, judgeIds]) => judgeIds.map((judgeId) => scoreId(round._id, entryId, judgeId))));
  const existing = await readEvery<ContestScoreDoc>(db, COLLECTIONS.contestScores, { roundId: round._id });
  const have = new Set(existing.map((doc) => doc._id));
  // Bulk writes, a thousand at a time: a round of 1,854 entries × 3 judges is a handful of operations.
  const dropped = existing.filter((doc) => !wanted.has(doc._id)).map((doc) => doc._id);
  for (let start = 0; start < dropped.length; start += MAX_BATCH) {
    await db
      .collection(COLLECTIONS.contestScores)
      .where({ _id: db.command.in(dropped.slice(start, start + MAX_BATCH)), scoredAt: null })
      .remove();
  }
  const added = [...plan].flatMap(([entryId, judgeIds]) =>
    judgeIds
      .filter((judgeId) => !have.has(scoreId(round._id, entryId, judgeId)))
      .map(
        (judgeId): ContestScoreDoc => ({
          _id: scoreId(round._id, entryId, judgeId),
          contestId: round.contestId,
          roundId: round._id,
          entryId,
          judgeId,
          scores: null,
          weighted: null,
          comment: '',
          scoredAt: null,
          assignedAt: at,
        }),
      ),
  );
  for (let start = 0; start < added.length; start += MAX_BATCH)
    await db.collection(COLLECTIONS.contestScores).add({ data: added.slice(start, start + MAX_BATCH) });
  await db
    .collection(COLLECTIONS.contestRounds)
    .doc(round._id)
    .update({ data: { judgesAssignedAt: at, entryCount: entries.length, updatedAt: at } });
  const loads = new Map([...judges.keys()].map((id) => [id, 0]));
  for (const judgeIds of plan.values()) for (const id of judgeIds) loads.set(id, (loads.get(id) ?? 0) + 1);
  return {
    roundId: round._id,
    entries: entries.length,
    judges: judges.size,
    judgesPerEntry: round.judgesPerEntry,
    loads: [...loads].map(([judgeId, count]) => ({ judgeId, name: judges.get(judgeId)?.name ?? '', entries: count })),
  };
}

export const assignJudges = defineAction({
  ...contestContracts.assignJudges,
  roles: CONTEST_ORGANISER_ROLES,
  handler: async ({ db, caller, input, now }) => assignRoundJudges(db, (await requireAdministeredRound(db, caller, input.roundId)).round, now()),
});

interface JudgeTally {
  _id: string;
  count: number;
  last: Date | string | null;
}

/**
 * A round's scoring progress per judge: one aggregation counts each judge's assignments, a second their
 * saved scores (with the latest), so a round of thousands of assignments is two reads plus the judges' names.
 */
export async function roundJudgingProgress(db: Database, round: ContestRoundDoc, now: Date): Promise<RoundJudgingProgress> {
  const $ = db.command.aggregate;
  const tally = async (match: Record<string, unknown>): Promise<Map<string, JudgeTally>> => {
    const answer = (await db
      .collection(COLLECTIONS.contestScores)
      .aggregate()
      .match(match)
      .group({ _id: '$judgeId', count: $.sum(1), last: $.max('$scoredAt') })
      .limit(1000)
      .end()) as unknown as { list: JudgeTally[] };
    return new Map(answer.list.map((row) => [row._id, row]));
  };
  const [assigned, scored] = await Promise.all([tally({ roundId: round._id }), tally({ roundId: round._id, scoredAt: db.command.neq(null) })]);
  const judgeIds = [...new Set([...round.judgeIds, ...assigned.keys()])];
  const members = await byIds<MemberDoc>(db, COLLECTIONS.members, judgeIds);
  const judges = judgeIds.map(
    (judgeId): JudgeProgressRow => ({
      judgeId,
      name: members.get(judgeId)?.name ?? '',
      departmentPath: members.get(judgeId)?.departmentPath ?? [],
      inPool: round.judgeIds.includes(judgeId),
      assigned: assigned.get(judgeId)?.count ?? 0,
      scored: scored.get(judgeId)?.count ?? 0,
      lastScoredAt: isoDate(scored.get(judgeId)?.last),
    }),
  );
  return {
    roundId: round._id,
    roundName: round.name,
    judgingStartDay: round.judgingStartDay,
    judgingEndDay: round.judgingEndDay,
    judgingOpen: roundPhase(round, now).judgingOpen,
    judgesPerEntry: round.judgesPerEntry,
    assignedAt: isoDate(round.judgesAssignedAt),
    assigned: judges.reduce((sum, judge) => sum + judge.assigned, 0),
    scored: judges.reduce((sum, judge) => sum + judge.scored, 0),
    judges,
  };
}

export const judgeProgress = defineAction({
  ...contestContracts.judgeProgress,
  roles: CONTEST_ORGANISER_ROLES,
  handler: async ({ db, caller, input, now }) => roundJudgingProgress(db, (await requireAdministeredRound(db, caller, input.roundId)).round, now()),
});

async function progress(db: Database, roundId: string, judgeId: string): Promise<{ assigned: number; scored: number }> {
  const _ = db.command;
  const count = async (filter: Record<string, unknown>) => ((await db.collection(COLLECTIONS.contestScores).where(filter).count()) as { total: number }).total;
  const [assigned, scored] = await Promise.all([count({ roundId, judgeId }), count({ roundId, judgeId, scoredAt: _.neq(null) })]);
  return { assigned, scored };
}

export const judgeRounds = defineAction({
  ...contestContracts.judgeRounds,
  roles: ['judge'],
  handler: async ({ db, caller, input, now }) => {
    const found = await findPage<ContestRoundDoc>(
      db,
      COLLECTIONS.contestRounds,
      { judgeIds: caller.member._id },
      [
        { field: 'judgingStartDay', direction: 'desc' },
        { field: '_id', direction: 'asc' },
      ],
      input,
    );
    const contests = await byIds<{ _id: string; title: string }>(
      db,
      COLLECTIONS.contests,
      found.docs.map((round) => round.contestId),
    );
    const counts = await Promise.all(found.docs.map((round) => progress(db, round._id, caller.member._id)));
    return pageOf(
      { docs: found.docs.map((round, index) => ({ round, counts: counts[index] as { assigned: number; scored: number } })), total: found.total },
      input,
      ({ round, counts: { assigned, scored } }): JudgeRoundView => ({
        contestId: round.contestId,
        contestTitle: contests.get(round.contestId)?.title ?? '',
        roundId: round._id,
        roundName: round.name,
        judgingStartDay: round.judgingStartDay,
        judgingEndDay: round.judgingEndDay,
        judgingOpen: roundPhase(round, now()).judgingOpen,
        assigned,
        scored,
      }),
    );
  },
});

export const judgeAssignments = defineAction({
  ...contestContracts.judgeAssignments,
  roles: ['judge'],
  handler: async ({ db, caller, input }) => {
    const found = await findPage<ContestScoreDoc>(
      db,
      COLLECTIONS.contestScores,
      { roundId: input.roundId, judgeId: caller.member._id },
      [
        // Unscored (null) first.
        { field: 'scoredAt', direction: 'asc' },
        { field: '_id', direction: 'asc' },
      ],
      input,
    );
    const entries = await byIds<ContestEntryDoc>(
      db,
      COLLECTIONS.contestEntries,
      found.docs.map((doc) => doc.entryId),
    );
    const counts = await progress(db, input.roundId, caller.member._id);
    return {
      ...pageOf(found, input, (doc) => ({
        entryId: doc.entryId,
        title: entries.get(doc.entryId)?.title ?? '',
        teamName: entries.get(doc.entryId)?.teamName ?? null,
        scored: doc.scores !== null,
        weighted: doc.weighted,
      })),
      ...counts,
    };
  },
});

async function requireAssignment(db: Database, roundId: string, entryId: string, judgeId: string): Promise<ContestScoreDoc> {
  const assignment = await findById<ContestScoreDoc>(db, COLLECTIONS.contestScores, scoreId(roundId, entryId, judgeId));
  if (!assignment) throw new AppError('FORBIDDEN', '你未被分配评审这件作品');
  return assignment;
}

async function judgeEntryView(
  db: Database,
  cloud: WxCloud,
  round: ContestRoundDoc,
  assignment: ContestScoreDoc,
  judgeId: string,
  now: Date,
): Promise<JudgeEntryView> {
  const entry = await loadEntry(db, assignment.entryId);
  const contest = await loadContest(db, round.contestId);
  return {
    roundId: round._id,
    roundName: round.name,
    entry: await entryView(db, cloud, entry, contest, judgeId, now),
    rubric: round.rubric,
    scores: assignment.scores,
    weighted: assignment.weighted,
    comment: assignment.comment,
    locked: !roundPhase(round, now).judgingOpen || round.resultsStatus === 'published',
    judgingEndDay: round.judgingEndDay,
  };
}

export const judgeEntry = defineAction({
  ...contestContracts.judgeEntry,
  roles: ['judge'],
  handler: async ({ db, cloud, caller, input, now }) => {
    const { round } = await loadRound(db, input.roundId);
    const assignment = await requireAssignment(db, round._id, input.entryId, caller.member._id);
    return judgeEntryView(db, cloud, round, assignment, caller.member._id, now());
  },
});

/** Saves a judge's scores on an assignment while the round's judging is open; answers the saved assignment. */
export async function saveJudgeScores(
  db: Database,
  round: ContestRoundDoc,
  assignment: ContestScoreDoc,
  scores: Record<string, number>,
  comment: string,
  at: Date,
): Promise<ContestScoreDoc> {
  if (!roundPhase(round, at).judgingOpen || round.resultsStatus === 'published') throw new AppError('CONTEST_PHASE', '不在评审时间内，评分已锁定');
  const problem = scoresProblem(round.rubric, scores);
  if (problem) throw new AppError('INVALID_INPUT', problem);
  const changes = { scores, weighted: weightedScore(round.rubric, scores), comment, scoredAt: at };
  await db
    .collection(COLLECTIONS.contestScores)
    .doc(assignment._id)
    .update({ data: replacing(db, changes) });
  return { ...assignment, ...changes };
}

export const saveScores = defineAction({
  ...contestContracts.saveScores,
  roles: ['judge'],
  handler: async ({ db, cloud, caller, input, now }) => {
    const at = now();
    const { round } = await loadRound(db, input.roundId);
    const assignment = await requireAssignment(db, round._id, input.entryId, caller.member._id);
    if (!roundPhase(round, at).judgingOpen || round.resultsStatus === 'published') throw new AppError('CONTEST_PHASE', '不在评审时间内，评分已锁定');
    if (input.comment && input.comment !== assignment.comment) await checkText(cloud, caller.openid, input.comment);
    const saved = await saveJudgeScores(db, round, assignment, input.scores, input.comment, at);
    return judgeEntryView(db, cloud, round, saved, caller.member._id, at);
  },
});
