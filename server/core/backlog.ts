/**
 * A timer's backlog: the documents a scheduled job still has to handle (a tally's `counted: false`), taken in
 * batches until none is left or the job's budget runs out. Timer runs can overlap (the next trigger fires
 * while a long run is still going, and CloudBase runs the two as separate instances), so a run that always
 * took "the first batch" would take the same batch as every other run and waste its work re-reading what
 * another already handled. Here a short queue is one query; a full first batch means a backlog, which is then
 * taken in two passes round the `_id`s from a pivot drawn from that batch (ids as they really are, so any id
 * shape splits fairly): from the pivot up, then from the start up to it. Overlapping runs start at different
 * pivots and mostly handle different documents. Each pass pages by `_id`, so it ends; what arrives meanwhile
 * is left for the next run. The handler must stay idempotent: two runs may still meet.
 */
import type { Database } from './cloud';
import type { CollectionName } from './collections';
import { docsOf } from './db';

export interface BacklogOptions {
  /** Documents per query. */
  batch: number;
  /** False once the run's budget is spent: no further batch is taken. */
  within: () => boolean;
  /** Picks the pivot's index in the first batch (random by default; tests fix it). */
  pick?: (size: number) => number;
}

/** Hands `work` the backlog in batches; answers whether documents may be left (the budget ran out). */
export async function drainBacklog<T extends { _id: string }>(
  db: Database,
  collection: CollectionName,
  filter: Record<string, unknown>,
  options: BacklogOptions,
  work: (batch: readonly T[]) => Promise<void>,
): Promise<boolean> {
  const query = (id?: unknown) => db.collection(collection).where({ ...filter, ...(id === undefined ? {} : { _id: id }) });
  if (!options.within()) return true;
  const head = await docsOf<T>(query().limit(options.batch));
  if (head.length < options.batch) {
    await work(head);
    return false;
  }
  const _ = db.command;
  const pick = options.pick ?? ((size: number) => Math.floor(Math.random() * size));
  const pivot = (head[pick(head.length)] as T)._id;
  // One field under two range commands joined by `and`, as the guide's "between 30% and 70%" example:
  // https://developers.weixin.qq.com/miniprogram/dev/wxcloud/guide/database/query.html
  for (const below of [undefined, pivot]) {
    let after: string | null = null;
    for (;;) {
      if (!options.within()) return true;
      const lower = after !== null ? _.gt(after) : below === undefined ? _.gte(pivot) : _.gte('');
      const batch: T[] = await docsOf<T>(
        query(below === undefined ? lower : _.and(lower, _.lt(below)))
          .orderBy('_id', 'asc')
          .limit(options.batch),
      );
      await work(batch);
      if (batch.length < options.batch) break;
      after = (batch[batch.length - 1] as T)._id;
    }
  }
  return false;
}
