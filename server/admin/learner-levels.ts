/**
 * Learner levels (学员等级) as the member table and 学习档案 show them: the name recorded on the member's
 * points account (server/points/levels.ts records it in the same write that raises `earnedTotal`, and saving
 * a ladder raises every account it reaches first), read in one batch per page. Admin reads the field itself
 * because the points area imports admin (server/points/actions.ts), so admin does not import points back.
 */
import { COLLECTIONS, docsOf } from '../core';
import type { Database } from '../core';

/** The fields read of a points account (server/points/model.ts owns the document). */
export interface LevelledAccount {
  _id: string;
  levelName?: string;
}

export const levelOf = (account: Pick<LevelledAccount, 'levelName'> | null | undefined): string | null => account?.levelName ?? null;

/** Level names by member id, for a page of members: one read (none for an empty page), only the name read. */
export async function recordedLevelsOf(db: Database, memberIds: readonly string[]): Promise<Map<string, string | null>> {
  const ids = [...new Set(memberIds)];
  const levels = new Map<string, string | null>();
  if (ids.length === 0) return levels;
  const accounts = await docsOf<LevelledAccount>(
    db
      .collection(COLLECTIONS.pointsAccounts)
      .where({ _id: db.command.in(ids) })
      .field({ levelName: true })
      .limit(ids.length),
  );
  const byId = new Map(accounts.map((account) => [account._id, account]));
  for (const id of ids) levels.set(id, levelOf(byId.get(id)));
  return levels;
}
