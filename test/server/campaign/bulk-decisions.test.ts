/**
 * 批量审核 (`decideMany`): the console's bulk approval and rejection. Exact (seats in the order given, then
 * the waiting list, counters equal to the enrollments), idempotent (a repeat changes nothing and tells no
 * one twice), refusals per member without failing the rest, and racing bulk and single decisions that each
 * decide a member once.
 */
import type { CampaignDoc, EnrollmentDoc, MemberDoc, NotificationDoc } from '../../../typings/domain';
import { codeOf, dataOf } from '../../helpers/envelope';
import { freezeClock } from '../../helpers/clock';
import { runConcurrently } from '../../helpers/concurrency';
import { testDb } from '../../helpers/db';
import { signUp } from '../../../server/campaign/enrollment';
import {
  actionOf,
  beijing,
  call,
  campaignFields,
  expectCountersExact,
  inFlight,
  makeCampaign,
  openidOf,
  readDoc,
  readWhere,
  seedMembers,
  TRAINER_ID,
  withCampaignCloud,
} from './helpers';

jest.setTimeout(180_000);

const env = withCampaignCloud();

async function pendingCampaign(prefix: string, count: number, capacity: number | null): Promise<{ campaign: CampaignDoc; members: MemberDoc[] }> {
  const campaign = await makeCampaign(env.trainer, campaignFields('2026-09-01', 7, { approvalRequired: true, capacity }), new Date());
  const members = await seedMembers(Array.from({ length: count }, (_, i) => `m:${prefix}-${i}`));
  await inFlight(
    members.map((member) => () => signUp(testDb(), member, { campaignId: campaign._id }, new Date())),
    4,
  );
  return { campaign, members };
}

/** The approval notices of a campaign (ids are `signup_approved:<campaignId>:<memberId>`, server/core/notify.ts). */
const notices = async (campaignId: string) =>
  (await readWhere<NotificationDoc>('notifications', { kind: 'signup_approved' })).filter((notice) => notice._id.startsWith(`signup_approved:${campaignId}:`));

const statuses = async (campaignId: string) =>
  Object.fromEntries((await readWhere<EnrollmentDoc>('campaignEnrollments', { campaignId })).map((e) => [e.memberId, e.status]));

it('approves in the order given into free seats, then the waiting list, and a repeat changes nothing', async () => {
  freezeClock(beijing('2026-08-20'));
  const { campaign, members } = await pendingCampaign('bulk-a', 6, 3);
  const ids = members.map((member) => member._id);
  const first = dataOf(await call('decideMany', { campaignId: campaign._id, memberIds: ids.slice(0, 5), decision: 'approve' }, TRAINER_ID));
  expect(first.decided.map((row) => [row.memberId, row.status, row.waitSeq])).toEqual([
    [ids[0], 'enrolled', null],
    [ids[1], 'enrolled', null],
    [ids[2], 'enrolled', null],
    [ids[3], 'waitlisted', 1],
    [ids[4], 'waitlisted', 2],
  ]);
  expect(first).toMatchObject({ unchanged: [], refused: [] });
  // Each approved member is told once, as by the single decision.
  expect((await notices(campaign._id)).map((notice) => notice.memberId).sort()).toEqual(ids.slice(0, 5).sort());
  await expectCountersExact(campaign._id);

  // A repeat (a double click, a retry) with one more member and an unknown one: only the new member changes.
  const before = await readDoc<CampaignDoc>('campaigns', campaign._id);
  const again = dataOf(
    await call('decideMany', { campaignId: campaign._id, memberIds: [...ids, 'm:bulk-a-nobody', ids[5] as string], decision: 'approve' }, TRAINER_ID),
  );
  expect(again.decided.map((row) => [row.memberId, row.status, row.waitSeq])).toEqual([[ids[5], 'waitlisted', 3]]);
  expect(again.unchanged).toEqual(ids.slice(0, 5));
  expect(again.refused).toEqual([{ memberId: 'm:bulk-a-nobody', reason: '报名记录不存在' }]);
  expect((await readDoc<CampaignDoc>('campaigns', campaign._id))?.counts).toEqual({ enrolled: 3, pending: 0, waitlisted: 3 });
  expect(before?.counts).toEqual({ enrolled: 3, pending: 1, waitlisted: 2 });
  expect(await notices(campaign._id)).toHaveLength(6);
  await expectCountersExact(campaign._id);
});

it('rejects in bulk, gives freed seats to the waiting list, and refuses what cannot be rejected', async () => {
  freezeClock(beijing('2026-08-20'));
  const { campaign, members } = await pendingCampaign('bulk-r', 5, 2);
  const ids = members.map((member) => member._id);
  dataOf(await call('decideMany', { campaignId: campaign._id, memberIds: ids.slice(0, 4), decision: 'approve' }, TRAINER_ID));
  // ids 0,1 enrolled; 2,3 waiting; 4 pending. Member 4 quits first: it can no longer be rejected.
  dataOf(await call('quit', { campaignId: campaign._id }, ids[4] as string));
  const result = dataOf(
    await call('decideMany', { campaignId: campaign._id, memberIds: [ids[0] as string, ids[4] as string], decision: 'reject' }, TRAINER_ID),
  );
  expect(result.decided.map((row) => [row.memberId, row.status])).toEqual([[ids[0], 'rejected']]);
  expect(result.refused).toEqual([{ memberId: ids[4], reason: '该成员已退出或已被拒绝' }]);
  expect(await statuses(campaign._id)).toEqual({
    [ids[0] as string]: 'rejected',
    [ids[1] as string]: 'enrolled',
    [ids[2] as string]: 'enrolled',
    [ids[3] as string]: 'waitlisted',
    [ids[4] as string]: 'quit',
  });
  // Rejecting again is a no-op; approving a rejected member is refused.
  expect(dataOf(await call('decideMany', { campaignId: campaign._id, memberIds: [ids[0] as string], decision: 'reject' }, TRAINER_ID))).toEqual({
    decided: [],
    unchanged: [ids[0]],
    refused: [],
  });
  expect(dataOf(await call('decideMany', { campaignId: campaign._id, memberIds: [ids[0] as string], decision: 'approve' }, TRAINER_ID)).refused).toEqual([
    { memberId: ids[0], reason: '该报名不在待审核状态' },
  ]);
  await expectCountersExact(campaign._id);
});

it("refuses an empty or oversized list and a campaign outside the caller's scope, changing nothing", async () => {
  freezeClock(beijing('2026-08-20'));
  const { campaign, members } = await pendingCampaign('bulk-s', 1, null);
  expect(codeOf(await call('decideMany', { campaignId: campaign._id, memberIds: [], decision: 'approve' }, TRAINER_ID))).toBe('INVALID_INPUT');
  const tooMany = Array.from({ length: 51 }, (_, i) => `m:x-${i}`);
  expect(codeOf(await call('decideMany', { campaignId: campaign._id, memberIds: tooMany, decision: 'approve' }, TRAINER_ID))).toBe('INVALID_INPUT');
  const [outsider] = await seedMembers(['m:bulk-s-outsider'], { name: '分公司讲师', roles: [{ role: 'trainer', scopeDepartmentId: 'dept:elsewhere' }] });
  expect(['FORBIDDEN', 'NOT_FOUND']).toContain(
    codeOf(await call('decideMany', { campaignId: campaign._id, memberIds: [members[0]!._id], decision: 'approve' }, outsider!._id)),
  );
  expect(await statuses(campaign._id)).toEqual({ [members[0]!._id]: 'pending' });
});

it('decides each member once when bulk and single decisions race', async () => {
  freezeClock(beijing('2026-08-20'));
  const { campaign, members } = await pendingCampaign('bulk-race', 40, 25);
  const ids = members.map((member) => member._id);
  const decideMany = actionOf('decideMany');
  const decide = actionOf('decide');
  const trainer = openidOf(TRAINER_ID);
  // Six bulk approvals of overlapping halves and forty single approvals, all at once.
  const calls = [
    ...Array.from(
      { length: 6 },
      (_, k) => () =>
        runConcurrently(decideMany, { campaignId: campaign._id, memberIds: k % 2 === 0 ? ids.slice(0, 30) : ids.slice(10), decision: 'approve' }, trainer),
    ),
    ...ids.map((memberId) => () => runConcurrently(decide, { campaignId: campaign._id, memberId, decision: 'approve' }, trainer)),
  ];
  const codes = await inFlight(calls, 46);
  // A single decision that lost the race answers CAMPAIGN_STATE (already decided); nothing else fails.
  expect(codes.filter((code) => code !== 'OK' && code !== 'CAMPAIGN_STATE')).toEqual([]);
  const enrollments = await readWhere<EnrollmentDoc>('campaignEnrollments', { campaignId: campaign._id });
  expect(enrollments.filter((e) => e.status === 'enrolled')).toHaveLength(25);
  const waiting = enrollments.filter((e) => e.status === 'waitlisted').map((e) => e.waitSeq);
  // Fifteen on the waiting list, each place given once.
  expect(waiting.sort((a, b) => (a ?? 0) - (b ?? 0))).toEqual(Array.from({ length: 15 }, (_, i) => i + 1));
  expect(await notices(campaign._id)).toHaveLength(40);
  await expectCountersExact(campaign._id);
});

it('costs one transaction over the named sign-ups and one insert per approval notice', async () => {
  freezeClock(beijing('2026-08-20'));
  const { campaign, members } = await pendingCampaign('bulk-ops', 20, null);
  const ids = members.map((member) => member._id);
  env.cloud.actions.reset();
  expect(dataOf(await call('decideMany', { campaignId: campaign._id, memberIds: ids, decision: 'approve' }, TRAINER_ID)).decided).toHaveLength(20);
  const approve = env.cloud.actions.databaseOperations();
  env.cloud.actions.reset();
  expect(dataOf(await call('decideMany', { campaignId: campaign._id, memberIds: ids, decision: 'approve' }, TRAINER_ID)).unchanged).toHaveLength(20);
  const repeat = env.cloud.actions.databaseOperations();
  // The repeat: the guard, the scope read, the lease (take, release) and the transaction reading the campaign
  // and the 20 enrollments; the approval adds 20 enrollment writes, the campaign write, one read checking
  // the notices and 20 inserts.
  expect({ approve, repeat }).toEqual({ approve: repeat + 20 + 1 + 1 + 20, repeat: 27 });
});
