/**
 * A contest whose award points the earning rules' daily caps would cut warns its admin, on saving and on
 * opening it, with what the winners really get (积分承诺与实际; server/points/promises.ts).
 */
import { callAction } from '../../helpers/invoke';
import { useTestCloud } from '../../helpers/local-cloud';
import { freezeClock } from '../../helpers/clock';
import { testDb } from '../../helpers/db';
import { DEFAULT_RULES } from '../../../server/points/rules';
import { adminRole, as, BASIC_CONTEST, beijing, ok, person, seedPeople } from './helpers';

jest.setTimeout(60_000);

useTestCloud();
const ADMIN = person('m:cp-admin', '管理员', '总部', '培训部', { roles: adminRole });
const CONTEST = {
  ...BASIC_CONTEST,
  awards: [
    { id: 'best', kind: 'best_overall' as const, name: '最佳微课', points: 500 },
    { id: 'popular', kind: 'popularity' as const, name: '人气奖', points: 100 },
    { id: 'branch', kind: 'best_branch' as const, name: '最佳组织单位', points: 0 },
  ],
};

beforeAll(async () => {
  freezeClock(beijing('2026-02-20'));
  await seedPeople([ADMIN]);
  await testDb()
    .collection('pointsRules')
    .doc('current')
    .set({
      data: {
        ...DEFAULT_RULES,
        dailyCaps: { ...DEFAULT_RULES.dailyCaps, competition_award: 300 },
        dailyTotalCap: 200,
        updatedAt: new Date(),
        updatedBy: ADMIN._id,
      },
    });
});

it('warns of award points the caps would cut, with what winners really get', async () => {
  const created = ok(await callAction('contest', 'createContest', { ...CONTEST, requestId: 'promise-contest-0001' }, as(ADMIN._id)));
  expect(created.pointsWarnings).toEqual([
    { label: '奖项「最佳微课」', promised: 500, paid: 200, message: '奖项「最佳微课」设定 500 积分，受积分规则的每日上限限制，成员实际最多获得 200 积分' },
  ]);
  expect(ok(await callAction('contest', 'adminDetail', { contestId: created.id }, as(ADMIN._id))).pointsWarnings).toHaveLength(1);
});
