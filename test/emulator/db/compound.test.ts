/**
 * Compound indexes: equality on leading fields narrows candidates, and a sort on the next field with a
 * limit stops early. Every answer is compared with the same query on an identical collection without
 * indexes, over edge data: arrays, null, missing fields, booleans, objects, numbers beside strings, dates
 * with and without milliseconds, dates before 1970 and many ties.
 */
import type { IndexDeclaration } from '../../../emulator/db';
import { useIndexedAndPlain, wire } from './direct';

const INDEXED = 'courses';
const PLAIN = 'courses_plain';
const COUNT = 4_000;
const BASE = Date.UTC(2024, 0, 1);

function course(i: number): Record<string, unknown> {
  let status: unknown = i % 4 === 0 ? 'draft' : 'published';
  if (i % 613 === 0) status = ['published', 'x'];
  else if (i % 607 === 0) status = null;
  else if (i % 601 === 0) status = undefined;
  else if (i % 599 === 0) status = true;
  else if (i % 593 === 0) status = { s: 'published' };
  // Ties: every 3 consecutive courses share a date; some dates fall on a whole second (no ".000" stored).
  let publishedAt: unknown = new Date(BASE + Math.floor(i / 3) * (i % 5 === 0 ? 1000 : 1237));
  if (i % 211 === 0) publishedAt = null;
  else if (i % 199 === 0) publishedAt = undefined;
  else if (i % 197 === 0) publishedAt = i % 1000;
  else if (i % 193 === 0) publishedAt = `s${i % 100}`;
  else if (i % 191 === 0) publishedAt = [new Date(BASE + i), new Date(BASE - i)];
  else if (i % 181 === 0) publishedAt = i % 2 === 0;
  else if (i % 179 === 0) publishedAt = { at: i };
  else if (i % 173 === 0) publishedAt = new Date(-86_400_000 * i);
  const doc: Record<string, unknown> = { _id: `c${String(i).padStart(5, '0')}`, category: `k${i % 7}`, member: `m${i % 40}`, completed: i % 3 === 0, seq: i };
  if (status !== undefined) doc.status = status;
  if (publishedAt !== undefined) doc.publishedAt = publishedAt;
  if (i % 389 === 0) doc.category = ['k1', 'k2'];
  if (i % 383 === 0) doc.completed = 1;
  return doc;
}

const INDEXES: IndexDeclaration[] = [
  { name: 'status_1_publishedAt_-1', keys: { status: 1, publishedAt: -1 } },
  { name: 'status_1_category_1_publishedAt_-1', keys: { status: 1, category: 1, publishedAt: -1 } },
  { name: 'member_1_completed_1_publishedAt_-1', keys: { member: 1, completed: 1, publishedAt: -1 } },
];
// Inserted out of _id order, so insertion order and _id order differ for ties.
const db = useIndexedAndPlain(INDEXED, PLAIN, INDEXES, () => Array.from({ length: COUNT }, (_, i) => course((i * 7919) % COUNT)));

async function compare(filter: unknown, extra: Record<string, unknown>) {
  const indexed = await db.query(INDEXED, filter, extra);
  const stats = db.service.stats();
  const plain = await db.query(PLAIN, filter, extra);
  expect(db.service.stats().rowsScanned).toBe(COUNT);
  expect(indexed.map((doc) => doc._id)).toEqual(plain.map((doc) => doc._id));
  return { indexed, stats };
}

test('the home page query reads a few rows, in date order, and stops early', async () => {
  const { indexed, stats } = await compare({ status: 'published' }, { order: wire({ publishedAt: -1 }), limit: 20 });
  expect(indexed).toHaveLength(20);
  expect(stats.plan).toBe(`index:${INDEXED}:status_1_publishedAt_-1+sort`);
  expect(stats.rowsScanned).toBeLessThan(COUNT / 20);
});

test('an equality prefix of two fields and a sort on the third uses the longer index', async () => {
  const { stats } = await compare({ status: 'published', category: 'k3' }, { order: wire({ publishedAt: -1 }), limit: 20, offset: 10 });
  expect(stats.plan).toBe(`index:${INDEXED}:status_1_category_1_publishedAt_-1+sort`);
  expect(stats.rowsScanned).toBeLessThan(COUNT / 20);
});

test('a boolean in the equality prefix narrows like any value', async () => {
  const { indexed, stats } = await compare({ member: 'm7', completed: false }, { order: wire({ publishedAt: -1 }), limit: 5 });
  expect(indexed).toHaveLength(5);
  expect(stats.plan).toBe(`index:${INDEXED}:member_1_completed_1_publishedAt_-1+sort`);
  expect(stats.rowsScanned).toBeLessThan(COUNT / 40);
});

test('without a sort the prefix still narrows (count and unsorted reads agree with a scan)', async () => {
  const filter = { status: 'published', category: 'k2' };
  const { stats } = await compare(filter, {});
  expect(stats.plan).toBe(`index:${INDEXED}:status_1_category_1_publishedAt_-1`);
  expect(stats.rowsScanned).toBeLessThan(COUNT / 5);
  const count = async (collectionName: string) => db.call('database.calculateDocument', { collectionName, query: wire(filter) });
  expect(await count(INDEXED)).toEqual(await count(PLAIN));
});

const filters: Array<[string, unknown]> = [
  ['published', { status: 'published' }],
  ['draft', { status: 'draft' }],
  ['published via $eq and a category', { status: { $eq: 'published' }, category: 'k1' }],
  ['category matched inside an array', { status: 'published', category: 'k2' }],
  ['null status matches null and missing', { status: null }],
  ['boolean status', { status: true }],
  ['prefix in $and plus another condition', { $and: [{ status: 'published' }, { seq: { $gt: 1000 } }] }],
  ['a residual condition that few documents pass', { status: 'published', seq: { $mod: [97, 3] } }],
  ['member and completed', { member: 'm3', completed: true }],
  ['completed equal to 1 is not true', { member: 'm23', completed: 1 }],
  ['no usable prefix', { category: 'k4' }],
];
const orders: Array<Record<string, number>> = [
  { publishedAt: -1 },
  { publishedAt: 1 },
  { publishedAt: -1, _id: 1 },
  { publishedAt: 1, seq: -1 },
  { category: 1, publishedAt: -1 },
];
const pages: Array<{ limit: number; offset?: number }> = [{ limit: 1 }, { limit: 20 }, { limit: 7, offset: 13 }];

describe.each(filters)('%s', (_name, filter) => {
  test.each(orders.flatMap((order) => pages.map((page) => [JSON.stringify(order), page.limit, page.offset ?? 0, order, page] as const)))(
    'order %s limit %d offset %d matches a scan',
    async (_o, _l, _s, order, page) => {
      await compare(filter, { order: wire(order), ...page });
    },
  );
});

test('documents whose sort key is irregular are merged in MongoDB order (dates above strings, arrays, booleans)', async () => {
  const { indexed } = await compare({ status: 'published' }, { order: wire({ publishedAt: 1 }), limit: 1000 });
  const kinds = indexed.map((doc) =>
    doc.publishedAt instanceof Date
      ? 'date'
      : Array.isArray(doc.publishedAt)
        ? 'array'
        : doc.publishedAt === null || doc.publishedAt === undefined
          ? 'null'
          : typeof doc.publishedAt,
  );
  // Nulls and missing come first, then numbers, then strings; the list then reaches the dates.
  expect(kinds[0]).toBe('null');
  expect(new Set(kinds)).toEqual(new Set(['null', 'number', 'string', 'object', 'array', 'boolean', 'date']));
});
