/** Documents written once under a deterministic `_id`: the first writer's document is the answer to every later one. */
import type { Database } from './cloud';
import type { CollectionName } from './collections';
import { runTransaction, txGet } from './transaction';

export function insertOnce<T extends { _id: string }>(db: Database, collection: CollectionName, doc: T): Promise<T> {
  return runTransaction(db, async (tx) => {
    const existing = await txGet<T>(tx, collection, doc._id);
    if (existing) return existing;
    await tx.collection(collection).add({ data: { ...doc } });
    return doc;
  });
}
