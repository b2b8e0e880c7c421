/**
 * 积分调整 by a department-scoped admin (the security issue's findings): no crediting themselves, and a
 * per-admin per-Beijing-day ceiling on credits that a company-wide admin sets, holding under parallel calls.
 * Every accepted adjustment leaves an audit record written by its own transaction; a refused one leaves
 * nothing, not even a record.
 */
import { adjust as adjustAction } from '../../../server/points/actions';
import { adjusterDayId } from '../../../server/points/adjust';
import { callAction } from '../../helpers/invoke';
import { useTestCloud } from '../../helpers/local-cloud';
import { grant, seedMember } from '../../helpers/db';
import { codeOf, dataOf } from '../../helpers/envelope';
import { freezeClock, setClock } from '../../helpers/clock';
import { runConcurrently } from '../../helpers/concurrency';
import { expectLedgersBalanced, pointsState } from './helpers';

const COMPANY_ADMIN = { openid: 'o-limit-company' };
const BRANCH_ADMIN = { openid: 'o-limit-branch' };
const RACER = { openid: 'o-limit-racer' };
const EAST = { departmentId: 'dept:华东分公司/销售一部', departmentPath: ['华东分公司', '销售一部'] };
// 2026-03-10 09:00 Beijing; the Beijing day ends at 16:00 UTC.
const MORNING = new Date('2026-03-10T01:00:00Z');

const cloud = useTestCloud();
let sequence = 0;
const requestId = () => `limit-request-${String((sequence += 1)).padStart(4, '0')}`;

beforeAll(async () => {
  freezeClock(MORNING);
  await seedMember(COMPANY_ADMIN.openid, 'm:L0001', { name: '总部管理员', roles: [grant('admin')], departmentId: 'dept:总部', departmentPath: ['总部'] });
  await seedMember(BRANCH_ADMIN.openid, 'm:L0002', { name: '华东管理员', roles: [grant('admin', 'dept:华东分公司')], ...EAST });
  await seedMember(RACER.openid, 'm:L0003', { name: '华东管理员乙', roles: [grant('admin', 'dept:华东分公司')], ...EAST });
  for (const id of ['m:L0101', 'm:L0102']) await seedMember(`o-${id}`, id, { name: `员工${id.slice(-1)}`, ...EAST });
});

afterAll(async () => {
  jest.useRealTimers();
});

const adjust = (memberId: string, amount: number, who: { openid: string }, id = requestId()) =>
  callAction('points', 'adjust', { memberId, amount, reason: '活动奖励', requestId: id }, who);
const audit = () => cloud.database.listDocuments('adminAudit');

describe('a scoped admin cannot credit themselves', () => {
  it('refuses a scoped admin crediting their own balance with FORBIDDEN, changing nothing', async () => {
    const before = await pointsState();
    const answer = await adjust('m:L0002', 50, BRANCH_ADMIN);
    expect(answer).toMatchObject({ ok: false, code: 'FORBIDDEN', message: '不能给自己增加积分，请由其他管理员操作' });
    expect(await pointsState()).toEqual(before);
    expect(audit()).toEqual([]);
  });

  it('lets another admin credit them, and a company-wide admin credit themselves (the ceiling setter is trusted)', async () => {
    expect(dataOf(await adjust('m:L0002', 20, COMPANY_ADMIN)).balance).toBe(20);
    expect(codeOf(await adjust('m:L0001', 5, COMPANY_ADMIN))).toBe('OK');
  });

  it('lets a scoped admin debit themselves (nothing is gained)', async () => {
    expect(dataOf(await adjust('m:L0002', -5, BRANCH_ADMIN)).balance).toBe(15);
  });
});

describe('the daily adjustment ceiling', () => {
  it('only a company-wide admin sets it, and every setting is audited', async () => {
    expect(dataOf(await callAction('points', 'getAdjustSettings', {}, BRANCH_ADMIN))).toMatchObject({
      scopedAdminDailyCeiling: 1000,
      updatedAt: null,
      myCeiling: 1000,
    });
    expect(await callAction('points', 'setAdjustSettings', { scopedAdminDailyCeiling: 100_000 }, BRANCH_ADMIN)).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(cloud.database.getDocument('pointsRules', 'adjustments')).toBeUndefined();
    const set = dataOf(await callAction('points', 'setAdjustSettings', { scopedAdminDailyCeiling: 300 }, COMPANY_ADMIN));
    expect(set).toMatchObject({ scopedAdminDailyCeiling: 300, myCeiling: null, updatedAt: MORNING.toISOString() });
    expect(audit().filter((record) => record.action === 'adjust_settings')).toEqual([
      expect.objectContaining({ actorId: 'm:L0001', before: { scopedAdminDailyCeiling: 1000 }, after: { scopedAdminDailyCeiling: 300 } }),
    ]);
  });

  it('refuses a credit past the ceiling with ADJUST_LIMIT, changing nothing; debits do not count', async () => {
    expect(codeOf(await adjust('m:L0101', 200, BRANCH_ADMIN))).toBe('OK');
    expect(codeOf(await adjust('m:L0101', -150, BRANCH_ADMIN))).toBe('OK');
    const before = await pointsState();
    const audited = audit().length;
    const refused = await adjust('m:L0102', 101, BRANCH_ADMIN);
    expect(refused).toMatchObject({ ok: false, code: 'ADJUST_LIMIT', message: '今日积分调整额度不足：每日上限 300 积分，今日还可增加 100 积分' });
    expect(await pointsState()).toEqual(before);
    expect(audit()).toHaveLength(audited);
    expect(codeOf(await adjust('m:L0102', 100, BRANCH_ADMIN, 'limit-last-credit'))).toBe('OK');
    expect(cloud.database.getDocument('pointsAdjusterDaily', adjusterDayId('m:L0002', '2026-03-10'))).toMatchObject({
      credited: 300,
      debited: 155,
      adjustments: 4,
    });
    expect(dataOf(await callAction('points', 'getAdjustSettings', {}, BRANCH_ADMIN))).toMatchObject({ myCreditedToday: 300, myCeiling: 300 });
  });

  it('answers a retried credit with its first entry even once the ceiling is reached', async () => {
    setClock(new Date('2026-03-10T15:00:00Z'));
    expect(codeOf(await adjust('m:L0102', 1, BRANCH_ADMIN))).toBe('ADJUST_LIMIT');
    const retried = dataOf(await adjust('m:L0102', 100, BRANCH_ADMIN, 'limit-last-credit'));
    expect(retried).toMatchObject({ entry: { amount: 100 }, balance: 100 });
    expect(cloud.database.getDocument('pointsAdjusterDaily', adjusterDayId('m:L0002', '2026-03-10'))).toMatchObject({ credited: 300, adjustments: 4 });
  });

  it('starts again on the next Beijing day', async () => {
    setClock(new Date('2026-03-10T16:00:00Z'));
    expect(codeOf(await adjust('m:L0102', 300, BRANCH_ADMIN))).toBe('OK');
    expect(codeOf(await adjust('m:L0102', 1, BRANCH_ADMIN))).toBe('ADJUST_LIMIT');
  });

  it('does not cap a company-wide admin', async () => {
    expect(codeOf(await adjust('m:L0101', 5000, COMPANY_ADMIN))).toBe('OK');
  });

  it('records each adjustment with the balance before and after', async () => {
    const records = audit().filter((record) => record.action === 'points_adjust' && record.targetId === 'm:L0101');
    expect(records.map((record) => [record.actorId, record.before, record.after])).toEqual(
      expect.arrayContaining([
        ['m:L0002', { balance: 0 }, { balance: 200, amount: 200, reason: '活动奖励' }],
        ['m:L0002', { balance: 200 }, { balance: 50, amount: -150, reason: '活动奖励' }],
      ]),
    );
    await expectLedgersBalanced();
  });
});

describe('parallel adjustments by one admin', () => {
  it('never exceed the ceiling however they interleave', async () => {
    setClock(new Date('2026-03-12T02:00:00Z'));
    await callAction('points', 'setAdjustSettings', { scopedAdminDailyCeiling: 1000 }, COMPANY_ADMIN);
    const members = ['m:L0101', 'm:L0102'];
    const codes = await Promise.all(
      Array.from({ length: 24 }, (_, index) =>
        runConcurrently(
          adjustAction,
          { memberId: members[index % 2], amount: 100, reason: '并发奖励', requestId: `limit-race-${String(index).padStart(4, '0')}` },
          RACER.openid,
        ),
      ),
    );
    expect(codes.filter((code) => code === 'OK')).toHaveLength(10);
    expect(codes.filter((code) => code !== 'OK').every((code) => code === 'ADJUST_LIMIT')).toBe(true);
    expect(cloud.database.getDocument('pointsAdjusterDaily', adjusterDayId('m:L0003', '2026-03-12'))).toMatchObject({ credited: 1000, adjustments: 10 });
    const credits = cloud.database.listDocuments('pointsLedger').filter((entry) => entry.source === 'm:L0003');
    expect(credits.reduce((sum, entry) => sum + (entry.amount as number), 0)).toBe(1000);
    expect(audit().filter((record) => record.actorId === 'm:L0003')).toHaveLength(10);
    await expectLedgersBalanced();
  }, 60_000);
});
