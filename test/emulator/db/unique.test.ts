/**
 * Unique indexes treat a missing field as null, as MongoDB does: only one document may lack the field or
 * hold null (https://www.mongodb.com/docs/manual/core/index-unique/#missing-document-field-in-a-unique-single-field-index).
 * CloudBase's unique indexes are MongoDB's; the error is answered as DATABASE_REQUEST_FAILED (E11000).
 */
import fs from 'node:fs';
import { CloudError } from '../../../emulator/protocol';
import { type DirectDb, openDirect, wire } from './direct';

let db: DirectDb;
beforeEach(() => {
  db = openDirect([
    { name: 'codes', indexes: [{ name: 'code_unique', keys: { code: 1 }, unique: true }] },
    { name: 'pairs', indexes: [{ name: 'pair_unique', keys: { a: 1, b: 1 }, unique: true }] },
  ]);
});
afterEach(() => {
  db.service.close();
  fs.rmSync(db.dataDir, { recursive: true, force: true });
});

const insert = (collection: string, doc: Record<string, unknown>) => db.call('database.insertDocument', { collectionName: collection, data: [wire(doc)] });

async function refused(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (err) {
    if (err instanceof CloudError) return `${err.code} ${err.message}`;
    throw err;
  }
  return 'accepted';
}

test('only one document may lack the field or hold null', async () => {
  await insert('codes', { _id: 'missing' });
  expect(await refused(insert('codes', { _id: 'missing2' }))).toMatch(/^DATABASE_REQUEST_FAILED E11000 duplicate key/);
  expect(await refused(insert('codes', { _id: 'null', code: null }))).toMatch(/E11000/);
  expect(db.service.listDocuments('codes').map((d) => d._id)).toEqual(['missing']);
});

test('equal values collide; booleans, numbers and strings stay distinct', async () => {
  for (const [id, code] of [
    ['t', true],
    ['one', 1],
    ['s1', '1'],
    ['f', false],
    ['zero', 0],
    ['arr', [1]],
    ['str', '[1]'],
  ] as const) {
    await insert('codes', { _id: id, code });
  }
  expect(await refused(insert('codes', { _id: 'one-again', code: 1 }))).toMatch(/E11000/);
  expect(await refused(insert('codes', { _id: 'one-double', code: 1.0 }))).toMatch(/E11000/);
  expect(await refused(insert('codes', { _id: 't-again', code: true }))).toMatch(/E11000/);
  expect(db.service.listDocuments('codes')).toHaveLength(7);
});

test('an update that removes the field is refused when another document already lacks it', async () => {
  await insert('codes', { _id: 'a' });
  await insert('codes', { _id: 'b', code: 'x' });
  const update = db.call('database.modifyDocument', { collectionName: 'codes', query: wire({ _id: 'b' }), data: wire({ $unset: { code: '' } }) });
  expect(await refused(update)).toMatch(/E11000/);
  expect(db.service.getDocument('codes', 'b')).toEqual({ _id: 'b', code: 'x' });
});

test('compound unique indexes treat missing parts as null too', async () => {
  await insert('pairs', { _id: 'p1', a: 1 });
  await insert('pairs', { _id: 'p2', a: 2 });
  expect(await refused(insert('pairs', { _id: 'p3', a: 1, b: null }))).toMatch(/E11000/);
  await insert('pairs', { _id: 'p4', a: 1, b: 2 });
  expect(db.service.listDocuments('pairs')).toHaveLength(3);
});
