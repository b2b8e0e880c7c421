/**
 * Sign-up crowds through real concurrent calls of the signUp action (server/campaign/join.ts): distinct
 * members are never answered CONFLICT, capacity is never exceeded, each member has one enrollment, the
 * waiting list keeps its order, and the counters equal the enrollments.
 */
import type { CampaignDoc, EnrollmentDoc } from '../../../typings/domain';
import { freezeClock } from '../../helpers/clock';
import { runConcurrently } from '../../helpers/concurrency';
import { readDoc, readWhere, testDb } from '../../helpers/db';
import { openidOf } from '../../helpers/identities';
import { SEAT_QUIET_MS } from '../../../server/campaign/seats';
import { runCampaignTimer } from '../../../server/campaign/timer';
import { actionOf, beijing, campaignFields, expectCountersExact, inFlight, makeCampaign, seedMembers, withCampaignCloud } from './helpers';

// Hundreds of real calls through HTTP, some of them transactions: seconds, not the default 5.
jest.setTimeout(240_000);

const env = withCampaignCloud();

function tally(codes: readonly string[]): Record<string, number> {
  return codes.reduce<Record<string, number>>((acc, code) => {
    acc[code] = (acc[code] ?? 0) + 1;
    return acc;
  }, {});
}

it('seats 120 of 160 members tapping twice at once, in teams, and puts the other 40 on the waiting list, with no CONFLICT', async () => {
  freezeClock(beijing('2026-06-01', '09:00'));
  const teams = [{ name: '一组' }, { name: '二组' }, { name: '三组' }, { name: '四组' }];
  const campaign = await makeCampaign(env.trainer, campaignFields('2026-06-05', 7, { capacity: 120, teamMode: 'chosen', teams }), new Date());
  const ids = Array.from({ length: 160 }, (_, i) => `m:crowd-join-${i}`);
  await seedMembers(ids);
  const join = actionOf('signUp');
  const codes = await inFlight(
    ids.flatMap((id, i) => [0, 1].map(() => () => runConcurrently(join, { campaignId: campaign._id, teamId: `t${(i % 4) + 1}` }, openidOf(id)))),
    60,
  );
  expect(tally(codes)).toEqual({ OK: 320 });
  // A seat a member's second tap held and gave back goes to the waiting list at once when the campaign's
  // lease is free, else by the timer (server/campaign/seats.ts): its run once no sign-up is under way.
  await runCampaignTimer(testDb(), new Date(Date.now() + SEAT_QUIET_MS + 1000), 5000);
  const enrollments = await readWhere<EnrollmentDoc>('campaignEnrollments', { campaignId: campaign._id });
  expect(enrollments).toHaveLength(160);
  expect(new Set(enrollments.map((enrollment) => enrollment.memberId)).size).toBe(160);
  expect(enrollments.filter((enrollment) => enrollment.status === 'enrolled')).toHaveLength(120);
  const waiting = enrollments.filter((enrollment) => enrollment.status === 'waitlisted');
  expect(waiting).toHaveLength(40);
  expect(new Set(waiting.map((enrollment) => enrollment.waitSeq)).size).toBe(40);
  expect((await readDoc<CampaignDoc>('campaigns', campaign._id))?.counts).toEqual({ enrolled: 120, pending: 0, waitlisted: 40 });
  await expectCountersExact(campaign._id);
});

it('takes 150 members signing up at once for a campaign without a limit, and 100 for one that needs approval, with no CONFLICT', async () => {
  freezeClock(beijing('2026-06-01', '09:00'));
  const open = await makeCampaign(env.trainer, campaignFields('2026-06-05', 7), new Date());
  const approval = await makeCampaign(env.trainer, campaignFields('2026-06-05', 7, { approvalRequired: true }), new Date());
  const openIds = Array.from({ length: 150 }, (_, i) => `m:crowd-open-${i}`);
  const approvalIds = Array.from({ length: 100 }, (_, i) => `m:crowd-approval-${i}`);
  await seedMembers([...openIds, ...approvalIds]);
  const join = actionOf('signUp');
  const codes = await inFlight(
    [
      ...openIds.map((id) => () => runConcurrently(join, { campaignId: open._id }, openidOf(id))),
      ...approvalIds.map((id) => () => runConcurrently(join, { campaignId: approval._id }, openidOf(id))),
    ],
    60,
  );
  expect(tally(codes)).toEqual({ OK: 250 });
  expect((await readDoc<CampaignDoc>('campaigns', open._id))?.counts).toEqual({ enrolled: 150, pending: 0, waitlisted: 0 });
  expect((await readDoc<CampaignDoc>('campaigns', approval._id))?.counts).toEqual({ enrolled: 0, pending: 100, waitlisted: 0 });
  await expectCountersExact(open._id);
  await expectCountersExact(approval._id);
});
