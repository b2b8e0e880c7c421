/**
 * Conformance: transactions through both server SDKs: runTransaction commit, rollback with a custom
 * reason, a throwing callback, conflicts retried under concurrent writers, isolation, and the
 * startTransaction / commit / rollback API.
 *
 * References: https://developers.weixin.qq.com/miniprogram/dev/wxcloud/reference-sdk-api/database/Database.runTransaction.html
 * (the callback's value resolves runTransaction; a thrown error or the value passed to transaction.rollback
 * rejects it; only conflicts are retried), .../database/Database.startTransaction.html,
 * .../database/transaction/Transaction.rollback.html. Inside a transaction only doc() and add are used, as the
 * documentation requires. Isolation level is not documented; chosen: snapshot isolation (MongoDB's
 * transactions), first committer wins on a write-write conflict.
 */
import { type Collection, type Doc, rejectionOf, seedCollection, forEachSdk, withoutId } from './harness';

forEachSdk((env) => {
  let accounts: Collection;
  beforeEach(async () => {
    accounts = await seedCollection(env.db, 'accounts', [
      { _id: 'alice', balance: 100 },
      { _id: 'bob', balance: 0 },
    ]);
  });

  /** Every account's balance by id (documents without a balance, such as ledger lines, are left out). */
  async function balances(): Promise<Record<string, unknown>> {
    const { data } = await accounts
      .where({ balance: env._.exists(true) })
      .orderBy('_id', 'asc')
      .get();
    return Object.fromEntries(data.map((d: Doc) => [String(d._id), d.balance]));
  }

  describe('runTransaction', () => {
    test('commits every write and resolves with the callback value', async () => {
      const _ = env._;
      const name = accounts.collectionName;
      const result = await env.db.runTransaction(async (transaction) => {
        const alice = await transaction.collection(name).doc('alice').get();
        expect(alice.data).toEqual({ _id: 'alice', balance: 100 });
        await transaction
          .collection(name)
          .doc('alice')
          .update({ data: { balance: _.inc(-30) } });
        await transaction
          .collection(name)
          .doc('bob')
          .update({ data: { balance: _.inc(30) } });
        await transaction.collection(name).add({ data: { _id: 'ledger-1', amount: 30 } });
        await transaction
          .collection(name)
          .doc('carol')
          .set({ data: { balance: 1 } });
        return { moved: 30 };
      });
      expect(result).toEqual({ moved: 30 });
      expect(await balances()).toEqual({ alice: 70, bob: 30, carol: 1 });
      expect(withoutId((await accounts.doc('ledger-1').get()).data)).toEqual({ amount: 30 });
    });

    test('a transaction reads its own uncommitted writes', async () => {
      const name = accounts.collectionName;
      const seen = await env.db.runTransaction(async (transaction) => {
        await transaction
          .collection(name)
          .doc('alice')
          .update({ data: { balance: 1 } });
        await transaction.collection(name).add({ data: { _id: 'new', balance: 2 } });
        const alice = await transaction.collection(name).doc('alice').get();
        const added = await transaction.collection(name).doc('new').get();
        return [alice.data.balance, added.data.balance];
      });
      expect(seen).toEqual([1, 2]);
    });

    test('rollback with a custom reason rejects runTransaction with that reason and writes nothing', async () => {
      const name = accounts.collectionName;
      const reason = await rejectionOf(
        env.db.runTransaction(async (transaction) => {
          await transaction
            .collection(name)
            .doc('alice')
            .update({ data: { balance: 0 } });
          await transaction.collection(name).add({ data: { _id: 'ghost', balance: 5 } });
          await transaction.rollback({ code: 'INSUFFICIENT', left: 100 });
        }),
      );
      expect(reason).toEqual({ code: 'INSUFFICIENT', left: 100 });
      expect(await balances()).toEqual({ alice: 100, bob: 0 });
    });

    test('a callback that throws rejects with its error and leaves nothing behind', async () => {
      const name = accounts.collectionName;
      const boom = new Error('boom');
      const err = await rejectionOf(
        env.db.runTransaction(async (transaction) => {
          await transaction
            .collection(name)
            .doc('bob')
            .update({ data: { balance: 999 } });
          await transaction.collection(name).add({ data: { _id: 'half', balance: 1 } });
          await transaction.collection(name).doc('alice').remove();
          throw boom;
        }),
      );
      expect(err).toBe(boom);
      expect(await balances()).toEqual({ alice: 100, bob: 0 });
    });

    // The conflict handling is the local cloud's and the same for both SDKs; each SDK's retry loop is its own.
    // 50 writers through wx-server-sdk, 10 through node-sdk, to keep the suite's CPU modest.
    const writerCount = env.sdk === 'wx-server-sdk' ? 50 : 10;
    test('concurrent increments of one counter all land exactly once (conflicts are retried)', async () => {
      const name = accounts.collectionName;
      await accounts.doc('counter').set({ data: { value: 0 } });
      // The SDK retries only on DATABASE_TRANSACTION_CONFLICT, 3 times by default. With first-committer-wins
      // at least one writer commits per round, so n writers need at most n rounds: give each that budget.
      const writers = Array.from({ length: writerCount }, (_unused, i) =>
        env.db.runTransaction(async (transaction) => {
          const { data } = await transaction.collection(name).doc('counter').get();
          await transaction
            .collection(name)
            .doc('counter')
            .update({ data: { value: (data.value as number) + 1 } });
          return i;
        }, writerCount + 10),
      );
      const results = await Promise.all(writers);
      expect(results.sort((a, b) => a - b)).toEqual(Array.from({ length: writerCount }, (_unused, i) => i));
      expect((await accounts.doc('counter').get()).data.value).toBe(writerCount);
      // Up to 1275 transactions through HTTP: allow a loaded 2-core machine its time.
    }, 30_000);
  });

  describe('isolation and conflicts (startTransaction API)', () => {
    test('uncommitted writes are invisible outside the transaction until commit', async () => {
      const name = accounts.collectionName;
      const writer = await env.db.startTransaction();
      await writer
        .collection(name)
        .doc('alice')
        .update({ data: { balance: 1 } });
      await writer.collection(name).add({ data: { _id: 'pending', balance: 7 } });

      // A plain read and another transaction both still see the committed state.
      expect((await accounts.doc('alice').get()).data.balance).toBe(100);
      expect((await accounts.where({ _id: 'pending' }).get()).data).toEqual([]);
      const reader = await env.db.startTransaction();
      expect((await reader.collection(name).doc('alice').get()).data.balance).toBe(100);

      await writer.commit();
      expect(await balances()).toEqual({ alice: 1, bob: 0, pending: 7 });
      // The reader's snapshot was taken before the commit.
      expect((await reader.collection(name).doc('alice').get()).data.balance).toBe(100);
      await reader.rollback();
    });

    test('rollback discards every write of the transaction', async () => {
      const name = accounts.collectionName;
      const transaction = await env.db.startTransaction();
      await transaction
        .collection(name)
        .doc('alice')
        .update({ data: { balance: 5 } });
      await transaction.collection(name).doc('bob').remove();
      await transaction.collection(name).add({ data: { _id: 'tmp', balance: 1 } });
      await transaction.rollback();
      expect(await balances()).toEqual({ alice: 100, bob: 0 });
    });

    test('two transactions racing on one document never both commit', async () => {
      const name = accounts.collectionName;
      const first = await env.db.startTransaction();
      const second = await env.db.startTransaction();
      const a = await first.collection(name).doc('alice').get();
      const b = await second.collection(name).doc('alice').get();
      await first
        .collection(name)
        .doc('alice')
        .update({ data: { balance: (a.data.balance as number) + 10 } });
      await first.commit();

      // The second writer read a stale snapshot: its write or its commit must fail.
      let secondCommitted = true;
      try {
        await second
          .collection(name)
          .doc('alice')
          .update({ data: { balance: (b.data.balance as number) + 20 } });
        await second.commit();
      } catch {
        secondCommitted = false;
        await second.rollback().catch(() => undefined);
      }
      expect(secondCommitted).toBe(false);
      expect((await accounts.doc('alice').get()).data.balance).toBe(110);
    });

    test('a committed transaction cannot be used again', async () => {
      const name = accounts.collectionName;
      const transaction = await env.db.startTransaction();
      await transaction
        .collection(name)
        .doc('bob')
        .update({ data: { balance: 3 } });
      await transaction.commit();
      await rejectionOf(
        transaction
          .collection(name)
          .doc('bob')
          .update({ data: { balance: 4 } }),
      );
      expect((await accounts.doc('bob').get()).data.balance).toBe(3);
    });
  });
});
