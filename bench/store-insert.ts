/**
 * CPU per insert straight into `Store.write` (emulator/db/store.ts), no protocol action and no HTTP, split by
 * what SQLite maintains: no index at all, only the ordered `ox:` indexes of members' declared indexes
 * (database/collections.json), plus the per-field partial indexes (`arrs:`, `ord:`), plus a unique `ux:` index;
 * at page sizes 1024, 2048 and 4096. Each variant runs ROUNDS times, interleaved, in a fresh data folder;
 * the median is printed. `npx tsx bench/store-insert.ts`.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import collections from '../database/collections.json';
import { type CollectionDeclaration, Store } from '../emulator/db/store';
import { cpuMicros, type Recorder, runAlone } from './harness';

const WARM = 2000;
const INSERTS = 10_000;
const ROUNDS = 3;
const PAGE_SIZES = [1024, 2048, 4096];

const members = (collections as { collections: CollectionDeclaration[] }).collections.find((c) => c.name === 'members') as CollectionDeclaration;

export type Variant = 'no index' | 'ox only' | 'ox + partial' | 'ox + partial + ux';
const VARIANTS: Variant[] = ['no index', 'ox only', 'ox + partial', 'ox + partial + ux'];

function declaration(variant: Variant): CollectionDeclaration {
  if (variant === 'no index') return { name: 'members', indexes: [] };
  if (variant !== 'ox + partial + ux') return members;
  // The last declared index made unique: (active, _id) is unique for any documents.
  const indexes = members.indexes ?? [];
  return { name: 'members', indexes: [...indexes.slice(0, -1), { ...indexes[indexes.length - 1], unique: true }] };
}

/** How many inserts the WAL frames per insert are counted over (after the measured ones). */
const COUNTED = 1000;

/**
 * CPU microseconds per insert of one variant at one page size, in a fresh data folder (`open` makes the store),
 * and the WAL frames (pages written) per insert: automatic checkpoints off, the WAL emptied, COUNTED inserts.
 */
export function measure(
  variant: Variant,
  pageSize: number,
  open = (dataDir: string, declarations: CollectionDeclaration[]) => new Store(dataDir, declarations),
): { micros: number; frames: number } {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'weike-bench-store-insert-'));
  try {
    // A new database takes its page size before its first table (and before WAL mode, which the store enters).
    const seed = new Database(path.join(dataDir, 'db.sqlite'));
    seed.pragma(`page_size = ${pageSize}`);
    seed.exec('CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value INTEGER NOT NULL)');
    seed.close();
    const store = open(dataDir, [declaration(variant)]);
    try {
      if (variant === 'ox only') {
        const partial = store.db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND (name LIKE 'arrs:%' OR name LIKE 'ord:%')").all() as Array<{
          name: string;
        }>;
        for (const { name } of partial) store.db.exec(`DROP INDEX "${name}"`);
      }
      const insert = (i: number) =>
        store.write([
          { collection: 'members', id: `bench-${i}`, doc: { _id: `bench-${i}`, name: '压测', departmentId: 'd1', active: true, roles: [] }, fresh: true },
        ]);
      for (let i = 0; i < WARM; i += 1) insert(i);
      const before = process.cpuUsage();
      for (let i = WARM; i < WARM + INSERTS; i += 1) insert(i);
      const micros = cpuMicros(process.cpuUsage(before)) / INSERTS;
      store.db.pragma('wal_autocheckpoint = 0');
      store.db.pragma('wal_checkpoint(TRUNCATE)');
      for (let i = WARM + INSERTS; i < WARM + INSERTS + COUNTED; i += 1) insert(i);
      const [{ log }] = store.db.pragma('wal_checkpoint(PASSIVE)') as Array<{ log: number }>;
      return { micros, frames: log / COUNTED };
    } finally {
      store.close();
    }
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

export async function run(record: Recorder): Promise<void> {
  const results = new Map<string, Array<{ micros: number; frames: number }>>();
  for (let round = 0; round < ROUNDS; round += 1) {
    for (const pageSize of PAGE_SIZES) {
      for (const variant of VARIANTS) {
        const key = `${variant}, page ${pageSize}`;
        results.set(key, [...(results.get(key) ?? []), measure(variant, pageSize)]);
      }
    }
  }
  for (const [key, figures] of results) {
    const sorted = figures.map((f) => f.micros).sort((a, b) => a - b);
    record(
      `Store.write: CPU per insert, ${key}`,
      `${(sorted[Math.floor(sorted.length / 2)] / 1000).toFixed(4)} ms`,
      `median of ${ROUNDS} (${sorted.map((f) => (f / 1000).toFixed(4)).join(', ')}), ${INSERTS} inserts after ${WARM}; ${figures[0].frames.toFixed(2)} WAL frames per insert`,
    );
  }
}

runAlone(module, run);
