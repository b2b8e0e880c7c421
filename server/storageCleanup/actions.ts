/**
 * Timer function `storageCleanup`: deletes export files older than a day (server/core/workbook.ts records
 * each one in `exportFiles`, so nothing lists storage), take-away files courses dropped that nothing holds any
 * more (./released.ts), and expired short-lived documents (./expired.ts). Every hour; an admin can run it by hand with `run`.
 * The file goes first, then its record: a crash between the two leaves a record whose file is gone, which
 * the next run finds and clears (CloudBase answers a missing file per entry, not as a failure).
 * Deleting goes through ./storage.ts.
 */
import type { StorageCleanupResult } from '../../typings/functions/storage';
import { storageCleanupContracts } from '../../typings/functions/storage';
import { COLLECTIONS, defineAction, defineFunction } from '../core';
import type { Database, WxCloud } from '../core';
import { withTimer } from '../core/timer';
import type { ExportFileDoc } from '../../typings/docs/storage';
import { EXPORT_LIFETIME_MS } from '../core/workbook';
import { deleteExpiredDocuments } from './expired';
import { deleteReleasedFiles } from './released';
import { DELETE_BATCH, deleteStoredFiles } from './storage';

const BATCH = DELETE_BATCH;
/** Batches per run, so one run stays well inside the function's timeout; the next run takes the rest. */
const MAX_BATCHES = 40;

export async function deleteExpiredExports(db: Database, cloud: WxCloud, now: Date): Promise<number> {
  const cutoff = new Date(now.getTime() - EXPORT_LIFETIME_MS);
  let deleted = 0;
  for (let batch = 0; batch < MAX_BATCHES; batch += 1) {
    const { data } = (await db
      .collection(COLLECTIONS.exportFiles)
      .where({ createdAt: db.command.lt(cutoff) })
      .orderBy('createdAt', 'asc')
      .limit(BATCH)
      .get()) as unknown as { data: ExportFileDoc[] };
    if (data.length === 0) break;
    const gone = await deleteStoredFiles(
      cloud,
      data.map((doc) => doc.fileID),
    );
    const done = data.filter((doc) => gone.has(doc.fileID));
    if (done.length === 0) throw new Error(`could not delete export files: ${data.map((doc) => doc.fileID).join(', ')}`);
    await db
      .collection(COLLECTIONS.exportFiles)
      .where({ _id: db.command.in(done.map((doc) => doc._id)) })
      .remove();
    deleted += done.length;
    if (data.length < BATCH) break;
  }
  return deleted;
}

/**
 * One cleanup run: old export files, take-away files no course holds any more (./released.ts), then expired
 * short-lived documents (./expired.ts).
 */
export async function cleanUp(db: Database, cloud: WxCloud, now: Date): Promise<StorageCleanupResult> {
  const deleted = (await deleteExpiredExports(db, cloud, now)) + (await deleteReleasedFiles(db, cloud, now));
  return { deleted, expired: await deleteExpiredDocuments(db, now) };
}

export const run = defineAction({
  ...storageCleanupContracts.run,
  roles: ['admin'],
  handler: ({ db, cloud, now }) => cleanUp(db, cloud, now()),
});

export const storageCleanupFunction = withTimer(defineFunction({ name: 'storageCleanup', actions: { run } }), cleanUp);
