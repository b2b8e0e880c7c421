/** Members' learner levels (学员等级, levels.ts) for other areas: the names shown beside names on boards and feeds. */
import { COLLECTIONS, docsOf } from '../core';
import type { Database } from '../core';
import { levelNameOf } from './levels';
import type { PointsAccountDoc } from '../../typings/docs/points';
import { readRules } from './rules';

/** Ids per accounts read (`_.in` over `_id`, one page of a query). */
const IDS_PER_READ = 100;

/** Members' learner level names, for boards and feeds: two reads (the ladder, the accounts) for up to 100 members. */
export async function learnerLevelsOf(db: Database, memberIds: readonly string[]): Promise<Map<string, string | null>> {
  return learnerLevelsOfAll(db, [...new Set(memberIds)].slice(0, IDS_PER_READ));
}

/**
 * The same for any number of members (a page of an export): the ladder once and the accounts 100 ids per
 * read, all in parallel, so 1 + ⌈members / 100⌉ reads.
 */
export async function learnerLevelsOfAll(db: Database, memberIds: readonly string[]): Promise<Map<string, string | null>> {
  const ids = [...new Set(memberIds)];
  const names = new Map<string, string | null>();
  if (ids.length === 0) return names;
  const _ = db.command;
  const chunks: string[][] = [];
  for (let start = 0; start < ids.length; start += IDS_PER_READ) chunks.push(ids.slice(start, start + IDS_PER_READ));
  const [{ levels }, ...found] = await Promise.all([
    readRules(db),
    ...chunks.map((chunk) =>
      docsOf<PointsAccountDoc>(
        db
          .collection(COLLECTIONS.pointsAccounts)
          .where({ _id: _.in(chunk) })
          .limit(IDS_PER_READ),
      ),
    ),
  ]);
  const byId = new Map(found.flat().map((account) => [account._id, account]));
  for (const id of ids) names.set(id, levelNameOf(byId.get(id) ?? null, levels));
  return names;
}
