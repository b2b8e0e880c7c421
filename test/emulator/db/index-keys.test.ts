/**
 * The index columns computed in JavaScript when a row is written (emulator/db/index-keys.ts `indexEntry`) hold
 * what the SQL definition over the `keys` column (`keyExpressions`, SQLite's JSON functions) computes, over
 * generated documents: dates of 20 and 24 characters and look-alikes, empty and filled arrays on the path and
 * at its end, nested paths through arrays, booleans, nulls, numbers, strings and other objects.
 * One difference, on purpose: SQLite's conversion of a JSON number's text to a double is not always the nearest
 * double (it can be one or two units in the last place off for magnitudes far from 1), where JavaScript's is;
 * the column holds the document's own number, which is what a query's bound parameter is compared with.
 * Then: a data folder of the previous version, whose indexes evaluated that SQL on every write, gets the columns
 * filled when it is opened; and an insert refused on its `_id` (the store no longer reads the id first) writes nothing.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import fc from 'fast-check';
import type { CollectionDeclaration } from '../../../emulator/db';
import { encodeStored } from '../../../emulator/db/codec';
import { indexEntry, indexField, type Json, keyExpressions } from '../../../emulator/db/index-keys';
import { Store } from '../../../emulator/db/store';
import { makeTempDir } from '../../helpers/local-cloud';
import { openDirect, wire } from './direct';

const FIELDS = ['a', 'a.b', 'a.b.c', 'x'];

const text = fc.oneof(fc.string(), fc.string({ unit: 'grapheme' }), fc.constantFrom('', 'a', '0', '2024-01-01T00:00:00Z'));
const dateLike: fc.Arbitrary<Json> = fc.oneof(
  // As relaxed EJSON stores dates: with and without milliseconds, or as $numberLong outside 1970-9999.
  fc.date({ min: new Date(0), max: new Date('9999-12-31T23:59:59.999Z'), noInvalidDate: true }).map((d) => ({ $date: d.toISOString() })),
  fc.date({ min: new Date(0), max: new Date('9999-12-31T23:59:59.999Z'), noInvalidDate: true }).map((d) => ({ $date: `${d.toISOString().slice(0, 19)}Z` })),
  fc.integer().map((n) => ({ $date: { $numberLong: String(n) } })),
  // Look-alikes: other lengths, other characters of the right length, another key beside it.
  fc.string({ minLength: 18, maxLength: 26 }).map((s) => ({ $date: s })),
  fc.string({ unit: 'grapheme', minLength: 19, maxLength: 25 }).map((s) => ({ $date: s })),
  fc
    .constantFrom(
      'aaaaaaaaaaaaaaaaaaa\n',
      'aaaaaaaaaaaaaaaaaaaaaaa\u0000',
      'aaaaaaaaaaaaaaaaaaa\u0000bbbb',
      'aaaaaaaaaaaaaaaaaaaa\u0000bbb',
      '2024-01-01T00:00:00é',
    )
    .map((s) => ({ $date: s })),
  fc.date({ min: new Date(0), max: new Date('9999-12-31T23:59:59.999Z'), noInvalidDate: true }).map((d) => ({ $date: d.toISOString(), other: 1 })),
);
const leaf: fc.Arbitrary<Json> = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.constantFrom(0, -0, 2 ** 53 + 2, 2 ** 63, 1e21, -1e-7),
  text,
  dateLike,
);
const value: fc.Arbitrary<Json> = fc.letrec<{ node: Json }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leaf,
    fc.array(tie('node'), { maxLength: 3 }),
    fc.dictionary(fc.constantFrom('a', 'b', 'c', 'x', '$date'), tie('node'), { maxKeys: 3 }),
  ),
})).node;
const documents = fc.dictionary(fc.constantFrom('a', 'x', '_id'), value, { maxKeys: 3 });

test('the JavaScript index entry of every field equals the SQL expressions over the stored JSON', () => {
  const db = new Database(':memory:');
  try {
    const statements = FIELDS.map((field) => {
      const { key, marks } = keyExpressions(field);
      return { field: indexField(field), select: db.prepare(`SELECT ${key} AS key, ${marks} AS marks FROM (SELECT ? AS keys)`) };
    });
    fc.assert(
      fc.property(documents, (doc) => {
        const stored = JSON.stringify(doc);
        const tree = JSON.parse(stored) as Json;
        for (const { field, select } of statements) {
          const expected = select.get(stored) as { key: unknown; marks: number };
          const entry = indexEntry(tree, field);
          if (typeof entry.key === 'number' && typeof expected.key === 'number' && entry.key !== expected.key) {
            expect(Math.abs(entry.key - expected.key)).toBeLessThanOrEqual(Math.abs(entry.key) * 4 * Number.EPSILON);
            expected.key = entry.key;
          }
          expect({ field: field.field, ...entry }).toEqual({ field: field.field, key: expected.key, marks: expected.marks });
        }
      }),
      { numRuns: 3000 },
    );
  } finally {
    db.close();
  }
});

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});
function folder(): string {
  const dir = makeTempDir('weike-index-keys-');
  dirs.push(dir);
  return dir;
}

const DECLARED: CollectionDeclaration[] = [
  {
    name: 'events',
    indexes: [
      { name: 'at_1', keys: { at: 1 } },
      { name: 'tags.t_1', keys: { 'tags.t': 1 } },
    ],
  },
];

test("a data folder of the previous version (indexes over JSON functions of `keys`, no key columns) gets its rows' columns and is found through them", async () => {
  const dataDir = folder();
  const docs = [
    { _id: 'a', at: new Date('2026-01-02T03:04:05.000Z'), tags: [{ t: 'x' }] },
    { _id: 'b', at: new Date('2026-01-03T00:00:00.123Z'), tags: [] },
    { _id: 'c', at: 'not a date', tags: { t: 'x' } },
    { _id: 'd', at: true },
  ];
  // As the previous version left it: the table without key columns, its indexes reading `keys` through the
  // SQL definition, rows written with their indexed fields in `keys`.
  const old = new Database(path.join(dataDir, 'db.sqlite'));
  old.pragma('journal_mode = WAL');
  old.exec('CREATE TABLE collections (name TEXT PRIMARY KEY)');
  old.exec("INSERT INTO collections (name) VALUES ('events')");
  old.exec('CREATE TABLE "coll:events" (id TEXT PRIMARY KEY, body TEXT NOT NULL, version INTEGER NOT NULL, keys TEXT)');
  const at = keyExpressions('at');
  old.exec(`CREATE INDEX "ox:events:at_1" ON "coll:events" (${at.key})`);
  const insert = old.prepare('INSERT INTO "coll:events" (id, body, version, keys) VALUES (?, ?, 1, ?)');
  for (const doc of docs) {
    const { _id, ...rest } = doc;
    const body = encodeStored(doc);
    insert.run(_id, body, encodeStored({ _id, ...rest }));
  }
  old.close();

  const db = openDirect(DECLARED, dataDir);
  try {
    const ids = async (filter: object, extra: Record<string, unknown> = {}) => (await db.query('events', filter, extra)).map((doc) => doc._id);
    expect(await ids({ at: { $gte: new Date('2026-01-03T00:00:00.000Z') } })).toEqual(['b']);
    expect(db.service.stats().plan).toBe('index:events:at_1');
    expect(await ids({ 'tags.t': 'x' })).toEqual(['a', 'c']);
    expect(db.service.stats().plan).toBe('index:events:tags.t_1');
    // MongoDB's order, descending: dates, then booleans, then strings; the boolean and the string found through the markers.
    expect(await ids({ at: { $exists: true } }, { order: wire({ at: -1 }), limit: 4 })).toEqual(['b', 'a', 'd', 'c']);
  } finally {
    db.service.close();
  }
  // Every row's columns hold what a write computes now.
  const reopened = new Database(path.join(dataDir, 'db.sqlite'), { readonly: true });
  try {
    for (const field of ['at', 'tags.t'].map(indexField)) {
      const rows = reopened.prepare(`SELECT keys, ${field.keyColumn} AS key, ${field.marksColumn} AS marks FROM "coll:events" ORDER BY rowid`).all() as Array<{
        keys: string;
        key: unknown;
        marks: number;
      }>;
      expect(rows).toHaveLength(docs.length);
      for (const row of rows) expect({ key: row.key, marks: row.marks }).toEqual(indexEntry(JSON.parse(row.keys) as Json, field));
    }
  } finally {
    reopened.close();
  }
});

test('an _id stored already, or twice in one list, refuses the whole insert and writes nothing', async () => {
  const db = openDirect(DECLARED, folder());
  try {
    const insert = (docs: object[]) => db.call('database.insertDocument', { collectionName: 'events', data: docs.map(wire) });
    await insert([{ _id: 'a', at: 1 }]);
    const before = db.service.commitSequence();
    await expect(insert([{ _id: 'n1' }, { _id: 'a' }])).rejects.toThrow('E11000 duplicate key error collection: events index: _id_ dup key: { _id: "a" }');
    await expect(insert([{ _id: 'n2' }, { _id: 'n2', at: 2 }])).rejects.toThrow('dup key: { _id: "n2" }');
    expect(db.service.commitSequence()).toBe(before);
    expect(db.service.listDocuments('events')).toEqual([{ _id: 'a', at: 1 }]);
  } finally {
    db.service.close();
  }
});

test('booleans order between strings and dates in the index, as MongoDB sorts them, and enter no partial index', async () => {
  const values = [true, 'b', 3, null, false, new Date('2026-01-01T00:00:00Z'), 'a', -1, new Date('2025-06-01T12:00:00.5Z'), true, [2], { x: 1 }];
  const db = openDirect([
    { name: 'mixed', indexes: [{ name: 'v_1', keys: { v: 1 } }] },
    { name: 'plain', indexes: [] },
  ]);
  try {
    const docs = values.map((v, i) => ({ _id: `d${i}`, v }));
    db.service.insertDocuments('mixed', docs);
    db.service.insertDocuments('plain', docs);
    for (const direction of [1, -1]) {
      for (const limit of [1, 3, 7, 20]) {
        const page = async (collection: string) => (await db.query(collection, {}, { order: wire({ v: direction }), limit })).map((doc) => doc._id);
        const indexed = await page('mixed');
        expect(db.service.stats().plan).toBe('index:mixed:v_1+sort');
        expect(indexed).toEqual(await page('plain'));
      }
    }
    for (const filter of [{ v: true }, { v: false }, { v: 1 }, { v: { $in: [true, 'a'] } }, { v: { $lt: new Date('2026-01-01T00:00:00Z') } }]) {
      expect((await db.query('mixed', filter)).map((doc) => doc._id)).toEqual((await db.query('plain', filter)).map((doc) => doc._id));
    }
  } finally {
    db.service.close();
  }
  const store = new Store(folder(), [{ name: 'flags', indexes: [{ name: 'on_1', keys: { on: 1 } }] }]);
  try {
    store.write([0, 1, 2].map((i) => ({ collection: 'flags', id: `f${i}`, doc: { _id: `f${i}`, on: i !== 1 }, fresh: true })));
    const count = (index: string, where: string) =>
      (store.db.prepare(`SELECT count(*) AS n FROM "coll:flags" INDEXED BY "${index}" WHERE ${where}`).get() as { n: number }).n;
    const on = indexField('on');
    expect(count('ox:flags:on_1', `${on.key} IS NOT NULL`)).toBe(3);
    expect(count('ord:flags:on', on.unordered)).toBe(0);
    expect(count('arrs:flags:on', on.arrayOnPath)).toBe(0);
  } finally {
    store.close();
  }
});

test('an index dropped and created again finds the values written while it was gone', async () => {
  const db = openDirect([{ name: 'tasks', indexes: [] }]);
  try {
    const { management } = db.service;
    db.service.insertDocuments('tasks', [
      { _id: 't1', owner: 'a' },
      { _id: 't2', owner: 'b' },
    ]);
    management.createIndex('tasks', { name: 'owner_1', keys: { owner: 1 } });
    const owners = async (owner: unknown) => (await db.query('tasks', { owner })).map((doc) => doc._id);
    expect(await owners('a')).toEqual(['t1']);
    management.dropIndex('tasks', 'owner_1');
    // Written while no index reads the field: its columns are not kept.
    await db.call('database.modifyDocument', { collectionName: 'tasks', query: wire({ _id: 't1' }), data: wire({ $set: { owner: true } }) });
    db.service.insertDocuments('tasks', [{ _id: 't3', owner: 'a' }]);
    management.createIndex('tasks', { name: 'owner_1', keys: { owner: 1 } });
    expect(await owners('a')).toEqual(['t3']);
    expect(db.service.stats().plan).toBe('index:tasks:owner_1');
    expect(await owners(true)).toEqual(['t1']);
  } finally {
    db.service.close();
  }
});
