/** The public voting actions of `contest` (ballots, quotas, counts, abuse report, voiding). */
export const votingActions = {};
