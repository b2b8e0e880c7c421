/**
 * Share leaderboards (分享排行) per campaign and contest. The reportRollup timer recomputes the rows of the
 * sharers whose counters or shares changed (sums over their shards, so a repeated or overlapping run writes
 * the same rows); the board reads them sorted by reach, then conversions.
 */
import sum from 'lodash/sum';
import type { MemberDoc } from '../../typings/domain';
import type { ShareBoardDoc, ShareBoardKind, ShareCounterDoc } from '../../typings/docs/share';
import type { ShareLeaderboardRow, ShareLeaderboardView } from '../../typings/functions/share';
import type { PageInput } from '../../typings/functions/paging';
import { AppError, COLLECTIONS, type Database, findById, findPage, pageOf } from '../core';
import { byIds } from '../core/db';
import { figuresUpdatedAt } from '../core/rollup-state';
import { learnerLevelsOf } from '../points';

export function boardRowId(boardKind: ShareBoardKind, boardId: string, sharerId: string): string {
  return `${boardKind}:${boardId}:${sharerId}`;
}

/** Sharers per aggregation: their shards stay well under the 1000 rows a query answers. */
const SHARERS_PER_BATCH = 50;

/** Recomputes the rows of `sharerIds` on one board; answers the rows written. */
export async function recomputeBoard(db: Database, boardKind: ShareBoardKind, boardId: string, sharerIds: readonly string[], now: Date): Promise<number> {
  const _ = db.command;
  const $ = _.aggregate;
  let written = 0;
  for (let start = 0; start < sharerIds.length; start += SHARERS_PER_BATCH) {
    const batch = sharerIds.slice(start, start + SHARERS_PER_BATCH);
    const match = { boardKind, boardId, sharerId: _.in(batch) };
    const [counters, shares, members] = await Promise.all([
      db
        .collection(COLLECTIONS.shareCounters)
        .aggregate()
        .match(match)
        .group({ _id: '$sharerId', reach: $.sum('$opens'), conversions: $.sum('$conversions') })
        .end() as unknown as Promise<{
        list: { _id: string; reach: number; conversions: number }[];
      }>,
      db
        .collection(COLLECTIONS.shares)
        .aggregate()
        .match(match)
        .group({ _id: '$sharerId', shares: $.sum(1) })
        .end() as unknown as Promise<{ list: { _id: string; shares: number }[] }>,
      byIds<MemberDoc>(db, COLLECTIONS.members, batch),
    ]);
    const sums = new Map(counters.list.map((row) => [row._id, row]));
    const shareCounts = new Map(shares.list.map((row) => [row._id, row.shares]));
    for (const sharerId of batch) {
      const member = members.get(sharerId);
      const row: Omit<ShareBoardDoc, '_id'> = {
        boardKind,
        boardId,
        sharerId,
        name: member?.name ?? '',
        departmentPath: member?.departmentPath ?? [],
        shares: shareCounts.get(sharerId) ?? 0,
        reach: sums.get(sharerId)?.reach ?? 0,
        conversions: sums.get(sharerId)?.conversions ?? 0,
        updatedAt: now,
      };
      await db
        .collection(COLLECTIONS.shareBoards)
        .doc(boardRowId(boardKind, boardId, sharerId))
        .set({ data: row });
      written += 1;
    }
  }
  return written;
}

const BOARD_ORDER = [
  { field: 'reach', direction: 'desc' },
  { field: 'conversions', direction: 'desc' },
  { field: 'sharerId', direction: 'asc' },
] as const;

async function rankOf(db: Database, row: ShareBoardDoc): Promise<number> {
  const _ = db.command;
  const base = { boardKind: row.boardKind, boardId: row.boardId };
  const count = async (extra: Record<string, unknown>) =>
    (
      (await db
        .collection(COLLECTIONS.shareBoards)
        .where({ ...base, ...extra })
        .count()) as { total: number }
    ).total;
  const ahead = await Promise.all([
    count({ reach: _.gt(row.reach) }),
    count({ reach: row.reach, conversions: _.gt(row.conversions) }),
    count({ reach: row.reach, conversions: row.conversions, sharerId: _.lt(row.sharerId) }),
  ]);
  return 1 + sum(ahead);
}

async function boardTitle(db: Database, boardKind: ShareBoardKind, boardId: string): Promise<string> {
  const doc = await findById<{ title: string; status: string }>(db, boardKind === 'campaign' ? COLLECTIONS.campaigns : COLLECTIONS.contests, boardId);
  if (doc?.status !== 'published') throw new AppError('NOT_FOUND', boardKind === 'campaign' ? '活动不存在' : '大赛不存在');
  return doc.title;
}

export async function leaderboard(db: Database, memberId: string, boardKind: ShareBoardKind, boardId: string, input: PageInput): Promise<ShareLeaderboardView> {
  const title = await boardTitle(db, boardKind, boardId);
  const [found, mineDoc, updatedAt] = await Promise.all([
    findPage<ShareBoardDoc>(db, COLLECTIONS.shareBoards, { boardKind, boardId }, BOARD_ORDER, input),
    findById<ShareBoardDoc>(db, COLLECTIONS.shareBoards, boardRowId(boardKind, boardId, memberId)),
    figuresUpdatedAt(db),
  ]);
  // Learner levels of the page and the caller, batched: two reads (the ladder, the accounts) per page.
  const levels = await learnerLevelsOf(db, [...found.docs.map((doc) => doc.sharerId), memberId]);
  const first = (input.page - 1) * input.pageSize + 1;
  const view = (doc: ShareBoardDoc, rank: number): ShareLeaderboardRow => ({
    rank,
    memberId: doc.sharerId,
    name: doc.name,
    departmentPath: doc.departmentPath,
    shares: doc.shares,
    reach: doc.reach,
    conversions: doc.conversions,
    isMe: doc.sharerId === memberId,
    level: levels.get(doc.sharerId) ?? null,
  });
  let index = 0;
  const page = pageOf(found, input, (doc) => view(doc, first + index++));
  const mine = mineDoc ? view(mineDoc, await rankOf(db, mineDoc)) : null;
  return { ...page, board: { kind: boardKind, id: boardId, title }, mine, updatedAt };
}

/** Boards touched by changed counters or shares: `<kind>` → `<boardId>` → sharer ids. */
export type BoardChanges = Map<string, { boardKind: ShareBoardKind; boardId: string; sharers: Set<string> }>;

export function noteBoardChange(changes: BoardChanges, doc: Pick<ShareCounterDoc, 'boardKind' | 'boardId' | 'sharerId'>): void {
  if (!doc.boardKind || !doc.boardId) return;
  const key = `${doc.boardKind}:${doc.boardId}`;
  const entry = changes.get(key) ?? { boardKind: doc.boardKind, boardId: doc.boardId, sharers: new Set<string>() };
  entry.sharers.add(doc.sharerId);
  changes.set(key, entry);
}
