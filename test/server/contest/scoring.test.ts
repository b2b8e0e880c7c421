/**
 * The results arithmetic against an independent computation: judges' averages per dimension and weighted on
 * the rubric's ranges, vote score normalised to the most-voted entry, bonuses, the 90/10 final, ranks, top-N
 * and headcount quotas by the largest remainder method.
 */
import fc from 'fast-check';
import type { RubricDimension } from '../../../typings/domain';
import { computeResults, largestRemainder, scoresProblem, weightedScore } from '../../../server/contest/scoring';

const RUBRIC: RubricDimension[] = [
  { id: 'fit', name: '贴合主题', weight: 20, min: 0, max: 20 },
  { id: 'content', name: '目标与内容', weight: 30, min: 0, max: 30 },
  { id: 'method', name: '学习方法', weight: 20, min: 1, max: 10 },
  { id: 'show', name: '呈现效果', weight: 30, min: 0, max: 100 },
];

// Half up to 2 decimals once float noise is dropped (the same figure whatever the order of arithmetic).
const r2 = (value: number) => Math.round(Number((value * 100).toPrecision(12))) / 100;

it("weights a judge's scores on each dimension's range", () => {
  // fit 20/20 = 1, content 15/30 = 0.5, method (10-1)/9 = 1, show 0 → (20 + 15 + 20 + 0) / 100.
  expect(weightedScore(RUBRIC, { fit: 20, content: 15, method: 10, show: 0 })).toBe(55);
  expect(weightedScore(RUBRIC, { fit: 0, content: 0, method: 1, show: 0 })).toBe(0);
  expect(weightedScore(RUBRIC, { fit: 20, content: 30, method: 10, show: 100 })).toBe(100);
});

it('refuses scores outside the rubric', () => {
  expect(scoresProblem(RUBRIC, { fit: 20, content: 15, method: 10, show: 0 })).toBeNull();
  expect(scoresProblem(RUBRIC, { fit: 21, content: 15, method: 10, show: 0 })).toContain('0–20');
  expect(scoresProblem(RUBRIC, { fit: 20, content: 15, method: 0, show: 0 })).toContain('1–10');
  expect(scoresProblem(RUBRIC, { fit: 20, content: 15, method: 10 })).toContain('呈现效果');
  expect(scoresProblem(RUBRIC, { fit: 20, content: 15, method: 10, show: 0, extra: 1 })).toContain('extra');
  expect(scoresProblem(RUBRIC, { fit: 2.5, content: 15, method: 10, show: 0 })).toContain('0–20');
});

it('shares quotas by headcount with the largest remainder method', () => {
  // 36 slots for headcounts 5,000 / 3,000 / 1,200 / 800 → exact 18, 10.8, 4.32, 2.88: wholes 18+10+4+2 = 34,
  // the two left go to the largest fractions .88 and .8.
  const slots = largestRemainder(36, [
    { id: 'a', weight: 5000 },
    { id: 'b', weight: 3000 },
    { id: 'c', weight: 1200 },
    { id: 'd', weight: 800 },
  ]);
  expect(Object.fromEntries(slots)).toEqual({ a: 18, b: 11, c: 4, d: 3 });
  fc.assert(
    fc.property(fc.integer({ min: 0, max: 500 }), fc.array(fc.integer({ min: 1, max: 100_000 }), { minLength: 1, maxLength: 30 }), (total, weights) => {
      const shares = largestRemainder(
        total,
        weights.map((weight, index) => ({ id: `b${index}`, weight })),
      );
      const sum = weights.reduce((acc, weight) => acc + weight, 0);
      expect([...shares.values()].reduce((acc, slots) => acc + slots, 0)).toBe(total);
      weights.forEach((weight, index) => {
        const exact = (total * weight) / sum;
        const got = shares.get(`b${index}`) as number;
        expect(got).toBeGreaterThanOrEqual(Math.floor(exact));
        expect(got).toBeLessThanOrEqual(Math.ceil(exact));
      });
    }),
  );
});

/** The expected results, computed here without the module's helpers. */
function independent(
  entries: { entryId: string; branchId: string; votes: number; courseCount: number; painPointTopic: boolean; judgeScores: Record<string, number>[] }[],
  weights: { judges: number; votes: number },
  bonuses: { series: number; painPointTopic: number },
) {
  let maxVotes = 0;
  for (const entry of entries) if (entry.votes > maxVotes) maxVotes = entry.votes;
  const totalWeight = RUBRIC.map((d) => d.weight).reduce((a, b) => a + b);
  const rows = entries.map((entry) => {
    let judge = 0;
    if (entry.judgeScores.length > 0) {
      let acc = 0;
      for (const d of RUBRIC) {
        let sum = 0;
        for (const s of entry.judgeScores) sum += s[d.id] as number;
        acc += (d.weight * (sum / entry.judgeScores.length - d.min)) / (d.max - d.min);
      }
      judge = r2((acc * 100) / totalWeight);
    }
    const vote = maxVotes > 0 ? r2((100 * entry.votes) / maxVotes) : 0;
    const bonus = r2((entry.courseCount >= 3 ? bonuses.series : 0) + (entry.painPointTopic ? bonuses.painPointTopic : 0));
    return { entryId: entry.entryId, judge, vote, bonus, final: r2((weights.judges * judge + weights.votes * vote) / 100 + bonus), votes: entry.votes };
  });
  rows.sort((x, y) =>
    x.final !== y.final
      ? y.final - x.final
      : x.judge !== y.judge
        ? y.judge - x.judge
        : x.votes !== y.votes
          ? y.votes - x.votes
          : x.entryId.localeCompare(y.entryId),
  );
  return rows;
}

const judgeScore = fc.record({
  fit: fc.integer({ min: 0, max: 20 }),
  content: fc.integer({ min: 0, max: 30 }),
  method: fc.integer({ min: 1, max: 10 }),
  show: fc.integer({ min: 0, max: 100 }),
});

it('matches an independent computation of judges, votes, bonuses, final and rank (90/10)', () => {
  fc.assert(
    fc.property(
      fc.array(
        fc.record({
          votes: fc.nat(5000),
          courseCount: fc.integer({ min: 1, max: 5 }),
          painPointTopic: fc.boolean(),
          judgeScores: fc.array(judgeScore, { minLength: 0, maxLength: 5 }),
          branch: fc.constantFrom('dept:X', 'dept:Y', 'dept:Z'),
        }),
        { minLength: 1, maxLength: 40 },
      ),
      fc.integer({ min: 1, max: 40 }),
      (raw, top) => {
        const entries = raw.map((entry, index) => ({ entryId: `e${String(index).padStart(3, '0')}`, branchId: entry.branch, ...entry }));
        const bonuses = { series: 3, painPointTopic: 2 };
        const weights = { judges: 90, votes: 10 };
        const { rows, maxVotes } = computeResults({ rubric: RUBRIC, weights, bonuses, advancement: { kind: 'top', count: top } }, entries, new Map());
        const expected = independent(entries, weights, bonuses);
        expect(maxVotes).toBe(Math.max(...entries.map((entry) => entry.votes)));
        expect(rows.map((row) => [row.entryId, row.judgeScore, row.voteScore, row.bonus, row.finalScore])).toEqual(
          expected.map((row) => [row.entryId, row.judge, row.vote, row.bonus, row.final]),
        );
        expect(rows.map((row) => row.rank)).toEqual(rows.map((_, index) => index + 1));
        expect(rows.filter((row) => row.advances).map((row) => row.entryId)).toEqual(expected.slice(0, top).map((row) => row.entryId));
      },
    ),
    { numRuns: 100 },
  );
});

it('advances by headcount quota inside each branch and gives unfillable slots to the best remaining entries', () => {
  const entry = (entryId: string, branchId: string, score: number) => ({
    entryId,
    branchId,
    votes: 0,
    courseCount: 1,
    painPointTopic: false,
    judgeScores: [{ fit: score, content: 0, method: 1, show: 0 }],
  });
  const entries = [
    entry('a1', 'dept:A', 20),
    entry('a2', 'dept:A', 19),
    entry('a3', 'dept:A', 18),
    entry('a4', 'dept:A', 17),
    entry('b1', 'dept:B', 5),
    entry('b2', 'dept:B', 4),
    // C is the largest branch but has one entry: the slots it cannot fill go to the best entries not advancing.
    entry('c1', 'dept:C', 1),
  ];
  const headcounts = new Map([
    ['dept:A', 100],
    ['dept:B', 100],
    ['dept:C', 400],
  ]);
  const { rows, quotas } = computeResults(
    { rubric: RUBRIC, weights: { judges: 100, votes: 0 }, bonuses: { series: 0, painPointTopic: 0 }, advancement: { kind: 'quota', total: 6 } },
    entries,
    headcounts,
  );
  // 6 slots by 100/100/400: exact 1, 1, 4 → A 1, B 1, C 4 (C can fill 1, three go to the best others: a2, a3, a4).
  expect(quotas).toEqual([
    { branchId: 'dept:A', headcount: 100, slots: 1, advancing: 4 },
    { branchId: 'dept:B', headcount: 100, slots: 1, advancing: 1 },
    { branchId: 'dept:C', headcount: 400, slots: 4, advancing: 1 },
  ]);
  expect(
    rows
      .filter((row) => row.advances)
      .map((row) => row.entryId)
      .sort(),
  ).toEqual(['a1', 'a2', 'a3', 'a4', 'b1', 'c1']);
});
