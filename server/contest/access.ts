/**
 * Loading contests, rounds and entries, and the questions every contest action (and the voting half) asks:
 * what phase a round is in today (Beijing days), who may take part and see a contest, whose entry it is.
 */
import type { ContestDoc, ContestEntryDoc, ContestRoundDoc, MemberDoc } from '../../typings/domain';
import { CONTEST_ORGANISER_ROLES, type RoundPhaseView } from '../../typings/functions/contest';
import { AppError, COLLECTIONS, findById, inScope, scopeForAny } from '../core';
import type { Database, MemberCaller, Scope } from '../core';
import { targetsMember } from '../assignment';
import { beijingDate } from '../core/time';

export async function loadContest(db: Database, contestId: string): Promise<ContestDoc> {
  const contest = await findById<ContestDoc>(db, COLLECTIONS.contests, contestId);
  if (!contest) throw new AppError('NOT_FOUND', '大赛不存在');
  return contest;
}

export async function loadRound(db: Database, roundId: string): Promise<{ contest: ContestDoc; round: ContestRoundDoc }> {
  const round = await findById<ContestRoundDoc>(db, COLLECTIONS.contestRounds, roundId);
  if (!round) throw new AppError('NOT_FOUND', '比赛轮次不存在');
  return { contest: await loadContest(db, round.contestId), round };
}

export async function loadEntry(db: Database, entryId: string): Promise<ContestEntryDoc> {
  const entry = await findById<ContestEntryDoc>(db, COLLECTIONS.contestEntries, entryId);
  if (!entry) throw new AppError('NOT_FOUND', '参赛作品不存在');
  return entry;
}

/** Whether `day` lies in the inclusive window [start, end] (YYYY-MM-DD compares as text). */
export function inWindow(day: string, start: string, end: string): boolean {
  return start <= day && day <= end;
}

/** The round's phase on the Beijing day of `now`. */
export function roundPhase(round: ContestRoundDoc, now: Date): RoundPhaseView {
  const today = beijingDate(now);
  const submissionOpen = inWindow(today, round.submissionStartDay, round.submissionEndDay);
  const judgingOpen = inWindow(today, round.judgingStartDay, round.judgingEndDay);
  const votingOpen = round.voting !== null && inWindow(today, round.voting.startDay, round.voting.endDay);
  const resultsPublished = round.resultsStatus === 'published';
  const lastDay = [round.submissionEndDay, round.judgingEndDay, round.voting?.endDay ?? ''].sort().at(-1) as string;
  const phase = submissionOpen
    ? 'submission'
    : votingOpen
      ? 'voting'
      : judgingOpen
        ? 'judging'
        : today < round.submissionStartDay
          ? 'upcoming'
          : today > lastDay || resultsPublished
            ? 'closed'
            : // Between windows (for example after submission, before judging): judging comes next.
              'judging';
  return { phase, submissionOpen, judgingOpen, votingOpen, resultsPublished };
}

/** The departments in which the member runs contests: their trainer and admin scopes together (CONTEST_ORGANISER_ROLES). */
export function organiserScope(member: Pick<MemberDoc, 'roles'>): Scope | null {
  return scopeForAny(member, CONTEST_ORGANISER_ROLES);
}

/**
 * Organisers (trainers and admins) whose scope covers the contest's: a contest is owned by the department
 * subtree it was created in; company-wide contests by unscoped organisers only.
 */
export function administers(contest: Pick<ContestDoc, 'scopeDepartmentId'>, member: Pick<MemberDoc, 'roles'>): boolean {
  const scope = organiserScope(member);
  if (scope === null) return false;
  return contest.scopeDepartmentId === null ? scope === 'all' : inScope(contest.scopeDepartmentId, scope);
}

/** Whether the member may take part in (sign up for, vote in) the contest: its eligibility, active member. */
export function isEligible(contest: Pick<ContestDoc, 'eligibility'>, member: MemberDoc, now: Date): boolean {
  if (!member.active) return false;
  const { everyone, departmentIds, audiences } = contest.eligibility;
  return targetsMember({ departmentIds, audiences, roles: everyone ? ['learner'] : [], scopeDepartmentIds: null }, member, now);
}

/** Whether the member sees the contest: published (or archived, for history), or they administer it. */
export function seesContest(contest: ContestDoc, member: MemberDoc): boolean {
  return contest.status !== 'draft' || administers(contest, member);
}

/** A contest the member may see, else NOT_FOUND (a draft is not revealed). */
export async function loadVisibleContest(db: Database, contestId: string, member: MemberDoc): Promise<ContestDoc> {
  const contest = await loadContest(db, contestId);
  if (!seesContest(contest, member)) throw new AppError('NOT_FOUND', '大赛不存在');
  return contest;
}

/** Whether the entry is the member's own (individual or any team member). */
export function isOwnEntry(entry: Pick<ContestEntryDoc, 'memberIds'>, memberId: string): boolean {
  return entry.memberIds.includes(memberId);
}

/**
 * Whether the member is tied to the entry for the own-entry rules of voting and judging: a member, or a
 * teammate invited and not yet answered (a pending invitee is the team's friend before they confirm).
 */
export function isTiedToEntry(entry: Pick<ContestEntryDoc, 'memberIds' | 'invitedIds'>, memberId: string): boolean {
  return entry.memberIds.includes(memberId) || (entry.invitedIds ?? []).includes(memberId);
}

/** Whether the entry takes part in the round (it entered it, by sign-up or advancement). */
export function isInRound(entry: Pick<ContestEntryDoc, 'roundIds' | 'submitted' | 'currentRoundId'>, roundId: string): boolean {
  if (!entry.roundIds.includes(roundId)) return false;
  // In its current round an entry counts once submitted; earlier rounds it passed through always count.
  return entry.currentRoundId !== roundId || entry.submitted;
}

/** The contest, if the caller administers it. */
export async function requireAdministered(db: Database, caller: MemberCaller, contestId: string): Promise<ContestDoc> {
  const contest = await loadContest(db, contestId);
  if (!administers(contest, caller.member)) throw new AppError('FORBIDDEN', '该大赛不在你的管理范围内');
  return contest;
}

export async function requireAdministeredRound(db: Database, caller: MemberCaller, roundId: string): Promise<{ contest: ContestDoc; round: ContestRoundDoc }> {
  const loaded = await loadRound(db, roundId);
  if (!administers(loaded.contest, caller.member)) throw new AppError('FORBIDDEN', '该大赛不在你的管理范围内');
  return loaded;
}
