/**
 * Round results (成绩): computed from the judges' scores and the standings' vote counts (see scoring.ts for
 * the arithmetic), previewed by admins, then published once judging and voting are over. Publishing stores
 * the ranked rows in `contestResults` (100 per document: a round of 1,854 entries is 19 writes), moves the
 * advancing entries into the next round with bulk writes, and on the last round decides the awards; the
 * round is marked published last, so an interrupted publication is simply run again (every step writes the
 * same values). Published results are read-only: scores, votes and round settings refuse changes once
 * `resultsStatus` is `published`.
 */
import type {
  ContestDoc,
  ContestEntryDoc,
  ContestResultRow,
  ContestResultsDoc,
  ContestResultsSummary,
  ContestRoundDoc,
  ContestStandingDoc,
} from '../../typings/domain';
import { CONTEST_ORGANISER_ROLES, contestContracts } from '../../typings/functions/contest';
import type { ResultRow, RoundResultsView } from '../../typings/functions/contest';
import type { Page, PageInput } from '../../typings/functions/paging';
import { AppError, COLLECTIONS, defineAction, pageOf } from '../core';
import type { Database } from '../core';
import { beijingDate } from '../core/time';
import { byIds, docsOf } from '../core/db';
import { loadRound, loadVisibleContest, requireAdministeredRound } from './access';
import { type RoundComputation, computeRound, RESULTS_CHUNK, resultsDocId, WRITE_BATCH } from './computation';
import { decideAwards } from './awards';
import { branchName } from './branches';
import { newStanding } from './standings';
import { inBatches, MAX_BATCH, readEvery } from './read';
import { roundLastDay } from './settings';

function summaryOf(computation: RoundComputation): ContestResultsSummary {
  return {
    entries: computation.ranked.length,
    unscored: computation.unscored,
    maxVotes: computation.maxVotes,
    advancing: computation.ranked.filter((row) => row.advances).length,
    quotas: computation.quotas,
  };
}

const rowView = (row: ContestResultRow): ResultRow => ({ ...row, branchName: branchName(row.branchId) });

function viewOf(round: ContestRoundDoc, status: RoundResultsView['status'], summary: ContestResultsSummary, page: Page<ResultRow>): RoundResultsView {
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

/** One page of a published round: the one or two result documents holding those ranks. */
async function publishedView(db: Database, round: ContestRoundDoc, input: PageInput): Promise<RoundResultsView> {
  const summary = round.resultsSummary ?? { entries: 0, unscored: 0, maxVotes: 0, advancing: 0, quotas: [] };
  const start = (input.page - 1) * input.pageSize;
  const end = Math.min(start + input.pageSize, summary.entries);
  const chunks = start < end ? [...new Set([Math.floor(start / RESULTS_CHUNK), Math.floor((end - 1) / RESULTS_CHUNK)])] : [];
  const docs = await byIds<ContestResultsDoc>(
    db,
    COLLECTIONS.contestResults,
    chunks.map((chunk) => resultsDocId(round._id, chunk)),
  );
  const rows = chunks.flatMap((chunk) => docs.get(resultsDocId(round._id, chunk))?.rows ?? []);
  const offset = (chunks[0] ?? 0) * RESULTS_CHUNK;
  const items = rows.slice(start - offset, end - offset);
  return viewOf(round, 'published', summary, pageOf({ docs: items, total: summary.entries }, input, rowView));
}

/** An entry's published result rows, one per round it was ranked in. */
export async function entryResults(db: Database, entryId: string): Promise<{ roundId: string; row: ContestResultRow }[]> {
  const docs = await docsOf<ContestResultsDoc>(db.collection(COLLECTIONS.contestResults).where({ entryIds: entryId }).limit(100));
  return docs.map((doc) => ({ roundId: doc.roundId, row: doc.rows.find((row) => row.entryId === entryId) as ContestResultRow }));
}

export const previewResults = defineAction({
  ...contestContracts.previewResults,
  roles: CONTEST_ORGANISER_ROLES,
  handler: async ({ db, caller, input }) => {
    const { contest, round } = await requireAdministeredRound(db, caller, input.roundId);
    if (round.resultsStatus === 'published') return publishedView(db, round, input);
    // Computed on each call (an admin's occasional read); nothing is stored before publication.
    const computation = await computeRound(db, contest, round);
    const start = (input.page - 1) * input.pageSize;
    const docs = computation.ranked.slice(start, start + input.pageSize);
    return viewOf(round, 'preview', summaryOf(computation), pageOf({ docs, total: computation.ranked.length }, input, rowView));
  },
});

/** Stores the ranked rows, RESULTS_CHUNK per document (the same documents on a re-run). */
async function storeResults(db: Database, round: ContestRoundDoc, ranked: readonly ContestResultRow[]): Promise<void> {
  const chunks = Array.from({ length: Math.ceil(ranked.length / RESULTS_CHUNK) }, (_, chunk) => chunk);
  await inBatches(chunks, WRITE_BATCH, async (chunk) => {
    const rows = ranked.slice(chunk * RESULTS_CHUNK, (chunk + 1) * RESULTS_CHUNK);
    const data: Omit<ContestResultsDoc, '_id'> = { contestId: round.contestId, roundId: round._id, chunk, entryIds: rows.map((row) => row.entryId), rows };
    await db.collection(COLLECTIONS.contestResults).doc(resultsDocId(round._id, chunk)).set({ data });
  });
}

/**
 * Moves the advancing entries into the next round: every entry in round k went through rounds 1..k, so one
 * bulk update per thousand sets the same `roundIds`; their standings in the next round are inserted in bulk,
 * skipping those a previous run created (they may hold votes already).
 */
async function advanceEntries(
  db: Database,
  contest: ContestDoc,
  round: ContestRoundDoc,
  next: ContestRoundDoc,
  advancing: readonly string[],
  at: Date,
): Promise<void> {
  const roundIds = contest.roundIds.slice(0, next.index + 1);
  const existing = new Set((await readEvery<ContestStandingDoc>(db, COLLECTIONS.contestStandings, { roundId: next._id })).map((standing) => standing.entryId));
  for (let start = 0; start < advancing.length; start += MAX_BATCH) {
    const ids = advancing.slice(start, start + MAX_BATCH);
    await db
      .collection(COLLECTIONS.contestEntries)
      .where({ _id: db.command.in(ids), currentRoundId: round._id })
      .update({ data: { roundIds, currentRoundId: next._id, updatedAt: at } });
    const entries = await byIds<ContestEntryDoc>(db, COLLECTIONS.contestEntries, ids);
    const fresh = ids.filter((id) => !existing.has(id) && entries.has(id)).map((id) => newStanding(entries.get(id) as ContestEntryDoc, next._id, at));
    if (fresh.length > 0) await db.collection(COLLECTIONS.contestStandings).add({ data: fresh });
  }
  await db
    .collection(COLLECTIONS.contestRounds)
    .doc(next._id)
    .update({ data: { entryCount: advancing.length, updatedAt: at } });
}

/** Publishes a round's results (see the top of this file); answers the round as published. */
export async function publishRound(db: Database, contest: ContestDoc, round: ContestRoundDoc, force: boolean, at: Date): Promise<ContestRoundDoc> {
  if (round.resultsStatus === 'published') return round;
  if (beijingDate(at) <= roundLastDay(round)) throw new AppError('CONTEST_PHASE', `${round.name}的评审或投票尚未结束`);
  const previousId = contest.roundIds[round.index - 1];
  if (previousId && (await loadRound(db, previousId)).round.resultsStatus !== 'published') throw new AppError('CONTEST_PHASE', '请先公布上一轮成绩');
  const computation = await computeRound(db, contest, round);
  if (computation.unscored > 0 && !force) throw new AppError('CONTEST_PHASE', `还有 ${computation.unscored} 份评分未完成`);
  await storeResults(db, round, computation.ranked);
  const nextId = contest.roundIds[round.index + 1];
  if (nextId) {
    const { round: next } = await loadRound(db, nextId);
    await advanceEntries(
      db,
      contest,
      round,
      next,
      computation.ranked.filter((row) => row.advances).map((row) => row.entryId),
      at,
    );
  } else {
    await decideAwards(db, contest, computation.ranked, at);
    await db
      .collection(COLLECTIONS.contests)
      .doc(contest._id)
      .update({ data: { finished: true, updatedAt: at } });
  }
  const summary = summaryOf(computation);
  await db
    .collection(COLLECTIONS.contestRounds)
    .doc(round._id)
    .update({ data: { resultsStatus: 'published', resultsPublishedAt: at, resultsSummary: db.command.set(summary), updatedAt: at } });
  return { ...round, resultsStatus: 'published', resultsPublishedAt: at, resultsSummary: summary };
}

export const publishResults = defineAction({
  ...contestContracts.publishResults,
  roles: CONTEST_ORGANISER_ROLES,
  handler: async ({ db, caller, input, now }) => {
    const { contest, round } = await requireAdministeredRound(db, caller, input.roundId);
    return publishedView(db, await publishRound(db, contest, round, input.force, now()), input);
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
