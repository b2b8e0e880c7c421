/**
 * What the app promises is what it pays: a campaign advertising 5 points per check-in and streak bonuses of
 * 30/60/100 while the earning rules cap check-ins at 2 and bonuses at 10 a day warns its trainer with what
 * members really get (on saving and on opening it); a member sees what today's check-in will really pay
 * them, after what they already earned today; and the check-in then pays exactly that. The check-in itself
 * costs no more operations than before (test/server/campaign/operations.test.ts).
 */
import { DEFAULT_RULES } from '../../../server/points/rules';
import { capWarnings } from '../../../server/points/promises';
import { awardPointsForEvent } from '../../../server/points/events';
import { useTestCloud } from '../../helpers/local-cloud';
import { codeOf, dataOf } from '../../helpers/envelope';
import { freezeClock } from '../../helpers/clock';
import { testDb } from '../../helpers/db';
import { beijing, call, campaignFields, makeCampaign, requestId, seedMembers, seedTrainer } from './helpers';

jest.setTimeout(60_000);

useTestCloud();
const RULES = { ...DEFAULT_RULES, dailyCaps: { ...DEFAULT_RULES.dailyCaps, checkin: 2, streak_bonus: 10 }, dailyTotalCap: 200 };
const MILESTONES = [
  { days: 7, points: 30 },
  { days: 14, points: 60 },
  { days: 21, points: 100 },
];

beforeAll(async () => {
  await testDb()
    .collection('pointsRules')
    .doc('current')
    .set({ data: { ...RULES, updatedAt: new Date(), updatedBy: 'm:admin' } });
});

it('computes what each promise really pays a member who earned nothing else that day', () => {
  const checkin = { type: 'checkin' as const, amount: 5 };
  expect(
    capWarnings(RULES, [
      { label: '每次打卡', ...checkin },
      { label: '连续打卡 7 天奖励', type: 'streak_bonus', amount: 30, after: [checkin] },
    ]),
  ).toEqual([
    { label: '每次打卡', promised: 5, paid: 2, message: '每次打卡设定 5 积分，受积分规则的每日上限限制，成员实际最多获得 2 积分' },
    { label: '连续打卡 7 天奖励', promised: 30, paid: 10, message: '连续打卡 7 天奖励设定 30 积分，受积分规则的每日上限限制，成员实际最多获得 10 积分' },
  ]);
  // The total cap counts what the same day paid before: a 195-point check-in leaves 5 for the bonus.
  const total = { ...RULES, dailyCaps: { ...RULES.dailyCaps, checkin: null, streak_bonus: null } };
  expect(capWarnings(total, [{ label: '奖励', type: 'streak_bonus', amount: 30, after: [{ type: 'checkin', amount: 195 }] }])[0]).toMatchObject({ paid: 5 });
  expect(capWarnings(RULES, [{ label: '每次打卡', type: 'checkin', amount: 2 }])).toEqual([]);
});

it('warns the trainer on saving and on opening the campaign, and not once the figures fit', async () => {
  freezeClock(beijing('2026-07-01', '09:00'));
  const trainer = await seedTrainer();
  const created = dataOf(
    await call(
      'create',
      { ...campaignFields('2026-07-01', 21, { pointsPerCheckin: 5, streakMilestones: MILESTONES }), scopeDepartmentId: null, requestId: requestId() },
      trainer._id,
    ),
  );
  expect(created.pointsWarnings.map((warning) => [warning.label, warning.promised, warning.paid])).toEqual([
    ['每次打卡', 5, 2],
    ['连续打卡 7 天奖励', 30, 10],
    ['连续打卡 14 天奖励', 60, 10],
    ['连续打卡 21 天奖励', 100, 10],
  ]);
  expect(dataOf(await call('get', { campaignId: created.id }, trainer._id)).pointsWarnings).toHaveLength(4);
  const fixed = dataOf(await call('update', { campaignId: created.id, pointsPerCheckin: 2, streakMilestones: [{ days: 7, points: 10 }] }, trainer._id));
  expect(fixed.pointsWarnings).toEqual([]);
});

it("shows a member what today's check-in really pays them, and the check-in pays exactly that", async () => {
  freezeClock(beijing('2026-08-03', '09:00'));
  const trainer = await seedTrainer('m:promise-trainer');
  const campaign = await makeCampaign(trainer, campaignFields('2026-08-01', 21, { pointsPerCheckin: 5 }), new Date());
  const [member, other] = await seedMembers(['m:promise-member', 'm:promise-other']);
  dataOf(await call('signUp', { campaignId: campaign._id }, member!._id));
  expect(dataOf(await call('detail', { campaignId: campaign._id }, member!._id)).todayCheckinPoints).toBe(2);
  // Another campaign's check-in earlier today used 1 of the 2.
  await awardPointsForEvent(testDb(), { type: 'checkin', memberId: member!._id, sourceId: 'other-campaign:2026-08-03', occurredAt: new Date(), amount: 1 });
  expect(dataOf(await call('detail', { campaignId: campaign._id }, member!._id)).todayCheckinPoints).toBe(1);
  const result = dataOf(await call('checkIn', { campaignId: campaign._id, text: '今天的收获', requestId: requestId() }, member!._id));
  expect(result.pointsAwarded).toBe(1);
  // Checked in, or not taking part: no figure.
  expect(dataOf(await call('detail', { campaignId: campaign._id }, member!._id)).todayCheckinPoints).toBeNull();
  expect(dataOf(await call('detail', { campaignId: campaign._id }, other!._id)).todayCheckinPoints).toBeNull();
  expect(codeOf(await call('detail', { campaignId: campaign._id }, other!._id))).toBe('OK');
});
