/** Earning rules (积分规则): admins set them; until then the defaults below apply. */
import type { EarningEventType, EarningRules, LearnerLevelRule } from '../../typings/functions/points';
import { COLLECTIONS, findById } from '../core';
import type { Database } from '../core';
import { DEFAULT_LEARNER_LEVELS } from './levels';
import type { DayTotals, PointsRulesDoc } from '../../typings/docs/points';

export const RULES_ID = 'current';

/**
 * Chosen defaults: modest amounts, a generous daily total cap, no expiry until an admin turns it on. A course
 * passing review pays 10× a completion (the multiple one surveyed company pays its micro-course authors).
 */
export const DEFAULT_RULES: EarningRules = {
  points: {
    course_completed: 10,
    quiz_passed: 5,
    checkin: 2,
    streak_bonus: 5,
    competition_award: 50,
    course_published: 100,
    course_learner: 2,
    course_rated: 30,
    course_award: 100,
    session_attended: 20,
  },
  dailyCaps: {
    course_completed: null,
    quiz_passed: null,
    checkin: null,
    streak_bonus: null,
    competition_award: null,
    course_published: null,
    course_learner: 50,
    course_rated: null,
    course_award: null,
    session_attended: null,
  },
  dailyTotalCap: 200,
  expiryEnabled: false,
};

export interface StoredRules {
  rules: EarningRules;
  updatedAt: Date | null;
  /** The learner ladder (levels.ts), stored with the rules so an award reads both at once. */
  levels: readonly LearnerLevelRule[];
  levelsUpdatedAt: Date | null;
}

export async function readRules(db: Database): Promise<StoredRules> {
  const doc = await findById<PointsRulesDoc>(db, COLLECTIONS.pointsRules, RULES_ID);
  return rulesOf(doc);
}

export function rulesOf(doc: PointsRulesDoc | null): StoredRules {
  if (!doc) return { rules: DEFAULT_RULES, updatedAt: null, levels: DEFAULT_LEARNER_LEVELS, levelsUpdatedAt: null };
  const { points, dailyCaps, dailyTotalCap, expiryEnabled } = doc;
  // Rules saved before a kind existed pay that kind its default.
  return {
    rules: { points: { ...DEFAULT_RULES.points, ...points }, dailyCaps: { ...DEFAULT_RULES.dailyCaps, ...dailyCaps }, dailyTotalCap, expiryEnabled },
    updatedAt: doc.updatedAt,
    levels: doc.learnerLevels ?? DEFAULT_LEARNER_LEVELS,
    levelsUpdatedAt: doc.learnerLevelsUpdatedAt ?? null,
  };
}

/**
 * What an event pays given what the member already earned that Beijing day: the rule's points, cut down to
 * what is left under the type's cap and the total cap (a partial award when a cap is nearly reached, 0 when
 * reached).
 */
export function cappedAmount(rules: EarningRules, type: EarningEventType, daily: DayTotals, base = rules.points[type]): number {
  const limits = [base];
  const typeCap = rules.dailyCaps[type];
  if (typeCap !== null) limits.push(typeCap - (daily.byType[type] ?? 0));
  if (rules.dailyTotalCap !== null) limits.push(rules.dailyTotalCap - daily.total);
  return Math.max(0, Math.min(...limits));
}
