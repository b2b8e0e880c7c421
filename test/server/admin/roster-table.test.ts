/**
 * `admin.importRosterTable`: the roster import from a file the console read in the browser (CSV as text, an
 * Excel sheet as rows). The preview says who is added, changed field by field, brought back and deactivated
 * and writes nothing; the apply writes what the preview showed; bad rows are refused with Chinese reasons and
 * a bad file changes nothing. Company-wide admins only, as for an uploaded file.
 */
import { callAction } from '../../helpers/invoke';
import { useTestCloud } from '../../helpers/local-cloud';
import { grant, insertAll, seedMember } from '../../helpers/db';
import { codeOf, dataOf } from '../../helpers/envelope';
import { rosterMember, seedRoster } from '../../helpers/roster';

jest.setTimeout(60_000);

const ADMIN = { openid: 'o-rt-admin' };
const BRANCH_ADMIN = { openid: 'o-rt-branch' };
const cloud = useTestCloud();

const HQ = { departmentId: 'dept:总部', departmentPath: ['总部'] };
const SALES = { departmentId: 'dept:总部/销售部', departmentPath: ['总部', '销售部'] };

beforeAll(async () => {
  await insertAll('departments', [
    { _id: 'dept:总部', name: '总部', path: ['总部'], parentId: null },
    { _id: 'dept:总部/销售部', name: '销售部', path: ['总部', '销售部'], parentId: 'dept:总部' },
  ]);
  await seedMember(ADMIN.openid, 'm:T0001', { employeeNo: 'T0001', name: '管理员', roles: [grant('admin')], ...HQ, hireDate: '2020-01-01' });
  await seedMember(BRANCH_ADMIN.openid, 'm:T0002', {
    employeeNo: 'T0002',
    name: '部门管理员',
    roles: [grant('admin', SALES.departmentId)],
    ...SALES,
    hireDate: '2020-01-01',
  });
  await seedRoster(
    rosterMember('T1001', '赵一', { ...SALES, hireDate: '2021-05-01', mobile: '13900001001' }),
    rosterMember('T1002', '钱二', { ...SALES, hireDate: '2021-05-01' }),
    rosterMember('T1003', '孙三', { ...SALES, hireDate: '2021-05-01' }),
    rosterMember('T1004', '李四', { ...SALES, hireDate: '2021-05-01' }),
    rosterMember('T1005', '周五', { ...SALES, hireDate: '2021-05-01' }),
    rosterMember('T1009', '吴九', { ...SALES, hireDate: '2019-01-01', active: false }),
  );
});

const HEADER = '工号,姓名,部门,职级,入职日期,手机';
const KEEP = [
  'T0001,管理员,总部,员工,2020-01-01,',
  'T0002,部门管理员,总部/销售部,员工,2020-01-01,',
  'T1002,钱二,总部/销售部,员工,2021-05-01,',
  'T1003,孙三,总部/销售部,员工,2021-05-01,',
  'T1004,李四,总部/销售部,员工,2021-05-01,',
];

function csv(...lines: string[]) {
  return { kind: 'csv' as const, text: [HEADER, ...lines].join('\r\n') };
}

describe('preview and apply', () => {
  // 赵一 moves and changes mobile, 周五 leaves, 吴九 comes back, 郑十 is new.
  const file = csv(
    ...KEEP,
    'T1001,赵一,总部/市场部,一线经理,2021-05-01,139 0000 2002',
    'T1009,吴九,总部/销售部,员工,2019-01-01,',
    'T1010,郑十,总部/市场部,员工,2026-11-01,',
  );

  it('previews who is added, changed field by field, brought back and deactivated, writing nothing', async () => {
    cloud.actions.reset();
    const preview = dataOf(await callAction('admin', 'importRosterTable', { fileName: '花名册.csv', table: file, dryRun: true }, ADMIN));
    // The guard's member, then the organisation: members and departments, one page each.
    expect(cloud.actions.databaseOperations()).toBe(3);
    expect(cloud.actions.snapshot()).not.toHaveProperty(['database.insertDocument']);
    expect(preview.report).toEqual({ inserted: 1, updated: 1, unchanged: 5, reactivated: 1, deactivated: 1, rejected: 0, departmentsCreated: 1 });
    expect(preview.changes).toEqual({
      added: [{ employeeNo: 'T1010', name: '郑十', departmentPath: ['总部', '市场部'] }],
      changed: [
        {
          employeeNo: 'T1001',
          name: '赵一',
          departmentPath: ['总部', '市场部'],
          fields: [
            { field: 'department', before: '总部/销售部', after: '总部/市场部' },
            { field: 'jobLevel', before: '员工', after: '一线经理' },
            { field: 'mobile', before: '139****1001', after: '139****2002' },
          ],
        },
      ],
      reactivated: [{ employeeNo: 'T1009', name: '吴九', departmentPath: ['总部', '销售部'], fields: [] }],
      deactivated: [{ employeeNo: 'T1005', name: '周五', departmentPath: ['总部', '销售部'] }],
    });
    expect(cloud.database.getDocument('members', 'm:T1010')).toBeUndefined();
    expect(cloud.database.getDocument('members', 'm:T1005')).toMatchObject({ active: true });
  });

  it('applies what the preview showed and records it in the audit log', async () => {
    const done = dataOf(await callAction('admin', 'importRosterTable', { fileName: '花名册.csv', table: file }, ADMIN));
    expect(done).toMatchObject({ dryRun: false, report: { inserted: 1, updated: 1, reactivated: 1, deactivated: 1 } });
    expect(cloud.database.getDocument('members', 'm:T1010')).toMatchObject({ name: '郑十', active: true, departmentId: 'dept:总部/市场部' });
    expect(cloud.database.getDocument('members', 'm:T1001')).toMatchObject({
      jobLevel: 'first_line_manager',
      mobile: '13900002002',
      departmentPath: ['总部', '市场部'],
    });
    expect(cloud.database.getDocument('members', 'm:T1005')).toMatchObject({ active: false });
    expect(cloud.database.getDocument('members', 'm:T1009')).toMatchObject({ active: true });
    expect(cloud.database.getDocument('departments', 'dept:总部/市场部')).toMatchObject({ parentId: 'dept:总部' });
    const audit = cloud.database.listDocuments('adminAudit').filter((entry) => entry.action === 'roster_import');
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorId: 'm:T0001', targetKind: 'roster', targetName: '花名册.csv', after: { inserted: 1, deactivated: 1 } });
    // The same file again changes nothing.
    const again = dataOf(await callAction('admin', 'importRosterTable', { fileName: '花名册.csv', table: file, dryRun: true }, ADMIN));
    expect(again.report).toMatchObject({ inserted: 0, updated: 0, reactivated: 0, deactivated: 0, unchanged: 8 });
    expect(again.changes).toEqual({ added: [], changed: [], reactivated: [], deactivated: [] });
  });
});

describe('an Excel sheet read in the browser', () => {
  it('reads numbers, day serials and dates sent as days, with the row numbers the sheet shows', async () => {
    const rows = [
      { row: 1, cells: ['员工花名册'] },
      { row: 3, cells: ['工号', '姓名', '部门', '职级', '入职日期'] },
      // An employee number typed as a number, a day serial (a date column saved as 常规) and a date cell.
      { row: 4, cells: [2001, '冯一', '总部/销售部', '员工', 46_023] },
      { row: 5, cells: ['T2002', '陈二', '总部/销售部', '员工', '2026-01-02'] },
      { row: 7, cells: ['T2003', '褚三', '总部/销售部', '主管', '2026-01-02'] },
      ...['T0001', 'T0002', 'T1001', 'T1002', 'T1003', 'T1004', 'T1009', 'T1010'].map((no, i) => ({
        row: 8 + i,
        cells: [no, '某人', '总部/销售部', '员工', '2020-01-01'],
      })),
    ];
    const preview = dataOf(await callAction('admin', 'importRosterTable', { fileName: 'roster.xlsx', table: { kind: 'sheet', rows }, dryRun: true }, ADMIN));
    expect(preview.changes.added).toEqual([
      { employeeNo: '2001', name: '冯一', departmentPath: ['总部', '销售部'] },
      { employeeNo: 'T2002', name: '陈二', departmentPath: ['总部', '销售部'] },
    ]);
    expect(preview.rejected).toEqual([{ row: 7, employeeNo: 'T2003', reason: '职级无法识别：主管（应为 员工、一线经理 或 中高层）' }]);
  });
});

describe('bad files change nothing', () => {
  async function refused(table: unknown, expected: { code: string; message?: unknown }) {
    const members = cloud.database.listDocuments('members').length;
    cloud.actions.reset();
    expect(await callAction('admin', 'importRosterTable', { fileName: 'bad.csv', table } as never, ADMIN)).toMatchObject({ ok: false, ...expected });
    expect(Object.keys(cloud.actions.snapshot()).filter((action) => /insert|modify|remove/.test(action))).toEqual([]);
    expect(cloud.database.listDocuments('members')).toHaveLength(members);
  }

  it('refuses a file without the required columns, an unbalanced quote and an empty sheet', async () => {
    await refused({ kind: 'csv', text: '姓名\n张三\n' }, { code: 'INVALID_INPUT', message: expect.stringContaining('缺少必需的列：工号') });
    await refused(
      { kind: 'csv', text: `${HEADER}\nT1,"张三,总部,员工,2020-01-01,` },
      { code: 'INVALID_INPUT', message: expect.stringContaining('CSV 文件格式错误') },
    );
    await refused({ kind: 'sheet', rows: [] }, { code: 'INVALID_INPUT', message: expect.stringContaining('缺少表头行') });
    await refused({ kind: 'sheet', rows: [{ row: 1, cells: [{ $gt: '' }] }] }, { code: 'INVALID_INPUT' });
  });

  it('refuses a file that would deactivate more than a fifth of the roster unless allowed', async () => {
    await refused(csv('T0001,管理员,总部,员工,2020-01-01,'), { code: 'MASS_DEACTIVATION' });
  });

  it('is for company-wide admins only', async () => {
    expect(codeOf(await callAction('admin', 'importRosterTable', { fileName: 'x.csv', table: csv(...KEEP), dryRun: true }, BRANCH_ADMIN))).toBe('FORBIDDEN');
  });
});
