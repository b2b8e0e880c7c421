/**
 * The local cloud refuses what CloudBase refuses, seen through the unchanged wx-server-sdk: one test per
 * refusal. The figures and where each comes from are in emulator/limits.ts; error codes map through the
 * SDK's table (wx-server-sdk index.js TCB_ERR_CODE; https://docs.cloudbase.net/error-code/basic).
 * A `where().update()` or `where().remove()` inside a transaction cannot be refused at the server (the SDK
 * sends it without the transaction id); test/server/transaction-shape.test.ts keeps it out of the product.
 */
import fs from 'node:fs';
import path from 'node:path';
import {
  MAX_DOCUMENT_BYTES,
  MAX_FUNCTION_CODE_BYTES,
  MAX_DATABASE_RESPONSE_BYTES,
  MAX_INVOCATION_EVENT_BYTES,
  MAX_INVOCATION_RESPONSE_BYTES,
  MAX_REQUEST_BODY_BYTES,
  MAX_TRANSACTION_DOCUMENTS,
} from '../../emulator/limits';
import { makeTempDir, startTestCloud, type TestCloud } from '../helpers/local-cloud';
import { type Database, sdkErrorOf, type Transaction } from './conformance/harness';

interface WxCloudWithFunctions {
  init(options: { env: string }): void;
  database(options?: { throwOnNotFound?: boolean }): Database;
  callFunction(options: { name: string; data: unknown }): Promise<{ result: unknown }>;
}

const MB = 1024 * 1024;

let cloud: TestCloud;
let wx: WxCloudWithFunctions;
let db: Database;
let functionsDir: string;

beforeAll(async () => {
  functionsDir = makeTempDir('weike-strict-fns-');
  fs.mkdirSync(path.join(functionsDir, 'echo'));
  fs.writeFileSync(path.join(functionsDir, 'echo', 'index.js'), 'exports.main = async (event) => ({ bytes: JSON.stringify(event).length });\n');
  // Answers a string of the asked length, and notes that it ran.
  fs.mkdirSync(path.join(functionsDir, 'talker'));
  fs.writeFileSync(
    path.join(functionsDir, 'talker', 'index.js'),
    'let runs = 0;\nexports.main = async (event) => ({ runs: ++runs, s: "x".repeat(event.length) });\n',
  );
  // A sparse file: the folder's size is over the limit without using the disk.
  fs.mkdirSync(path.join(functionsDir, 'huge'));
  fs.writeFileSync(path.join(functionsDir, 'huge', 'index.js'), 'exports.main = async () => "ran";\n');
  const fd = fs.openSync(path.join(functionsDir, 'huge', 'assets.bin'), 'w');
  fs.ftruncateSync(fd, MAX_FUNCTION_CODE_BYTES + 1);
  fs.closeSync(fd);
  cloud = await startTestCloud({ functionsDir, collections: [{ name: 'notes' }, { name: 'ledger' }] });
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  wx = require('wx-server-sdk') as WxCloudWithFunctions;
  wx.init({ env: cloud.env.TCB_ENV });
  db = wx.database({ throwOnNotFound: false });
});

afterAll(async () => {
  await cloud?.dispose();
  fs.rmSync(functionsDir, { recursive: true, force: true });
});

describe('an undeclared collection', () => {
  // DATABASE_COLLECTION_NOT_EXIST is -502005 in the SDK's table; nothing creates the collection on write.
  const ghost = () => db.collection('undeclared_ghost');

  test.each<[string, () => Promise<unknown>]>([
    ['get', () => ghost().get()],
    ['count', () => ghost().count()],
    ['add', () => ghost().add({ data: { n: 1 } })],
    [
      'doc().set',
      () =>
        ghost()
          .doc('a')
          .set({ data: { n: 1 } }),
    ],
    [
      'doc().update',
      () =>
        ghost()
          .doc('a')
          .update({ data: { n: 1 } }),
    ],
    [
      'where().update',
      () =>
        ghost()
          .where({ n: 1 })
          .update({ data: { n: 2 } }),
    ],
    ['where().remove', () => ghost().where({ n: 1 }).remove()],
  ])('%s is refused with DATABASE_COLLECTION_NOT_EXIST and creates nothing', async (_name, call) => {
    expect((await sdkErrorOf(call())).errCode).toBe(-502005);
    expect(cloud.database.collections()).not.toContain('undeclared_ghost');
  });

  test('aggregate is refused too (the SDK reports coded aggregate errors as errCode -1 with the message)', async () => {
    const err = await sdkErrorOf(ghost().aggregate().match({ n: 1 }).end());
    expect(err.errCode).toBe(-1);
    expect(JSON.stringify(err)).toContain('collection undeclared_ghost does not exist');
  });

  test('an add inside a transaction is refused, and nothing is created at commit', async () => {
    const err = await sdkErrorOf(db.runTransaction((tx: Transaction) => tx.collection('undeclared_ghost').add({ data: { n: 1 } })));
    expect(err.errCode).toBe(-502005);
    expect(cloud.database.collections()).not.toContain('undeclared_ghost');
    expect(cloud.database.openTransactions()).toBe(0);
  });
});

describe('sizes', () => {
  test('a request body over the limit is refused before anything is read or written', async () => {
    const before = cloud.database.commitSequence();
    const err = await sdkErrorOf(db.collection('notes').add({ data: { text: 'x'.repeat(MAX_REQUEST_BODY_BYTES) } }));
    // INVALID_PARAM is -501007 in the SDK's table.
    expect(err.errCode).toBe(-501007);
    expect(cloud.database.commitSequence()).toBe(before);
  });

  test('an update that would grow a document past the document limit is refused, the document unchanged', async () => {
    const half = 'x'.repeat(MAX_DOCUMENT_BYTES / 2 + 1);
    await db
      .collection('notes')
      .doc('big')
      .set({ data: { a: half } });
    const err = await sdkErrorOf(
      db
        .collection('notes')
        .doc('big')
        .update({ data: { b: half } }),
    );
    expect(err.errCode).toBe(-502001);
    expect(err.errMsg).toContain('document limit');
    const { data } = await db.collection('notes').doc('big').field({ b: true }).get();
    expect(data).toEqual({ _id: 'big' });
  });

  test('a function call whose event is over the synchronous invocation limit is refused; one under it runs', async () => {
    const under = await wx.callFunction({ name: 'echo', data: { s: 'x'.repeat(MAX_INVOCATION_EVENT_BYTES - 100) } });
    expect((under.result as { bytes: number }).bytes).toBeGreaterThan(MAX_INVOCATION_EVENT_BYTES - 100);
    const err = await sdkErrorOf(wx.callFunction({ name: 'echo', data: { s: 'x'.repeat(MAX_INVOCATION_EVENT_BYTES) } }));
    // EXCEED_MAX_PAYLOAD_SIZE: https://docs.cloudbase.net/error-code/EXCEED_MAX_PAYLOAD_SIZE (6 MB for a function).
    // wx-server-sdk passes the CloudBase code on as `code`, with errCode -1.
    expect(err).toMatchObject({ code: 'EXCEED_MAX_PAYLOAD_SIZE', errCode: -1 });
    expect(err.errMsg).toContain('limit of a synchronous invocation');
  });

  // "同步请求响应大小 6MB": https://cloud.tencent.com/document/product/583/11637 ; code EXCEED_MAX_RESPONSE_SIZE:
  // https://docs.cloudbase.net/error-code/EXCEED_MAX_RESPONSE_SIZE
  test('a function answer over the synchronous invocation limit is refused to the caller, though the function ran', async () => {
    const under = await wx.callFunction({ name: 'talker', data: { length: MAX_INVOCATION_RESPONSE_BYTES - 100 } });
    expect((under.result as { s: string }).s).toHaveLength(MAX_INVOCATION_RESPONSE_BYTES - 100);
    const err = await sdkErrorOf(wx.callFunction({ name: 'talker', data: { length: MAX_INVOCATION_RESPONSE_BYTES } }));
    expect(err).toMatchObject({ code: 'EXCEED_MAX_RESPONSE_SIZE', errCode: -1 });
    expect(err.errMsg).toContain('limit of a synchronous invocation');
    // The refusal is the platform's, after the run: the function's own effects stand.
    expect(((await wx.callFunction({ name: 'talker', data: { length: 1 } })).result as { runs: number }).runs).toBe(3);
  });

  test('the app gateway (wx.cloud.callFunction in local mode) applies the same two limits', async () => {
    const gateway = async (data: unknown, name: string) => {
      const res = await fetch(`${cloud.url}/gateway/callFunction`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-weike-openid': 'o-strict' },
        body: JSON.stringify({ name, data }),
      });
      return (await res.json()) as { errCode?: number; errMsg: string; result?: unknown };
    };
    // An event between the old 5 MB gateway cap and the platform's 6 MB runs, as it would on CloudBase.
    expect((await gateway({ s: 'x'.repeat(MAX_INVOCATION_EVENT_BYTES - 100) }, 'echo')).errMsg).toBe('cloud.callFunction:ok');
    const over = await gateway({ s: 'x'.repeat(MAX_INVOCATION_EVENT_BYTES) }, 'echo');
    expect(over).toMatchObject({ errCode: -1 });
    expect(over.errMsg).toMatch(/^cloud\.callFunction:fail -1 EXCEED_MAX_PAYLOAD_SIZE /);
    const runsBefore = ((await gateway({ length: 1 }, 'talker')).result as { runs: number }).runs;
    const tooLong = await gateway({ length: MAX_INVOCATION_RESPONSE_BYTES }, 'talker');
    expect(tooLong.errMsg).toMatch(/^cloud\.callFunction:fail -1 EXCEED_MAX_RESPONSE_SIZE /);
    expect(tooLong).not.toHaveProperty('result');
    // Refused after the run, as through the server SDK.
    expect(((await gateway({ length: 1 }, 'talker')).result as { runs: number }).runs).toBe(runsBefore + 2);
  });

  // "Database traffic: 16 MB in each packet output":
  // https://developers.weixin.qq.com/minigame/en/dev/wxcloud/basis/concepts/quota.html
  test('a database answer over the limit is refused; paging or field() brings it under', async () => {
    const nine = 'x'.repeat(9 * MB);
    // Two documents of 9 MB, each under the request limit, together over the answer limit.
    for (const id of ['big-a', 'big-b']) {
      await db
        .collection('notes')
        .doc(id)
        .set({ data: { kind: 'big', text: nine } });
    }
    expect(2 * nine.length).toBeGreaterThan(MAX_DATABASE_RESPONSE_BYTES);
    const err = await sdkErrorOf(db.collection('notes').where({ kind: 'big' }).get());
    // A query's refusal: wx-server-sdk's table has no number for the code, so errCode is SYS_ERR's -501001 and
    // errMsg carries the server's message. An aggregation's: the code as it is, with errCode -1.
    expect(err.errCode).toBe(-501001);
    expect(err.errMsg).toContain('limit of one database answer');
    const aggregated = await sdkErrorOf(db.collection('notes').aggregate().match({ kind: 'big' }).end());
    expect(aggregated).toMatchObject({ code: 'EXCEED_MAX_RESPONSE_SIZE', errCode: -1 });
    expect((await db.collection('notes').where({ kind: 'big' }).limit(1).get()).data).toHaveLength(1);
    expect((await db.collection('notes').where({ kind: 'big' }).field({ kind: true }).get()).data).toHaveLength(2);
    await db.collection('notes').where({ kind: 'big' }).remove();
  });

  test('a function whose code package is over the limit cannot be deployed, so it cannot be called', async () => {
    const err = await sdkErrorOf(wx.callFunction({ name: 'huge', data: {} }));
    expect(JSON.stringify(err)).toContain('cannot be deployed');
    expect(cloud.functions.stats('huge').invocations).toBe(0);
    // Back under the limit, the same function deploys and runs.
    fs.truncateSync(path.join(functionsDir, 'huge', 'assets.bin'), MB);
    fs.utimesSync(path.join(functionsDir, 'huge', 'index.js'), new Date(), new Date(Date.now() + 1000));
    expect((await wx.callFunction({ name: 'huge', data: {} })).result).toBe('ran');
  });
});

describe('transactions', () => {
  test(`a transaction may touch ${MAX_TRANSACTION_DOCUMENTS} documents and no more; nothing of it is written`, async () => {
    const before = cloud.database.commitSequence();
    const touched: number[] = [];
    const err = await sdkErrorOf(
      db.runTransaction(async (tx: Transaction) => {
        for (let i = 0; i < MAX_TRANSACTION_DOCUMENTS; i += 1) {
          await tx.collection('ledger').doc(`d${i}`).get();
          touched.push(i);
        }
        await tx
          .collection('ledger')
          .doc('one-too-many')
          .set({ data: { n: 1 } });
      }),
    );
    expect(touched).toHaveLength(MAX_TRANSACTION_DOCUMENTS);
    expect(JSON.stringify(err)).toContain(`at most ${MAX_TRANSACTION_DOCUMENTS} documents`);
    expect(cloud.database.commitSequence()).toBe(before);
    expect(cloud.database.openTransactions()).toBe(0);
  }, 60_000);

  test('a where() read inside a transaction is refused: only doc() operations are allowed', async () => {
    // https://developers.weixin.qq.com/miniprogram/dev/wxcloud/guide/database/transaction.html (单记录操作)
    const err = await sdkErrorOf(
      db.runTransaction((tx: Transaction) => (tx.collection('ledger') as unknown as { where(q: unknown): { get(): Promise<unknown> } }).where({ n: 1 }).get()),
    );
    expect(JSON.stringify(err)).toContain('transactions only support doc() operations');
  });
});

describe('query shapes', () => {
  // MongoDB's parser refuses these (emulator/db/query-shape.ts cites each); mingo alone would accept them,
  // `_.or([])` matching every document.
  const _ = () => db.command;
  test.each<[string, () => unknown]>([
    ['_.or([])', () => _().or([])],
    ['_.and([])', () => ({ n: _().and([]) })],
    ['_.nor([])', () => _().nor([])],
    ['_.in(scalar)', () => ({ n: _().in(5) })],
    ['_.all(scalar)', () => ({ n: _().all(5) })],
    ['_.size(-1)', () => ({ n: _().size(-1) })],
    ['_.elemMatch(scalar)', () => ({ n: _().elemMatch(5) })],
  ])('a query with %s is refused as MongoDB refuses it, for reads and writes alike', async (_name, condition) => {
    await db
      .collection('notes')
      .doc('shape')
      .set({ data: { n: [1, 2] } });
    for (const call of [
      () => db.collection('notes').where(condition()).get(),
      () => db.collection('notes').where(condition()).count(),
      () =>
        db
          .collection('notes')
          .where(condition())
          .update({ data: { touched: true } }),
      () => db.collection('notes').where(condition()).remove(),
    ]) {
      const err = await sdkErrorOf(call());
      expect(err.errCode).toBe(-502001);
      expect(err.errMsg).toContain('invalid query');
    }
    expect((await db.collection('notes').doc('shape').get()).data).toEqual({ _id: 'shape', n: [1, 2] });
  });

  test('an aggregation $match of such a shape is refused too', async () => {
    const err = await sdkErrorOf(db.collection('notes').aggregate().match(db.command.or([])).end());
    expect(JSON.stringify(err)).toContain('$and/$or/$nor must be a nonempty array');
  });

  test('a $where query (server-side JavaScript) is refused', async () => {
    const err = await sdkErrorOf(db.collection('notes').where({ $where: 'this.a > 1' }).get());
    expect(err.errCode).toBe(-502001);
  });

  test('an aggregation writing to a collection ($out) cannot be sent by the SDK, and the server refuses it', async () => {
    // wx-server-sdk 4.0.2 offers `out()` but its pipeline has no such stage: the builder throws before sending.
    const pipeline = db.collection('notes').aggregate() as unknown as { out(name: string): { end(): Promise<unknown> } };
    expect(() => pipeline.out('ledger')).toThrow(TypeError);
    // The stage as @cloudbase/database would send it (aggregate.js: { stageKey, stageValue: EJSON }).
    const answer = cloud.database.actions['database.aggregateDocuments'](
      { collectionName: 'notes', stages: [{ stageKey: '$out', stageValue: '"ledger"' }] },
      { envName: 'local', requestId: 'r' },
    );
    await expect(answer).rejects.toMatchObject({ code: 'DATABASE_REQUEST_FAILED' });
  });
});
