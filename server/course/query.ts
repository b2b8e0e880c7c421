/** Reads of several documents through the SDK's query builder, typed once here. */
import type { Database } from '../core';
import { COLLECTIONS } from '../core';

type Query = { get(): unknown };

/** The documents a built query answers (without a callback the SDK always answers a promise). */
export async function docsOf<T>(query: Query): Promise<T[]> {
  const result = (await query.get()) as { data: T[] };
  return result.data;
}

/** Documents by `_id` (at most 1000, CloudBase's limit per query), keyed by id. */
export async function byIds<T extends { _id: string }>(
  db: Database,
  collection: (typeof COLLECTIONS)[keyof typeof COLLECTIONS],
  ids: readonly string[],
): Promise<Map<string, T>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const docs = await docsOf<T>(db.collection(collection).where({ _id: db.command.in(unique) }).limit(unique.length));
  return new Map(docs.map((doc) => [doc._id, doc]));
}
