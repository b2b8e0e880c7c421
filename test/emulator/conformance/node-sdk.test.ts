/**
 * @cloudbase/node-sdk's own result shapes, as it answers them without the conformance harness's adapter
 * (test/emulator/conformance/harness.ts), which every other conformance suite runs through: this file pins
 * what the adapter relies on. get answers `{ data: [...] }` also for doc(), writes answer `updated` /
 * `upsertedId` / `deleted`, aggregate answers `{ data }`, server error codes are thrown as they are, and
 * geometries are classes.
 * Reference: https://docs.cloudbase.net/api-reference/server/node-sdk/database/collection (and .../doc,
 * .../aggregate, .../transaction pages of the same section).
 */
import { startTestCloud, type TestCloud } from '../../helpers/local-cloud';
import { type Doc, type Op, uniqueCollectionName } from './harness';

/** The slice of @cloudbase/node-sdk this smoke test drives (its typings are broader than its behaviour). */
interface NodeQuery {
  where(condition: unknown): NodeQuery;
  orderBy(field: string, direction: 'asc' | 'desc'): NodeQuery;
  get(): Promise<{ data: Doc[] }>;
  count(): Promise<{ total: number }>;
  update(data: Doc): Promise<{ updated: number }>;
  remove(): Promise<{ deleted: number }>;
}
interface NodeDoc {
  get(): Promise<{ data: Doc[] | Doc | null }>;
  set(data: Doc): Promise<{ updated: number; upsertedId?: string }>;
  update(data: Doc): Promise<{ updated: number }>;
  remove(): Promise<{ deleted: number }>;
}
interface NodeCollection extends NodeQuery {
  doc(id: string): NodeDoc;
  add(data: Doc | Doc[]): Promise<{ id?: string; ids?: string[] }>;
}
interface NodeTransaction {
  collection(name: string): { doc(id: string): NodeDoc; add(data: Doc): Promise<{ id?: string }> };
  rollback(reason?: unknown): Promise<unknown>;
}
interface NodeDb {
  command: Record<string, Op> & { aggregate: Record<string, Op> };
  createCollection(name: string): Promise<unknown>;
  collection(name: string): NodeCollection;
  runTransaction<T>(run: (transaction: NodeTransaction) => Promise<T>, times?: number): Promise<T>;
}

let testCloud: TestCloud;
let db: NodeDb;
let col: NodeCollection;
let name: string;

beforeAll(async () => {
  testCloud = await startTestCloud();
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const tcb = require('@cloudbase/node-sdk') as { init(options: { env: string }): { database(): NodeDb } };
  db = tcb.init({ env: testCloud.env.TCB_ENV }).database();
  name = uniqueCollectionName('nodesdk');
  await db.createCollection(name);
  col = db.collection(name);
});

afterAll(async () => {
  await testCloud?.dispose();
});

test('add, get, where, count', async () => {
  const added = await col.add({ _id: 'n1', v: 1, tags: ['x'] });
  expect(added.id).toBe('n1');
  const batch = await col.add([
    { _id: 'n2', v: 2 },
    { _id: 'n3', v: 3, tags: ['x', 'y'] },
  ]);
  expect(batch.ids).toEqual(['n2', 'n3']);
  expect((await col.doc('n1').get()).data).toEqual([{ _id: 'n1', v: 1, tags: ['x'] }]);
  const _ = db.command;
  expect(
    (
      await col
        .where({ v: _.gte(2) })
        .orderBy('v', 'desc')
        .get()
    ).data.map((d) => d._id),
  ).toEqual(['n3', 'n2']);
  expect((await col.where({ tags: 'x' }).count()).total).toBe(2);
});

test('doc().get() of a missing id answers an empty list', async () => {
  expect((await col.doc('absent').get()).data).toEqual([]);
});

test('update, set (with upsertedId on creation) and remove report their counts', async () => {
  const _ = db.command;
  expect((await col.where({ v: _.lte(2) }).update({ v: _.inc(10) })).updated).toBe(2);
  expect((await col.doc('n3').update({ nested: { a: 1 } })).updated).toBe(1);
  const replaced = await col.doc('n3').set({ only: true });
  expect(replaced.updated).toBe(1);
  expect((await col.doc('n3').get()).data).toEqual([{ _id: 'n3', only: true }]);
  const created = await col.doc('n4').set({ v: 4 });
  expect(created.upsertedId).toBe('n4');
  expect((await col.doc('n4').remove()).deleted).toBe(1);
  expect((await col.where({ v: _.gt(10) }).remove()).deleted).toBe(2);
  expect((await col.count()).total).toBe(1);
});

test('Geo geometries are classes: the factory form wx-server-sdk accepts throws in node-sdk', () => {
  const Geo = (db as unknown as { Geo: { Point: (...args: unknown[]) => unknown } }).Geo;
  expect(() => Geo.Point(113, 23)).toThrow("Class constructor Point cannot be invoked without 'new'");
});

test('runTransaction commits, and rollback rejects with the reason', async () => {
  const result = await db.runTransaction(async (transaction) => {
    const got = await transaction.collection(name).doc('absent').get();
    // Inside a transaction node-sdk answers the document itself, or null when it does not exist.
    expect(got.data).toBeNull();
    await transaction.collection(name).add({ _id: 't1', v: 1 });
    return 'done';
  });
  expect(result).toBe('done');
  expect((await col.doc('t1').get()).data).toEqual([{ _id: 't1', v: 1 }]);

  await expect(
    db.runTransaction(async (transaction) => {
      await transaction.collection(name).doc('t1').update({ v: 2 });
      await transaction.rollback('stop');
    }),
  ).rejects.toBe('stop');
  expect((await col.doc('t1').get()).data).toEqual([{ _id: 't1', v: 1 }]);
});
