/**
 * Author levels over random histories (server/authoring/levels.ts): figures that rise and fall (courses
 * archived, ratings dropping), ladders an admin rewrites at random, and looks at the author on random days.
 * A member's level never drops; every change records the rung and name the rules of that day gave; and the
 * level held is the highest rung any day's rules gave on a day the member was looked at.
 */
import fc from 'fast-check';
import { advance, assertLadder, DEFAULT_AUTHOR_SETTINGS, rungFor } from '../../../server/authoring/levels';
import type { AuthorLevelState } from '../../../server/authoring/levels';
import type { AuthorFigures, AuthorLevelRule } from '../../../typings/functions/authors';

const figures: fc.Arbitrary<AuthorFigures> = fc
  .record({
    courses: fc.nat(20),
    categories: fc.nat(5),
    quizCourses: fc.nat(20),
    learners: fc.nat(2000),
    ratingCount: fc.nat(200),
    averageRating: fc.option(
      fc.integer({ min: 10, max: 50 }).map((tenths) => tenths / 10),
      { nil: null },
    ),
  })
  .map((f) => ({ ...f, categories: Math.min(f.categories, f.courses), quizCourses: Math.min(f.quizCourses, f.courses) }));

/** A valid ladder: each rung's thresholds at least the one below (as saving requires). */
const ladder: fc.Arbitrary<AuthorLevelRule[]> = fc
  .array(fc.record({ courses: fc.nat(5), categories: fc.nat(1), quizCourses: fc.nat(3), learners: fc.nat(400), rating: fc.integer({ min: 0, max: 10 }) }), {
    minLength: 1,
    maxLength: 5,
  })
  .map((steps) => {
    let rung = { minCourses: 0, minCategories: 0, minQuizCourses: 0, minLearners: 0, minAverageRating: 0 };
    return steps.map((step, index) => {
      rung = {
        minCourses: rung.minCourses + step.courses,
        minCategories: Math.min(5, rung.minCategories + step.categories),
        minQuizCourses: rung.minQuizCourses + step.quizCourses,
        minLearners: rung.minLearners + step.learners,
        minAverageRating: Math.min(5, Math.round((rung.minAverageRating + step.rating / 10) * 10) / 10),
      };
      return { name: `第${index + 1}级-${steps.length}`, ...rung };
    });
  });

type Step = { kind: 'figures'; figures: AuthorFigures } | { kind: 'rules'; levels: AuthorLevelRule[] } | { kind: 'look'; days: number };
const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ kind: fc.constant('figures' as const), figures }),
  fc.record({ kind: fc.constant('rules' as const), levels: ladder }),
  fc.record({ kind: fc.constant('look' as const), days: fc.integer({ min: 0, max: 30 }) }),
);

it('generates only ladders that saving accepts', () => {
  fc.assert(fc.property(ladder, (levels) => void assertLadder(levels)));
  assertLadder(DEFAULT_AUTHOR_SETTINGS.levels);
});

it('never drops a level, and holds the rung the rules of the day gave when it was reached', () => {
  fc.assert(
    fc.property(figures, fc.array(step, { maxLength: 60 }), (start, steps) => {
      let current = start;
      let levels = DEFAULT_AUTHOR_SETTINGS.levels;
      let day = new Date('2026-01-01T02:00:00Z');
      let held: AuthorLevelState | null = null;
      let highest = 0;
      for (const next of steps) {
        if (next.kind === 'figures') current = next.figures;
        else if (next.kind === 'rules') levels = next.levels;
        else {
          day = new Date(day.getTime() + next.days * 86_400_000);
          const before = held?.rank ?? 0;
          const changed = advance(held, current, levels, day);
          const ofTheDay = rungFor(levels, current);
          highest = Math.max(highest, ofTheDay);
          if (changed) {
            // A change goes up, to exactly the rung and name today's rules give, dated today, recorded once more.
            expect(changed.rank).toBeGreaterThan(before);
            expect(changed.rank).toBe(ofTheDay);
            expect(changed.name).toBe(levels[ofTheDay - 1]!.name);
            expect(changed.reachedAt).toEqual(day);
            expect(changed.history).toHaveLength((held?.history.length ?? 0) + 1);
            expect(changed.history[changed.history.length - 1]).toMatchObject({ rank: ofTheDay, name: changed.name, at: day });
            held = changed;
          } else {
            expect(ofTheDay).toBeLessThanOrEqual(before);
          }
          expect(held?.rank ?? 0).toBe(highest);
        }
      }
      // The history only climbs, and it is never rewritten by later rules.
      const ranks = (held?.history ?? []).map((change) => change.rank);
      expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
      expect(new Set(ranks).size).toBe(ranks.length);
    }),
    { numRuns: 300 },
  );
});
