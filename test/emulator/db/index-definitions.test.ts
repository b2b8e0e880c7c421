/**
 * The SQL behind declared indexes: a write evaluates every index's expressions, so they must not make SQLite
 * build a temporary table on each write (an `IN` list of more than two constants does), and a data folder
 * whose indexes were created with other expressions gets them replaced when it is opened.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { CollectionDeclaration } from '../../../emulator/db';
import { Store } from '../../../emulator/db/store';
import { makeTempDir } from '../../helpers/local-cloud';
import { openDirect } from './direct';

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

test('writing (insert or update) and deleting a document of an indexed collection builds no temporary table', () => {
  const store = new Store(folder(), DECLARED);
  try {
    const table = '"coll:people"';
    const writes: Array<[string, unknown[]]> = [
      [
        `INSERT INTO ${table} (id, body, version) VALUES (?, ?, ?) ON CONFLICT(id) DO UPDATE SET body = excluded.body, version = excluded.version`,
        ['a', '{}', 1],
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

test('a data folder whose index was created with other expressions gets the current one, and queries use it', async () => {
  const dataDir = folder();
  const first = new Store(dataDir, DECLARED);
  const current = (first.db.prepare("SELECT sql FROM sqlite_master WHERE name = 'ord:people:roles.role'").get() as { sql: string }).sql;
  first.close();
  // An older definition of the same index: the same documents, written as an IN list.
  const old = new Database(path.join(dataDir, 'db.sqlite'));
  old.exec('DROP INDEX "ord:people:roles.role"');
  old.exec(`CREATE INDEX "ord:people:roles.role" ON "coll:people" (id) WHERE json_type(body, '$.roles') IN ('array', 'true', 'false')`);
  old.close();

  const db = openDirect(DECLARED, dataDir);
  try {
    db.service.insertDocuments('people', [
      { _id: 'a', roles: [{ role: 'trainer' }], code: 1 },
      { _id: 'b', roles: [], code: 2 },
      { _id: 'c', roles: { role: 'trainer' }, code: 3 },
    ]);
    const found = await db.query('people', { 'roles.role': 'trainer' });
    expect(found.map((doc) => doc._id).sort()).toEqual(['a', 'c']);
    expect(db.service.stats().plan).toBe('index:people:roles.role_1');
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
