/**
 * Share counters, sharded. A share passed around a large chat group is opened by hundreds of colleagues
 * within seconds; one counter document would make their transactions conflict until runTransaction gives
 * up (CONFLICT). Each open or conversion therefore increments the shard picked by the member's hash,
 * inside the same transaction that records it (so the count is exact: the record and its increment commit
 * together or not at all), and readers sum the shards of a share (at most SHARE_COUNTER_SHARDS documents).
 * 16 shards is chosen: 200 members opening one share at once put about 12 on a shard, well within the
 * retries (measured by test/server/share/races.test.ts).
 */
import { createHash } from 'node:crypto';
import type { ShareCounterDoc, ShareDoc } from '../../typings/docs/share';
import { COLLECTIONS, Database, Tx, txGet } from '../core';
import { docsOf } from '../course/query';

export const SHARE_COUNTER_SHARDS = 16;

export type CounterField = 'opens' | 'outsiderOpens' | 'conversions';

export interface ShareCounts {
  opens: number;
  outsiderOpens: number;
  conversions: number;
}

export const ZERO_COUNTS: ShareCounts = { opens: 0, outsiderOpens: 0, conversions: 0 };

/** A stable shard in [0, SHARE_COUNTER_SHARDS) for a key (a member id or an outsider's hash). */
export function shardOf(key: string): number {
  return createHash('sha256').update(key).digest().readUInt32BE(0) % SHARE_COUNTER_SHARDS;
}

export function counterId(token: string, shard: number): string {
  return `${token}:${shard}`;
}

/** Adds one to `field` of the share's shard for `key`, inside `tx` (read, then set: no upsert-inc in CloudBase). */
export async function incrementShard(tx: Tx, share: ShareDoc, key: string, field: CounterField, now: Date): Promise<void> {
  const shard = shardOf(key);
  const id = counterId(share._id, shard);
  const current = await txGet<ShareCounterDoc>(tx, COLLECTIONS.shareCounters, id);
  const base: Omit<ShareCounterDoc, '_id'> = current
    ? { ...current }
    : {
        token: share._id,
        shard,
        sharerId: share.sharerId,
        targetKind: share.targetKind,
        targetId: share.targetId,
        boardKind: share.boardKind,
        boardId: share.boardId,
        ...ZERO_COUNTS,
        updatedAt: now,
      };
  const { _id: _ignored, ...fields } = base as ShareCounterDoc;
  await tx.collection(COLLECTIONS.shareCounters).doc(id).set({ data: { ...fields, [field]: base[field] + 1, updatedAt: now } });
}

/** The summed counters of each token (tokens without any open answer zeros). */
export async function countsOf(db: Database, tokens: readonly string[]): Promise<Map<string, ShareCounts>> {
  const counts = new Map<string, ShareCounts>(tokens.map((token) => [token, { ...ZERO_COUNTS }]));
  if (tokens.length === 0) return counts;
  const _ = db.command;
  // At most 1000 documents per query: 62 shares' shards each time.
  const perQuery = Math.floor(1000 / SHARE_COUNTER_SHARDS);
  for (let start = 0; start < tokens.length; start += perQuery) {
    const chunk = tokens.slice(start, start + perQuery);
    const shards = await docsOf<ShareCounterDoc>(db.collection(COLLECTIONS.shareCounters).where({ token: _.in(chunk) }).limit(1000));
    for (const doc of shards) {
      const sum = counts.get(doc.token);
      if (!sum) continue;
      sum.opens += doc.opens;
      sum.outsiderOpens += doc.outsiderOpens;
      sum.conversions += doc.conversions;
    }
  }
  return counts;
}
