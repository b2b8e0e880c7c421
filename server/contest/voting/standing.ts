/** What members read: votes left today, and the vote leaderboard from the maintained counts. */
import type { ContestBallotDoc, ContestEntryDoc, ContestStandingDoc, ContestVoterDayDoc, MemberDoc } from '../../../typings/domain';
import type { VoteRankRow, VotesLeftView } from '../../../typings/functions/contest-voting';
import type { Page, PageInput } from '../../../typings/functions/paging';
import { AppError, byIds, COLLECTIONS, findPage, ownValue, pageOf } from '../../core';
import type { Database, SortKey } from '../../core';
import { beijingDate } from '../../core/time';
import { isEligible, isInRound, isTiedToEntry, loadRound, seesContest } from '../access';
import { leftFrom } from './cast';
import { votingOpenOn } from './context';
import { docsOf } from '../../core/db';
import { learnerLevelsOf } from '../../points';

/** The round, if the member sees its contest (a draft is not revealed). */
async function loadSeenRound(db: Database, member: MemberDoc, roundId: string): Promise<Awaited<ReturnType<typeof loadRound>>> {
  const found = await loadRound(db, roundId);
  if (!seesContest(found.contest, member)) throw new AppError('NOT_FOUND', '比赛轮次不存在');
  return found;
}

/**
 * The voter's ballots of a day in a round, as a voter's day (votes, per entry): read from the ballots, not
 * the tallied `contestVoterDays`, so a vote placed a moment ago shows at once.
 */
async function ballotsOfDay(db: Database, roundId: string, voterId: string, day: string): Promise<Pick<ContestVoterDayDoc, 'votes' | 'perEntry'>> {
  const ballots = await docsOf<Pick<ContestBallotDoc, 'entryId'>>(
    db.collection(COLLECTIONS.contestBallots).where({ roundId, voterId, day }).field({ entryId: true }).limit(1000),
  );
  const perEntry: Record<string, number> = {};
  for (const ballot of ballots) perEntry[ballot.entryId] = (ownValue(perEntry, ballot.entryId) ?? 0) + 1;
  return { votes: ballots.length, perEntry };
}

/** The caller's quota today in a round, for the entries asked (one query for them, one for the day's ballots). */
export async function votesLeft(db: Database, member: MemberDoc, roundId: string, entryIds: readonly string[], now: Date): Promise<VotesLeftView> {
  const { round, contest } = await loadSeenRound(db, member, roundId);
  const day = beijingDate(now);
  const rules = round.voting ?? { mode: 'per_entry' as const, perDay: 0, ownEntryAllowed: false };
  const votingOpen = votingOpenOn(round, now) && contest.status === 'published' && isEligible(contest, member, now);
  const voterDay = await ballotsOfDay(db, round._id, member._id, day);
  const _ = db.command;
  const ids = [...new Set(entryIds)];
  const entries = ids.length
    ? await docsOf<ContestEntryDoc>(
        db
          .collection(COLLECTIONS.contestEntries)
          .where({ _id: _.in(ids) })
          .limit(ids.length),
      )
    : [];
  const byId = new Map(entries.map((entry) => [entry._id, entry]));
  const totalLeft = rules.mode === 'total' ? (votingOpen ? leftFrom('total', rules.perDay, voterDay, '').totalLeft : 0) : null;
  return {
    roundId: round._id,
    day,
    votingOpen,
    mode: rules.mode,
    perDay: rules.perDay,
    usedToday: voterDay?.votes ?? 0,
    totalLeft,
    entries: ids.map((entryId) => {
      const entry = byId.get(entryId);
      const votable =
        votingOpen &&
        entry !== undefined &&
        entry.currentRoundId === round._id &&
        isInRound(entry, round._id) &&
        (rules.ownEntryAllowed || !isTiedToEntry(entry, member._id));
      return {
        entryId,
        left: votable ? leftFrom(rules.mode, rules.perDay, voterDay, entryId).entryLeft : 0,
        votedToday: ownValue(voterDay?.perEntry, entryId) ?? 0,
      };
    }),
  };
}

const MOST_VOTES: readonly SortKey[] = [
  { field: 'votes', direction: 'desc' },
  { field: '_id', direction: 'asc' },
];

/** 人气榜 of a round, a page at a time on the index roundId + votes. */
export async function voteLeaderboard(db: Database, member: MemberDoc, roundId: string, input: PageInput): Promise<Page<VoteRankRow>> {
  await loadSeenRound(db, member, roundId);
  const found = await findPage<ContestStandingDoc>(db, COLLECTIONS.contestStandings, { roundId }, MOST_VOTES, input);
  // The owners' learner levels, batched: the page's entries (their owners), the ladder and the accounts.
  const entries = await byIds<ContestEntryDoc>(
    db,
    COLLECTIONS.contestEntries,
    found.docs.map((doc) => doc.entryId),
  );
  const levels = await learnerLevelsOf(
    db,
    [...entries.values()].map((entry) => entry.ownerId),
  );
  const first = (input.page - 1) * input.pageSize;
  return pageOf({ docs: found.docs.map((doc, index) => ({ doc, rank: first + index + 1 })), total: found.total }, input, ({ doc, rank }) => ({
    rank,
    entryId: doc.entryId,
    title: doc.title,
    ownerName: doc.ownerName,
    teamName: doc.teamName,
    votes: doc.votes,
    ownerLevel: levels.get(entries.get(doc.entryId)?.ownerId ?? '') ?? null,
  }));
}
