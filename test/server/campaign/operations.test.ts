/**
 * Database operations per check-in and per sign-up, counted at the local cloud's protocol (each SDK call is
 * one operation; a transaction counts its start, each read and write, and its commit). The bounds are those
 * documented in server/campaign/checkin.ts and server/campaign/join.ts; a change that adds reads or writes
 * to the hot path fails here. Both run on a warm instance, which keeps the campaign (server/campaign/kept.ts).
 */
import type { MemberDoc } from '../../../typings/domain';
import { useTestCloud } from '../../helpers/local-cloud';
import { codeOf, dataOf } from '../../helpers/envelope';
import { freezeClock } from '../../helpers/clock';
import { beijing, call, campaignFields, expectCountersExact, makeCampaign, openidOf, requestId, seedMembers, seedTrainer, tallyNow } from './helpers';
import { callAction } from '../../helpers/invoke';
import { testDb } from '../../helpers/db';
import { awardPointsForEvent } from '../../../server/points/events';
import { forgetKeptCampaigns, keptCampaign } from '../../../server/campaign/kept';
import type { CampaignDoc } from '../../../typings/domain';

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

it('costs the caller check, the points award and 3 for a check-in, 2 for a refused duplicate', async () => {
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
  // The enrollment 1, the check-in 1, the enrollment's day 1 (server/campaign/checkin.ts); the campaign is kept.
  await keptCampaign(testDb(), campaign._id);
  const checkIn = await operationsOf(async () =>
    expect(codeOf(await call('checkIn', { campaignId: campaign._id, text: '今天的收获', requestId: requestId() }, member!._id))).toBe('OK'),
  );
  expect(checkIn - guard - award).toBe(3);
  expect(checkIn).toBe(8);
  // A second request for the day: the enrollment, then the existing check-in.
  await keptCampaign(testDb(), campaign._id);
  const duplicate = await operationsOf(async () =>
    expect(codeOf(await call('checkIn', { campaignId: campaign._id, text: '再来', requestId: requestId() }, member!._id))).toBe('ALREADY_CHECKED_IN'),
  );
  expect(duplicate - guard).toBe(2);
  // Reading the calendar and the detail costs a handful, whatever the history.
  expect(await operationsOf(() => call('calendar', { campaignId: campaign._id }, member!._id))).toBeLessThanOrEqual(5);
  expect(await operationsOf(() => call('detail', { campaignId: campaign._id }, member!._id))).toBeLessThanOrEqual(6);
  // The timer's tally counts the check-ins afterwards: one query, then per check-in the enrollment and one
  // transaction (start, 3 reads, 3 writes, commit).
  const tally = await operationsOf(() => tallyNow(campaign._id));
  expect(tally).toBe(1 + 2 * (1 + 8));
});

describe('sign-up', () => {
  const signUpOperations = async (campaign: CampaignDoc, memberId: string, input: { teamId?: string } = {}) => {
    // A warm instance: the campaign kept (server/campaign/kept.ts), read here, not in the counted call.
    await keptCampaign(testDb(), campaign._id);
    return operationsOf(async () => expect(codeOf(await call('signUp', { campaignId: campaign._id, ...input }, memberId))).toBe('OK'));
  };

  it('costs the caller check and 4 for a first sign-up: the enrollment, the seat, the insert, the share conversion', async () => {
    freezeClock(beijing('2026-03-03', '09:00'));
    const teams = [{ name: '一组' }, { name: '二组' }];
    const open = await makeCampaign(trainer, campaignFields('2026-03-01', 21), new Date());
    const capped = await makeCampaign(trainer, campaignFields('2026-03-01', 21, { capacity: 10, teamMode: 'chosen', teams }), new Date());
    const approval = await makeCampaign(trainer, campaignFields('2026-03-01', 21, { approvalRequired: true }), new Date());
    const [a, b, c] = await seedMembers(['m:ops-join-a', 'm:ops-join-b', 'm:ops-join-c']);
    const guard = await guardOperations(a!._id);
    expect(guard).toBe(1);
    expect(await signUpOperations(open, a!._id)).toBe(5);
    expect(await signUpOperations(capped, b!._id, { teamId: 't2' })).toBe(5);
    expect(await signUpOperations(approval, c!._id)).toBe(5);
    // Signing up again answers the enrollment: the enrollment's read only.
    expect(await signUpOperations(open, a!._id)).toBe(guard + 1);
    // A cold instance reads the campaign once more.
    const [d] = await seedMembers(['m:ops-join-d']);
    forgetKeptCampaigns();
    expect(await operationsOf(async () => expect(codeOf(await call('signUp', { campaignId: open._id }, d!._id))).toBe('OK'))).toBe(6);
    for (const campaign of [open, capped, approval]) await expectCountersExact(campaign._id);
  });
});
