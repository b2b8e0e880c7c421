/**
 * Reads for the rollup timer: every document matching a filter, 1000 at a time (CloudBase's most per
 * query) in `_id` order from the last id seen, so each page is one indexed range read and no page is
 * skipped or repeated however large the set. Used only by the rollup, never on a page view.
 */
import type { MemberDoc } from '../../typings/domain';
import { COLLECTIONS, Database } from '../core';
import type { CollectionName } from '../core';
import { docsOf } from '../course/query';

export const PAGE = 1000;

export async function forEachDoc<T extends { _id: string }>(
  db: Database,
  collection: CollectionName,
  filter: Record<string, unknown>,
  visit: (doc: T) => void,
  fields?: Record<string, true>,
): Promise<void> {
  const _ = db.command;
  let last: string | null = null;
  for (;;) {
    const where: Record<string, unknown> = last === null ? filter : { ...filter, _id: _.gt(last) };
    let query = db.collection(collection).where(where).orderBy('_id', 'asc').limit(PAGE);
    if (fields) query = query.field({ ...fields, _id: true });
    const docs = await docsOf<T>(query);
    for (const doc of docs) visit(doc);
    if (docs.length < PAGE) return;
    last = (docs[docs.length - 1] as T)._id;
  }
}

/** Members' current departments, read once per run in batches. */
export class DepartmentLookup {
  private readonly known = new Map<string, string>();

  constructor(private readonly db: Database) {}

  async load(memberIds: Iterable<string>): Promise<void> {
    const missing = [...new Set(memberIds)].filter((id) => !this.known.has(id));
    const _ = this.db.command;
    for (let start = 0; start < missing.length; start += PAGE) {
      const chunk = missing.slice(start, start + PAGE);
      const members = await docsOf<Pick<MemberDoc, '_id' | 'departmentId'>>(
        this.db.collection(COLLECTIONS.members).where({ _id: _.in(chunk) }).field({ _id: true, departmentId: true }).limit(chunk.length),
      );
      for (const member of members) this.known.set(member._id, member.departmentId);
      // A member id without a roster entry (never expected) counts in no department rather than failing.
      for (const id of chunk) if (!this.known.has(id)) this.known.set(id, UNKNOWN_DEPARTMENT);
    }
  }

  of(memberId: string): string {
    return this.known.get(memberId) ?? UNKNOWN_DEPARTMENT;
  }
}

export const UNKNOWN_DEPARTMENT = 'dept:?';
