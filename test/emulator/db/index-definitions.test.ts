/**
 * The SQL behind declared indexes. Every index reads the row's `keys` column (the document's indexed fields),
 * so an update that leaves those fields as they were maintains no index; a write evaluates index expressions
 * without making SQLite build a temporary table (an `IN` list of more than two constants would); and a data
 * folder of an older version (indexes reading `body`, other expressions, no `keys` column) is brought up to
 * date when it is opened, its documents found through the new indexes.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { CollectionDeclaration } from '../../../emulator/db';
import { Store } from '../../../emulator/db/store';
import { makeTempDir } from '../../helpers/local-cloud';
import { openDirect, wire } from './direct';

const DECLARED: CollectionDeclaration[] = [
  {
    name: 'people',
    indexes: [
      { name: 'dept_1_score_-1', keys: { dept: 1, score: -1 } },
      { name: 'roles.role_1', keys: { 'roles.role': 1 } },
      { name: 'code_1', keys: { code: 1 }, unique: true },
    ],
  },
];

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

function folder(): string {
  const dir = makeTempDir('weike-index-sql-');
  dirs.push(dir);
  return dir;
}

const opcodes = (db: Database.Database, sql: string, params: unknown[]): string[] =>
  (db.prepare(`EXPLAIN ${sql}`).all(...params) as Array<{ opcode: string }>).map((row) => row.opcode);

test('an update that leaves the indexed fields as they were maintains no index; other writes build no temporary table', () => {
  const store = new Store(folder(), DECLARED);
  try {
    const table = '"coll:people"';
    const kept = opcodes(store.db, `UPDATE ${table} SET body = ?, version = ? WHERE id = ? AND keys IS ?`, ['{}', 1, 'a', '{}']);
    expect(kept).not.toContain('IdxInsert');
    expect(kept).not.toContain('IdxDelete');
    const writes: Array<[string, unknown[]]> = [
      [
        `INSERT INTO ${table} (id, body, version, keys) VALUES (?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET body = excluded.body, version = excluded.version, keys = excluded.keys`,
        ['a', '{}', 1, '{}'],
      ],
      [`DELETE FROM ${table} WHERE id = ?`, ['a']],
    ];
    for (const [sql, params] of writes) {
      const ops = opcodes(store.db, sql, params);
      expect(ops).toContain('IdxDelete');
      expect(ops).not.toContain('OpenEphemeral');
    }
  } finally {
    store.close();
  }
});

test('an update of an indexed field moves the document in the index; one of another field keeps it found', async () => {
  const db = openDirect(DECLARED, folder());
  try {
    db.service.insertDocuments('people', [{ _id: 'a', dept: 'd1', score: 1, code: 1, note: 'x' }]);
    const byDept = async (dept: string) => (await db.query('people', { dept })).map((doc) => doc._id);
    await db.call('database.modifyDocument', { collectionName: 'people', query: wire({ _id: 'a' }), data: wire({ $set: { note: 'y' } }) });
    expect(await byDept('d1')).toEqual(['a']);
    expect(db.service.stats().plan).toBe('index:people:dept_1_score_-1');
    await db.call('database.modifyDocument', { collectionName: 'people', query: wire({ _id: 'a' }), data: wire({ $set: { dept: 'd2' } }) });
    expect(await byDept('d1')).toEqual([]);
    expect(await byDept('d2')).toEqual(['a']);
    expect(db.service.getDocument('people', 'a')).toEqual({ _id: 'a', dept: 'd2', score: 1, code: 1, note: 'y' });
  } finally {
    db.service.close();
  }
});

test('a data folder of an older version gets the current indexes, and its documents are found through them', async () => {
  const dataDir = folder();
  const first = new Store(dataDir, DECLARED);
  const current = (first.db.prepare("SELECT sql FROM sqlite_master WHERE name = 'ord:people:roles.role'").get() as { sql: string }).sql;
  first.close();
  // As an older version left it: no `keys` column, an index reading `body` with an IN list, rows written then.
  const old = new Database(path.join(dataDir, 'db.sqlite'));
  for (const { name } of old.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'coll:people' AND sql IS NOT NULL").all() as Array<{
    name: string;
  }>)
    old.exec(`DROP INDEX "${name}"`);
  old.exec('ALTER TABLE "coll:people" DROP COLUMN keys');
  old.exec(`CREATE INDEX "ord:people:roles.role" ON "coll:people" (id) WHERE json_type(body, '$.roles') IN ('array', 'true', 'false')`);
  const insert = old.prepare('INSERT INTO "coll:people" (id, body, version) VALUES (?, ?, 1)');
  insert.run('a', JSON.stringify({ _id: 'a', roles: [{ role: 'trainer' }], dept: 'd1', code: 1 }));
  insert.run('b', JSON.stringify({ _id: 'b', roles: [], dept: 'd1', code: 2 }));
  old.close();

  const db = openDirect(DECLARED, dataDir);
  try {
    db.service.insertDocuments('people', [{ _id: 'c', roles: { role: 'trainer' }, dept: 'd2', code: 3 }]);
    expect((await db.query('people', { 'roles.role': 'trainer' })).map((doc) => doc._id)).toEqual(['a', 'c']);
    expect(db.service.stats().plan).toBe('index:people:roles.role_1');
    expect((await db.query('people', { dept: 'd1' })).map((doc) => doc._id)).toEqual(['a', 'b']);
    expect(db.service.stats().plan).toBe('index:people:dept_1_score_-1');
    // The unique index holds the rows of before too.
    await expect(db.call('database.insertDocument', { collectionName: 'people', data: [wire({ _id: 'd', code: 2 })] })).rejects.toThrow(/duplicate key/);
  } finally {
    db.service.close();
  }
  const reopened = new Database(path.join(dataDir, 'db.sqlite'), { readonly: true });
  try {
    expect((reopened.prepare("SELECT sql FROM sqlite_master WHERE name = 'ord:people:roles.role'").get() as { sql: string }).sql).toBe(current);
    expect(current).not.toContain("IN ('array'");
  } finally {
    reopened.close();
  }
});
