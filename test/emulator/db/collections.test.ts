/**
 * Collections must exist before use. CloudBase answers DATABASE_COLLECTION_NOT_EXIST (-502005 in the SDK,
 * error code table https://docs.cloudbase.net/error-code/basic) for reads and writes to a collection never
 * created; collections come from the console, `db.createCollection`
 * (https://developers.weixin.qq.com/miniprogram/dev/wxcloud/reference-sdk-api/database/Database.createCollection.html)
 * or, locally, the declarations (database/collections.json or the `collections` option).
 * `$lookup` from a missing collection joins nothing, as in MongoDB.
 */
import fs from 'node:fs';
import type { TopLevelAnswer } from '../../../emulator/db';
import { CloudError } from '../../../emulator/protocol';
import { type DirectDb, openDirect, wire } from './direct';

let db: DirectDb;
beforeEach(() => {
  db = openDirect([{ name: 'declared', indexes: [{ name: 'by_n', keys: { n: 1 } }] }]);
});
afterEach(() => {
  db.service.close();
  fs.rmSync(db.dataDir, { recursive: true, force: true });
});

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (err) {
    if (err instanceof CloudError) return err.code;
    throw err;
  }
  throw new Error('expected the action to fail');
}

const ghost = { collectionName: 'ghost' };

test.each<[string, Record<string, unknown>]>([
  ['database.getDocument', { ...ghost, query: wire({}) }],
  ['database.calculateDocument', { ...ghost, query: wire({}) }],
  ['database.insertDocument', { ...ghost, data: [wire({ _id: 'a' })] }],
  ['database.modifyDocument', { ...ghost, query: wire({ _id: 'a' }), data: wire({ n: 1 }), merge: false, upsert: true }],
  ['database.modifyDocument', { ...ghost, query: wire({}), data: wire({ $set: { n: 1 } }), multi: true }],
  ['database.removeDocument', { ...ghost, query: wire({}), multi: true }],
  ['database.aggregateDocuments', { ...ghost, stages: [{ stageKey: '$match', stageValue: wire({}) }] }],
])('%s on a collection never created answers DATABASE_COLLECTION_NOT_EXIST', async (action, params) => {
  expect(await codeOf(db.call(action, params))).toBe('DATABASE_COLLECTION_NOT_EXIST');
  expect(db.service.collections()).not.toContain('ghost');
});

test('a write inside a transaction to a missing collection fails too', async () => {
  const started = (await db.call('database.startTransaction', {})) as TopLevelAnswer;
  const tx = started.fields.transactionId;
  expect(await codeOf(db.call('database.insertDocument', { ...ghost, transactionId: tx, data: [wire({ _id: 'a' })] }))).toBe('DATABASE_COLLECTION_NOT_EXIST');
});

test('seeding (insertDocuments) into a collection never created is refused too, and creates nothing', () => {
  expect(() => db.service.insertDocuments('ghost', [{ _id: 'a' }])).toThrow(expect.objectContaining({ code: 'DATABASE_COLLECTION_NOT_EXIST' }));
  expect(() => db.service.insertDocuments('ghost', [])).toThrow(expect.objectContaining({ code: 'DATABASE_COLLECTION_NOT_EXIST' }));
  expect(db.service.collections()).not.toContain('ghost');
});

test('declared collections exist as soon as the database opens, with their indexes usable', async () => {
  expect(db.service.collections()).toEqual(['declared']);
  expect(await db.query('declared', { n: 1 })).toEqual([]);
  expect(db.service.stats().plan).toBe('index:declared:by_n');
});

test('addCollection creates a collection once; a second time answers DATABASE_COLLECTION_ALREADY_EXIST', async () => {
  await db.call('database.addCollection', ghost);
  await db.call('database.insertDocument', { ...ghost, data: [wire({ _id: 'a', n: 1 })] });
  expect(await db.query('ghost', {})).toEqual([{ _id: 'a', n: 1 }]);
  expect(await codeOf(db.call('database.addCollection', ghost))).toBe('DATABASE_COLLECTION_ALREADY_EXIST');
});

test('created collections survive a restart', async () => {
  await db.call('database.addCollection', ghost);
  db.service.close();
  db = openDirect([], db.dataDir);
  expect(db.service.collections()).toEqual(['declared', 'ghost']);
});

test('$lookup from a missing collection joins nothing', async () => {
  await db.call('database.insertDocument', { collectionName: 'declared', data: [wire({ _id: 'a', n: 1 })] });
  const answer = (await db.call('database.aggregateDocuments', {
    collectionName: 'declared',
    stages: [{ stageKey: '$lookup', stageValue: wire({ from: 'ghost', localField: 'n', foreignField: 'n', as: 'joined' }) }],
  })) as { list: string[] };
  expect(answer.list.map((item) => JSON.parse(item))).toEqual([{ _id: 'a', n: { $numberInt: '1' }, joined: [] }]);
});
