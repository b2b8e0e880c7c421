/** What a vote needs to know, and the rules it must pass, read through the contest core's access helpers. */
import type { ContestDoc, ContestEntryDoc, ContestRoundDoc, ContestStandingDoc, ContestVotingRules, MemberDoc } from '../../../typings/domain';
import { AppError, COLLECTIONS, findById } from '../../core';
import type { Database } from '../../core';
import { InstanceCache } from '../../core/instance-cache';
import { beijingDate } from '../../core/time';
import { isEligible, isInRound, isTiedToEntry, loadEntry, loadRound, roundPhase } from '../access';
import { standingId } from '../ids';

export interface VotingContext {
  contest: ContestDoc;
  round: ContestRoundDoc;
  rules: ContestVotingRules;
  /** The Beijing day of the vote. */
  day: string;
}

/** Whether the round takes votes on the Beijing day of `now`: inside its window, results not yet published. */
export function votingOpenOn(round: ContestRoundDoc, now: Date): boolean {
  return roundPhase(round, now).votingOpen && round.resultsStatus !== 'published';
}

/** The round's voting rules while it takes votes, else VOTING_CLOSED. */
export function openRules(round: ContestRoundDoc, now: Date): ContestVotingRules {
  if (!round.voting) throw new AppError('VOTING_CLOSED', '本轮不设大众投票');
  if (!votingOpenOn(round, now)) {
    throw new AppError('VOTING_CLOSED', `投票时间为 ${round.voting.startDay} 至 ${round.voting.endDay}（北京时间）`);
  }
  return round.voting;
}

/** A published contest the member may vote in (eligibility), else NOT_FOUND or FORBIDDEN. */
export function assertVoter(contest: ContestDoc, member: MemberDoc, now: Date): void {
  if (contest.status !== 'published') throw new AppError('NOT_FOUND', '大赛不存在');
  if (!isEligible(contest, member, now)) throw new AppError('FORBIDDEN', '你不在本次大赛的参与范围内，无法投票');
}

/**
 * How long a function instance reuses what a vote reads besides the ballots: an entry with its standing's
 * count (per entry) and a round with its contest (per round, shared by all its entries). A crowd voting would
 * otherwise spend four reads per tap on documents that change a few times per contest. Rules and windows an
 * admin edits apply within this delay; the window itself is checked against each vote's own time; the count
 * is only shown back to the voter (the leaderboard reads the standing itself). Chosen: 2 s.
 */
const CONTEXT_TTL_MS = 2000;

interface EntryFacts {
  entry: ContestEntryDoc;
  /** The standing's rolled-up count when read (0 before the entry's first vote is tallied). */
  votes: number;
}

const entries = new InstanceCache<EntryFacts>(CONTEXT_TTL_MS);
const rounds = new InstanceCache<{ contest: ContestDoc; round: ContestRoundDoc }>(CONTEXT_TTL_MS);

/** Forgets the cached contexts (tests that edit a contest between votes). */
export function forgetVotingContexts(): void {
  entries.clear();
  rounds.clear();
}

async function entryContext(db: Database, entryId: string): Promise<EntryFacts & { contest: ContestDoc; round: ContestRoundDoc }> {
  const facts = await entries.get(entryId, async () => {
    const entry = await loadEntry(db, entryId);
    const standing = await findById<Pick<ContestStandingDoc, 'votes'>>(db, COLLECTIONS.contestStandings, standingId(entry.currentRoundId, entry._id));
    return { entry, votes: standing?.votes ?? 0 };
  });
  const { contest, round } = await rounds.get(facts.entry.currentRoundId, () => loadRound(db, facts.entry.currentRoundId));
  return { ...facts, contest, round };
}

/** The round of the entry's own vote: its current round, which it must have entered. */
export async function loadVoteContext(
  db: Database,
  entryId: string,
  voter: MemberDoc,
  now: Date,
): Promise<VotingContext & { entry: ContestEntryDoc; votes: number }> {
  const { entry, votes, contest, round } = await entryContext(db, entryId);
  assertVoter(contest, voter, now);
  if (!isInRound(entry, round._id)) throw new AppError('NOT_FOUND', '该作品不在本轮比赛中');
  const rules = openRules(round, now);
  if (!rules.ownEntryAllowed && isTiedToEntry(entry, voter._id)) throw new AppError('OWN_ENTRY');
  return { contest, round, rules, entry, votes, day: beijingDate(now) };
}
