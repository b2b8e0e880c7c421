/**
 * Small typed reads over the SDK's query builder. The SDK's typings allow callback-style `void`/`string`
 * results; without callbacks it always returns a promise, which `awaitResult` asserts once here.
 */
import type { Page, PageInput } from '../../typings/functions/paging';
import type { CollectionName } from './collections';
import type { Database } from './cloud';

/** CloudBase's largest page for one server-side query. */
const MAX_QUERY = 1000;

// biome-ignore lint/suspicious/noConfusingVoidType: wx-server-sdk declares these calls as returning void when given callbacks.
async function awaitResult<T>(value: Promise<T> | void | string): Promise<T> {
  if (!(value instanceof Promise)) throw new Error('wx-server-sdk returned no promise');
  return value;
}

/** The documents a built query answers (without a callback the SDK always answers a promise). */
export async function docsOf<T>(query: { get(): unknown }): Promise<T[]> {
  const result = (await query.get()) as { data: T[] };
  return result.data;
}

/** Documents by `_id` (at most 1000, CloudBase's limit per query), keyed by id; only `fields` (and `_id`) when given. */
export async function byIds<T extends { _id: string }>(
  db: Database,
  collection: CollectionName,
  ids: readonly string[],
  fields?: Record<string, true>,
): Promise<Map<string, T>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const query = db
    .collection(collection)
    .where({ _id: db.command.in(unique) })
    .limit(unique.length);
  const docs = await docsOf<T>(fields ? query.field(fields) : query);
  return new Map(docs.map((doc) => [doc._id, doc]));
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

/**
 * The documents matching `filter` in (`field`, `_id`) order, one page of `batch` at a time: each page is
 * keyed on the last one's (`field`, `_id`), so none is skipped or repeated while others write, and no read
 * holds more than one page. For exports and timers, never for a page view.
 */
export async function* orderedPages<T extends { _id: string }>(
  db: Database,
  collection: CollectionName,
  filter: Record<string, unknown>,
  field: keyof T & string,
  direction: 'asc' | 'desc',
  batch = MAX_QUERY,
): AsyncGenerator<T[]> {
  const _ = db.command;
  const beyond = direction === 'asc' ? _.gt.bind(_) : _.lt.bind(_);
  let last: T | null = null;
  for (;;) {
    const after =
      last === null
        ? null
        : field === '_id'
          ? { _id: beyond(last._id) }
          : _.or([{ [field]: beyond(last[field]) }, { [field]: last[field], _id: beyond(last._id) }]);
    let query = db
      .collection(collection)
      .where(allOf(db, [Object.keys(filter).length === 0 ? null : filter, after]))
      .orderBy(field, direction);
    if (field !== '_id') query = query.orderBy('_id', direction);
    const { data } = await awaitResult(query.limit(batch).get());
    const page = data as T[];
    if (page.length > 0) yield page;
    if (page.length < batch) return;
    last = page[page.length - 1] as T;
  }
}

/** The documents matching `filter` in `_id` order, a page at a time (see orderedPages). */
export function idPages<T extends { _id: string }>(
  db: Database,
  collection: CollectionName,
  filter: Record<string, unknown>,
  batch = MAX_QUERY,
): AsyncGenerator<T[]> {
  return orderedPages<T>(db, collection, filter, '_id', 'asc', batch);
}

/**
 * Visits every document matching `filter`, CloudBase's largest query at a time in `_id` order from the last
 * id seen, so each batch is one indexed range read and none is skipped or repeated however large the set.
 * For timers and exports, never for a page view.
 */
export async function forEachDoc<T extends { _id: string }>(
  db: Database,
  collection: CollectionName,
  filter: Record<string, unknown>,
  visit: (doc: T) => void,
  fields?: Record<string, true>,
  batch = MAX_QUERY,
): Promise<void> {
  const _ = db.command;
  let last: string | null = null;
  for (;;) {
    const where: Record<string, unknown> = last === null ? filter : { ...filter, _id: _.gt(last) };
    let query = db.collection(collection).where(where).orderBy('_id', 'asc').limit(batch);
    if (fields) query = query.field({ ...fields, _id: true });
    const docs = await docsOf<T>(query);
    for (const doc of docs) visit(doc);
    if (docs.length < batch) return;
    last = (docs[docs.length - 1] as T)._id;
  }
}

/**
 * Every present condition at once: null and undefined are left out, one condition stands alone, none is the
 * empty query (a `_.and([])` is a query shape the database refuses).
 */
export function allOf(db: Database, conditions: readonly unknown[]): Record<string, unknown> {
  const present = conditions.filter((condition): condition is Record<string, unknown> => condition !== null && condition !== undefined);
  if (present.length === 0) return {};
  if (present.length === 1) return present[0] as Record<string, unknown>;
  return db.command.and(present) as unknown as Record<string, unknown>;
}

/** Whether a write failed because a document with that `_id` (or unique key) exists already. */
export function isDuplicate(err: unknown): boolean {
  return /duplicate key|E11000/i.test(String((err as { errMsg?: unknown; message?: unknown })?.errMsg ?? (err as Error)?.message ?? ''));
}
