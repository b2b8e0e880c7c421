/**
 * The results arithmetic of a round (pure).
 * - A judge's score of an entry: each dimension's score placed on its range ((score − min) / (max − min)),
 *   weighted by the dimension weights, × 100: 0–100 whatever the ranges.
 * - The judges' score: the same on the judges' average per dimension (equal to the average of the judges'
 *   weighted scores, the formula being linear), over the judges who scored.
 * - The public vote score: votes / the most votes of any entry in the round × 100 (0 when nobody got votes).
 * - Bonuses: the round's series bonus for an entry of at least SERIES_MIN_COURSES courses, plus its pain-point
 *   bonus for a topic on the pain-point list; added after weighting.
 * - Final: (judges weight × judges' score + votes weight × vote score) / 100 + bonuses. Every figure is
 *   rounded to 2 decimals, and ranks use the rounded figures: final, then judges' score, then votes, then
 *   entry id (so ties are settled the same way on every run).
 * - Advancement: the top N by rank; or quotas (名额) per branch: the total shared out in proportion to the
 *   headcount of the branches that have entries in the round, by the largest remainder method (each branch
 *   gets the whole part of its share, the slots left go one each to the largest fractional parts, ties to the
 *   larger headcount then the branch id). A branch with fewer entries than slots advances all of them; the
 *   slots it cannot fill go to the best-ranked entries not yet advancing, whatever their branch.
 */
import type { ContestAdvancement, ContestBonuses, ContestBranchQuota, ContestEntryResult, RubricDimension } from '../../typings/domain';
import { SERIES_MIN_COURSES } from '../../typings/functions/contest';
import { ownValue } from '../core/own';

/**
 * Half up to 2 decimals, after dropping binary floating-point noise (12 significant digits), so that the
 * same exact figure rounds the same whichever order its arithmetic ran in (50.175 never becomes 50.17).
 */
export const round2 = (value: number): number => Math.round(Number((value * 100).toPrecision(12))) / 100;

export function weightedScore(rubric: readonly RubricDimension[], scores: Readonly<Record<string, number>>): number {
  const totalWeight = rubric.reduce((sum, dimension) => sum + dimension.weight, 0);
  const weighted = rubric.reduce(
    (sum, dimension) => sum + (dimension.weight * ((ownValue(scores, dimension.id) ?? dimension.min) - dimension.min)) / (dimension.max - dimension.min),
    0,
  );
  return round2((weighted / totalWeight) * 100);
}

/** A problem with a judge's scores (each rubric dimension, an integer within its range, nothing else), or null. */
export function scoresProblem(rubric: readonly RubricDimension[], scores: Readonly<Record<string, number>>): string | null {
  const unknown = Object.keys(scores).find((id) => !rubric.some((dimension) => dimension.id === id));
  if (unknown) return `评分维度 ${unknown} 不存在`;
  for (const dimension of rubric) {
    const score = ownValue(scores, dimension.id);
    if (score === undefined) return `请为「${dimension.name}」打分`;
    if (!Number.isInteger(score) || score < dimension.min || score > dimension.max)
      return `「${dimension.name}」的分数须在 ${dimension.min}–${dimension.max} 之间`;
  }
  return null;
}

export interface EntryFacts {
  entryId: string;
  branchId: string;
  votes: number;
  courseCount: number;
  painPointTopic: boolean;
  /** Every judge's saved scores for the entry. */
  judgeScores: Readonly<Record<string, number>>[];
}

export interface RoundRules {
  rubric: readonly RubricDimension[];
  weights: { judges: number; votes: number };
  bonuses: ContestBonuses;
  advancement: ContestAdvancement;
}

export type ComputedRow = ContestEntryResult & { entryId: string; branchId: string };

export interface ComputedResults {
  /** By rank. */
  rows: ComputedRow[];
  maxVotes: number;
  quotas: ContestBranchQuota[];
}

/** Shares `total` slots by weight with the largest remainder method (see the module comment). */
export function largestRemainder(total: number, weights: readonly { id: string; weight: number }[]): Map<string, number> {
  const sum = weights.reduce((acc, { weight }) => acc + weight, 0);
  const shares = weights.map(({ id, weight }) => {
    const exact = sum === 0 ? 0 : (total * weight) / sum;
    return { id, weight, whole: Math.floor(exact), fraction: exact - Math.floor(exact) };
  });
  let left = total - shares.reduce((acc, share) => acc + share.whole, 0);
  const byRemainder = [...shares].sort((a, b) => b.fraction - a.fraction || b.weight - a.weight || (a.id < b.id ? -1 : 1));
  const slots = new Map(shares.map((share) => [share.id, share.whole]));
  for (const share of byRemainder) {
    if (left <= 0 || sum === 0) break;
    slots.set(share.id, (slots.get(share.id) ?? 0) + 1);
    left -= 1;
  }
  return slots;
}

function average(values: readonly number[]): number {
  return values.length === 0 ? 0 : values.reduce((sum, value) => sum + value, 0) / values.length;
}

export function computeResults(rules: RoundRules, entries: readonly EntryFacts[], headcounts: ReadonlyMap<string, number>): ComputedResults {
  const maxVotes = entries.reduce((max, entry) => Math.max(max, entry.votes), 0);
  const rows = entries.map((entry) => {
    const dimensionAverages = Object.fromEntries(
      rules.rubric.map((dimension) => [dimension.id, round2(average(entry.judgeScores.map((scores) => ownValue(scores, dimension.id) ?? dimension.min)))]),
    );
    const judgeScore =
      entry.judgeScores.length === 0
        ? 0
        : weightedScore(
            rules.rubric,
            Object.fromEntries(
              rules.rubric.map((dimension) => [dimension.id, average(entry.judgeScores.map((scores) => ownValue(scores, dimension.id) ?? dimension.min))]),
            ),
          );
    const voteScore = maxVotes === 0 ? 0 : round2((entry.votes / maxVotes) * 100);
    const bonus = round2((entry.courseCount >= SERIES_MIN_COURSES ? rules.bonuses.series : 0) + (entry.painPointTopic ? rules.bonuses.painPointTopic : 0));
    const finalScore = round2((rules.weights.judges * judgeScore + rules.weights.votes * voteScore) / 100 + bonus);
    return {
      entryId: entry.entryId,
      branchId: entry.branchId,
      dimensionAverages,
      judgeScore,
      judgeCount: entry.judgeScores.length,
      votes: entry.votes,
      voteScore,
      bonus,
      finalScore,
      rank: 0,
      advances: false,
    };
  });
  rows.sort((a, b) => b.finalScore - a.finalScore || b.judgeScore - a.judgeScore || b.votes - a.votes || (a.entryId < b.entryId ? -1 : 1));
  rows.forEach((row, index) => {
    row.rank = index + 1;
  });
  const quotas = advance(rules.advancement, rows, headcounts);
  return { rows, maxVotes, quotas };
}

function advance(advancement: ContestAdvancement, rows: ComputedRow[], headcounts: ReadonlyMap<string, number>): ContestBranchQuota[] {
  if (advancement.kind === 'none') return [];
  if (advancement.kind === 'top') {
    for (const row of rows.slice(0, advancement.count)) row.advances = true;
    return [];
  }
  const branches = [...new Set(rows.map((row) => row.branchId))].sort();
  const slots = largestRemainder(
    Math.min(advancement.total, rows.length),
    branches.map((id) => ({ id, weight: headcounts.get(id) ?? 0 })),
  );
  const taken = new Map<string, number>();
  for (const row of rows) {
    const used = taken.get(row.branchId) ?? 0;
    if (used < (slots.get(row.branchId) ?? 0)) {
      row.advances = true;
      taken.set(row.branchId, used + 1);
    }
  }
  let unfilled = Math.min(advancement.total, rows.length) - rows.filter((row) => row.advances).length;
  for (const row of rows) {
    if (unfilled <= 0) break;
    if (row.advances) continue;
    row.advances = true;
    taken.set(row.branchId, (taken.get(row.branchId) ?? 0) + 1);
    unfilled -= 1;
  }
  return branches.map((branchId) => ({
    branchId,
    headcount: headcounts.get(branchId) ?? 0,
    slots: slots.get(branchId) ?? 0,
    advancing: taken.get(branchId) ?? 0,
  }));
}
