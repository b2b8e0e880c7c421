/**
 * The commit sequence (emulator/db/store.ts) is kept in memory and stored on close only: a data folder left
 * by a crash resumes above every row's version, so a transaction started after the restart sees every
 * committed document as of its snapshot and conflicts with later writes only.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { TopLevelAnswer } from '../../../emulator/db';
import { makeTempDir } from '../../helpers/local-cloud';
import { openDirect, wire } from './direct';

const COLLECTIONS = [{ name: 'items' }, { name: 'other' }];

test('a data folder copied mid-run, as a crash leaves it, resumes the sequence above every version', async () => {
  const running = openDirect(COLLECTIONS);
  const copy = makeTempDir('weike-db-crash-');
  try {
    running.service.insertDocuments('items', [{ _id: 'a', n: 1 }]);
    running.service.insertDocuments('other', [{ _id: 'b', n: 1 }]);
    await running.call('database.modifyDocument', { collectionName: 'items', query: wire({ _id: 'a' }), data: wire({ $set: { n: 2 } }), merge: true });
    const sequence = running.service.commitSequence();
    expect(sequence).toBeGreaterThanOrEqual(3);
    // The files as they are on disk while the process runs (the WAL holds the commits; no close wrote `meta`).
    for (const name of fs.readdirSync(running.dataDir)) fs.copyFileSync(path.join(running.dataDir, name), path.join(copy, name));

    const restarted = openDirect(COLLECTIONS, copy);
    try {
      expect(restarted.service.commitSequence()).toBe(sequence);
      expect(await restarted.query('items', { _id: 'a' })).toEqual([{ _id: 'a', n: 2 }]);
      const started = (await restarted.call('database.startTransaction', {})) as TopLevelAnswer;
      const transactionId = started.fields.transactionId;
      const read = (await restarted.call('database.getDocument', { collectionName: 'items', query: wire({ _id: 'a' }), transactionId })) as { list: string[] };
      expect(read.list).toHaveLength(1);
      await restarted.call('database.modifyDocument', {
        collectionName: 'items',
        query: wire({ _id: 'a' }),
        data: wire({ $set: { n: 3 } }),
        merge: true,
        transactionId,
      });
      await restarted.call('database.commitTransaction', { transactionId });
      expect(await restarted.query('items', { _id: 'a' })).toEqual([{ _id: 'a', n: 3 }]);
      expect(restarted.service.commitSequence()).toBe(sequence + 1);
    } finally {
      restarted.service.close();
    }
  } finally {
    running.service.close();
    fs.rmSync(running.dataDir, { recursive: true, force: true });
    fs.rmSync(copy, { recursive: true, force: true });
  }
});

test('a clean close keeps the sequence, deletions included', async () => {
  const first = openDirect(COLLECTIONS);
  try {
    first.service.insertDocuments('items', [{ _id: 'a' }, { _id: 'b' }]);
    await first.call('database.removeDocument', { collectionName: 'items', query: wire({ _id: 'b' }), multi: false });
    const sequence = first.service.commitSequence();
    first.service.close();
    const reopened = openDirect(COLLECTIONS, first.dataDir);
    try {
      expect(reopened.service.commitSequence()).toBe(sequence);
    } finally {
      reopened.service.close();
    }
  } finally {
    fs.rmSync(first.dataDir, { recursive: true, force: true });
  }
});
