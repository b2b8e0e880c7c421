/** orderedPages and idPages: pages keyed on (field, _id) read every document once, in order, even where the field ties; allOf. */
import { allOf, idPages, orderedPages } from '../../../server/core';
import { useTestCloud } from '../../helpers/local-cloud';
import { insertAll, testDb } from '../../helpers/db';

useTestCloud();

interface Row {
  _id: string;
  at: Date;
  action: string;
}

const rows: Row[] = [
  { _id: 'a1', at: new Date('2026-04-01T00:00:00Z'), action: 'role_grant' },
  { _id: 'a2', at: new Date('2026-04-02T00:00:00Z'), action: 'role_grant' },
  { _id: 'a3', at: new Date('2026-04-02T00:00:00Z'), action: 'member_unbind' },
  { _id: 'a4', at: new Date('2026-04-02T00:00:00Z'), action: 'role_grant' },
  { _id: 'a5', at: new Date('2026-04-03T00:00:00Z'), action: 'role_grant' },
  { _id: 'a6', at: new Date('2026-04-04T00:00:00Z'), action: 'role_grant' },
  { _id: 'a7', at: new Date('2026-04-04T00:00:00Z'), action: 'role_grant' },
];

beforeAll(async () => {
  await insertAll('adminAudit', rows);
});

async function pagesOf(pages: AsyncIterable<Row[]>): Promise<string[][]> {
  const read: string[][] = [];
  for await (const page of pages) read.push(page.map((row) => row._id));
  return read;
}

test('reads newest first across page boundaries inside ties, filtered, never more than a page at once', async () => {
  const ids = async (filter: Record<string, unknown>, direction: 'asc' | 'desc') =>
    (await pagesOf(orderedPages<Row>(testDb(), 'adminAudit', filter, 'at', direction, 2))).flat();
  expect(await ids({}, 'desc')).toEqual(['a7', 'a6', 'a5', 'a4', 'a3', 'a2', 'a1']);
  expect(await ids({}, 'asc')).toEqual(['a1', 'a2', 'a3', 'a4', 'a5', 'a6', 'a7']);
  expect(await ids({ action: 'role_grant' }, 'desc')).toEqual(['a7', 'a6', 'a5', 'a4', 'a2', 'a1']);
  expect(await pagesOf(orderedPages<Row>(testDb(), 'adminAudit', {}, 'at', 'desc', 3))).toEqual([['a7', 'a6', 'a5'], ['a4', 'a3', 'a2'], ['a1']]);
});

test('idPages reads in _id order a page at a time, with or without a filter', async () => {
  expect(await pagesOf(idPages<Row>(testDb(), 'adminAudit', {}, 3))).toEqual([['a1', 'a2', 'a3'], ['a4', 'a5', 'a6'], ['a7']]);
  expect(await pagesOf(idPages<Row>(testDb(), 'adminAudit', { action: 'role_grant' }, 4))).toEqual([
    ['a1', 'a2', 'a4', 'a5'],
    ['a6', 'a7'],
  ]);
  // A full last page ends with one empty read, which yields nothing.
  expect(await pagesOf(idPages<Row>(testDb(), 'adminAudit', { action: 'member_unbind' }, 1))).toEqual([['a3']]);
});

test('allOf with no condition is the empty query, which the database serves (an empty _.and is refused)', async () => {
  const db = testDb();
  expect(allOf(db, [null, undefined])).toEqual({});
  expect(allOf(db, [null, { action: 'role_grant' }])).toEqual({ action: 'role_grant' });
  const { total } = (await db
    .collection('adminAudit')
    .where(allOf(db, [null]))
    .count()) as unknown as { total: number };
  expect(total).toBe(rows.length);
  const both = allOf(db, [{ action: 'role_grant' }, { _id: db.command.in(['a1', 'a3']) }]);
  const { data } = (await db.collection('adminAudit').where(both).get()) as unknown as { data: Row[] };
  expect(data.map((row) => row._id)).toEqual(['a1']);
});
