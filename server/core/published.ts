/** The shared read behind the tabs' lists: published documents, newest first, one page at a time. */
import type { PublicationStatus } from '../../typings/domain';
import type { Page, PageInput } from '../../typings/functions/paging';
import type { Database } from './cloud';
import type { CollectionName } from './collections';
import { findPage, pageOf, type SortKey } from './db';

const PUBLISHED: PublicationStatus = 'published';
const NEWEST_FIRST: readonly SortKey[] = [
  { field: 'publishedAt', direction: 'desc' },
  { field: '_id', direction: 'asc' },
];

export async function listPublished<D, V>(db: Database, collection: CollectionName, input: PageInput, view: (doc: D) => V): Promise<Page<V>> {
  return pageOf(await findPage<D>(db, collection, { status: PUBLISHED }, NEWEST_FIRST, input), input, view);
}

/** Dates travel to the app as ISO strings (the envelope is JSON). */
export function isoDate(value: Date | string | undefined | null): string | null {
  if (value === undefined || value === null) return null;
  const date = value instanceof Date ? value : new Date(value);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}
