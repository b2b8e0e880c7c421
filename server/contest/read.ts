/** Reading every document of a filtered set, a page of 1,000 at a time keyed on `_id` (never `skip`). */
import type { CollectionName, Database } from '../core';
import { docsOf } from '../core/db';
import { escapeRegExp } from '../core/scope';

/** CloudBase's most documents per query, and per bulk insert. */
export const MAX_BATCH = 1000;

export async function readEvery<T extends { _id: string }>(db: Database, collection: CollectionName, filter: Record<string, unknown>): Promise<T[]> {
  const _ = db.command;
  const all: T[] = [];
  let after = '';
  for (;;) {
    // A flat condition (equality fields, then the `_id` range) lets an index on (fields…, _id) stream the page.
    const page = await docsOf<T>(
      db
        .collection(collection)
        .where({ ...filter, _id: _.gt(after) })
        .orderBy('_id', 'asc')
        .limit(MAX_BATCH),
    );
    all.push(...page);
    const last = page[page.length - 1];
    if (page.length < MAX_BATCH || !last) return all;
    after = last._id;
  }
}

/** Runs `work` over `items` with at most `limit` in flight (bulk writes without flooding the database). */
export async function inBatches<T>(items: readonly T[], limit: number, work: (item: T) => Promise<unknown>): Promise<void> {
  for (let start = 0; start < items.length; start += limit) await Promise.all(items.slice(start, start + limit).map(work));
}

/**
 * An update's data with every object value replaced whole: CloudBase's `update` merges a plain object into
 * the stored one field by field (and fails on a stored null), while `_.set` replaces it.
 */
export function replacing(db: Database, changes: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(changes).map(([key, value]) => [
      key,
      value !== null && typeof value === 'object' && !Array.isArray(value) && !(value instanceof Date) ? db.command.set(value) : value,
    ]),
  );
}

/**
 * `condition` narrowed to entries whose title, owner's name or team name contains `keyword` (any case): the
 * public entry list (standings) and the organisers' entry table (entries) search the same fields.
 */
export function withEntryKeyword(db: Database, condition: Record<string, unknown>, keyword: string): Record<string, unknown> {
  if (!keyword) return condition;
  const _ = db.command;
  const pattern = db.RegExp({ regexp: escapeRegExp(keyword), options: 'i' });
  return _.and([condition, _.or([{ title: pattern }, { ownerName: pattern }, { teamName: pattern }])]) as unknown as Record<string, unknown>;
}
