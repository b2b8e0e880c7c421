/**
 * Database operations per check-in, counted at the local cloud's protocol (each SDK call is one
 * operation; a transaction counts its start, each read and write, and its commit). The bounds are those
 * documented in server/campaign/checkin.ts; a change that adds reads or writes to the hot path fails here.
 */
import type { MemberDoc } from '../../../typings/domain';
import { useTestCloud } from '../../helpers/local-cloud';
import { codeOf, dataOf } from '../../helpers/envelope';
import { freezeClock } from '../../helpers/clock';
import { beijing, call, campaignFields, makeCampaign, requestId, seedMembers, seedTrainer } from './helpers';

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

it('keeps a check-in within 30 database operations and a refused duplicate within 3', async () => {
  freezeClock(beijing('2026-03-03', '09:00'));
  const campaign = await makeCampaign(trainer, campaignFields('2026-03-01', 21, { streakMilestones: [{ days: 7, points: 20 }] }), new Date());
  const [member] = await seedMembers(['m:ops']);
  dataOf(await call('signUp', { campaignId: campaign._id }, member!._id));
  // The first check-in of a member and of a shard creates documents; measure a steady one on another member.
  const [other] = await seedMembers(['m:ops-warm']);
  dataOf(await call('signUp', { campaignId: campaign._id }, other!._id));
  dataOf(await call('checkIn', { campaignId: campaign._id, text: '预热', requestId: requestId() }, other!._id));
  // Caller 2, existing check-in 1, lease 1, campaign and enrollment 2, transaction 8 (start, 3 reads,
  // 3 writes, commit), points 10 (rules, member, and the ledger's transaction of 8): 24.
  const checkIn = await operationsOf(async () => expect(codeOf(await call('checkIn', { campaignId: campaign._id, text: '今天的收获', requestId: requestId() }, member!._id))).toBe('OK'));
  expect(checkIn).toBeLessThanOrEqual(30);
  // A second request for the day: the caller and the existing check-in.
  const duplicate = await operationsOf(async () => expect(codeOf(await call('checkIn', { campaignId: campaign._id, text: '再来', requestId: requestId() }, member!._id))).toBe('ALREADY_CHECKED_IN'));
  expect(duplicate).toBeLessThanOrEqual(3);
  // Reading the calendar and the detail costs a handful, whatever the history.
  expect(await operationsOf(() => call('calendar', { campaignId: campaign._id }, member!._id))).toBeLessThanOrEqual(5);
  expect(await operationsOf(() => call('detail', { campaignId: campaign._id }, member!._id))).toBeLessThanOrEqual(6);
});
