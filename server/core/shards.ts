/**
 * Sharded counters: a counter many callers update at once is split over several documents, summed on read.
 * A key (a member, a voter) always maps to the same shard, so one caller's retries meet only themselves.
 */
import { createHash } from 'node:crypto';

/** The shard in [0, count) of `key`: stable and evenly spread. */
export function hashShard(key: string, count: number): number {
  return createHash('sha256').update(key).digest().readUInt32BE(0) % count;
}
