/**
 * Function `contest`, the public voting half (大众投票): ballots with quotas, counts, the vote leaderboard
 * and the abuse report. Spread into `contestContracts`.
 */
export const contestVotingContracts = {};
