/**
 * Earning caps per Beijing day, yearly expiry (earned in Y, expires at the start of Y + 2 Beijing, FIFO
 * against spending, refunds after expiry) and admin adjustments. The process time zone is set far from
 * Beijing so that only Beijing days and years can make these pass.
 */
import { DEFAULT_RULES } from '../../../server/points/rules';
import type { EarningRules } from '../../../typings/functions/points';
import { runExpiry } from '../../../server/points/expiry';
import { awardPointsForEvent } from '../../../server/points/events';
import type { PointsAccountDoc } from '../../../typings/docs/points';
import { cancelOrder, redeem } from '../../../server/points/mall/orders';
import { callAction } from '../../helpers/invoke';
import { startTestCloud, type TestCloud } from '../../helpers/local-cloud';
import { grant, seedMember, testDb } from '../../helpers/db';
import { expectLedgersBalanced, pointsState, seedItem } from './helpers';

jest.setTimeout(60_000);

let cloud: TestCloud;
const ADMIN = { openid: 'o-earn-admin' };
const savedTz = process.env.TZ;

const RULES: EarningRules = {
  points: { ...DEFAULT_RULES.points },
  dailyCaps: {
    course_completed: null,
    quiz_passed: null,
    checkin: 3,
    streak_bonus: null,
    competition_award: null,
    course_published: null,
    course_learner: null,
    course_rated: null,
    course_award: null,
    session_attended: null,
  },
  dailyTotalCap: 12,
  expiryEnabled: true,
};

beforeAll(async () => {
  process.env.TZ = 'America/Los_Angeles';
  cloud = await startTestCloud();
  await seedMember(ADMIN.openid, 'm:earn-admin', { roles: [grant('admin')] });
  const answer = await callAction('points', 'setRules', RULES, ADMIN);
  expect(answer.ok).toBe(true);
});

afterEach(async () => {
  await expectLedgersBalanced();
});

afterAll(async () => {
  process.env.TZ = savedTz;
  await cloud.dispose();
});

const account = async (memberId: string) => cloud.database.getDocument('pointsAccounts', memberId) as unknown as PointsAccountDoc | undefined;
let sources = 0;
const award = (memberId: string, type: 'checkin' | 'course_completed' | 'competition_award', at: string) =>
  awardPointsForEvent(testDb(), { type, memberId, sourceId: `src-${(sources += 1)}`, occurredAt: new Date(at) }).then((result) => result.awarded);

describe('daily caps', () => {
  it('caps one event type per Beijing day, with a partial award at the cap, and starts again at Beijing midnight', async () => {
    await seedMember('o-cap-1', 'm:cap-1');
    // Beijing 2026-03-10 23:40 to 23:50 (UTC 15:40, the same UTC and Los Angeles day as what follows).
    expect(await award('m:cap-1', 'checkin', '2026-03-10T15:40:00Z')).toBe(2);
    expect(await award('m:cap-1', 'checkin', '2026-03-10T15:45:00Z')).toBe(1);
    expect(await award('m:cap-1', 'checkin', '2026-03-10T15:50:00Z')).toBe(0);
    // Beijing 2026-03-11 00:10: a new day.
    expect(await award('m:cap-1', 'checkin', '2026-03-10T16:10:00Z')).toBe(2);
    expect(await account('m:cap-1')).toMatchObject({ balance: 5 });
  });

  it('caps the day over every type, and a capped event writes nothing', async () => {
    await seedMember('o-cap-2', 'm:cap-2');
    expect(await award('m:cap-2', 'course_completed', '2026-03-12T01:00:00Z')).toBe(10);
    expect(await award('m:cap-2', 'checkin', '2026-03-12T02:00:00Z')).toBe(2);
    const before = await pointsState();
    expect(await award('m:cap-2', 'course_completed', '2026-03-12T03:00:00Z')).toBe(0);
    expect(await pointsState()).toEqual(before);
    // Beijing 2026-03-13 00:00 exactly is the next day.
    expect(await award('m:cap-2', 'course_completed', '2026-03-12T16:00:00Z')).toBe(10);
    expect(await account('m:cap-2')).toMatchObject({ balance: 22 });
    // A week later the account keeps only its last days; an older day's totals come from the ledger.
    expect(await award('m:cap-2', 'course_completed', '2026-03-25T01:00:00Z')).toBe(10);
    expect(Object.keys((await account('m:cap-2'))?.days ?? {})).toEqual(['2026-03-25']);
    expect(await award('m:cap-2', 'course_completed', '2026-03-12T05:00:00Z')).toBe(0);
    expect(await award('m:cap-2', 'course_completed', '2026-03-14T05:00:00Z')).toBe(10);
    expect(await account('m:cap-2')).toMatchObject({ balance: 42 });
  });

  it('pays the amount a source sets instead of the rule, still within the caps, and refuses a bad amount', async () => {
    await seedMember('o-cap-3', 'm:cap-3');
    const db = testDb();
    const at = new Date('2026-03-14T02:00:00Z');
    const pay = (sourceId: string, amount: number) =>
      awardPointsForEvent(db, { type: 'competition_award', memberId: 'm:cap-3', sourceId, occurredAt: at, amount });
    // The rule says 50; the contest says 8.
    expect(await pay('award-a', 8)).toMatchObject({ awarded: 8 });
    // The day's total cap (12) cuts the next one to what is left.
    expect(await pay('award-b', 30)).toMatchObject({ awarded: 4 });
    expect(await pay('award-c', 0)).toEqual({ awarded: 0, entryId: null });
    const before = await pointsState();
    await expect(pay('award-d', 2.5)).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(pay('award-e', -3)).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    expect(await pointsState()).toEqual(before);
    expect(await account('m:cap-3')).toMatchObject({ balance: 12 });
  });
});

describe('yearly expiry', () => {
  beforeAll(async () => {
    expect(await callAction('points', 'setRules', { ...RULES, dailyTotalCap: null }, ADMIN)).toMatchObject({ ok: true });
  });

  it('expires what is left of year Y at the start of Y + 2 Beijing, spending the oldest first, once', async () => {
    const member = await seedMember('o-exp-1', 'm:exp-1');
    // Beijing 2024-12-31 23:30 counts for 2024; Beijing 2025-01-01 00:30 for 2025.
    expect(await award('m:exp-1', 'competition_award', '2024-12-31T15:30:00Z')).toBe(50);
    expect(await award('m:exp-1', 'competition_award', '2024-12-31T16:30:00Z')).toBe(50);
    expect(await account('m:exp-1')).toMatchObject({ buckets: { '2024': 50, '2025': 50 }, oldestYear: 2024 });
    // Spending in 2025 takes from 2024 first.
    const item = await seedItem({ price: 30, stock: 5 }, new Date('2025-06-01T00:00:00Z'));
    await redeem(testDb(), member, [], item._id, 'exp-1-order', new Date('2025-06-01T02:00:00Z'));
    expect(await account('m:exp-1')).toMatchObject({ balance: 70, buckets: { '2024': 20, '2025': 50 } });
    // Beijing 2025-12-31 23:59: nothing is due yet.
    expect(await runExpiry(testDb(), new Date('2025-12-31T15:59:00Z'))).toEqual({ accounts: 0, points: 0, more: false });
    // Beijing 2026-01-01 00:00: the 20 left of 2024 expire.
    expect(await runExpiry(testDb(), new Date('2025-12-31T16:00:00Z'))).toMatchObject({ points: 20 });
    expect(await account('m:exp-1')).toMatchObject({ balance: 50, buckets: { '2025': 50 }, oldestYear: 2025 });
    const before = await pointsState();
    expect(await runExpiry(testDb(), new Date('2026-01-02T00:00:00Z'))).toEqual({ accounts: 0, points: 0, more: false });
    expect(await pointsState()).toEqual(before);
  });

  it('refunds into the current year what an expired year had paid, exactly once', async () => {
    const member = await seedMember('o-exp-2', 'm:exp-2');
    await award('m:exp-2', 'competition_award', '2024-05-01T00:00:00Z');
    const item = await seedItem({ price: 30, stock: 5 }, new Date('2025-06-01T00:00:00Z'));
    const { order } = await redeem(testDb(), member, [], item._id, 'exp-2-order', new Date('2025-06-01T02:00:00Z'));
    await runExpiry(testDb(), new Date('2026-01-05T00:00:00Z'));
    expect(await account('m:exp-2')).toMatchObject({ balance: 0 });
    await cancelOrder(testDb(), order._id, { kind: 'admin' }, null, new Date('2026-02-01T00:00:00Z'));
    expect(await account('m:exp-2')).toMatchObject({ balance: 30, buckets: { '2026': 30 } });
    await expect(cancelOrder(testDb(), order._id, { kind: 'admin' }, null, new Date('2026-02-01T00:00:00Z'))).rejects.toMatchObject({ code: 'ORDER_STATE' });
    expect(await account('m:exp-2')).toMatchObject({ balance: 30 });
    // A refund before its year expired returns to that year.
    await award('m:exp-2', 'competition_award', '2026-02-02T00:00:00Z');
    const second = await redeem(testDb(), member, [], item._id, 'exp-2-order-2', new Date('2026-02-03T00:00:00Z'));
    await cancelOrder(testDb(), second.order._id, { kind: 'member', memberId: 'm:exp-2' }, null, new Date('2026-02-04T00:00:00Z'));
    expect(await account('m:exp-2')).toMatchObject({ balance: 80, buckets: { '2026': 80 } });
  });
});

describe('admin adjustments', () => {
  let requests = 0;
  const adjust = (memberId: string, amount: number, reason: string, requestId = `adjust-request-${(requests += 1)}`) =>
    callAction('points', 'adjust', { memberId, amount, reason, requestId }, ADMIN);

  it('credits and debits with a reason, and never below zero', async () => {
    await seedMember('o-adj-1', 'm:adj-1');
    expect(await adjust('m:adj-1', 40, '线下活动奖励')).toMatchObject({
      ok: true,
      data: { balance: 40, entry: { amount: 40, reason: 'admin_adjustment', note: '线下活动奖励' } },
    });
    expect(await adjust('m:adj-1', -15, '误发扣回')).toMatchObject({ ok: true, data: { balance: 25 } });
    const before = await pointsState();
    expect(await adjust('m:adj-1', -26, '扣回')).toMatchObject({ ok: false, code: 'POINTS_INSUFFICIENT' });
    expect(await adjust('m:adj-1', 5, '')).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
    expect(await adjust('m:adj-1', 5, '   ')).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
    expect(await adjust('m:adj-missing', 5, '奖励')).toMatchObject({ ok: false, code: 'NOT_FOUND' });
    expect(
      await callAction('points', 'adjust', { memberId: 'm:adj-1', amount: 5, reason: '奖励', requestId: 'adjust-self' }, { openid: 'o-adj-1' }),
    ).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(await pointsState()).toEqual(before);
  });

  it('applies one adjustment once per request id, even when retried in parallel', async () => {
    await seedMember('o-adj-2', 'm:adj-2');
    const answers = await Promise.all(Array.from({ length: 5 }, () => adjust('m:adj-2', 20, '补发', 'adjust-once-0001')));
    const ids = new Set(answers.map((answer) => (answer.ok ? answer.data.entry.id : answer.code)));
    expect(ids.size).toBe(1);
    expect(answers.every((answer) => answer.ok && answer.data.balance === 20)).toBe(true);
    expect(await account('m:adj-2')).toMatchObject({ balance: 20 });
  });
});
