/**
 * 成员名单 export read back: the member table's own filters, every role grant with its scope; a branch admin
 * exports only their branch and is refused another's, with no file written.
 */
import { callAction } from '../../helpers/invoke';
import { useTestCloud } from '../../helpers/local-cloud';
import { countAll, grant, insertAll, memberDoc, seedMember } from '../../helpers/db';
import { dataOf } from '../../helpers/envelope';
import { fetchWorkbook } from '../../helpers/workbook';

useTestCloud();
const ADMIN = { openid: 'o-mx-admin' };
const BRANCH_ADMIN = { openid: 'o-mx-branch' };
const EAST = { departmentId: 'dept:华东分公司', departmentPath: ['华东分公司'] };
const SOUTH = { departmentId: 'dept:华南分公司', departmentPath: ['华南分公司'] };

beforeAll(async () => {
  await seedMember(ADMIN.openid, 'm:mx-admin', {
    name: '总管',
    employeeNo: 'A001',
    roles: [grant('admin')],
    departmentId: 'dept:总部',
    departmentPath: ['总部'],
  });
  await seedMember(BRANCH_ADMIN.openid, 'm:mx-branch', {
    name: '东管',
    employeeNo: 'E001',
    roles: [grant('admin', EAST.departmentId), grant('trainer', EAST.departmentId)],
    ...EAST,
  });
  await insertAll('members', [
    memberDoc('m:mx-e2', { name: '东二', employeeNo: 'E002', ...EAST }),
    memberDoc('m:mx-e3', { name: '东三', employeeNo: 'E003', active: false, ...EAST }),
    memberDoc('m:mx-s1', { name: '南一', employeeNo: 'S001', roles: [grant('judge')], ...SOUTH }),
  ]);
  // 东二 has reached a learner level (学员等级); the others have none.
  await insertAll('pointsAccounts', [
    { _id: 'm:mx-e2', memberId: 'm:mx-e2', balance: 60, earnedTotal: 60, levelRank: 1, levelName: '学习新星', buckets: {}, oldestYear: null },
  ]);
});

const names = async (url: string): Promise<unknown[]> => (await fetchWorkbook(url)).rows.slice(1).map((row) => row[1]);

test('exports the filtered member table with every grant and its scope', async () => {
  const exported = dataOf(await callAction('admin', 'exportMembers', { status: 'all' }, ADMIN));
  expect(exported.rows).toBe(5);
  const sheet = await fetchWorkbook(exported.url);
  expect(sheet.name).toBe('成员名单');
  expect(sheet.rows[0]).toEqual(['工号', '姓名', '部门', '角色', '状态', '微信绑定', '外部成员', '学员等级']);
  expect(sheet.rows.find((row) => row[1] === '东管')).toEqual([
    'E001',
    '东管',
    '华东分公司',
    '管理员（华东分公司）、培训管理员（华东分公司）',
    '在职',
    '已绑定',
    '',
    '',
  ]);
  expect(sheet.rows.find((row) => row[1] === '东三')).toEqual(['E003', '东三', '华东分公司', '学员', '已停用', '未绑定', '', '']);
  expect(sheet.rows.find((row) => row[1] === '东二')?.[7]).toBe('学习新星');
  expect(sheet.rows.find((row) => row[1] === '南一')?.[3]).toBe('评委（全公司）');
  // The list's own filters: active members of 华东 only; judges only.
  expect((await names(dataOf(await callAction('admin', 'exportMembers', { departmentId: EAST.departmentId }, ADMIN)).url)).sort()).toEqual(['东二', '东管']);
  expect(await names(dataOf(await callAction('admin', 'exportMembers', { role: 'judge' }, ADMIN)).url)).toEqual(['南一']);
});

test('a branch admin exports only their branch and is refused another, writing no file', async () => {
  expect((await names(dataOf(await callAction('admin', 'exportMembers', { status: 'all' }, BRANCH_ADMIN)).url)).sort()).toEqual(
    ['东三', '东二', '东管'].sort(),
  );
  const files = await countAll('exportFiles');
  expect(await callAction('admin', 'exportMembers', { departmentId: SOUTH.departmentId }, BRANCH_ADMIN)).toMatchObject({ ok: false, code: 'FORBIDDEN' });
  expect(await callAction('admin', 'exportMembers', {}, { openid: 'o-mx-nobody' })).toMatchObject({ ok: false });
  expect(await countAll('exportFiles')).toBe(files);
});
