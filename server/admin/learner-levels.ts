/**
 * Learner levels (学员等级) as the member table and 学习档案 show them: the name recorded on the member's
 * points account (server/points/levels.ts records it in the same write that raises `earnedTotal`, and saving
 * a ladder raises every account it reaches first), read in one batch per page. Admin reads the field itself
 * because the points area imports admin (server/points/actions.ts), so admin does not import points back.
 */
import { COLLECTIONS, docsOf } from '../core';
import type { Database } from '../core';

/** The fields read of a points account (typings/docs/points.ts declares the document). */
export interface LevelledAccount {
  _id: string;
  levelName?: string;
}

export const levelOf = (account: Pick<LevelledAccount, 'levelName'> | null | undefined): string | null => account?.levelName ?? null;

/** Ids per accounts read (`_.in` over `_id`, one page of a query). */
const IDS_PER_READ = 100;

/**
 * Level names by member id: one read per 100 members, in parallel (a table page of up to 50 is one read; none
 * for an empty page), reading only the name.
 */
export async function recordedLevelsOf(db: Database, memberIds: readonly string[]): Promise<Map<string, string | null>> {
  const ids = [...new Set(memberIds)];
  const levels = new Map<string, string | null>();
  if (ids.length === 0) return levels;
  const chunks: string[][] = [];
  for (let start = 0; start < ids.length; start += IDS_PER_READ) chunks.push(ids.slice(start, start + IDS_PER_READ));
  const found = await Promise.all(
    chunks.map((chunk) =>
      docsOf<LevelledAccount>(
        db
          .collection(COLLECTIONS.pointsAccounts)
          .where({ _id: db.command.in(chunk) })
          .field({ levelName: true })
          .limit(chunk.length),
      ),
    ),
  );
  const byId = new Map(found.flat().map((account) => [account._id, account]));
  for (const id of ids) levels.set(id, levelOf(byId.get(id)));
  return levels;
}

/** Pages of members with their learner levels, for an export: each page's levels read as it streams. */
export async function* withLevels<T extends { _id: string }>(db: Database, pages: AsyncIterable<T[]>): AsyncGenerator<(T & { level: string | null })[]> {
  for await (const page of pages) {
    const levels = await recordedLevelsOf(
      db,
      page.map((doc) => doc._id),
    );
    yield page.map((doc) => ({ ...doc, level: levels.get(doc._id) ?? null }));
  }
}
