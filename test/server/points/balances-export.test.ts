/**
 * 积分余额 and 积分明细 exports read back: balances highest first within the admin's scope, one member's
 * ledger newest first; a department-scoped admin exports only members they manage, and a refused export
 * writes no file.
 */
import { LEDGER_REASON_LABELS } from '../../../typings/functions/points';
import { callAction } from '../../helpers/invoke';
import { useTestCloud } from '../../helpers/local-cloud';
import { countAll, grant, seedMember } from '../../helpers/db';
import { dataOf } from '../../helpers/envelope';
import { fetchWorkbook } from '../../helpers/workbook';
import { givePoints } from './helpers';

useTestCloud();
const ADMIN = { openid: 'o-bx-admin' };
const BRANCH_ADMIN = { openid: 'o-bx-branch' };
const EAST = { departmentId: 'dept:华东分公司', departmentPath: ['华东分公司'] };
const SOUTH = { departmentId: 'dept:华南分公司', departmentPath: ['华南分公司'] };

beforeAll(async () => {
  await seedMember(ADMIN.openid, 'm:bx-admin', { roles: [grant('admin')] });
  await seedMember(BRANCH_ADMIN.openid, 'm:bx-branch', { roles: [grant('admin', EAST.departmentId)] });
  await seedMember('o-bx-east', 'm:bx-east', { name: '东一', ...EAST });
  await seedMember('o-bx-south', 'm:bx-south', { name: '南一', ...SOUTH });
  await givePoints('m:bx-east', new Date('2026-03-02T02:00:00Z'));
  await givePoints('m:bx-east', new Date('2026-03-03T02:00:00Z'));
  await givePoints('m:bx-south', new Date('2026-03-02T02:00:00Z'));
});

test('balances export highest first, with earned totals and learner levels, for everyone a company-wide admin manages', async () => {
  const exported = dataOf(await callAction('points', 'exportBalances', {}, ADMIN));
  const sheet = await fetchWorkbook(exported.url);
  expect(sheet.name).toBe('积分余额');
  expect(sheet.rows[0]).toEqual(['成员编号', '姓名', '部门', '余额', '累计获得', '学员等级']);
  const [east, south] = sheet.rows.slice(1);
  expect(exported.rows).toBe(2);
  expect(east?.slice(0, 3)).toEqual(['m:bx-east', '东一', '华东分公司']);
  expect(south?.slice(0, 3)).toEqual(['m:bx-south', '南一', '华南分公司']);
  expect(east?.[3]).toBe(east?.[4]);
  expect(Number(east?.[3])).toBeGreaterThan(Number(south?.[3]));
  // 100 and 50 points earned: both on the default ladder's first rung (学习新星 from 50).
  expect([east?.[5], south?.[5]]).toEqual(['学习新星', '学习新星']);
});

test("a member's ledger exports newest first with its reasons and running balance", async () => {
  const exported = dataOf(await callAction('points', 'exportLedger', { memberId: 'm:bx-east' }, ADMIN));
  const sheet = await fetchWorkbook(exported.url);
  expect(sheet.name).toBe('积分明细');
  expect(sheet.rows.slice(1).map((row) => [row[0], row[1]])).toEqual([
    ['2026-03-03 10:00', LEDGER_REASON_LABELS.competition_award],
    ['2026-03-02 10:00', LEDGER_REASON_LABELS.competition_award],
  ]);
  const [newest, oldest] = sheet.rows.slice(1);
  expect(newest?.[3]).toBe(Number(oldest?.[3]) + Number(newest?.[2]));
});

test('a branch admin exports only their branch; another branch or its member is refused and no file is written', async () => {
  const exported = dataOf(await callAction('points', 'exportBalances', {}, BRANCH_ADMIN));
  expect((await fetchWorkbook(exported.url)).rows.slice(1).map((row) => row[1])).toEqual(['东一']);
  const files = await countAll('exportFiles');
  expect(await callAction('points', 'exportBalances', { departmentId: SOUTH.departmentId }, BRANCH_ADMIN)).toMatchObject({ ok: false, code: 'FORBIDDEN' });
  expect(await callAction('points', 'exportLedger', { memberId: 'm:bx-south' }, BRANCH_ADMIN)).toMatchObject({ ok: false, code: 'FORBIDDEN' });
  expect(await callAction('points', 'exportLedger', { memberId: 'm:bx-east' }, { openid: 'o-bx-east' })).toMatchObject({ ok: false, code: 'FORBIDDEN' });
  expect(await countAll('exportFiles')).toBe(files);
});
