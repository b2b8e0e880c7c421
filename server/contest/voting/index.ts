/** The public voting actions of `contest` (ballots, quotas, counts, abuse report, voiding). */
import { contestVotingContracts } from '../../../typings/functions/contest-voting';
import { CONTEST_ORGANISER_ROLES } from '../../../typings/functions/contest';
import { defineAction } from '../../core';
import type { WxCloud } from '../../core';
import { abuseReport } from './abuse';
import { listBallots, loadAdministeredRound, voidVotes as voidBallots } from './admin';
import { castVote, type VoterNetwork } from './cast';
import { votesLeft as votesLeftOf, voteLeaderboard as leaderboardOf } from './standing';

function text(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}

/** The caller's network as WeChat gives it; read first thing, while the invocation's context is current. */
function networkOf(cloud: WxCloud): VoterNetwork {
  const context = cloud.getWXContext() as { CLIENTIP?: unknown; CLIENTIPV6?: unknown };
  return { clientIp: text(context.CLIENTIP), clientIpv6: text(context.CLIENTIPV6) };
}

export const vote = defineAction({
  ...contestVotingContracts.vote,
  roles: ['learner'],
  handler: ({ input, caller, db, cloud, now }) => castVote(db, caller.member, input, networkOf(cloud), now()),
});

export const votesLeft = defineAction({
  ...contestVotingContracts.votesLeft,
  roles: ['learner'],
  handler: ({ input, caller, db, now }) => votesLeftOf(db, caller.member, input.roundId, input.entryIds, now()),
});

export const voteLeaderboard = defineAction({
  ...contestVotingContracts.voteLeaderboard,
  roles: ['learner'],
  handler: ({ input, caller, db }) => leaderboardOf(db, caller.member, input.roundId, input),
});

export const voteAbuseReport = defineAction({
  ...contestVotingContracts.voteAbuseReport,
  roles: CONTEST_ORGANISER_ROLES,
  async handler({ input, caller, db, now }) {
    const { round } = await loadAdministeredRound(db, caller.member, input.roundId);
    return abuseReport(db, caller.member, round, input, now());
  },
});

export const voteBallots = defineAction({
  ...contestVotingContracts.voteBallots,
  roles: CONTEST_ORGANISER_ROLES,
  handler: ({ input, caller, db }) => listBallots(db, caller.member, input.roundId, input, input),
});

export const voidVotes = defineAction({
  ...contestVotingContracts.voidVotes,
  roles: CONTEST_ORGANISER_ROLES,
  handler: ({ input, caller, db, now }) => voidBallots(db, caller.member, input, now()),
});

export const votingActions = { vote, votesLeft, voteLeaderboard, voteAbuseReport, voteBallots, voidVotes };
