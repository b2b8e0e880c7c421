/**
 * Share counters, sharded. A share passed around a large chat group is opened by hundreds of colleagues
 * within seconds; one counter document would make their transactions conflict until runTransaction gives
 * up (CONFLICT). Each conversion or outsider open therefore increments one of SHARE_COUNTER_SHARDS shard
 * documents, inside the same transaction that records it (so the count is exact: the record and its
 * increment commit together or not at all), and readers sum the shards of a share. Members' opens are
 * counted the same way, afterwards, by the share function's timer (./tally.ts). The shard is drawn at random on every
 * attempt: any shard serves a sum, and a retried attempt lands elsewhere, so contenders spread out instead of
 * meeting again. When even that outlives the SDK's retries, `counted` waits a random, growing while and
 * tries again (measured by test/server/share/races.test.ts and bench/share.ts: 199 simultaneous first opens).
 */
import { randomInt } from 'node:crypto';
import type { ShareCounterDoc, ShareDoc } from '../../typings/docs/share';
import { COLLECTIONS, transactWithBackoff, txGet } from '../core';
import type { Backoff, Database, Tx } from '../core';
import { docsOf } from '../core/db';
import chunk from 'lodash/chunk';

export const SHARE_COUNTER_SHARDS = 32;

export type CounterField = 'opens' | 'outsiderOpens' | 'conversions';

export interface ShareCounts {
  opens: number;
  outsiderOpens: number;
  conversions: number;
}

export const ZERO_COUNTS: ShareCounts = { opens: 0, outsiderOpens: 0, conversions: 0 };

export function counterId(token: string, shard: number): string {
  return `${token}:${shard}`;
}

/** Adds `by` (one) to `field` of a random shard of the share, inside `tx` (read, then set: no upsert-inc in CloudBase). */
export async function incrementShard(tx: Tx, share: ShareDoc, field: CounterField, now: Date, by = 1): Promise<void> {
  const shard = randomInt(SHARE_COUNTER_SHARDS);
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
  await tx
    .collection(COLLECTIONS.shareCounters)
    .doc(id)
    .set({ data: { ...fields, [field]: base[field] + by, updatedAt: now } });
}

/** The summed counters of each token (tokens without any open answer zeros). */
export async function countsOf(db: Database, tokens: readonly string[]): Promise<Map<string, ShareCounts>> {
  const counts = new Map<string, ShareCounts>(tokens.map((token) => [token, { ...ZERO_COUNTS }]));
  if (tokens.length === 0) return counts;
  const _ = db.command;
  // At most 1000 documents per query: 62 shares' shards each time.
  const perQuery = Math.floor(1000 / SHARE_COUNTER_SHARDS);
  for (const batch of chunk(tokens, perQuery)) {
    const shards = await docsOf<ShareCounterDoc>(
      db
        .collection(COLLECTIONS.shareCounters)
        .where({ token: _.in(batch) })
        .limit(1000),
    );
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

/**
 * A counting transaction that outlived the SDK's retries (10 a round) is tried again after a random,
 * growing wait from 20 ms to 1 s, 7 rounds in all.
 */
const COUNTER_BACKOFF: Backoff = { rounds: 7, attemptsPerRound: 10, baseMs: 20, capMs: 1000 };

export function counted<T>(db: Database, body: (tx: Tx) => Promise<T>): Promise<T> {
  return transactWithBackoff(db, body, COUNTER_BACKOFF);
}
