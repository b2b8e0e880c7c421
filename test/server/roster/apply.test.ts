/**
 * applyRosterPlan and loadOrganisation through the real wx-server-sdk against the in-process local cloud:
 * first import, re-import in place, leavers, returners, batches over 100, and idempotence.
 *
 * Documented: an insert takes an array of documents in one call (https://docs.cloudbase.net/http-api/nosql/insert-documents),
 * and `_.remove()` deletes a field in an update
 * (https://developers.weixin.qq.com/minigame/dev/wxcloud/reference-sdk-api/database/command/Command.remove).
 * Chosen here: batches of 100 documents per insert, and "idempotent" meaning the stored documents are identical
 * after a repeated apply (fixed timestamps come from the plan, not from the clock).
 */
import fs from 'node:fs';
import path from 'node:path';
import * as cloud from 'wx-server-sdk';
import { applyRosterPlan, loadOrganisation, parseRosterFile, planRosterImport, type RosterDatabase, type RosterPlan } from '../../../server/roster';
import { startTestCloud, type TestCloud } from '../../helpers/local-cloud';
import { csv, HEADER } from './helpers';

const FIXTURE = fs.readFileSync(path.join(__dirname, '../../fixtures/roster/roster-utf8-bom.csv'));
const FIRST = new Date('2025-06-01T02:00:00Z');
const SECOND = new Date('2025-07-01T02:00:00Z');
const THIRD = new Date('2025-08-01T02:00:00Z');

let testCloud: TestCloud;
let db: RosterDatabase & ReturnType<typeof cloud.database>;

beforeAll(async () => {
  testCloud = await startTestCloud();
  cloud.init({ env: 'local' });
  db = cloud.database();
});

afterAll(async () => {
  await testCloud.dispose();
});

type Doc = Record<string, unknown> & { _id: string };

/** Every document of a collection, by `_id`, read the same way the import reads them. */
async function snapshot(): Promise<{ members: Doc[]; departments: Doc[] }> {
  const { members, departments } = await loadOrganisation(db);
  const byId = (a: { _id: string }, b: { _id: string }) => a._id.localeCompare(b._id);
  return { members: [...members].sort(byId) as unknown as Doc[], departments: [...departments].sort(byId) as unknown as Doc[] };
}

async function member(id: string): Promise<Doc> {
  const { members } = await snapshot();
  const found = members.find((m) => m._id === id);
  if (!found) throw new Error(`member ${id} is not stored`);
  return found;
}

describe('applyRosterPlan against the local cloud', () => {
  let firstPlan: RosterPlan;

  it('imports the fixture: members, the department tree, and the report', async () => {
    const parsed = await parseRosterFile(FIXTURE, 'roster.csv');
    firstPlan = planRosterImport(parsed.rows, await loadOrganisation(db), FIRST, { rejected: parsed.rejected });
    const report = await applyRosterPlan(db, firstPlan);
    // 华南分公司/客户服务部 appears only on the two rejected rows, so it is not created.
    expect(report).toEqual({ inserted: 10, updated: 0, unchanged: 0, reactivated: 0, deactivated: 0, rejected: 2, departmentsCreated: 10 });

    const { members, departments } = await snapshot();
    expect(members).toHaveLength(10);
    expect(departments.map((d) => d._id)).toEqual(
      [
        'dept:总部',
        'dept:总部/人力资源部',
        'dept:总部/人力资源部/培训中心',
        'dept:华东分公司',
        'dept:华东分公司/销售一部',
        'dept:华东分公司/销售二部',
        'dept:华东分公司/客户服务部',
        'dept:华南分公司',
        'dept:华南分公司/销售部',
        'dept:华南分公司/销售部/广州销售组',
      ].sort((a, b) => a.localeCompare(b)),
    );
    expect(departments.find((d) => d._id === 'dept:华南分公司/销售部/广州销售组')).toEqual({
      _id: 'dept:华南分公司/销售部/广州销售组',
      name: '广州销售组',
      path: ['华南分公司', '销售部', '广州销售组'],
      parentId: 'dept:华南分公司/销售部',
    });
    expect(await member('m:00127')).toEqual({
      _id: 'm:00127',
      employeeNo: '00127',
      name: '王芳',
      departmentId: 'dept:总部/人力资源部/培训中心',
      departmentPath: ['总部', '人力资源部', '培训中心'],
      jobLevel: 'middle_senior_manager',
      hireDate: '2015-03-09',
      mobile: '13812345678',
      active: true,
      roles: [],
      createdAt: FIRST,
      updatedAt: FIRST,
    });
  });

  it('re-applying the same plan changes nothing and reports the same', async () => {
    const before = await snapshot();
    expect(await applyRosterPlan(db, firstPlan)).toEqual(firstPlan.report);
    expect(await snapshot()).toEqual(before);
  });

  it('importing the same file again finds nothing to do', async () => {
    const parsed = await parseRosterFile(FIXTURE, 'roster.csv');
    const plan = planRosterImport(parsed.rows, await loadOrganisation(db), SECOND, { rejected: parsed.rejected });
    expect(plan.report).toEqual({ inserted: 0, updated: 0, unchanged: 10, reactivated: 0, deactivated: 0, rejected: 2, departmentsCreated: 0 });
  });

  it('re-imports in place: changes, leavers, and what admins and bindings added stays', async () => {
    // An admin grant and a field another module owns, written after the first import.
    await db
      .collection('members')
      .doc('m:00128')
      .update({ data: { roles: [{ role: 'admin' }], points: 30 } });
    const next = csv(
      HEADER,
      '00127,王芳,总部/人力资源部,中高层,2015/3/9,',
      '00128,李强,总部/人力资源部/培训中心,一线经理,2021-07-01,13700001111',
      'E2041,刘洋,华东分公司/销售一部,基层经理,2019-04-15,15900001111',
      'S3001,赵一鸣,华南分公司/销售部,中高层经理,2012/6/30,13500004444',
      'S3002,吴欣怡,华南分公司/销售部/广州销售组,一线经理,2020/1/6,',
      'S3003,周子涵,华南分公司/销售部/广州销售组,员工,2024/9/2,18800005555',
      'E2042,陈静,华东分公司/销售一部,员工,2024-10-08,1860000222',
    );
    const parsed = await parseRosterFile(next, 'roster.csv');
    const plan = planRosterImport(parsed.rows, await loadOrganisation(db), SECOND, { rejected: parsed.rejected });
    const report = await applyRosterPlan(db, plan);
    // E2042's row is rejected (bad mobile), so she is not a leaver; E2043, E2044 and 00131 left.
    expect(report).toEqual({ inserted: 0, updated: 2, unchanged: 4, reactivated: 0, deactivated: 3, rejected: 1, departmentsCreated: 0 });

    const wang = await member('m:00127');
    expect(wang).toMatchObject({ departmentId: 'dept:总部/人力资源部', departmentPath: ['总部', '人力资源部'], createdAt: FIRST, updatedAt: SECOND });
    expect(wang).not.toHaveProperty('mobile');
    expect(await member('m:00128')).toMatchObject({ jobLevel: 'first_line_manager', mobile: '13700001111', roles: [{ role: 'admin' }], points: 30 });
    for (const id of ['m:E2043', 'm:E2044', 'm:00131']) expect(await member(id)).toMatchObject({ active: false, leftAt: SECOND, updatedAt: SECOND });
    expect(await member('m:E2042')).toMatchObject({ active: true, updatedAt: FIRST });

    const after = await snapshot();
    await applyRosterPlan(db, plan);
    expect(await snapshot()).toEqual(after);
  });

  it('reactivates people who come back and keeps their record', async () => {
    const back = csv(HEADER, '00127,王芳,总部/人力资源部,中高层,2015/3/9,', 'E2043,杨磊,华东分公司/销售三部,员工,2022年5月16日,');
    const parsed = await parseRosterFile(back, 'roster.csv');
    const plan = planRosterImport(parsed.rows, await loadOrganisation(db), THIRD);
    expect(plan.report).toMatchObject({ reactivated: 1, unchanged: 1, departmentsCreated: 1 });
    await applyRosterPlan(db, plan);
    const yang = await member('m:E2043');
    expect(yang).toMatchObject({ active: true, reactivatedAt: THIRD, departmentId: 'dept:华东分公司/销售三部', createdAt: FIRST });
    expect(yang).not.toHaveProperty('leftAt');
    const before = await snapshot();
    await applyRosterPlan(db, plan);
    expect(await snapshot()).toEqual(before);
  });

  it('inserts in batches of 100 and finishes a half-applied plan without duplicates', async () => {
    const lines = Array.from({ length: 250 }, (_, i) => `B${String(i).padStart(4, '0')},员工${i},西南分公司/销售部/第${i % 3}组,员工,2023-01-01,`);
    const parsed = await parseRosterFile(csv(HEADER, ...lines), 'big.csv');
    const plan = planRosterImport(parsed.rows, await loadOrganisation(db), THIRD);
    expect(plan.inserts).toHaveLength(250);
    // A previous run that stopped after the first batch of members.
    await applyRosterPlan(db, { ...plan, inserts: plan.inserts.slice(0, 100), updates: [], reactivations: [], deactivations: [] });
    await applyRosterPlan(db, plan);
    const { members, departments } = await snapshot();
    expect(members.filter((m) => m._id.startsWith('m:B'))).toHaveLength(250);
    expect(departments.filter((d) => d._id.startsWith('dept:西南分公司'))).toHaveLength(5);
    expect(
      members.filter((m) => m._id.startsWith('m:B')).every((m) => m.createdAt instanceof Date && (m.createdAt as Date).getTime() === THIRD.getTime()),
    ).toBe(true);
  });

  it('loads the organisation page by page, whatever the page size', async () => {
    const whole = await loadOrganisation(db);
    expect(whole.members.length).toBeGreaterThan(250);
    const paged = await loadOrganisation(db, { pageSize: 37 });
    expect(paged.members.map((m) => m._id)).toEqual(whole.members.map((m) => m._id));
    expect(paged.departments.map((d) => d._id)).toEqual(whole.departments.map((d) => d._id));
  });
});
