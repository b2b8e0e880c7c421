/**
 * Declared indexes pre-select candidates (fewer rows read) without changing any answer. The answers are
 * compared with the same query on an identical collection without indexes, on edge data: arrays, nested
 * arrays, null, missing fields, booleans, objects, dates and numbers next to numeric strings.
 */
import fs from 'node:fs';
import type { IndexDeclaration } from '../../../emulator/db';
import { type DirectDb, openDirect, wire } from './direct';

const INDEXED = 'people';
const PLAIN = 'people_plain';
// Enough documents for every irregular kind (arrays, null, missing, booleans, objects, dates) to occur a few
// times, and for "rows read" to be told apart from "every row" by a wide margin.
const COUNT = 3_000;

let db: DirectDb;

function person(i: number): Record<string, unknown> {
  // Mostly regular values, with every irregular kind sprinkled in.
  let dept: unknown = `d${i % 50}`;
  if (i % 997 === 0) dept = [`d${i % 50}`, 'dx'];
  else if (i % 991 === 0) dept = null;
  else if (i % 983 === 0) dept = undefined;
  else if (i % 977 === 0) dept = true;
  else if (i % 971 === 0) dept = { code: 'd1' };
  const doc: Record<string, unknown> = {
    _id: `p${i}`,
    score: i % 1000,
    rank: i % 7 === 0 ? String(i % 1000) : i % 1000,
    tag: { kind: i % 3 === 0 ? ['a', 'b'] : 'c' },
  };
  if (dept !== undefined) doc.dept = dept;
  if (i % 401 === 0) doc.score = new Date(i);
  if (i % 1009 === 0) doc.tag = [{ kind: 'z' }];
  // Grants as members carry them: mostly none (an empty array), a few roles, and the odd irregular shape.
  doc.roles = i % 40 === 0 ? [{ role: 'trainer' }] : i % 61 === 0 ? [{ role: 'admin' }, { role: 'judge' }] : [];
  if (i % 499 === 0) doc.roles = [{ role: null }];
  if (i % 503 === 0) delete doc.roles;
  if (i % 509 === 0) doc.roles = [[{ role: 'trainer' }]];
  return doc;
}

beforeAll(async () => {
  const indexes: IndexDeclaration[] = [
    { name: 'dept_1', keys: { dept: 1 } },
    { name: 'score_1', keys: { score: 1 } },
    { name: 'rank_1', keys: { rank: 1 } },
    { name: 'tag_kind_1', keys: { 'tag.kind': 1 } },
    { name: 'roles.role_1', keys: { 'roles.role': 1 } },
  ];
  db = openDirect([{ name: INDEXED, indexes }, { name: PLAIN }]);
  const docs = Array.from({ length: COUNT }, (_, i) => person(i));
  db.service.insertDocuments(INDEXED, docs);
  db.service.insertDocuments(PLAIN, docs);
});

afterAll(() => {
  db.service.close();
  fs.rmSync(db.dataDir, { recursive: true, force: true });
});

const sortById = (docs: Array<Record<string, unknown>>) => docs.map((doc) => String(doc._id)).sort();

test('an equality query on an indexed field reads far fewer rows than a scan', async () => {
  const indexed = await db.query(INDEXED, { dept: 'd7' });
  const indexedStats = db.service.stats();
  const plain = await db.query(PLAIN, { dept: 'd7' });
  const plainStats = db.service.stats();
  expect(sortById(indexed)).toEqual(sortById(plain));
  expect(indexed.length).toBeGreaterThan(COUNT / 60);
  expect(plainStats.rowsScanned).toBe(COUNT);
  expect(indexedStats.plan).toBe(`index:${INDEXED}:dept_1`);
  expect(indexedStats.rowsScanned).toBeLessThan(COUNT / 20);
});

test.each<[string, unknown]>([
  ['string equality', { dept: 'd3' }],
  ['equality through an array value', { dept: 'dx' }],
  ['null matches null and missing', { dept: null }],
  ['$in with null', { dept: { $in: ['d1', null] } }],
  ['boolean equality', { dept: true }],
  ['numeric range excludes numeric strings', { rank: { $gte: 10, $lt: 20 } }],
  ['string range excludes numbers', { rank: { $gt: '98' } }],
  ['number equality excludes the same digits as a string', { rank: 14 }],
  ['nested path through arrays', { 'tag.kind': 'a' }],
  ['nested path through an array of objects', { 'tag.kind': 'z' }],
  ['a path through arrays that are mostly empty', { 'roles.role': 'trainer' }],
  ['null through empty arrays, missing fields and null elements', { 'roles.role': null }],
  ['$in with null through mostly empty arrays', { 'roles.role': { $in: ['judge', null] } }],
  ['range with an $and and another field', { $and: [{ score: { $gt: 990 } }, { dept: { $ne: 'd0' } }] }],
  ['date range falls back to a scan', { score: { $gte: new Date(0) } }],
])('%s gives the same answer with and without the index', async (_name, filter) => {
  const order = { order: wire({ _id: 1 }) };
  const indexed = await db.query(INDEXED, filter, order);
  const plain = await db.query(PLAIN, filter, order);
  expect(indexed.map((doc) => doc._id)).toEqual(plain.map((doc) => doc._id));
  const count = async (collectionName: string) => db.call('database.calculateDocument', { collectionName, query: wire(filter) });
  expect(await count(INDEXED)).toEqual(await count(PLAIN));
});

test('an equality through arrays reads only the documents whose arrays hold something, not the empty ones', async () => {
  const indexed = await db.query(INDEXED, { 'roles.role': 'judge' });
  const stats = db.service.stats();
  expect(sortById(indexed)).toEqual(sortById(await db.query(PLAIN, { 'roles.role': 'judge' })));
  expect(indexed.length).toBeGreaterThan(20);
  expect(stats.plan).toBe(`index:${INDEXED}:roles.role_1`);
  // The matches plus the few non-empty arrays an SQL comparison cannot look into; before, every empty
  // array was read too (nearly the whole collection).
  expect(stats.rowsScanned).toBeLessThan(COUNT / 8);
});

test('orderBy on an indexed field with a limit stops early and keeps MongoDB order', async () => {
  const extra = { order: wire({ score: -1, _id: 1 }), limit: 15, offset: 5 };
  const indexed = await db.query(INDEXED, { dept: { $ne: 'd1' } }, extra);
  const stats = db.service.stats();
  const plain = await db.query(PLAIN, { dept: { $ne: 'd1' } }, extra);
  expect(indexed.map((doc) => doc._id)).toEqual(plain.map((doc) => doc._id));
  expect(indexed).toHaveLength(15);
  // Dates sort above numbers in MongoDB: the irregular documents must come first in descending order.
  expect(indexed[0].score).toBeInstanceOf(Date);
  expect(stats.plan).toBe(`index:${INDEXED}:score_1+sort`);
  expect(stats.rowsScanned).toBeLessThan(COUNT / 20);
});

test('an aggregation starting with $match uses the index', async () => {
  const stages = [
    { stageKey: '$match', stageValue: wire({ dept: 'd9' }) },
    { stageKey: '$group', stageValue: wire({ _id: '$dept', n: { $sum: 1 } }) },
  ];
  const indexed = (await db.call('database.aggregateDocuments', { collectionName: INDEXED, stages })) as { list: string[] };
  const stats = db.service.stats();
  const plain = (await db.call('database.aggregateDocuments', { collectionName: PLAIN, stages })) as { list: string[] };
  expect(indexed.list).toEqual(plain.list);
  expect(stats.rowsScanned).toBeLessThan(COUNT / 20);
});
