/**
 * Transactions through the real wx-server-sdk: conflicts retried by runTransaction, snapshot isolation,
 * the rollback reason reaching the caller, and abort discarding writes.
 * Docs: https://docs.cloudbase.net/api-reference/server/node-sdk/database/database#runtransaction
 * (runTransaction retries on DATABASE_TRANSACTION_CONFLICT; rollback(reason) rejects with that reason).
 */
import { startTestCloud, type TestCloud } from '../../helpers/local-cloud';

/* eslint-disable @typescript-eslint/no-explicit-any -- the SDK ships no types for its database handles */
jest.setTimeout(30_000);

let cloudEnv: TestCloud;
let db: any;

beforeAll(async () => {
  // CloudBase refuses writes to collections that do not exist: declare the ones these tests use.
  cloudEnv = await startTestCloud({ collections: [{ name: 'counters' }, { name: 'accounts' }] });
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const cloud = require('wx-server-sdk');
  cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV });
  db = cloud.database();
});
afterAll(() => cloudEnv.dispose());

test('50 concurrent runTransaction increments of one counter end at exactly 50', async () => {
  await db
    .collection('counters')
    .doc('c1')
    .set({ data: { value: 0 } });
  // First committer wins, so each round lets at least one through: 50 retries always suffice (chosen;
  // CloudBase's default of 3 retries is for low contention).
  const increment = () =>
    db.runTransaction(async (tx: any) => {
      const { data } = await tx.collection('counters').doc('c1').get();
      await tx
        .collection('counters')
        .doc('c1')
        .update({ data: { value: data.value + 1 } });
    }, 60);
  await Promise.all(Array.from({ length: 50 }, increment));
  const { data } = await db.collection('counters').doc('c1').get();
  expect(data.value).toBe(50);
});

test('two racing transactions on one document never both commit', async () => {
  await db
    .collection('counters')
    .doc('race')
    .set({ data: { value: 0 } });
  const a = await db.startTransaction();
  const b = await db.startTransaction();
  const va = (await a.collection('counters').doc('race').get()).data.value;
  const vb = (await b.collection('counters').doc('race').get()).data.value;
  await a
    .collection('counters')
    .doc('race')
    .update({ data: { value: va + 1 } });
  await b
    .collection('counters')
    .doc('race')
    .update({ data: { value: vb + 1 } });
  await a.commit();
  await expect(b.commit()).rejects.toMatchObject({ code: 'DATABASE_TRANSACTION_CONFLICT' });
  expect((await db.collection('counters').doc('race').get()).data.value).toBe(1);
});

test('reads inside a transaction see its snapshot, not later commits', async () => {
  await db
    .collection('accounts')
    .doc('a1')
    .set({ data: { balance: 10 } });
  await db
    .collection('accounts')
    .doc('a2')
    .set({ data: { balance: 20 } });
  const tx = await db.startTransaction();
  expect((await tx.collection('accounts').doc('a1').get()).data.balance).toBe(10);
  await db
    .collection('accounts')
    .doc('a1')
    .update({ data: { balance: 11 } });
  await db
    .collection('accounts')
    .doc('a2')
    .update({ data: { balance: 21 } });
  expect((await tx.collection('accounts').doc('a1').get()).data.balance).toBe(10);
  // a2 was never read before the outside write: the snapshot still answers its old value.
  expect((await tx.collection('accounts').doc('a2').get()).data.balance).toBe(20);
  await tx.rollback();
});

test('uncommitted writes are invisible outside, then visible after commit', async () => {
  const tx = await db.startTransaction();
  await tx
    .collection('accounts')
    .doc('b1')
    .set({ data: { balance: 5 } });
  expect((await tx.collection('accounts').doc('b1').get()).data.balance).toBe(5);
  expect((await db.collection('accounts').where({ _id: 'b1' }).get()).data).toEqual([]);
  await tx.commit();
  expect((await db.collection('accounts').doc('b1').get()).data.balance).toBe(5);
});

test('rollback with a custom reason reaches the caller and leaves nothing behind', async () => {
  const run = db.runTransaction(async (tx: any) => {
    await tx
      .collection('accounts')
      .doc('r1')
      .set({ data: { balance: 1 } });
    await tx.rollback({ why: '余额不足' });
  });
  await expect(run).rejects.toEqual({ why: '余额不足' });
  expect((await db.collection('accounts').where({ _id: 'r1' }).get()).data).toEqual([]);
});

test('a transaction that throws leaves nothing behind and the error reaches the caller', async () => {
  const run = db.runTransaction(async (tx: any) => {
    await tx
      .collection('accounts')
      .doc('t1')
      .set({ data: { balance: 1 } });
    throw new Error('boom');
  });
  await expect(run).rejects.toThrow('boom');
  expect((await db.collection('accounts').where({ _id: 't1' }).get()).data).toEqual([]);
});
