/** loadOrganisation: reads the stored members and departments that planRosterImport compares against. */
import { COLLECTIONS } from '../core/collections';
import { documentsOf, type RosterDatabase } from './apply';
import type { ExistingOrganisation } from './plan';
import type { Department, Member } from './types';

/** CloudBase's maximum page for a server-side query. */
const MAX_PAGE = 1000;

/**
 * Reads a whole collection page by page, keyed on `_id` rather than `skip`, so each page is one indexed range
 * scan however large the company is.
 */
export async function readAll(db: RosterDatabase, collection: string, pageSize: number): Promise<Record<string, unknown>[]> {
  const documents: Record<string, unknown>[] = [];
  let after = '';
  for (;;) {
    const page = documentsOf(
      await db
        .collection(collection)
        .where({ _id: db.command.gt(after) })
        .orderBy('_id', 'asc')
        .limit(pageSize)
        .get(),
    );
    documents.push(...page);
    const last = page[page.length - 1];
    if (page.length < pageSize || !last) return documents;
    after = last._id;
  }
}

/** The stored shapes are the ones this module writes; documents are taken as they are (protocol boundary). */
export async function loadOrganisation(db: RosterDatabase, { pageSize = MAX_PAGE }: { pageSize?: number } = {}): Promise<ExistingOrganisation> {
  const size = Math.min(Math.max(1, Math.floor(pageSize)), MAX_PAGE);
  const [members, departments] = await Promise.all([readAll(db, COLLECTIONS.members, size), readAll(db, COLLECTIONS.departments, size)]);
  return { members: members as unknown as Member[], departments: departments as unknown as Department[] };
}
