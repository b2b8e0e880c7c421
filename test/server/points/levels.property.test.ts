/**
 * Learner levels over random histories (server/points/levels.ts, level-settings.ts): points earned in
 * random amounts and spent (the balance falls, the total earned never does), ladders an admin rewrites at
 * random (each save first records the old ladder's rung, then the new one's, as saveLearnerLevels does), and
 * looks at the member in between. The level shown never drops; every change records the rung and name the
 * ladder of that day gave; and the level shown is the highest rung any day's ladder gave the member.
 */
import fc from 'fast-check';
import {
  advanceLevel,
  DEFAULT_LEARNER_LEVELS,
  heldLevel,
  learnerLadderProblem,
  learnerLevelView,
  learnerRungFor,
  levelFields,
} from '../../../server/points/levels';
import type { LevelState } from '../../../server/points/levels';
import type { PointsAccountDoc } from '../../../typings/docs/points';
import type { LearnerLevelRule } from '../../../typings/functions/points';

/** A valid ladder: names distinct, thresholds strictly rising from at least 1 (as saving requires). */
const ladder: fc.Arbitrary<LearnerLevelRule[]> = fc.array(fc.integer({ min: 1, max: 400 }), { minLength: 1, maxLength: 6 }).map((steps) => {
  let threshold = 0;
  return steps.map((step, index) => {
    threshold += step;
    return { name: `L${index + 1}-${steps.length}-${threshold}`, minEarned: threshold };
  });
});

type Step = { kind: 'earn'; amount: number } | { kind: 'spend'; amount: number } | { kind: 'rules'; levels: LearnerLevelRule[] } | { kind: 'look' };
const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ kind: fc.constant('earn' as const), amount: fc.integer({ min: 1, max: 300 }) }),
  fc.record({ kind: fc.constant('spend' as const), amount: fc.integer({ min: 1, max: 300 }) }),
  fc.record({ kind: fc.constant('rules' as const), levels: ladder }),
  fc.constant({ kind: 'look' as const }),
);

type Account = Pick<PointsAccountDoc, 'earnedTotal' | 'levelRank' | 'levelName' | 'levelReachedAt' | 'levelHistory' | 'updatedAt'> & { balance: number };

it('generates only ladders that saving accepts, and the default ladder is one', () => {
  fc.assert(fc.property(ladder, (levels) => expect(learnerLadderProblem(levels)).toBeNull()));
  expect(learnerLadderProblem(DEFAULT_LEARNER_LEVELS)).toBeNull();
  expect(
    learnerLadderProblem([
      { name: 'A', minEarned: 10 },
      { name: 'B', minEarned: 10 },
    ]),
  ).toBe('「B」的积分门槛须高于「A」');
  expect(
    learnerLadderProblem([
      { name: 'A', minEarned: 10 },
      { name: 'A', minEarned: 20 },
    ]),
  ).toBe('等级名称不能重复');
});

it('never drops the level shown, and records the rung the ladder of the day gave when it was reached', () => {
  fc.assert(
    fc.property(fc.array(step, { maxLength: 80 }), (steps) => {
      let levels: readonly LearnerLevelRule[] = DEFAULT_LEARNER_LEVELS;
      let day = new Date('2026-01-01T02:00:00Z');
      const account: Account = { earnedTotal: 0, balance: 0, updatedAt: day };
      let highest = 0;
      let shown = 0;
      /** Every rung recorded, with the ladder in force when it was (to check its name). */
      const ladders: { at: Date; levels: readonly LearnerLevelRule[] }[] = [];
      const record = (next: LevelState | null) => {
        if (!next) return;
        Object.assign(account, levelFields(next));
        ladders.push({ at: day, levels });
      };
      const held = (): LevelState | null => heldLevel(account as PointsAccountDoc, levels);
      for (const next of steps) {
        day = new Date(day.getTime() + 86_400_000);
        if (next.kind === 'earn') {
          // An award or a credit: the write that adds to the total looks at the level (ledger.ts applyPosting).
          account.earnedTotal += next.amount;
          account.balance += next.amount;
          account.updatedAt = day;
          record(advanceLevel(recordedOf(account), account.earnedTotal, levels, day));
          highest = Math.max(highest, learnerRungFor(levels, account.earnedTotal));
        } else if (next.kind === 'spend') {
          // Spending moves the balance only.
          account.balance = Math.max(0, account.balance - next.amount);
        } else if (next.kind === 'rules') {
          // saveLearnerLevels: the old ladder's rung is recorded, then the new ladder applies and raises.
          record(advanceLevel(recordedOf(account), account.earnedTotal, levels, day));
          levels = next.levels;
          record(advanceLevel(recordedOf(account), account.earnedTotal, levels, day));
          highest = Math.max(highest, learnerRungFor(levels, account.earnedTotal));
        }
        const now = held();
        expect(now?.rank ?? 0).toBeGreaterThanOrEqual(shown);
        shown = now?.rank ?? 0;
        expect(shown).toBe(Math.max(highest, learnerRungFor(levels, account.earnedTotal)));
        const view = learnerLevelView(account as PointsAccountDoc, levels);
        expect(view.rank).toBe(shown);
        if (view.next) expect(view.next.minEarned).toBeGreaterThan(account.earnedTotal);
      }
      // The history only climbs, each change named by the ladder in force that day, and never rewritten.
      const history = account.levelHistory ?? [];
      expect(history.map((change) => change.rank)).toEqual([...history.map((change) => change.rank)].sort((a, b) => a - b));
      expect(new Set(history.map((change) => change.rank)).size).toBe(history.length);
      history.forEach((change, index) => expect(change.name).toBe(ladders[index]!.levels[change.rank - 1]!.name));
    }),
    { numRuns: 300 },
  );
});

function recordedOf(account: Account): LevelState | null {
  return account.levelRank && account.levelName && account.levelReachedAt
    ? { rank: account.levelRank, name: account.levelName, reachedAt: account.levelReachedAt, history: account.levelHistory ?? [] }
    : null;
}
