/**
 * Area `contest`: micro-course competitions (微课大赛). Setting up (admin.ts), taking part (entries.ts),
 * judges (judging.ts), results (results.ts) and awards (awards.ts); the public voting half lives in voting/.
 */
import type { ContestDoc, ContestParticipantDoc } from '../../typings/domain';
import { contestContracts } from '../../typings/functions/contest';
import { COLLECTIONS, defineAction, defineFunction, findById, tempUrls, urlOf } from '../core';
import { listPublished } from '../core/published';
import { isEligible, loadVisibleContest } from './access';
import { adminDetail, adminList, createContest, judgeCandidates, roundEntries, setJudges, setStatus, updateContest, updateRound } from './admin';
import { awards, giveAward } from './awards';
import { entries, entry, entryCourse, myEntry, signUp, submitEntry } from './entries';
import { answerInvitation, invitations, invite, leaveTeam, withdrawInvitation } from './invitations';
import { participantId } from './ids';
import { assignJudges, judgeAssignments, judgeEntry, judgeProgress, judgeRounds, saveScores } from './judging';
import { previewResults, publishResults, results } from './results';
import { contestSummary, contestView, loadRounds } from './views';
import { votingActions } from './voting';
import { tallyVotes } from './voting/tally';
import { withTimer } from '../core/timer';

export const list = defineAction({
  ...contestContracts.list,
  roles: ['learner'],
  handler: async ({ db, input, now }) => {
    const page = await listPublished(db, COLLECTIONS.contests, input, (doc: ContestDoc) => doc);
    const rounds = await loadRounds(
      db,
      page.items.map((doc) => doc._id),
    );
    return { ...page, items: page.items.map((doc) => contestSummary(doc, rounds.get(doc._id) ?? [], now())) };
  },
});

export const detail = defineAction({
  ...contestContracts.detail,
  roles: ['learner'],
  handler: async ({ db, cloud, caller, input, now }) => {
    const at = now();
    const contest = await loadVisibleContest(db, input.contestId, caller.member);
    const [rounds, participant, urls, invited] = await Promise.all([
      loadRounds(db, [contest._id]),
      findById<ContestParticipantDoc>(db, COLLECTIONS.contestParticipants, participantId(contest._id, caller.member._id)),
      tempUrls(cloud, [contest.poster]),
      db.collection(COLLECTIONS.contestInvitations).where({ inviteeId: caller.member._id, contestId: contest._id, status: 'pending' }).count() as Promise<{
        total: number;
      }>,
    ]);
    return contestView(
      contest,
      rounds.get(contest._id) ?? [],
      {
        eligible: isEligible(contest, caller.member, at),
        myEntryId: participant?.entryId ?? null,
        posterUrl: urlOf(urls, contest.poster),
        pendingInvitations: invited.total,
      },
      caller.member._id,
      at,
    );
  },
});

/**
 * The timer counts placed ballots (voting/tally.ts) every 10 s, within a 40 s budget of the function's 60 s
 * timeout: a longer backlog is finished by the next runs, which may overlap (the tally is idempotent).
 */
const TALLY_BUDGET_MS = 40_000;

export const contestFunction = withTimer(
  defineFunction({
    name: 'contest',
    actions: {
      list,
      detail,
      signUp,
      myEntry,
      submitEntry,
      entry,
      entries,
      entryCourse,
      invite,
      withdrawInvitation,
      invitations,
      answerInvitation,
      leaveTeam,
      judgeRounds,
      judgeAssignments,
      judgeEntry,
      saveScores,
      results,
      awards,
      adminList,
      adminDetail,
      createContest,
      updateContest,
      updateRound,
      setStatus,
      judgeCandidates,
      roundEntries,
      setJudges,
      assignJudges,
      judgeProgress,
      previewResults,
      publishResults,
      giveAward,
      ...votingActions,
    },
  }),
  (db, _cloud, now) => tallyVotes(db, now, { budgetMs: TALLY_BUDGET_MS }),
);
