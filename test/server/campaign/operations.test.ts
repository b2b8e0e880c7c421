/**
 * Database operations per check-in, counted at the local cloud's protocol (each SDK call is one
 * operation; a transaction counts its start, each read and write, and its commit). The bounds are those
 * documented in server/campaign/checkin.ts; a change that adds reads or writes to the hot path fails here.
 */
import type { MemberDoc } from '../../../typings/domain';
import { useTestCloud } from '../../helpers/local-cloud';
import { codeOf, dataOf } from '../../helpers/envelope';
import { freezeClock } from '../../helpers/clock';
import { beijing, call, campaignFields, makeCampaign, openidOf, requestId, seedMembers, seedTrainer, tallyNow } from './helpers';
import { callAction } from '../../helpers/invoke';
import { testDb } from '../../helpers/db';
import { awardPointsForEvent } from '../../../server/points/events';

jest.setTimeout(60_000);

const cloud = useTestCloud();
let trainer: MemberDoc;

beforeAll(async () => {
  trainer = await seedTrainer();
});

afterAll(async () => {
  jest.useRealTimers();
});

/** Protocol operations one call makes. */
async function operationsOf(run: () => Promise<unknown>): Promise<number> {
  cloud.actions.reset();
  await run();
  return cloud.actions.databaseOperations();
}

/** The caller check's own reads, measured on an action that reads nothing else. */
async function guardOperations(memberId: string): Promise<number> {
  return operationsOf(async () => expect(codeOf(await callAction('user', 'me', {}, { openid: openidOf(memberId) }))).toBe('OK'));
}

it('costs the caller check, the points award and 4 for a check-in, 3 for a refused duplicate', async () => {
  freezeClock(beijing('2026-03-03', '09:00'));
  const campaign = await makeCampaign(trainer, campaignFields('2026-03-01', 21, { streakMilestones: [{ days: 7, points: 20 }] }), new Date());
  const [member, payee] = await seedMembers(['m:ops', 'm:ops-payee']);
  dataOf(await call('signUp', { campaignId: campaign._id }, member!._id));
  // The first check-in of a member and of a shard creates documents; measure a steady one on another member.
  const [other] = await seedMembers(['m:ops-warm']);
  dataOf(await call('signUp', { campaignId: campaign._id }, other!._id));
  dataOf(await call('checkIn', { campaignId: campaign._id, text: '预热', requestId: requestId() }, other!._id));
  const guard = await guardOperations(member!._id);
  // The points award is the points area's (server/points): measured alone, a member's first payment like the
  // check-in's, with the member the check-in's caller check read (no read of it in the award).
  const award = await operationsOf(() =>
    awardPointsForEvent(testDb(), {
      type: 'checkin',
      memberId: payee!._id,
      sourceId: `${campaign._id}:ops-payee`,
      occurredAt: new Date(),
      amount: campaign.pointsPerCheckin,
      member: payee!,
    }),
  );
  expect(award).toBe(4);
  // Campaign and enrollment 2, the check-in 1, the enrollment's day 1 (server/campaign/checkin.ts).
  const checkIn = await operationsOf(async () =>
    expect(codeOf(await call('checkIn', { campaignId: campaign._id, text: '今天的收获', requestId: requestId() }, member!._id))).toBe('OK'),
  );
  expect(checkIn - guard - award).toBe(4);
  expect(checkIn).toBe(9);
  // A second request for the day: campaign and enrollment, then the existing check-in.
  const duplicate = await operationsOf(async () =>
    expect(codeOf(await call('checkIn', { campaignId: campaign._id, text: '再来', requestId: requestId() }, member!._id))).toBe('ALREADY_CHECKED_IN'),
  );
  expect(duplicate - guard).toBe(3);
  // Reading the calendar and the detail costs a handful, whatever the history.
  expect(await operationsOf(() => call('calendar', { campaignId: campaign._id }, member!._id))).toBeLessThanOrEqual(5);
  expect(await operationsOf(() => call('detail', { campaignId: campaign._id }, member!._id))).toBeLessThanOrEqual(6);
  // The timer's tally counts the check-ins afterwards: one query, then per check-in the enrollment and one
  // transaction (start, 3 reads, 3 writes, commit).
  const tally = await operationsOf(() => tallyNow(campaign._id));
  expect(tally).toBe(1 + 2 * (1 + 8));
});
