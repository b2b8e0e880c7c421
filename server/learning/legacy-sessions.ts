/**
 * Migration `2026-12-study-session-views`: versions before the learning record carried its sessions kept one
 * `studySessions` document per player session (`_id` = `<memberId>:<courseId>:<sessionId>`), and a course's
 * views were counted over them. Records now count the sessions they see (`sessionCount`), so an environment
 * with data would lose the views of those earlier sessions: this adds each record's count of them to its
 * `sessionCount`, once (`legacyViews` records it), and marks the record changed so the report rollup folds
 * the views in (server/report/course-fold.ts).
 *
 * Steps page through `studySessions` by `_id` (an index every collection has), so a record's sessions are
 * consecutive; a record whose sessions continue on the next page is carried in the cursor. An environment
 * that never had the collection answers DATABASE_COLLECTION_NOT_EXIST
 * (https://docs.cloudbase.net/en/error-code/basic/DATABASE_COLLECTION_NOT_EXIST): nothing to migrate.
 */
import type { LearningRecordDoc } from '../../typings/domain';
import { COLLECTIONS, type Database } from '../core';
import { byIds, docsOf, findById } from '../core/db';
import { foldedBefore } from '../core/folded';
import type { Migration } from '../core/migrations';
import { inParallel } from '../core/parallel';
import { recordId } from './record';

/** The collection of earlier versions (no longer declared in database/collections.json). */
export const LEGACY_STUDY_SESSIONS = 'studySessions';
/** Sessions read per step (CloudBase's largest query). */
const PAGE = 1000;
const PARALLEL_WRITES = 8;
/** Attempts to add a record's views when progress reports keep changing it meanwhile. */
const ATTEMPTS = 5;

export interface LegacySessionsCursor {
  /** The last session read. */
  after: string;
  /** The record whose sessions the page ended on, and how many of them were read so far. */
  recordId: string;
  count: number;
}

function isMissingCollection(err: unknown): boolean {
  return /DATABASE_COLLECTION_NOT_EXIST|-502005|not exist/i.test(
    String((err as { errMsg?: unknown; message?: unknown })?.errMsg ?? (err as Error)?.message ?? err),
  );
}

/** Adds `views` to the record once, keeping what the rollup counted for it; retried when a report got there first. */
async function addViews(db: Database, record: LearningRecordDoc | undefined, views: number, now: Date): Promise<void> {
  const _ = db.command;
  let current = record;
  for (let attempt = 0; current && current.legacyViews === undefined && attempt < ATTEMPTS; attempt += 1) {
    const result = (await db
      .collection(COLLECTIONS.learningRecords)
      .where({ _id: current._id, legacyViews: _.exists(false), version: current.version === undefined ? _.exists(false) : current.version })
      .update({
        data: {
          sessionCount: (current.sessionCount ?? 0) + views,
          legacyViews: views,
          // As a progress report writes it (server/learning/record.ts): only when the record has none.
          ...(current.folded ? {} : { folded: _.set(foldedBefore(current)) }),
          version: (current.version ?? 0) + 1,
          updatedAt: now,
        },
      })) as unknown as { stats: { updated: number } };
    if (result.stats.updated > 0) return;
    current = (await findById<LearningRecordDoc>(db, COLLECTIONS.learningRecords, current._id)) ?? undefined;
  }
  if (current && current.legacyViews === undefined) throw new Error(`learning record ${current._id} kept changing; its views are added next run`);
}

export const legacySessionViews: Migration<LegacySessionsCursor> = {
  id: '2026-12-study-session-views',
  async step(db, cursor, now) {
    let page: { _id: string; memberId: string; courseId: string }[];
    try {
      page = await docsOf(
        db
          .collection(LEGACY_STUDY_SESSIONS)
          .where(cursor ? { _id: db.command.gt(cursor.after) } : {})
          .orderBy('_id', 'asc')
          .limit(PAGE)
          .field({ _id: true, memberId: true, courseId: true }),
      );
    } catch (err) {
      if (isMissingCollection(err)) return { done: true };
      throw err;
    }
    const counts = new Map<string, number>();
    let carried = cursor ? { recordId: cursor.recordId, count: cursor.count } : null;
    for (const session of page) {
      const id = recordId(session.memberId, session.courseId);
      if (carried && carried.recordId !== id) counts.set(carried.recordId, carried.count);
      if (!carried || carried.recordId !== id) carried = { recordId: id, count: 0 };
      carried.count += 1;
    }
    const done = page.length < PAGE;
    if (done && carried) counts.set(carried.recordId, carried.count);
    const records = await byIds<LearningRecordDoc>(db, COLLECTIONS.learningRecords, [...counts.keys()]);
    // A session of a record that does not exist (never expected) has nothing to count it.
    await inParallel([...counts], PARALLEL_WRITES, ([id, views]) => addViews(db, records.get(id), views, now));
    const last = page[page.length - 1];
    if (done || !last || !carried) return { done: true };
    return { done: false, cursor: { after: last._id, recordId: carried.recordId, count: carried.count } };
  },
};
