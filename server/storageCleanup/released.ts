/**
 * Take-away files a course dropped (typings/docs/storage.ts ReleasedFileDoc): a day after a saved draft or a
 * publication dropped one, the cleanup deletes it from storage unless something still holds it — the
 * published course, an open revision (draft, in review or returned), or a contest entry's snapshot of a
 * course — in which case it only forgets the record (the publication that finally drops it records it
 * again). Each check is one count on an index of the holder (database/collections.json). The file goes
 * first, then its record, as for exports (./actions.ts).
 */
import type { ReleasedFileDoc } from '../../typings/docs/storage';
import type { RevisionStatus } from '../../typings/domain';
import { COLLECTIONS } from '../core';
import type { Database, WxCloud } from '../core';
import { DELETE_BATCH, deleteStoredFiles } from './storage';

const DAY_MS = 24 * 3600_000;
/** How long a dropped file stays before it is looked at (a save in flight may still name it). */
export const RELEASE_GRACE_MS = DAY_MS;
const BATCH = DELETE_BATCH;
/** Batches per run; the next run takes the rest. */
const MAX_BATCHES = 20;
const OPEN_STATUSES: readonly RevisionStatus[] = ['draft', 'in_review', 'returned'];

async function countOf(db: Database, collection: string, filter: Record<string, unknown>): Promise<number> {
  return ((await db.collection(collection).where(filter).count()) as unknown as { total: number }).total;
}

/** Whether a course, an open revision or a contest entry's snapshot holds `fileID`. */
async function isHeld(db: Database, fileID: string): Promise<boolean> {
  const counts = await Promise.all([
    countOf(db, COLLECTIONS.courses, { 'files.fileID': fileID }),
    countOf(db, COLLECTIONS.courseRevisions, { 'fields.files.fileID': fileID, status: db.command.in([...OPEN_STATUSES]) }),
    countOf(db, COLLECTIONS.contestEntryCourses, { 'fields.files.fileID': fileID }),
  ]);
  return counts.some((count) => count > 0);
}

/** Deletes the released files nothing holds any more; returns how many left storage. */
export async function deleteReleasedFiles(db: Database, cloud: WxCloud, now: Date): Promise<number> {
  const cutoff = new Date(now.getTime() - RELEASE_GRACE_MS);
  let deleted = 0;
  for (let batch = 0; batch < MAX_BATCHES; batch += 1) {
    const { data } = (await db
      .collection(COLLECTIONS.releasedFiles)
      .where({ releasedAt: db.command.lt(cutoff) })
      .orderBy('releasedAt', 'asc')
      .limit(BATCH)
      .get()) as unknown as { data: ReleasedFileDoc[] };
    if (data.length === 0) break;
    const held = await Promise.all(data.map((doc) => isHeld(db, doc.fileID)));
    const unheld = data.filter((_, index) => !held[index]);
    let done = data.filter((_, index) => held[index]);
    if (unheld.length > 0) {
      const gone = await deleteStoredFiles(
        cloud,
        unheld.map((doc) => doc.fileID),
      );
      const removed = unheld.filter((doc) => gone.has(doc.fileID));
      deleted += removed.length;
      done = [...done, ...removed];
    }
    if (done.length === 0) throw new Error('could not delete released files');
    await db
      .collection(COLLECTIONS.releasedFiles)
      .where({ _id: db.command.in(done.map((doc) => doc._id)), releasedAt: db.command.lt(cutoff) })
      .remove();
    if (data.length < BATCH) break;
  }
  return deleted;
}
