/** readOrdered: batches keyed on (field, _id) read every document once, in order, even where the field ties. */
import { readOrdered } from '../../../server/core';
import { useTestCloud } from '../../helpers/local-cloud';
import { insertAll, testDb } from '../../helpers/db';

const cloud = useTestCloud();

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

test('reads newest first across batch boundaries inside ties, filtered, up to the maximum', async () => {
  const ids = async (filter: Record<string, unknown>, direction: 'asc' | 'desc', max: number) =>
    (await readOrdered<Row>(testDb(), 'adminAudit', filter, 'at', direction, max, 2)).map((row) => row._id);
  expect(await ids({}, 'desc', 100)).toEqual(['a7', 'a6', 'a5', 'a4', 'a3', 'a2', 'a1']);
  expect(await ids({}, 'asc', 100)).toEqual(['a1', 'a2', 'a3', 'a4', 'a5', 'a6', 'a7']);
  expect(await ids({ action: 'role_grant' }, 'desc', 100)).toEqual(['a7', 'a6', 'a5', 'a4', 'a2', 'a1']);
  expect(await ids({}, 'desc', 3)).toEqual(['a7', 'a6', 'a5']);
});
