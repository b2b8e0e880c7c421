/**
 * Learner levels (学员等级): a ladder an admin sets, reached from the points a member has earned in total
 * (`earnedTotal`, never the balance: spending points in the mall must not cost a level).
 *
 * A level once reached is kept, as with author levels (server/authoring/levels.ts): the rung held only
 * ever moves up, and each change records its date and the total that earned it. The writes that add to
 * `earnedTotal` (an award, an adjustment) look at the level in the account write they already make, with
 * the ladder read alongside the earning rules (it lives in the same document), so a level costs them no
 * operation. Saving a new ladder raises, first, everyone its lower thresholds reach (level-settings.ts), so
 * the level shown (`heldLevel`: the rung recorded, or today's rung when higher) never drops.
 * `advanceLevel` is the whole rule; a property test replays random histories and ladder changes through it.
 */
import type { LearnerLevelRule, LearnerLevelView } from '../../typings/functions/points';
import type { LevelChangeDoc, PointsAccountDoc } from '../../typings/docs/points';

/** Chosen defaults: a first completed course or a week of check-ins reaches 学习新星. */
export const DEFAULT_LEARNER_LEVELS: readonly LearnerLevelRule[] = [
  { name: '学习新星', minEarned: 50 },
  { name: '学习能手', minEarned: 300 },
  { name: '学习达人', minEarned: 1000 },
  { name: '学习标兵', minEarned: 3000 },
  { name: '学习大师', minEarned: 8000 },
];

export interface LevelState {
  rank: number;
  name: string;
  reachedAt: Date;
  history: LevelChangeDoc[];
}

/** Names distinct, thresholds strictly rising (a rung that asks no more than the one below is never held alone). */
export function learnerLadderProblem(levels: readonly LearnerLevelRule[]): string | null {
  const names = new Set(levels.map((level) => level.name));
  if (names.size !== levels.length) return '等级名称不能重复';
  for (let index = 1; index < levels.length; index += 1) {
    const below = levels[index - 1] as LearnerLevelRule;
    const level = levels[index] as LearnerLevelRule;
    if (level.minEarned <= below.minEarned) return `「${level.name}」的积分门槛须高于「${below.name}」`;
  }
  return null;
}

/** The rung (1-based, 0 for none) the ladder gives for a total earned: the highest whose threshold is met. */
export function learnerRungFor(levels: readonly LearnerLevelRule[], earnedTotal: number): number {
  for (let index = levels.length - 1; index >= 0; index -= 1) if (earnedTotal >= (levels[index] as LearnerLevelRule).minEarned) return index + 1;
  return 0;
}

export const earnedReason = (earnedTotal: number): string => `累计获得 ${earnedTotal} 积分`;

/** The state after looking at the member on `at`, or null when it stays as it is (never lower). */
export function advanceLevel(
  held: LevelState | null,
  earnedTotal: number,
  levels: readonly LearnerLevelRule[],
  at: Date,
  reason = earnedReason(earnedTotal),
): LevelState | null {
  const rank = learnerRungFor(levels, earnedTotal);
  if (rank <= (held?.rank ?? 0)) return null;
  const name = (levels[rank - 1] as LearnerLevelRule).name;
  return { rank, name, reachedAt: at, history: [...(held?.history ?? []), { rank, name, at, reason }] };
}

/** The level recorded on an account, or null. */
export function recordedLevel(account: Pick<PointsAccountDoc, 'levelRank' | 'levelName' | 'levelReachedAt' | 'levelHistory'> | null): LevelState | null {
  if (!account?.levelRank || !account.levelName || !account.levelReachedAt) return null;
  return { rank: account.levelRank, name: account.levelName, reachedAt: account.levelReachedAt, history: account.levelHistory ?? [] };
}

/** The account fields of a level state (what a write sets). */
export function levelFields(state: LevelState): Pick<PointsAccountDoc, 'levelRank' | 'levelName' | 'levelReachedAt' | 'levelHistory'> {
  return { levelRank: state.rank, levelName: state.name, levelReachedAt: state.reachedAt, levelHistory: state.history };
}

/**
 * The level a member holds as shown: the rung recorded, or the rung today's ladder gives their total when
 * higher (a write not yet made records it; saving another ladder records it first).
 */
export function heldLevel(
  account: Pick<PointsAccountDoc, 'earnedTotal' | 'levelRank' | 'levelName' | 'levelReachedAt' | 'levelHistory' | 'updatedAt'> | null,
  levels: readonly LearnerLevelRule[],
): LevelState | null {
  const recorded = recordedLevel(account);
  return advanceLevel(recorded, account?.earnedTotal ?? 0, levels, account?.updatedAt ?? new Date(0)) ?? recorded;
}

/** The name shown beside a member's name (leaderboards, feeds), or null below the first rung. */
export function levelNameOf(account: Parameters<typeof heldLevel>[0], levels: readonly LearnerLevelRule[]): string | null {
  return heldLevel(account, levels)?.name ?? null;
}

export function learnerLevelView(account: Parameters<typeof heldLevel>[0], levels: readonly LearnerLevelRule[]): LearnerLevelView {
  const held = heldLevel(account, levels);
  const earnedTotal = account?.earnedTotal ?? 0;
  // The next rung: the first of today's ladder above both the rung held and the total.
  const next = levels.find((level, index) => index + 1 > (held?.rank ?? 0) && level.minEarned > earnedTotal) ?? null;
  return {
    rank: held?.rank ?? 0,
    name: held?.name ?? null,
    reachedAt: held ? held.reachedAt.toISOString() : null,
    earnedTotal,
    next: next ? { name: next.name, minEarned: next.minEarned } : null,
    history: (held?.history ?? []).map((change) => ({ rank: change.rank, name: change.name, at: new Date(change.at).toISOString(), reason: change.reason })),
  };
}
