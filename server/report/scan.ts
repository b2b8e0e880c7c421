/** Reads for the rollup timer: members' departments in batches of CloudBase's largest query. */
import type { MemberDoc } from '../../typings/domain';
import { COLLECTIONS } from '../core';
import type { Database } from '../core';
import { docsOf } from '../core/db';
import chunk from 'lodash/chunk';

export const PAGE = 1000;

/** Members' current departments, read once per run in batches. */
export class DepartmentLookup {
  private readonly known = new Map<string, string>();

  constructor(private readonly db: Database) {}

  async load(memberIds: Iterable<string>): Promise<void> {
    const missing = [...new Set(memberIds)].filter((id) => !this.known.has(id));
    const _ = this.db.command;
    for (const batch of chunk(missing, PAGE)) {
      const members = await docsOf<Pick<MemberDoc, '_id' | 'departmentId'>>(
        this.db
          .collection(COLLECTIONS.members)
          .where({ _id: _.in(batch) })
          .field({ _id: true, departmentId: true })
          .limit(batch.length),
      );
      for (const member of members) this.known.set(member._id, member.departmentId);
      // A member id without a roster entry (never expected) counts in no department rather than failing.
      for (const id of batch) if (!this.known.has(id)) this.known.set(id, UNKNOWN_DEPARTMENT);
    }
  }

  of(memberId: string): string {
    return this.known.get(memberId) ?? UNKNOWN_DEPARTMENT;
  }
}

export const UNKNOWN_DEPARTMENT = 'dept:?';
