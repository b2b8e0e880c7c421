import { type Department, departmentChain, type Member, planRosterImport, type RosterRow } from '../../../server/roster';
import { row } from './helpers';

const NOW = new Date('2025-06-01T02:00:00Z');
const EARLIER = new Date('2024-01-01T00:00:00Z');

function stored(employeeNo: string, overrides: Partial<Member> = {}): Member {
  const r = row(employeeNo);
  return {
    _id: `m:${employeeNo}`,
    employeeNo,
    name: r.name,
    departmentId: `dept:${r.departmentPath.join('/')}`,
    departmentPath: r.departmentPath,
    jobLevel: r.jobLevel,
    hireDate: r.hireDate,
    active: true,
    roles: [{ role: 'learner' }],
    createdAt: EARLIER,
    updatedAt: EARLIER,
    ...overrides,
  };
}

const HR_TREE: Department[] = departmentChain(['总部', '人力资源部', '培训中心']);

/** Freezes deeply so that any mutation of the caller's data throws. */
function frozen<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !(value instanceof Date)) {
    Object.values(value).forEach(frozen);
    Object.freeze(value);
  }
  return value;
}

describe('planRosterImport: departments', () => {
  it('creates every missing ancestor once, parents first, with the shared id scheme', () => {
    const rows: RosterRow[] = [
      row('A1', { departmentPath: ['华东分公司', '销售一部', '上海组'] }),
      row('A2', { departmentPath: ['华东分公司', '销售二部'] }),
      row('A3', { departmentPath: ['总部', '人力资源部', '培训中心'] }),
      row('A4', { departmentPath: ['华东分公司'] }),
    ];
    const plan = planRosterImport(rows, frozen({ members: [], departments: HR_TREE }), NOW);
    expect(plan.departments).toEqual([
      { _id: 'dept:华东分公司', name: '华东分公司', path: ['华东分公司'], parentId: null },
      { _id: 'dept:华东分公司/销售一部', name: '销售一部', path: ['华东分公司', '销售一部'], parentId: 'dept:华东分公司' },
      { _id: 'dept:华东分公司/销售一部/上海组', name: '上海组', path: ['华东分公司', '销售一部', '上海组'], parentId: 'dept:华东分公司/销售一部' },
      { _id: 'dept:华东分公司/销售二部', name: '销售二部', path: ['华东分公司', '销售二部'], parentId: 'dept:华东分公司' },
    ]);
    expect(plan.report.departmentsCreated).toBe(4);
  });
});

describe('planRosterImport: members', () => {
  it('inserts newcomers as active learners', () => {
    const plan = planRosterImport([row('A1', { mobile: '13812345678' }), row('A2', { mobile: null }), row('A3')], { members: [], departments: [] }, NOW);
    expect(plan.inserts[0]).toEqual({
      _id: 'm:A1',
      employeeNo: 'A1',
      name: '员工A1',
      departmentId: 'dept:总部/人力资源部/培训中心',
      departmentPath: ['总部', '人力资源部', '培训中心'],
      jobLevel: 'individual',
      hireDate: '2020-01-01',
      mobile: '13812345678',
      active: true,
      roles: [],
      createdAt: NOW,
      updatedAt: NOW,
    });
    expect(plan.inserts.map((m) => 'mobile' in m)).toEqual([true, false, false]);
    expect(plan.report).toEqual({ inserted: 3, updated: 0, unchanged: 0, reactivated: 0, deactivated: 0, rejected: 0, departmentsCreated: 3 });
  });

  it('updates only the changed roster fields, leaving roles, binding and history alone', () => {
    const admin = stored('A1', {
      roles: [{ role: 'learner' }, { role: 'admin' }],
      mobile: '13800000000',
      openid: 'wx-openid-1',
      points: 40,
    } as Partial<Member>);
    const existing = frozen({ members: [admin, stored('A2'), stored('A3', { mobile: '13900000000' })], departments: HR_TREE });
    const rows = [
      row('A1', { name: '王芳', departmentPath: ['总部', '财务部'], jobLevel: 'first_line_manager', mobile: '13800000000' }),
      row('A2'),
      row('A3', { mobile: null, hireDate: '2020-02-02' }),
    ];
    const plan = planRosterImport(rows, existing, NOW);
    expect(plan.updates).toEqual([
      {
        _id: 'm:A1',
        employeeNo: 'A1',
        set: { name: '王芳', departmentId: 'dept:总部/财务部', departmentPath: ['总部', '财务部'], jobLevel: 'first_line_manager', updatedAt: NOW },
        remove: [],
      },
      { _id: 'm:A3', employeeNo: 'A3', set: { hireDate: '2020-02-02', updatedAt: NOW }, remove: ['mobile'] },
    ]);
    expect(plan.inserts).toEqual([]);
    expect(plan.report).toMatchObject({ inserted: 0, updated: 2, unchanged: 1, departmentsCreated: 1 });
  });

  it('keeps a stored mobile when the file has no mobile column', () => {
    const plan = planRosterImport([row('A1')], { members: [stored('A1', { mobile: '13800000000' })], departments: HR_TREE }, NOW);
    expect(plan.updates).toEqual([]);
    expect(plan.report.unchanged).toBe(1);
  });

  it('deactivates active members missing from the file, and only them', () => {
    const existing = frozen({
      members: [
        stored('A1'),
        stored('LEFT'),
        stored('GONE', { active: false, leftAt: EARLIER }),
        { _id: 'partner:1', name: '外部讲师', active: true, external: true, roles: [] },
        stored('TYPO'),
      ],
      departments: HR_TREE,
    });
    const plan = planRosterImport([row('A1')], existing, NOW, {
      rejected: [
        { row: 3, employeeNo: 'TYPO', reason: '入职日期无法识别' },
        { row: 4, reason: '工号不能为空' },
      ],
    });
    expect(plan.deactivations).toEqual([{ _id: 'm:LEFT', employeeNo: 'LEFT', set: { active: false, leftAt: NOW, updatedAt: NOW }, remove: [] }]);
    expect(plan.report).toEqual({ inserted: 0, updated: 0, unchanged: 1, reactivated: 0, deactivated: 1, rejected: 2, departmentsCreated: 0 });
  });

  it('reactivates people who come back, with whatever changed meanwhile', () => {
    const existing = { members: [stored('A1', { active: false, leftAt: EARLIER }), stored('A2', { active: false })], departments: HR_TREE };
    const plan = planRosterImport([row('A1', { jobLevel: 'first_line_manager' }), row('A2')], existing, NOW);
    expect(plan.reactivations).toEqual([
      { _id: 'm:A1', employeeNo: 'A1', set: { jobLevel: 'first_line_manager', active: true, reactivatedAt: NOW, updatedAt: NOW }, remove: ['leftAt'] },
      { _id: 'm:A2', employeeNo: 'A2', set: { active: true, reactivatedAt: NOW, updatedAt: NOW }, remove: [] },
    ]);
    expect(plan.updates).toEqual([]);
    expect(plan.report).toMatchObject({ reactivated: 2, updated: 0, unchanged: 0, deactivated: 0 });
  });

  it('finds members by employee number, never by name, and ignores external partners with a number', () => {
    const existing = {
      members: [stored('A1', { name: '同名' }), { ...stored('A2'), _id: 'partner:2', external: true }],
      departments: HR_TREE,
    };
    const plan = planRosterImport([row('B1', { name: '同名' }), row('A2')], existing, NOW);
    expect(plan.inserts.map((m) => m._id)).toEqual(['m:B1', 'm:A2']);
    expect(plan.deactivations.map((p) => p._id)).toEqual(['m:A1']);
  });

  it('counts each valid row exactly once', () => {
    const existing = { members: [stored('U'), stored('C'), stored('R', { active: false }), stored('L')], departments: HR_TREE };
    const plan = planRosterImport([row('N'), row('U', { name: '改名' }), row('C'), row('R')], existing, NOW);
    const { inserted, updated, unchanged, reactivated } = plan.report;
    expect([inserted, updated, unchanged, reactivated]).toEqual([1, 1, 1, 1]);
    expect(plan.report.deactivated).toBe(1);
  });
});
