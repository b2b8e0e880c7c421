/**
 * Day boundaries of check-ins (Beijing midnight, month ends, the campaign's first and last days, the
 * calendar and streaks across them), registered by one test file per process time zone: only Beijing days
 * may decide, whatever the zone of the server clock (cloud functions run in UTC).
 */
import type { MemberDoc } from '../../../typings/domain';
import { startTestCloud, type TestCloud } from '../../helpers/local-cloud';
import { codeOf, dataOf } from '../../helpers/envelope';
import { freezeClock, setClock } from '../../helpers/clock';
import { beijing, call, campaignFields, expectCountersExact, makeCampaign, requestId, seedMembers, seedTrainer } from './helpers';

export function describeDayBoundaries(zone: string): void {
  let cloud: TestCloud;
  let trainer: MemberDoc;

  beforeAll(async () => {
    expect(process.env.TZ).toBe(zone);
    cloud = await startTestCloud();
    trainer = await seedTrainer();
  });

  afterEach(() => {
    jest.useRealTimers();
  });

  afterAll(async () => {
    await cloud.dispose();
  });

  it(`counts Beijing days across midnight, a month end and the first and last days (process in ${zone})`, async () => {
    // 2026-01-30 .. 2026-02-02: crosses the end of January.
    freezeClock(beijing('2026-01-20', '12:00'));
    const campaign = await makeCampaign(trainer, campaignFields('2026-01-30', 4), new Date());
    const [member] = await seedMembers([`m:days-${zone}`]);
    const id = member!._id;
    dataOf(await call('signUp', { campaignId: campaign._id }, id));
    const checkIn = () => call('checkIn', { campaignId: campaign._id, text: '打卡', requestId: requestId() }, id);
    // One second before Beijing midnight of the first day: not started (UTC 2026-01-29 15:59:59).
    setClock(new Date('2026-01-29T15:59:59Z'));
    expect(await checkIn()).toMatchObject({ ok: false, code: 'CHECKIN_UNAVAILABLE', message: '活动还没有开始' });
    // Beijing 00:00:00 of the first day (still 2026-01-29 in UTC and in Los Angeles).
    setClock(new Date('2026-01-29T16:00:00Z'));
    expect(dataOf(await checkIn()).checkin).toMatchObject({ day: '2026-01-30', dayIndex: 1 });
    // Beijing 23:59:59 of the same day: the same day, so a second check-in is refused.
    setClock(new Date('2026-01-30T15:59:59Z'));
    expect(codeOf(await checkIn())).toBe('ALREADY_CHECKED_IN');
    // Day 2 (2026-01-31, the month end) is missed; day 3 is 2026-02-01.
    setClock(new Date('2026-01-31T16:00:01Z'));
    expect(dataOf(await checkIn())).toMatchObject({ checkin: { day: '2026-02-01', dayIndex: 3 }, enrollment: { currentStreak: 1, longestStreak: 1 } });
    // The last day, one second before Beijing midnight.
    setClock(new Date('2026-02-02T15:59:59Z'));
    expect(dataOf(await checkIn())).toMatchObject({
      checkin: { day: '2026-02-02', dayIndex: 4 },
      enrollment: { currentStreak: 2, longestStreak: 2, daysDone: 3 },
    });
    const calendar = dataOf(await call('calendar', { campaignId: campaign._id }, id));
    expect(calendar.days.map((day) => [day.day, day.status])).toEqual([
      ['2026-01-30', 'done'],
      ['2026-01-31', 'missed'],
      ['2026-02-01', 'done'],
      ['2026-02-02', 'done'],
    ]);
    // One second later the campaign is over: no check-in, and the streak that ended on the last day stays.
    setClock(new Date('2026-02-02T16:00:00Z'));
    expect(await checkIn()).toMatchObject({ ok: false, code: 'CHECKIN_UNAVAILABLE', message: '活动已经结束' });
    expect(dataOf(await call('streak', { campaignId: campaign._id }, id))).toMatchObject({ currentStreak: 2, longestStreak: 2, daysDone: 3, totalDays: 4 });
    await expectCountersExact(campaign._id);
  });

  it(`shows today and the streak by the Beijing day (process in ${zone})`, async () => {
    // 2026-02-27 .. 2026-03-02 (no 29 February in 2026).
    freezeClock(beijing('2026-02-20', '12:00'));
    const campaign = await makeCampaign(trainer, campaignFields('2026-02-27', 4), new Date());
    const [member] = await seedMembers([`m:today-${zone}`]);
    const id = member!._id;
    dataOf(await call('signUp', { campaignId: campaign._id }, id));
    setClock(beijing('2026-02-27', '23:30'));
    dataOf(await call('checkIn', { campaignId: campaign._id, text: '第一天', requestId: requestId() }, id));
    // Beijing 2026-02-28 07:00 is still 2026-02-27 in UTC and Los Angeles: the streak is alive, today open.
    setClock(beijing('2026-02-28', '07:00'));
    const detail = dataOf(await call('detail', { campaignId: campaign._id }, id));
    expect(detail).toMatchObject({
      today: '2026-02-28',
      todayTask: { day: '2026-02-28', index: 2 },
      checkedInToday: false,
      myEnrollment: { currentStreak: 1 },
    });
    // Beijing 2026-03-01 00:00: 2026-02-28 closed undone, the streak is broken.
    setClock(beijing('2026-03-01', '00:00'));
    expect(dataOf(await call('streak', { campaignId: campaign._id }, id))).toMatchObject({ currentStreak: 0, longestStreak: 1 });
    const calendar = dataOf(await call('calendar', { campaignId: campaign._id }, id));
    expect(calendar.days.map((day) => day.status)).toEqual(['done', 'missed', 'today', 'upcoming']);
  });
}
