/**
 * A post's like count and a question's answer count, exact under a crowd (a trainer's announcement sends
 * thirty colleagues to like one answer at once). As for course ratings (../ratings.ts): the like or the
 * answer commits in one transaction with the writer's shard of the count (`discussionCounters`,
 * `<postId>:<counter>:<shard>` by member hash), so colleagues on other shards never meet and two on one
 * shard wait out each other (transactWithBackoff). The shards are then summed into the post with one
 * conditional update that only moves forward: every shard write adds 1 to its `version`, so a sum read
 * later carries a larger total version and an older sum never overwrites a newer one.
 */
import type { DiscussionCounterDoc, DiscussionPostDoc } from '../../../typings/domain';
import { COLLECTIONS, txGet, txPut } from '../../core';
import type { Database, Tx } from '../../core';
import { hashShard } from '../../core/shards';

export type Counter = DiscussionCounterDoc['counter'];

/** Enough that 30 colleagues at once rarely share one (chosen); the sum reads them in one query. */
export const COUNTER_SHARDS = 16;

const VERSION_FIELD = { likes: 'likeVersion', answers: 'answerVersion' } as const satisfies Record<Counter, keyof DiscussionPostDoc>;

const counterId = (postId: string, counter: Counter, shard: number): string => `${postId}:${counter}:${shard}`;

/** Adds `delta` to the member's shard of the post's counter, inside the caller's transaction (a read and a write). */
export async function txCount(tx: Tx, postId: string, counter: Counter, memberId: string, delta: number): Promise<void> {
  const shard = hashShard(memberId, COUNTER_SHARDS);
  const id = counterId(postId, counter, shard);
  const part = await txGet<DiscussionCounterDoc>(tx, COLLECTIONS.discussionCounters, id);
  await txPut<DiscussionCounterDoc>(tx, COLLECTIONS.discussionCounters, {
    _id: id,
    postId,
    counter,
    shard,
    value: (part?.value ?? 0) + delta,
    version: (part?.version ?? 0) + 1,
  });
}

/** Sums the shards into the post, unless a newer sum is there already; answers the sum (two operations). */
export async function rollUp(db: Database, postId: string, counter: Counter): Promise<number> {
  const _ = db.command;
  const { data } = (await db.collection(COLLECTIONS.discussionCounters).where({ postId, counter }).limit(COUNTER_SHARDS).get()) as unknown as {
    data: DiscussionCounterDoc[];
  };
  let value = 0;
  let version = 0;
  for (const shard of data) {
    value += shard.value;
    version += shard.version;
  }
  const versionField = VERSION_FIELD[counter];
  await db
    .collection(COLLECTIONS.discussionPosts)
    .where({ _id: postId, [versionField]: _.lt(version) })
    .update({ data: { [counter]: value, [versionField]: version } });
  return value;
}
