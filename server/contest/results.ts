/**
 * Round results (成绩): computed from the judges' scores and the standings' vote counts (see scoring.ts for
 * the arithmetic), previewed by admins, then published once judging and voting are over. Publishing writes
 * each entry's result on its standing, moves advancing entries into the next round, and on the last round
 * decides the awards; the round is marked published last, so an interrupted publication is simply run again
 * (every step writes the same values). Published results are read-only: scores, votes and round settings
 * refuse changes once `resultsStatus` is `published`.
 */
import type { ContestDoc, ContestEntryDoc, ContestRoundDoc, ContestScoreDoc, ContestStandingDoc, ContestResultsSummary } from '../../typings/domain';
import { contestContracts } from '../../typings/functions/contest';
import type { ResultRow, RoundResultsView } from '../../typings/functions/contest';
import type { PageInput } from '../../typings/functions/paging';
import { AppError, COLLECTIONS, defineAction, findPage, pageOf, runTransaction, txGet } from '../core';
import { txPut } from '../authoring/revisions';
import type { Database } from '../core';
import { beijingDate } from '../roster/beijing-day';
import { byIds } from '../course/query';
import { loadRound, loadVisibleContest } from './access';
import { requireAdministeredRound } from './admin';
import { decideAwards } from './awards';
import { branchName, headcounts } from './branches';
import { newStanding } from './entries';
import { standingId } from './ids';
import { inBatches, readEvery, replacing } from './read';
import { computeResults, ComputedResults, ComputedRow, EntryFacts } from './scoring';
import { roundLastDay } from './settings';
import { rollUpVotes } from './voting/tally';

const WRITE_BATCH = 20;

export interface RoundComputation extends ComputedResults {
  standings: Map<string, ContestStandingDoc>;
  unscored: number;
}

export async function computeRound(db: Database, contest: ContestDoc, round: ContestRoundDoc): Promise<RoundComputation> {
  const [standings, scores] = await Promise.all([
    readEvery<ContestStandingDoc>(db, COLLECTIONS.contestStandings, { roundId: round._id }),
    readEvery<ContestScoreDoc>(db, COLLECTIONS.contestScores, { roundId: round._id }),
  ]);
  const painPoints = new Set(contest.topics.filter((topic) => topic.painPoint).map((topic) => topic.id));
  const byEntry = new Map<string, Record<string, number>[]>();
  let unscored = 0;
  for (const score of scores) {
    if (score.scores === null) unscored += 1;
    else byEntry.set(score.entryId, [...(byEntry.get(score.entryId) ?? []), score.scores]);
  }
  // The voting half rolls vote shards up into `votes` after each vote; rolling up once more here makes the
  // count exact even if an instance died before its roll-up (see voting/tally.ts).
  const votes = new Map<string, number>();
  if (round.voting) await inBatches(standings, WRITE_BATCH, async (standing) => void votes.set(standing.entryId, await rollUpVotes(db, round._id, standing.entryId)));
  const facts: EntryFacts[] = standings.map((standing) => ({
    entryId: standing.entryId,
    branchId: standing.branchId,
    votes: votes.get(standing.entryId) ?? standing.votes,
    courseCount: standing.courseCount,
    painPointTopic: standing.topicId !== null && painPoints.has(standing.topicId),
    judgeScores: byEntry.get(standing.entryId) ?? [],
  }));
  const counts = round.advancement.kind === 'quota' ? await headcounts(db, [...new Set(facts.map((fact) => fact.branchId))]) : new Map<string, number>();
  return { ...computeResults(round, facts, counts), standings: new Map(standings.map((standing) => [standing.entryId, standing])), unscored };
}

function rowOf(row: ComputedRow, standing: ContestStandingDoc | undefined): ResultRow {
  return { ...row, title: standing?.title ?? '', ownerName: standing?.ownerName ?? '', teamName: standing?.teamName ?? null, branchName: branchName(row.branchId) };
}

function summaryOf(computation: RoundComputation): ContestResultsSummary {
  return { unscored: computation.unscored, maxVotes: computation.maxVotes, advancing: computation.rows.filter((row) => row.advances).length, quotas: computation.quotas };
}

function viewOf(round: ContestRoundDoc, status: RoundResultsView['status'], summary: ContestResultsSummary, page: ReturnType<typeof pageOf<ResultRow, ResultRow>>): RoundResultsView {
  return {
    ...page,
    roundId: round._id,
    roundName: round.name,
    status,
    unscored: summary.unscored,
    maxVotes: summary.maxVotes,
    advancing: summary.advancing,
    quotas: summary.quotas.map((quota) => ({ ...quota, branchName: branchName(quota.branchId) })),
  };
}

async function publishedView(db: Database, round: ContestRoundDoc, input: PageInput): Promise<RoundResultsView> {
  const found = await findPage<ContestStandingDoc>(
    db,
    COLLECTIONS.contestStandings,
    { roundId: round._id },
    [
      { field: 'result.rank', direction: 'asc' },
      { field: '_id', direction: 'asc' },
    ],
    input,
  );
  const page = pageOf(found, input, (standing) => rowOf({ ...(standing.result as NonNullable<ContestStandingDoc['result']>), entryId: standing.entryId, branchId: standing.branchId }, standing));
  return viewOf(round, 'published', round.resultsSummary ?? { unscored: 0, maxVotes: 0, advancing: 0, quotas: [] }, page);
}

export const previewResults = defineAction({
  ...contestContracts.previewResults,
  roles: ['admin'],
  handler: async ({ db, caller, input }) => {
    const { contest, round } = await requireAdministeredRound(db, caller, input.roundId);
    if (round.resultsStatus === 'published') return publishedView(db, round, input);
    // Computed on each call (an admin's occasional read); nothing is stored before publication.
    const computation = await computeRound(db, contest, round);
    const start = (input.page - 1) * input.pageSize;
    const docs = computation.rows.slice(start, start + input.pageSize).map((row) => rowOf(row, computation.standings.get(row.entryId)));
    return viewOf(round, 'preview', summaryOf(computation), pageOf({ docs, total: computation.rows.length }, input, (row) => row));
  },
});

/** Moves the advancing entries into the next round, with a fresh standing there (same values on a re-run). */
async function advanceEntries(db: Database, round: ContestRoundDoc, next: ContestRoundDoc, advancing: readonly string[], at: Date): Promise<void> {
  const entries = new Map<string, ContestEntryDoc>();
  for (let start = 0; start < advancing.length; start += 1000) {
    for (const [id, entry] of await byIds<ContestEntryDoc>(db, COLLECTIONS.contestEntries, advancing.slice(start, start + 1000))) entries.set(id, entry);
  }
  await inBatches([...entries.values()], WRITE_BATCH, async (entry) => {
    const roundIds = [...entry.roundIds.slice(0, entry.roundIds.indexOf(round._id) + 1), next._id];
    const moved = { ...entry, roundIds, currentRoundId: next._id };
    await runTransaction(db, async (tx) => {
      await tx.collection(COLLECTIONS.contestEntries).doc(entry._id).update({ data: { roundIds, currentRoundId: next._id, updatedAt: at } });
      // Created only once: on a re-run the standing may already hold votes.
      if (!(await txGet(tx, COLLECTIONS.contestStandings, standingId(next._id, entry._id)))) await txPut(tx, COLLECTIONS.contestStandings, newStanding(moved, next._id, at));
    });
  });
  await db.collection(COLLECTIONS.contestRounds).doc(next._id).update({ data: { entryCount: entries.size, updatedAt: at } });
}

export const publishResults = defineAction({
  ...contestContracts.publishResults,
  roles: ['admin'],
  handler: async ({ db, caller, input, now }) => {
    const at = now();
    const { contest, round } = await requireAdministeredRound(db, caller, input.roundId);
    if (round.resultsStatus === 'published') return publishedView(db, round, input);
    if (beijingDate(at) <= roundLastDay(round)) throw new AppError('CONTEST_PHASE', `${round.name}的评审或投票尚未结束`);
    const previousId = contest.roundIds[round.index - 1];
    if (previousId && (await loadRound(db, previousId)).round.resultsStatus !== 'published') throw new AppError('CONTEST_PHASE', '请先公布上一轮成绩');
    const computation = await computeRound(db, contest, round);
    if (computation.unscored > 0 && !input.force) throw new AppError('CONTEST_PHASE', `还有 ${computation.unscored} 份评分未完成`);
    await inBatches(computation.rows, WRITE_BATCH, async (row) => {
      const { entryId: _entryId, branchId: _branchId, ...result } = row;
      await db.collection(COLLECTIONS.contestStandings).doc(standingId(round._id, row.entryId)).update({ data: { result: db.command.set(result), updatedAt: at } });
    });
    const nextId = contest.roundIds[round.index + 1];
    if (nextId) {
      const { round: next } = await loadRound(db, nextId);
      await advanceEntries(db, round, next, computation.rows.filter((row) => row.advances).map((row) => row.entryId), at);
    } else {
      await decideAwards(db, contest, computation.rows, at);
      await db.collection(COLLECTIONS.contests).doc(contest._id).update({ data: { finished: true, updatedAt: at } });
    }
    const summary = summaryOf(computation);
    await db.collection(COLLECTIONS.contestRounds).doc(round._id).update({ data: { resultsStatus: 'published', resultsPublishedAt: at, resultsSummary: db.command.set(summary), updatedAt: at } });
    return publishedView(db, { ...round, resultsStatus: 'published', resultsPublishedAt: at, resultsSummary: summary }, input);
  },
});

export const results = defineAction({
  ...contestContracts.results,
  roles: ['learner'],
  handler: async ({ db, caller, input }) => {
    const { contest, round } = await loadRound(db, input.roundId);
    await loadVisibleContest(db, contest._id, caller.member);
    if (round.resultsStatus !== 'published') throw new AppError('CONTEST_PHASE', `${round.name}成绩尚未公布`);
    return publishedView(db, round, input);
  },
});
