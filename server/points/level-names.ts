/** Members' learner levels (学员等级, levels.ts) for other areas: the names shown beside names on boards and feeds. */
import { COLLECTIONS, docsOf } from '../core';
import type { Database } from '../core';
import { levelNameOf } from './levels';
import type { PointsAccountDoc } from './model';
import { readRules } from './rules';

/** Members' learner level names, for boards and feeds: two reads (the ladder, the accounts) for up to 100 members. */
export async function learnerLevelsOf(db: Database, memberIds: readonly string[]): Promise<Map<string, string | null>> {
  const ids = [...new Set(memberIds)].slice(0, 100);
  const names = new Map<string, string | null>();
  if (ids.length === 0) return names;
  const _ = db.command;
  const [{ levels }, accounts] = await Promise.all([
    readRules(db),
    docsOf<PointsAccountDoc>(
      db
        .collection(COLLECTIONS.pointsAccounts)
        .where({ _id: _.in(ids) })
        .limit(100),
    ),
  ]);
  const byId = new Map(accounts.map((account) => [account._id, account]));
  for (const id of ids) names.set(id, levelNameOf(byId.get(id) ?? null, levels));
  return names;
}
