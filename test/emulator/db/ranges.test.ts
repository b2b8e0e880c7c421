/**
 * Range, membership and sort queries on indexed fields, dates included, are served from the index (as
 * CloudBase serves them from its indexes: https://docs.cloudbase.net/database/index-management), and give
 * the answers of a scan. Every answer is compared with the same query on an identical collection without
 * indexes, over edge data: null, missing, numbers, strings, booleans, objects, arrays of dates, dates with
 * and without milliseconds and dates before 1970.
 */
import type { IndexDeclaration } from '../../../emulator/db';
import { useIndexedAndPlain, wire } from './direct';

const INDEXED = 'records';
const PLAIN = 'records_plain';
const COUNT = 4_000;
const BASE = Date.UTC(2026, 0, 5);
const HOUR = 3_600_000;

function record(i: number): Record<string, unknown> {
  // Mostly dates an hour apart (ties of three), some on a whole second (stored without ".000").
  let updatedAt: unknown = new Date(BASE + Math.floor(i / 3) * HOUR + (i % 5 === 0 ? 0 : 123));
  if (i % 211 === 0) updatedAt = null;
  else if (i % 199 === 0) updatedAt = undefined;
  else if (i % 197 === 0) updatedAt = i;
  else if (i % 193 === 0) updatedAt = `2026-01-${String(i % 28).padStart(2, '0')}`;
  else if (i % 191 === 0) updatedAt = [new Date(BASE + i * HOUR), new Date(BASE - i * HOUR)];
  else if (i % 181 === 0) updatedAt = i % 2 === 0;
  else if (i % 179 === 0) updatedAt = { at: i };
  else if (i % 173 === 0) updatedAt = new Date(-86_400_000 * i);
  const doc: Record<string, unknown> = {
    _id: `r${String(i).padStart(5, '0')}`,
    memberId: `m${i % 40}`,
    kind: 'course',
    score: i % 7 === 0 ? String(i % 100) : i % 100,
    seq: i,
  };
  if (updatedAt !== undefined) doc.updatedAt = updatedAt;
  if (i % 389 === 0) doc.memberId = ['m1', 'm2'];
  return doc;
}

const INDEXES: IndexDeclaration[] = [
  { name: 'updatedAt_1', keys: { updatedAt: 1 } },
  { name: 'memberId_1_updatedAt_-1', keys: { memberId: 1, updatedAt: -1 } },
  { name: 'score_1', keys: { score: 1 } },
  { name: 'kind_1_score_1', keys: { kind: 1, score: 1 } },
];
const db = useIndexedAndPlain(INDEXED, PLAIN, INDEXES, () => Array.from({ length: COUNT }, (_, i) => record((i * 7919) % COUNT)));

const at = (hours: number) => new Date(BASE + hours * HOUR);

async function compare(filter: unknown, extra: Record<string, unknown> = {}) {
  const indexed = await db.query(INDEXED, filter, extra);
  const stats = db.service.stats();
  const plain = await db.query(PLAIN, filter, extra);
  expect(indexed.map((doc) => doc._id)).toEqual(plain.map((doc) => doc._id));
  const count = async (collectionName: string) => db.call('database.calculateDocument', { collectionName, query: wire(filter) });
  expect(await count(INDEXED)).toEqual(await count(PLAIN));
  return { indexed, stats };
}

test('a date range (the rollup watermark) reads only the documents in range, from the index', async () => {
  const { indexed, stats } = await compare({ updatedAt: { $gte: at(1300) } }, { order: wire({ _id: 1 }) });
  expect(indexed.length).toBeGreaterThan(50);
  expect(stats.plan).toBe(`index:${INDEXED}:updatedAt_1`);
  expect(stats.rowsScanned).toBeLessThan(COUNT / 10);
});

test.each<[string, unknown]>([
  ['lower bound', { updatedAt: { $gt: at(700) } }],
  ['upper bound (no strings, numbers or nulls)', { updatedAt: { $lt: at(10) } }],
  ['both bounds', { updatedAt: { $gte: at(100), $lte: at(200) } }],
  ['a whole-second bound meets dates stored without milliseconds', { updatedAt: { $gte: at(500), $lt: at(501) } }],
  ['before 1970', { updatedAt: { $lt: new Date(0) } }],
  ['date equality', { updatedAt: at(42) }],
  ['date equality through an array', { updatedAt: new Date(BASE + 191 * HOUR) }],
  ['date membership', { updatedAt: { $in: [at(3), at(4), null] } }],
  ['number range beside dates', { updatedAt: { $gte: 1000 } }],
  ['string range beside dates', { updatedAt: { $gte: '2026-01-10' } }],
  ['number range excludes numeric strings', { score: { $gt: 50, $lt: 60 } }],
  ['string range upper bound only', { score: { $lt: '5' } }],
  ['range inside $and with another condition', { $and: [{ updatedAt: { $gte: at(1000) } }, { seq: { $mod: [3, 1] } }] }],
  ['equality prefix and a date range', { memberId: 'm7', updatedAt: { $gte: at(600), $lt: at(900) } }],
  ['equality through an array on the prefix', { memberId: 'm2', updatedAt: { $gte: at(0) } }],
])('%s gives the answers of a scan', async (_name, filter) => {
  const { stats } = await compare(filter, { order: wire({ _id: 1 }) });
  expect(stats.plan).toMatch(/^index:/);
});

test('equality on the prefix and a date range use the compound index', async () => {
  const { stats } = await compare({ memberId: 'm7', updatedAt: { $gte: at(600) } });
  expect(stats.plan).toBe(`index:${INDEXED}:memberId_1_updatedAt_-1`);
  expect(stats.rowsScanned).toBeLessThan(COUNT / 40);
});

test('an equality every document satisfies loses to a selective date range (the fewest index entries win)', async () => {
  const { stats } = await compare({ kind: 'course', updatedAt: { $gte: at(1300) } });
  expect(stats.plan).toBe(`index:${INDEXED}:updatedAt_1`);
  expect(stats.rowsScanned).toBeLessThan(COUNT / 10);
});

describe.each<[string, Record<string, number>]>([
  ['newest first', { updatedAt: -1 }],
  ['oldest first', { updatedAt: 1 }],
  ['newest first, ties by _id', { updatedAt: -1, _id: 1 }],
])('a date range sorted %s with a page', (_name, order) => {
  test.each([
    [1, 0],
    [20, 0],
    [7, 13],
  ])('limit %d offset %d stops early and matches a scan', async (limit, offset) => {
    const { indexed, stats } = await compare({ updatedAt: { $gte: at(200) } }, { order: wire(order), limit, offset });
    expect(indexed).toHaveLength(limit);
    expect(stats.plan).toBe(`index:${INDEXED}:updatedAt_1+sort`);
    expect(stats.rowsScanned).toBeLessThan(COUNT / 20);
  });

  test('with an equality prefix', async () => {
    const { stats } = await compare({ memberId: 'm3', updatedAt: { $lt: at(1000) } }, { order: wire(order), limit: 5 });
    expect(stats.plan).toBe(`index:${INDEXED}:memberId_1_updatedAt_-1+sort`);
  });
});

test('an aggregation $match on a date range is served from the index, and a $sort with a $limit stops early', async () => {
  const run = async (collectionName: string, stages: Array<[string, unknown]>) => {
    const answer = (await db.call('database.aggregateDocuments', {
      collectionName,
      stages: stages.map(([stageKey, value]) => ({ stageKey, stageValue: wire(value) })),
    })) as { list: string[] };
    return { list: answer.list, stats: db.service.stats() };
  };
  const grouped: Array<[string, unknown]> = [
    ['$match', { updatedAt: { $gte: at(1250) } }],
    ['$group', { _id: '$memberId', last: { $max: '$updatedAt' }, n: { $sum: 1 } }],
    ['$sort', { _id: 1 }],
  ];
  const indexed = await run(INDEXED, grouped);
  expect(indexed.list).toEqual((await run(PLAIN, grouped)).list);
  expect(indexed.stats.plan).toBe(`index:${INDEXED}:updatedAt_1`);
  expect(indexed.stats.rowsScanned).toBeLessThan(COUNT / 10);

  const page: Array<[string, unknown]> = [
    ['$match', { memberId: 'm5' }],
    ['$sort', { updatedAt: -1, _id: 1 }],
    ['$skip', 2],
    ['$limit', 3],
  ];
  const paged = await run(INDEXED, page);
  expect(paged.list).toEqual((await run(PLAIN, page)).list);
  expect(paged.stats.plan).toBe(`index:${INDEXED}:memberId_1_updatedAt_-1+sort`);
});
