/**
 * Check-ins, make-up cards, streaks, milestones and points through the function's real `main`: one
 * check-in per day and request, the requirement (text, pictures, the day's course, content check), points
 * paid once and healed by a retry, make-ups within the window spending one card and its cost once, and the
 * streak rules (planned days only; a made-up day joins the streak when the campaign says so).
 */
import { awardPointsForEvent } from '../../../server/points/events';
import type { CheckinDoc, EnrollmentDoc } from '../../../typings/domain';
import { codeOf, dataOf } from '../../helpers/envelope';
import { freezeClock, setClock } from '../../helpers/clock';
import { insertAll } from '../../helpers/db';
import { givePoints } from '../../helpers/ledger';
import {
  beijing,
  call,
  campaignFields,
  expectCountersExact,
  makeCampaign,
  openidOf,
  picture,
  readDoc,
  readWhere,
  requestId,
  seedMembers,
  withCampaignCloud,
} from './helpers';

jest.setTimeout(60_000);

// The real award hook, made failable once for the healing test.
jest.mock('../../../server/points/events', () => {
  const actual = jest.requireActual<typeof import('../../../server/points/events')>('../../../server/points/events');
  return { ...actual, awardPointsForEvent: jest.fn(actual.awardPointsForEvent) };
});

const env = withCampaignCloud();

const ledgerOf = (memberId: string) => readWhere<{ amount: number; reason: string; source: string }>('pointsLedger', { memberId });

describe('checking in', () => {
  it('takes one check-in per day: the same request id answers it again, another request is refused', async () => {
    freezeClock(beijing('2026-03-01', '09:00'));
    const campaign = await makeCampaign(env.trainer, campaignFields('2026-03-01', 7), new Date());
    const [member] = await seedMembers(['m:ci-once']);
    expect(dataOf(await call('signUp', { campaignId: campaign._id }, member!._id)).enrollment).toMatchObject({ status: 'enrolled', daysDone: 0 });
    const first = requestId();
    const done = dataOf(await call('checkIn', { campaignId: campaign._id, text: '今天学到了结论先行', requestId: first }, member!._id));
    expect(done).toMatchObject({
      checkin: { day: '2026-03-01', dayIndex: 1, kind: 'on_time' },
      pointsAwarded: 10,
      enrollment: { daysDone: 1, currentStreak: 1 },
    });
    const again = dataOf(await call('checkIn', { campaignId: campaign._id, text: '今天学到了结论先行', requestId: first }, member!._id));
    expect(again).toMatchObject({ checkin: { id: done.checkin.id }, pointsAwarded: 0 });
    expect(codeOf(await call('checkIn', { campaignId: campaign._id, text: '再打一次', requestId: requestId() }, member!._id))).toBe('ALREADY_CHECKED_IN');
    expect(await ledgerOf(member!._id)).toEqual([expect.objectContaining({ amount: 10, reason: 'checkin', source: done.checkin.id })]);
    // A page left open across midnight sends yesterday's day: refused, not booked on the wrong day.
    setClock(beijing('2026-03-02', '00:00'));
    expect(codeOf(await call('checkIn', { campaignId: campaign._id, day: '2026-03-01', text: 'x', requestId: requestId() }, member!._id))).toBe(
      'CHECKIN_UNAVAILABLE',
    );
    await expectCountersExact(campaign._id);
  });

  it('checks the requirement (text, pictures, own uploads, the day’s course, content) and changes nothing when refused', async () => {
    freezeClock(beijing('2026-03-05', '09:00'));
    await insertAll('courses', [{ _id: 'course:campaign-1', title: '结构化表达', status: 'published' }]);
    const tasks = [{ courseId: 'course:campaign-1', prompt: '' }, ...Array.from({ length: 6 }, () => ({ courseId: null, prompt: '写下收获' }))];
    const fields = campaignFields('2026-03-05', 7, { tasks, requirement: { minTextLength: 10, minPictures: 1, maxPictures: 2, requireCourse: true } });
    const campaign = await makeCampaign(env.trainer, fields, new Date());
    expect(campaign.tasks[0]).toEqual({ courseId: 'course:campaign-1', courseTitle: '结构化表达', prompt: '' });
    const [member, other] = await seedMembers(['m:ci-req', 'm:ci-req-other']);
    dataOf(await call('signUp', { campaignId: campaign._id }, member!._id));
    const before = await readDoc<EnrollmentDoc>('campaignEnrollments', `${campaign._id}:${member!._id}`);
    const mine = picture(member!._id);
    const text = '今天把课程里的方法用在了周报上';
    const attempt = (input: { text: string; pictures: string[] }) =>
      call('checkIn', { campaignId: campaign._id, ...input, requestId: requestId() }, member!._id);
    expect(codeOf(await attempt({ text: '太短了', pictures: [mine] }))).toBe('CHECKIN_REQUIREMENT');
    expect(codeOf(await attempt({ text, pictures: [] }))).toBe('CHECKIN_REQUIREMENT');
    expect(codeOf(await attempt({ text, pictures: [mine, picture(member!._id, 'b.jpg'), picture(member!._id, 'c.jpg')] }))).toBe('CHECKIN_REQUIREMENT');
    expect(codeOf(await attempt({ text, pictures: [picture(other!._id)] }))).toBe('INVALID_INPUT');
    // Finding: the folder was matched with `includes`; a file elsewhere whose path merely contains it passed.
    expect(codeOf(await attempt({ text, pictures: [`cloud://local.bucket/private/exports/checkins/${campaign._id}/${member!._id}/a.jpg`] }))).toBe(
      'INVALID_INPUT',
    );
    expect(codeOf(await attempt({ text, pictures: [`cloud://local.bucket/share/uploads/${openidOf(member!._id)}/checkin/a.jpg`] }))).toBe('INVALID_INPUT');
    const courseAnswer = await attempt({ text, pictures: [mine] });
    expect(courseAnswer).toMatchObject({ ok: false, code: 'CHECKIN_REQUIREMENT', message: expect.stringContaining('结构化表达') });
    await insertAll('learningRecords', [{ _id: `${member!._id}:course:campaign-1`, memberId: member!._id, courseId: 'course:campaign-1', completed: true }]);
    env.cloud.openapi.setBlockList({ text: ['违禁词'], imageSha256: [] });
    expect(codeOf(await attempt({ text: `${text}违禁词`, pictures: [mine] }))).toBe('CONTENT_REJECTED');
    env.cloud.openapi.setBlockList({ text: [], imageSha256: [] });
    expect(await readWhere('campaignCheckins', { campaignId: campaign._id })).toEqual([]);
    expect(await readDoc<EnrollmentDoc>('campaignEnrollments', `${campaign._id}:${member!._id}`)).toEqual(before);
    expect(codeOf(await attempt({ text, pictures: [mine] }))).toBe('OK');
    await expectCountersExact(campaign._id);
  });

  it('refuses members who did not sign up, and days outside the campaign', async () => {
    freezeClock(beijing('2026-03-10', '09:00'));
    const campaign = await makeCampaign(env.trainer, campaignFields('2026-03-11', 3), new Date());
    const [member] = await seedMembers(['m:ci-outside']);
    expect(codeOf(await call('checkIn', { campaignId: campaign._id, text: 'x', requestId: requestId() }, member!._id))).toBe('NOT_ENROLLED');
    dataOf(await call('signUp', { campaignId: campaign._id }, member!._id));
    expect(codeOf(await call('checkIn', { campaignId: campaign._id, text: 'x', requestId: requestId() }, member!._id))).toBe('CHECKIN_UNAVAILABLE');
    setClock(beijing('2026-03-14', '00:00'));
    expect(await call('checkIn', { campaignId: campaign._id, text: 'x', requestId: requestId() }, member!._id)).toMatchObject({
      ok: false,
      code: 'CHECKIN_UNAVAILABLE',
      message: '活动已经结束',
    });
  });

  it('pays points left unpaid by a failure when the app retries the same request', async () => {
    freezeClock(beijing('2026-03-20', '09:00'));
    const campaign = await makeCampaign(env.trainer, campaignFields('2026-03-20', 3, { streakMilestones: [{ days: 2, points: 30 }] }), new Date());
    const [member] = await seedMembers(['m:ci-heal']);
    dataOf(await call('signUp', { campaignId: campaign._id }, member!._id));
    dataOf(await call('checkIn', { campaignId: campaign._id, text: '第一天', requestId: requestId() }, member!._id));
    setClock(beijing('2026-03-21', '09:00'));
    jest.mocked(awardPointsForEvent).mockRejectedValueOnce(new Error('ledger unavailable'));
    const second = requestId();
    const silence = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    expect(codeOf(await call('checkIn', { campaignId: campaign._id, text: '第二天', requestId: second }, member!._id))).toBe('INTERNAL');
    silence.mockRestore();
    // The check-in committed (with its milestone reached) but nothing of day 2 was paid.
    expect(await readDoc<CheckinDoc>('campaignCheckins', `${campaign._id}:${member!._id}:2026-03-21`)).toMatchObject({ requestId: second });
    expect((await ledgerOf(member!._id)).map((entry) => entry.amount)).toEqual([10]);
    const healed = dataOf(await call('checkIn', { campaignId: campaign._id, text: '第二天', requestId: second }, member!._id));
    expect(healed).toMatchObject({ pointsAwarded: 10, bonusAwarded: 30 });
    const again = dataOf(await call('checkIn', { campaignId: campaign._id, text: '第二天', requestId: second }, member!._id));
    expect(again).toMatchObject({ pointsAwarded: 0, bonusAwarded: 0 });
    expect((await ledgerOf(member!._id)).map((entry) => entry.amount).sort((a, b) => a - b)).toEqual([10, 10, 30]);
  });
});

describe('streaks, milestones and make-up cards', () => {
  const rules = {
    streakMilestones: [
      { days: 3, points: 20 },
      { days: 5, points: 50 },
    ],
    makeUp: { cardsPerMember: 2, daysBack: 2, pointsCost: 5 },
  };

  it('pays each milestone once, joins runs with a made-up day, and spends a card and its cost once', async () => {
    freezeClock(beijing('2026-04-01', '08:00'));
    const campaign = await makeCampaign(env.trainer, campaignFields('2026-04-01', 10, rules), new Date());
    const [member] = await seedMembers(['m:streak']);
    const id = member!._id;
    dataOf(await call('signUp', { campaignId: campaign._id }, id));
    const checkInOn = async (day: string) => {
      setClock(beijing(day, '20:00'));
      return dataOf(await call('checkIn', { campaignId: campaign._id, text: day, requestId: requestId() }, id));
    };
    await checkInOn('2026-04-01');
    await checkInOn('2026-04-02');
    expect(await checkInOn('2026-04-03')).toMatchObject({ bonusAwarded: 20, milestonesReached: [3], enrollment: { currentStreak: 3 } });
    // Day 4 missed: the streak shows 0 on day 5 before checking in, 1 after.
    setClock(beijing('2026-04-05', '07:00'));
    expect(dataOf(await call('streak', { campaignId: campaign._id }, id))).toMatchObject({
      currentStreak: 0,
      longestStreak: 3,
      nextMilestone: { days: 5, points: 50 },
    });
    expect(await checkInOn('2026-04-05')).toMatchObject({ enrollment: { currentStreak: 1, longestStreak: 3 } });
    setClock(beijing('2026-04-06', '09:00'));
    const calendar = dataOf(await call('calendar', { campaignId: campaign._id }, id));
    expect(calendar.days.slice(0, 7).map((day) => [day.status, day.canMakeUp])).toEqual([
      ['done', false],
      ['done', false],
      ['done', false],
      ['missed', true],
      ['done', false],
      ['today', false],
      ['upcoming', false],
    ]);
    // Five days back is beyond the two-day window.
    expect(codeOf(await call('makeUp', { campaignId: campaign._id, day: '2026-04-01', text: 'x', requestId: requestId() }, id))).toBe('ALREADY_CHECKED_IN');
    const made = dataOf(await call('makeUp', { campaignId: campaign._id, day: '2026-04-04', text: '补上第四天', requestId: requestId() }, id));
    // Days 1–5 are now one run: the 5-day milestone pays, the 3-day one does not pay again.
    expect(made).toMatchObject({
      checkin: { kind: 'made_up', day: '2026-04-04' },
      pointsSpent: 5,
      bonusAwarded: 50,
      milestonesReached: [5],
      enrollment: { currentStreak: 5, longestStreak: 5, makeUpCardsLeft: 1, madeUpDays: 1 },
    });
    expect(codeOf(await call('makeUp', { campaignId: campaign._id, day: '2026-04-04', text: '再补', requestId: requestId() }, id))).toBe('ALREADY_CHECKED_IN');
    expect(codeOf(await call('makeUp', { campaignId: campaign._id, day: '2026-04-06', text: '今天', requestId: requestId() }, id))).toBe('MAKEUP_UNAVAILABLE');
    const ledger = await ledgerOf(id);
    expect(ledger.filter((entry) => entry.reason === 'makeup_card').map((entry) => entry.amount)).toEqual([-5]);
    expect(
      ledger
        .filter((entry) => entry.reason === 'streak_bonus')
        .map((entry) => entry.amount)
        .sort(),
    ).toEqual([20, 50]);
    await expectCountersExact(campaign._id);
  });

  it('keeps a made-up day out of the streak when the campaign says so, and refuses make-ups out of window, cards or points', async () => {
    freezeClock(beijing('2026-05-01', '08:00'));
    const campaign = await makeCampaign(
      env.trainer,
      campaignFields('2026-05-01', 10, { ...rules, makeUpCountsForStreak: false, makeUp: { cardsPerMember: 1, daysBack: 2, pointsCost: 15 } }),
      new Date(),
    );
    const [member] = await seedMembers(['m:streak-strict']);
    const id = member!._id;
    dataOf(await call('signUp', { campaignId: campaign._id }, id));
    for (const day of ['2026-05-01', '2026-05-03']) {
      setClock(beijing(day, '12:00'));
      dataOf(await call('checkIn', { campaignId: campaign._id, text: day, requestId: requestId() }, id));
    }
    setClock(beijing('2026-05-04', '12:00'));
    // 20 points earned, the card costs 15: the make-up passes, but day 2 does not join days 1 and 3.
    expect(dataOf(await call('makeUp', { campaignId: campaign._id, day: '2026-05-02', text: '补卡', requestId: requestId() }, id))).toMatchObject({
      pointsSpent: 15,
      enrollment: { daysDone: 3, currentStreak: 1, longestStreak: 1, makeUpCardsLeft: 0 },
    });
    setClock(beijing('2026-05-07', '12:00'));
    expect(await call('makeUp', { campaignId: campaign._id, day: '2026-05-06', text: '补卡', requestId: requestId() }, id)).toMatchObject({
      code: 'MAKEUP_UNAVAILABLE',
      message: '补卡卡已用完',
    });
    expect(await call('makeUp', { campaignId: campaign._id, day: '2026-05-04', text: '补卡', requestId: requestId() }, id)).toMatchObject({
      code: 'MAKEUP_UNAVAILABLE',
      message: '只能补最近 2 天的卡',
    });
  });

  it('refuses a make-up whose cost exceeds the balance and spends nothing', async () => {
    freezeClock(beijing('2026-06-01', '08:00'));
    const campaign = await makeCampaign(
      env.trainer,
      campaignFields('2026-06-01', 5, { pointsPerCheckin: 0, makeUp: { cardsPerMember: 2, daysBack: 3, pointsCost: 80 } }),
      new Date(),
    );
    const [member] = await seedMembers(['m:makeup-poor']);
    const id = member!._id;
    dataOf(await call('signUp', { campaignId: campaign._id }, id));
    setClock(beijing('2026-06-02', '08:00'));
    await givePoints(id, new Date());
    expect(codeOf(await call('makeUp', { campaignId: campaign._id, day: '2026-06-01', text: '补卡', requestId: requestId() }, id))).toBe('POINTS_INSUFFICIENT');
    expect(await readDoc<EnrollmentDoc>('campaignEnrollments', `${campaign._id}:${id}`)).toMatchObject({ makeUpCardsUsed: 0, daysDone: 0 });
    expect(await readWhere('campaignCheckins', { campaignId: campaign._id })).toEqual([]);
    await givePoints(id, new Date());
    expect(dataOf(await call('makeUp', { campaignId: campaign._id, day: '2026-06-01', text: '补卡', requestId: requestId() }, id))).toMatchObject({
      pointsSpent: 80,
    });
    expect(await env.cloud.database.getDocument('pointsAccounts', id)).toMatchObject({ balance: 20 });
    await expectCountersExact(campaign._id);
  });
});
