/**
 * A query on a collection above 10,000 documents that no declared index serves is what CloudBase answers
 * slowly or refuses (its index guidance: https://docs.cloudbase.net/database/index-management): the local
 * cloud warns once per query shape, in its log and on /stats, naming the index that would serve it. Driven
 * through the unchanged wx-server-sdk. Every test of this file takes the warnings it provokes, as any test
 * must: test/helpers/setup-node.ts fails a file that leaves one.
 */
import { UNINDEXED_WARNING_ABOVE } from '../../../emulator/db';
import { startTestCloud, type TestCloud } from '../../helpers/local-cloud';
import { takeUnexpectedUnindexedQueries } from '../../helpers/test-clouds';
import type { Database } from '../conformance/harness';

const BIG = 'big_records';
const SMALL = 'small_records';

let cloud: TestCloud;
let db: Database;
let warn: jest.SpyInstance;

beforeAll(async () => {
  cloud = await startTestCloud({
    collections: [
      {
        name: BIG,
        indexes: [
          { name: 'dept_1', keys: { dept: 1 } },
          { name: 'updatedAt_1', keys: { updatedAt: 1 } },
        ],
      },
      { name: SMALL },
    ],
  });
  const base = Date.UTC(2026, 0, 1);
  cloud.database.insertDocuments(
    BIG,
    Array.from({ length: UNINDEXED_WARNING_ABOVE + 1 }, (_, i) => ({
      _id: `b${i}`,
      dept: `d${i % 50}`,
      status: i % 2 ? 'open' : 'closed',
      score: i % 100,
      updatedAt: new Date(base + i * 60_000),
    })),
  );
  cloud.database.insertDocuments(
    SMALL,
    Array.from({ length: 100 }, (_, i) => ({ _id: `s${i}`, status: 'open' })),
  );
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const wx = require('wx-server-sdk') as { init(options: { env: string }): void; database(): Database };
  wx.init({ env: cloud.env.TCB_ENV });
  db = wx.database();
});

beforeEach(() => {
  warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
});

afterEach(() => {
  warn.mockRestore();
  cloud.database.takeUnindexedQueries();
});

afterAll(async () => {
  await cloud?.dispose();
});

const _ = () => db.command;

test('indexed equality, date ranges and sorts raise nothing', async () => {
  await db.collection(BIG).where({ dept: 'd3' }).get();
  await db
    .collection(BIG)
    .where({ updatedAt: _().gte(new Date(Date.UTC(2026, 0, 5))) })
    .count();
  await db.collection(BIG).orderBy('updatedAt', 'desc').limit(5).get();
  await db.collection(BIG).where({ dept: 'd3', status: 'open' }).get();
  await db
    .collection(BIG)
    .aggregate()
    .match({ updatedAt: _().gte(new Date(Date.UTC(2026, 0, 7))) })
    .group({ _id: '$dept', n: _().aggregate.sum(1) })
    .end();
  // A whole-collection read with a limit and no filter stops early, as a MongoDB scan does.
  await db.collection(BIG).limit(10).get();
  expect(cloud.database.unindexedQueries()).toEqual([]);
  expect(warn).not.toHaveBeenCalled();
});

test('an unindexed filter warns once per shape, in the log, naming the index that would serve it', async () => {
  await db.collection(BIG).where({ status: 'open' }).get();
  await db.collection(BIG).where({ status: 'closed' }).get();
  const [query, ...rest] = cloud.database.unindexedQueries();
  expect(rest).toEqual([]);
  expect(query).toMatchObject({
    collection: BIG,
    shape: '{"status":"?"}',
    documents: UNINDEXED_WARNING_ABOVE + 1,
    index: { name: 'status_1', keys: { status: 1 } },
    count: 2,
  });
  expect(warn).toHaveBeenCalledTimes(1);
  expect(warn.mock.calls[0][0]).toBe(
    `[local-cloud] unindexed query on ${BIG} (10,001 documents) served by a scan: {"status":"?"}; declare the index status_1 {"status":1} in database/collections.json`,
  );
});

test.each<[string, () => Promise<unknown>, string, Record<string, number>]>([
  [
    'a sort on an unindexed field',
    () =>
      db
        .collection(BIG)
        .where({ dept: _().neq('d1') })
        .orderBy('score', 'desc')
        .limit(5)
        .get(),
    'score_-1_dept_1',
    { score: -1, dept: 1 },
  ],
  [
    'equality, sort and range (equality first, then sort, then range)',
    () =>
      db
        .collection(BIG)
        .where({ status: 'open', score: _().gt(50) })
        .orderBy('score', 'asc')
        .limit(5)
        .get(),
    'status_1_score_1',
    { status: 1, score: 1 },
  ],
  [
    'a count',
    () =>
      db
        .collection(BIG)
        .where({ score: _().lt(10) })
        .count(),
    'score_1',
    { score: 1 },
  ],
  [
    'an update',
    () =>
      db
        .collection(BIG)
        .where({ score: 1000 })
        .update({ data: { touched: true } }),
    'score_1',
    { score: 1 },
  ],
  ['an aggregation $match', () => db.collection(BIG).aggregate().match({ status: 'open' }).count('n').end(), 'status_1', { status: 1 }],
])('%s', async (_name, run, name, keys) => {
  await run();
  const [query] = cloud.database.unindexedQueries();
  expect(query.index).toEqual({ name, keys });
});

test('collections at or below the threshold never warn', async () => {
  await db.collection(SMALL).where({ status: 'open' }).get();
  expect(cloud.database.unindexedQueries()).toEqual([]);
});

test('/stats lists them as a page and as JSON', async () => {
  await db.collection(BIG).where({ status: 'open', score: 3 }).get();
  const json = (await (await fetch(`${cloud.url}/stats?format=json`)).json()) as {
    unindexedQueries: Array<{ collection: string; index: { name: string } }>;
    actions: Record<string, number>;
  };
  expect(json.unindexedQueries).toEqual([expect.objectContaining({ collection: BIG, index: expect.objectContaining({ name: 'status_1_score_1' }) })]);
  expect(json.actions['database.getDocument']).toBeGreaterThan(0);
  const page = await fetch(`${cloud.url}/stats`);
  expect(page.headers.get('content-type')).toMatch(/^text\/html/);
  expect(await page.text()).toContain('status_1_score_1');
});

test('a warning left untaken is what fails a test file', async () => {
  await db.collection(BIG).where({ status: 'open' }).get();
  const messages = takeUnexpectedUnindexedQueries();
  expect(messages).toEqual([expect.stringContaining(`unindexed query on ${BIG}`)]);
  // Taken: the file-level check finds nothing left.
  expect(takeUnexpectedUnindexedQueries()).toEqual([]);
});
