/**
 * Small typed reads over the SDK's query builder. The SDK's typings allow callback-style `void`/`string`
 * results; without callbacks it always returns a promise, which `awaitResult` asserts once here.
 */
import type { Page, PageInput } from '../../typings/functions/paging';
import type { CollectionName } from './collections';
import type { Database } from './cloud';

async function awaitResult<T>(value: Promise<T> | void | string): Promise<T> {
  if (!(value instanceof Promise)) throw new Error('wx-server-sdk returned no promise');
  return value;
}

/** The first document matching `filter`, or null. */
export async function findOne<T>(db: Database, collection: CollectionName, filter: Record<string, unknown>): Promise<T | null> {
  const result = await awaitResult(db.collection(collection).where(filter).limit(1).get());
  return (result.data[0] as T | undefined) ?? null;
}

/** One document by `_id`, or null. A `where` on `_id` answers an empty list for a missing id. */
export function findById<T>(db: Database, collection: CollectionName, id: string): Promise<T | null> {
  return findOne<T>(db, collection, { _id: id });
}

export interface SortKey {
  field: string;
  direction: 'asc' | 'desc';
}

export interface PageOfDocs<T> {
  docs: T[];
  total: number;
}

export interface PageOptions {
  /** A projection, for documents carrying large fields the page does not show. */
  fields?: Record<string, boolean>;
  /** The number of matching documents when a maintained counter knows it (saves the count). */
  total?: number;
}

/**
 * One page of a filtered, sorted collection: a count plus a skip/limit read, so a growing collection is never
 * read whole. Sort keys should end with a unique field (`_id`) so pages never overlap.
 */
export async function findPage<T>(
  db: Database,
  collection: CollectionName,
  filter: Record<string, unknown>,
  sort: readonly SortKey[],
  { page, pageSize }: PageInput,
  options: PageOptions = {},
): Promise<PageOfDocs<T>> {
  const { fields } = options;
  const where = () => db.collection(collection).where(filter);
  const total = options.total ?? (await awaitResult(where().count())).total;
  const skip = (page - 1) * pageSize;
  if (skip >= total) return { docs: [], total };
  let query = where();
  if (fields) query = query.field(fields);
  for (const key of sort) query = query.orderBy(key.field, key.direction);
  const result = await awaitResult(query.skip(skip).limit(pageSize).get());
  return { docs: result.data as T[], total };
}

/** The app's page shape from one `findPage` answer. */
export function pageOf<D, V>({ docs, total }: PageOfDocs<D>, input: PageInput, view: (doc: D) => V): Page<V> {
  return {
    items: docs.map(view),
    page: input.page,
    pageSize: input.pageSize,
    total,
    hasMore: (input.page - 1) * input.pageSize + docs.length < total,
  };
}
