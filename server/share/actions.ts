/** Area `share` (分享): share tokens, opens and attribution, posters, my shares and share leaderboards. */
import { shareContracts } from '../../typings/functions/share';
import { defineAction, defineFunction } from '../core';
import { withTimer } from '../core/timer';
import { createdView, createShare } from './create';
import { leaderboard as boardOf } from './boards';
import { myShares } from './mine';
import { openShare } from './open';
import { posterFor } from './poster';
import { tallyOpens } from './tally';

export const create = defineAction({
  ...shareContracts.create,
  roles: ['learner'],
  handler: async ({ db, caller, input, now }) => createdView(await createShare(db, caller.member, input, now())),
});

export const open = defineAction({
  ...shareContracts.open,
  roles: 'anyone',
  handler: ({ db, caller, input, now }) => openShare(db, caller, input.token, now()),
});

export const poster = defineAction({
  ...shareContracts.poster,
  roles: ['learner'],
  handler: ({ db, cloud, caller, input, now }) => posterFor(db, cloud, caller.member, input.targetKind, input.targetId, now()),
});

export const mine = defineAction({
  ...shareContracts.mine,
  roles: ['learner'],
  handler: ({ db, caller, input }) => myShares(db, caller.member._id, input),
});

export const leaderboard = defineAction({
  ...shareContracts.leaderboard,
  roles: ['learner'],
  handler: ({ db, caller, input }) => boardOf(db, caller.member._id, input.boardKind, input.boardId, input),
});

/**
 * The timer counts placed opens into the reach (./tally.ts) every 10 s, within a 6 s budget of the
 * function's 10 s timeout: a longer backlog is finished by the next runs, which may overlap (the tally is
 * idempotent).
 */
const TALLY_BUDGET_MS = 6_000;

export const shareFunction = withTimer(defineFunction({ name: 'share', actions: { create, open, poster, mine, leaderboard } }), (db, _cloud, now) =>
  tallyOpens(db, now, { budgetMs: TALLY_BUDGET_MS }),
);
