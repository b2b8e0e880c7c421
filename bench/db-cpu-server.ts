/**
 * The local cloud alone in its own process, for bench/db-cpu.ts and bench/vote-crowd.ts: it prints its URL,
 * and answers `usage` over IPC with its CPU time, so the server's share of a database operation is measured
 * apart from the SDK's, `operations` with the database operations it served, and `{ insert: { collection, docs } }`
 * by inserting the documents in bulk (a bench's seed, not counted as operations) with `{ inserted }`.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startLocalCloud } from '../emulator/server';

async function main(): Promise<void> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'weike-bench-dbcpu-'));
  const cloud = await startLocalCloud({ dataDir, port: 0 });
  process.on('message', (message: unknown) => {
    if (message === 'usage') process.send?.({ usage: process.cpuUsage() });
    if (message === 'operations') process.send?.({ operations: cloud.actions.databaseOperations() });
    if (typeof message === 'object' && message !== null && 'insert' in message) {
      const { collection, docs } = (message as { insert: { collection: string; docs: Record<string, unknown>[] } }).insert;
      cloud.database.insertDocuments(collection, docs);
      process.send?.({ inserted: docs.length });
    }
    if (message === 'stop') {
      void cloud.close().then(() => {
        fs.rmSync(dataDir, { recursive: true, force: true });
        process.exit(0);
      });
    }
  });
  process.send?.({ url: cloud.url });
}

void main();
