/**
 * Demo learner levels (学员等级): the ladder is saved through the admin's own code path (validated, audited,
 * raising every account it reaches), with thresholds at quantiles of what the demo's members have earned in
 * total, so learners stand at several levels whatever the demos before it paid. Saving again with the same
 * ladder raises nobody twice.
 */
import countBy from 'lodash/countBy';
import type { Database } from '../../server/core';
import { COLLECTIONS } from '../../server/core';
import { saveLearnerLevels } from '../../server/points/level-settings';
import { DEFAULT_LEARNER_LEVELS } from '../../server/points/levels';
import type { PointsAccountDoc } from '../../typings/docs/points';
import type { LearnerLevelRule } from '../../typings/functions/points';
import type { buildDemoCompany } from './company';

const QUANTILES = [0.15, 0.4, 0.65, 0.85, 0.97];

/** Rungs at the quantiles of `totals` (each above the one below), named as the default ladder. */
export function demoLadder(totals: readonly number[]): LearnerLevelRule[] {
  const sorted = [...totals].filter((total) => total > 0).sort((a, b) => a - b);
  const levels: LearnerLevelRule[] = [];
  QUANTILES.forEach((quantile, index) => {
    const at = sorted[Math.min(sorted.length - 1, Math.floor(quantile * sorted.length))] ?? (index + 1) * 100;
    const below = levels[levels.length - 1]?.minEarned ?? 0;
    levels.push({ name: (DEFAULT_LEARNER_LEVELS[index] as LearnerLevelRule).name, minEarned: Math.max(below + 1, at) });
  });
  return levels;
}

export async function seedLearnerLevelsDemo(
  db: Database,
  company: ReturnType<typeof buildDemoCompany>,
  now: Date,
): Promise<{ levels: Record<string, number> }> {
  const admin = company.identities.find((identity) => identity.role === 'admin');
  const adminMember = company.members.find((member) => member._id === admin?.memberId);
  if (!adminMember) throw new Error('演示公司缺少管理员身份');
  const { data } = (await db
    .collection(COLLECTIONS.pointsAccounts)
    .where({ earnedTotal: db.command.gt(0) })
    .orderBy('earnedTotal', 'desc')
    .limit(1000)
    .get()) as unknown as { data: PointsAccountDoc[] };
  await saveLearnerLevels(db, demoLadder(data.map((account) => account.earnedTotal)), { id: adminMember._id, name: adminMember.name }, now);
  const after = (await db
    .collection(COLLECTIONS.pointsAccounts)
    .where({ earnedTotal: db.command.gt(0) })
    .limit(1000)
    .get()) as unknown as { data: PointsAccountDoc[] };
  const levels = countBy(
    after.data.filter((account) => account.levelName),
    (account) => account.levelName,
  );
  return { levels };
}
