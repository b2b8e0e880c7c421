/**
 * The one export mechanism (server/core/workbook.ts exportRows): a table's columns declared once, rows
 * written a page at a time as they are read, a cap that stops reading, and the file recorded and linked for
 * the member who asked. Database operations are counted at the local cloud's protocol.
 */
import { COLLECTIONS, idPages } from '../../../server/core';
import { getCloud } from '../../../server/core/cloud';
import { exportRows, exportTable, field } from '../../../server/core/workbook';
import { useTestCloud } from '../../helpers/local-cloud';
import { insertAll, testDb } from '../../helpers/db';
import { fetchWorkbook } from '../../helpers/workbook';

const cloud = useTestCloud();

interface Row {
  _id: string;
  name: string;
  points: number;
  note?: string;
}

const TABLE = exportTable<Row>('测试表', [
  field('编号', '_id', 10),
  field('姓名', 'name', 12),
  { header: '积分×2', width: 8, cell: (row) => row.points * 2 },
  field('备注', 'note', 20),
]);

beforeAll(async () => {
  await insertAll(
    'adminAudit',
    [1, 2, 3, 4, 5].map((n) => ({ _id: `r${n}`, name: `成员${n}`, points: n, ...(n === 1 ? { note: '首位' } : {}) })),
  );
});

test('writes every page under the declared headers and links the file for its owner alone', async () => {
  const sdk = getCloud();
  cloud.actions.reset();
  const result = await exportRows(sdk, TABLE, idPages<Row>(testDb(), COLLECTIONS.adminAudit, {}, 2), {
    label: 'tests/all',
    ownerId: 'm:owner',
    now: new Date(),
  });
  // Three pages of at most 2 (2, 2, 1), and the export's record.
  expect(cloud.actions.databaseOperations()).toBe(4);
  expect(result.rows).toBe(5);
  expect(result.fileID).toMatch(/private\/exports\/m_owner\/[0-9a-f]{32}\.xlsx$/);
  const sheet = await fetchWorkbook(result.url);
  expect(sheet.name).toBe('测试表');
  expect(sheet.rows).toEqual([
    ['编号', '姓名', '积分×2', '备注'],
    ['r1', '成员1', 2, '首位'],
    ['r2', '成员2', 4, null],
    ['r3', '成员3', 6, null],
    ['r4', '成员4', 8, null],
    ['r5', '成员5', 10, null],
  ]);
});

test('a cap stops reading at the page that reaches it', async () => {
  const sdk = getCloud();
  cloud.actions.reset();
  const result = await exportRows(sdk, TABLE, idPages<Row>(testDb(), COLLECTIONS.adminAudit, {}, 2), {
    label: 'tests/capped',
    ownerId: 'm:owner',
    now: new Date(),
    maxRows: 3,
  });
  expect(cloud.actions.databaseOperations()).toBe(3);
  expect(result.rows).toBe(3);
  expect((await fetchWorkbook(result.url)).rows.map((row) => row[0])).toEqual(['编号', 'r1', 'r2', 'r3']);
});

test('an empty table still exports its header row', async () => {
  const result = await exportRows(getCloud(), TABLE, idPages<Row>(testDb(), COLLECTIONS.adminAudit, { name: '无人' }), {
    label: 'tests/empty',
    ownerId: 'm:owner',
    now: new Date(),
  });
  expect(result.rows).toBe(0);
  expect((await fetchWorkbook(result.url)).rows).toEqual([['编号', '姓名', '积分×2', '备注']]);
});
