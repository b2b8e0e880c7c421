/**
 * A campaign is managed by the scope it was created in, chosen from the creator's grants (not their home
 * department), and moving it is an explicit admin action (server/campaign/edit.ts `resolveCampaignScope`,
 * `moveCampaignScope`; server/campaign/access.ts `campaignScopeOf`).
 */
import type { CampaignDoc, MemberDoc } from '../../../typings/domain';
import { useTestCloud } from '../../helpers/local-cloud';
import { codeOf, dataOf } from '../../helpers/envelope';
import { freezeClock } from '../../helpers/clock';
import { runConcurrently } from '../../helpers/concurrency';
import { countAll, grant, insertAll } from '../../helpers/db';
import { actionOf, beijing, call, campaignFields, makeCampaign, openidOf, readDoc, requestId, seedMembers, seedTrainer, TRAINER_ID } from './helpers';

jest.setTimeout(60_000);

useTestCloud();
let hqTrainer: MemberDoc;
const A = 'dept:华东分公司';
const B = 'dept:华南分公司';

beforeAll(async () => {
  freezeClock(beijing('2026-05-01'));
  hqTrainer = await seedTrainer();
  await insertAll('departments', [
    { _id: 'dept:总部', name: '总部', path: ['总部'], parentId: null },
    { _id: A, name: '华东分公司', path: ['华东分公司'], parentId: null },
    { _id: `${A}/销售部`, name: '销售部', path: ['华东分公司', '销售部'], parentId: A },
    { _id: B, name: '华南分公司', path: ['华南分公司'], parentId: null },
  ]);
  // Works at headquarters, trains branch A: the campaign belongs to A, not to 总部.
  await seedMembers(['m:a-trainer'], { departmentId: 'dept:总部', departmentPath: ['总部'], roles: [grant('trainer', A)] });
  await seedMembers(['m:b-trainer'], { departmentId: B, departmentPath: ['华南分公司'], roles: [grant('trainer', B)] });
  await seedMembers(['m:two-grants'], { departmentId: 'dept:总部', departmentPath: ['总部'], roles: [grant('trainer', A), grant('admin', B)] });
  await seedMembers(['m:a-admin'], { departmentId: A, departmentPath: ['华东分公司'], roles: [grant('admin', A)] });
  await seedMembers(['m:hq-admin'], { roles: [grant('admin')] });
});

afterAll(async () => {
  jest.useRealTimers();
});

// Scoped managers must name the departments that may join (server/campaign/edit.ts).
const fields = () => campaignFields('2026-05-10', 3, { departmentIds: [`${A}/销售部`] });

it('campaign scope from grants: a scoped trainer creates in the department their grant names, not their home department, and manages it', async () => {
  const made = dataOf(await call('create', { ...fields(), requestId: requestId() }, 'm:a-trainer'));
  expect(made).toMatchObject({ scopeDepartmentId: A, scopeName: '华东分公司' });
  expect(await readDoc<CampaignDoc>('campaigns', made.id)).toMatchObject({ scopeDepartmentId: A, ownerDepartmentId: 'dept:总部' });
  expect(dataOf(await call('get', { campaignId: made.id }, 'm:a-trainer')).id).toBe(made.id);
  expect(dataOf(await call('managed', {}, 'm:a-trainer')).items.map((row) => row.id)).toContain(made.id);
  expect(codeOf(await call('publish', { campaignId: made.id }, 'm:b-trainer'))).toBe('FORBIDDEN');
  // A sub-department of the grant is a valid choice too.
  expect(dataOf(await call('create', { ...fields(), scopeDepartmentId: `${A}/销售部`, requestId: requestId() }, 'm:a-trainer')).scopeDepartmentId).toBe(
    `${A}/销售部`,
  );
});

it('asks to choose when there is more than one option, refuses choices outside the grants, and writes nothing', async () => {
  const before = await countAll('campaigns');
  expect(await call('create', { ...fields(), requestId: requestId() }, 'm:two-grants')).toMatchObject({
    ok: false,
    code: 'INVALID_INPUT',
    message: '请选择活动的管理范围',
  });
  expect(await call('create', { ...fields(), requestId: requestId() }, TRAINER_ID)).toMatchObject({
    ok: false,
    code: 'INVALID_INPUT',
    message: '请选择活动的管理范围',
  });
  expect(codeOf(await call('create', { ...fields(), scopeDepartmentId: 'dept:总部', requestId: requestId() }, 'm:two-grants'))).toBe('FORBIDDEN');
  expect(codeOf(await call('create', { ...fields(), scopeDepartmentId: null, requestId: requestId() }, 'm:a-trainer'))).toBe('FORBIDDEN');
  expect(await call('create', { ...fields(), scopeDepartmentId: 'dept:不存在', requestId: requestId() }, TRAINER_ID)).toMatchObject({
    ok: false,
    code: 'INVALID_INPUT',
    message: '部门 dept:不存在 不存在',
  });
  expect(await countAll('campaigns')).toBe(before);
  // The second grant (an admin grant over B) is a valid choice.
  expect(dataOf(await call('create', { ...fields(), scopeDepartmentId: B, requestId: requestId() }, 'm:two-grants')).scopeDepartmentId).toBe(B);
});

it('lists the choosable scopes: the grants named departments, or company-wide and every department', async () => {
  expect(dataOf(await call('scopeChoices', {}, 'm:a-trainer'))).toEqual([{ departmentId: A, label: '华东分公司' }]);
  expect(dataOf(await call('scopeChoices', {}, 'm:two-grants'))).toEqual([
    { departmentId: A, label: '华东分公司' },
    { departmentId: B, label: '华南分公司' },
  ]);
  expect(dataOf(await call('scopeChoices', {}, TRAINER_ID)).map((choice) => choice.departmentId)).toEqual([null, A, `${A}/销售部`, B, 'dept:总部']);
  expect(codeOf(await call('scopeChoices', {}, 'm:hq-admin'))).toBe('OK');
});

it('a company-wide campaign is managed by unscoped grants only', async () => {
  const companyWide = await makeCampaign(hqTrainer, fields(), new Date(), false);
  expect(companyWide.scopeDepartmentId).toBeNull();
  expect(codeOf(await call('get', { campaignId: companyWide._id }, 'm:a-admin'))).toBe('FORBIDDEN');
  expect(codeOf(await call('get', { campaignId: companyWide._id }, 'm:hq-admin'))).toBe('OK');
});

it('campaigns from before the managing scope are managed by their creator department', async () => {
  const made = await makeCampaign(hqTrainer, fields(), new Date(), false);
  const { _id, scopeDepartmentId: _scope, scopeMoves: _moves, ...rest } = made;
  await insertAll('campaigns', [{ ...rest, _id: 'cp-legacy', ownerDepartmentId: B }]);
  expect(codeOf(await call('get', { campaignId: 'cp-legacy' }, 'm:b-trainer'))).toBe('OK');
  expect(codeOf(await call('get', { campaignId: 'cp-legacy' }, 'm:a-trainer'))).toBe('FORBIDDEN');
  expect(dataOf(await call('managed', { pageSize: 50 }, 'm:b-trainer')).items.map((row) => row.id)).toContain('cp-legacy');
  expect(dataOf(await call('managed', { pageSize: 50 }, 'm:a-trainer')).items.map((row) => row.id)).not.toContain('cp-legacy');
});

it('moving a campaign scope is an explicit admin action over both ends, recorded on the campaign', async () => {
  const made = dataOf(await call('create', { ...fields(), requestId: requestId() }, 'm:a-trainer'));
  const before = await readDoc<CampaignDoc>('campaigns', made.id);
  // A trainer cannot; a branch admin cannot move it out of their branch; nothing changes.
  expect(codeOf(await call('moveScope', { campaignId: made.id, scopeDepartmentId: B }, 'm:a-trainer'))).toBe('FORBIDDEN');
  expect(await call('moveScope', { campaignId: made.id, scopeDepartmentId: B }, 'm:a-admin')).toMatchObject({
    ok: false,
    code: 'FORBIDDEN',
    message: '目标管理范围不在你的权限之内',
  });
  expect(await call('moveScope', { campaignId: made.id, scopeDepartmentId: null }, 'm:a-admin')).toMatchObject({ ok: false, code: 'FORBIDDEN' });
  expect(await readDoc<CampaignDoc>('campaigns', made.id)).toEqual(before);
  // Within the branch it may.
  expect(dataOf(await call('moveScope', { campaignId: made.id, scopeDepartmentId: `${A}/销售部` }, 'm:a-admin')).scopeDepartmentId).toBe(`${A}/销售部`);
  // An unscoped admin moves it to B: A's trainer loses it, B's trainer gains it.
  expect(dataOf(await call('moveScope', { campaignId: made.id, scopeDepartmentId: B }, 'm:hq-admin'))).toMatchObject({
    scopeDepartmentId: B,
    scopeName: '华南分公司',
  });
  const moved = await readDoc<CampaignDoc>('campaigns', made.id);
  expect(moved?.scopeMoves?.map((move) => [move.from, move.to, move.byId])).toEqual([
    [A, `${A}/销售部`, 'm:a-admin'],
    [`${A}/销售部`, B, 'm:hq-admin'],
  ]);
  expect(codeOf(await call('get', { campaignId: made.id }, 'm:a-trainer'))).toBe('FORBIDDEN');
  expect(codeOf(await call('get', { campaignId: made.id }, 'm:b-trainer'))).toBe('OK');
  // A branch admin cannot take it back from B.
  expect(codeOf(await call('moveScope', { campaignId: made.id, scopeDepartmentId: A }, 'm:a-admin'))).toBe('FORBIDDEN');
});

it('tells the editor who may move a campaign and where to', async () => {
  const made = dataOf(await call('create', { ...fields(), requestId: requestId() }, 'm:a-trainer'));
  expect(made.canMoveScope).toBe(false);
  expect(dataOf(await call('get', { campaignId: made.id }, 'm:a-admin')).canMoveScope).toBe(true);
  expect(dataOf(await call('get', { campaignId: made.id }, 'm:hq-admin')).canMoveScope).toBe(true);
  // Where to: the admin grants only (the two-grant member's trainer grant over A does not count).
  expect(dataOf(await call('scopeChoices', { move: true }, 'm:a-admin'))).toEqual([{ departmentId: A, label: '华东分公司' }]);
  expect(dataOf(await call('scopeChoices', { move: true }, 'm:two-grants'))).toEqual([{ departmentId: B, label: '华南分公司' }]);
  expect(await call('scopeChoices', { move: true }, 'm:a-trainer')).toMatchObject({
    ok: false,
    code: 'FORBIDDEN',
    message: '只有管理员可以调整活动的管理范围',
  });
});

it('moving a campaign scope in many parallel calls records one move', async () => {
  const made = dataOf(await call('create', { ...fields(), requestId: requestId() }, 'm:a-trainer'));
  const answers = await Promise.all(
    Array.from({ length: 12 }, () => runConcurrently(actionOf('moveScope'), { campaignId: made.id, scopeDepartmentId: B }, openidOf('m:hq-admin'))),
  );
  expect(answers.every((code) => code === 'OK')).toBe(true);
  const moved = await readDoc<CampaignDoc>('campaigns', made.id);
  expect(moved).toMatchObject({ scopeDepartmentId: B });
  expect(moved?.scopeMoves).toHaveLength(1);
});
