/**
 * The sign-up's seat shortcut (server/campaign/seats.ts, join.ts) when a call dies: killed after any of its
 * operations, a member is never enrolled and uncounted, and a seat taken by a call killed before its
 * insert is given back by the timer once no sign-up could still be running, to the waiting list first.
 */
import type { CampaignDoc, EnrollmentDoc, MemberDoc } from '../../../typings/domain';
import type { Database } from '../../../server/core';
import { joinCampaign } from '../../../server/campaign/join';
import { keptCampaign } from '../../../server/campaign/kept';
import { reconcileSeats, SEAT_QUIET_MS, takeSeat } from '../../../server/campaign/seats';
import { runCampaignTimer } from '../../../server/campaign/timer';
import { testDb } from '../../helpers/db';
import { dataOf } from '../../helpers/envelope';
import { freezeClock } from '../../helpers/clock';
import { beijing, call, campaignFields, expectCountersExact, makeCampaign, readDoc, readWhere, seedMembers, withCampaignCloud } from './helpers';

jest.setTimeout(120_000);

const env = withCampaignCloud();

/** Calls that end the chain at the database (one operation each). */
const OPERATIONS = new Set(['get', 'add', 'update', 'set', 'remove', 'count']);

/**
 * `db` for a call killed after `operations` operations: the next one never answers (the instance is gone),
 * and `stopped` resolves when the call reaches it.
 */
function killedAfter(db: Database, operations: number): { db: Database; stopped: Promise<'killed'> } {
  let left = operations;
  let stop: (value: 'killed') => void = () => undefined;
  const stopped = new Promise<'killed'>((resolve) => {
    stop = resolve;
  });
  const wrap = <T extends object>(target: T): T =>
    new Proxy(target, {
      get(object, key) {
        const value = Reflect.get(object, key) as unknown;
        if (typeof value !== 'function') return value;
        return (...args: unknown[]) => {
          if (OPERATIONS.has(String(key))) {
            if (left <= 0) {
              stop('killed');
              return new Promise(() => undefined);
            }
            left -= 1;
          }
          const out = (value as (...a: unknown[]) => unknown).apply(object, args);
          return out !== null && typeof out === 'object' && !(out instanceof Promise) ? wrap(out) : out;
        };
      },
    });
  return { db: wrap(db), stopped };
}

const enrolledOf = (campaignId: string) => readWhere<EnrollmentDoc>('campaignEnrollments', { campaignId, status: 'enrolled' });
const countsOf = async (campaignId: string) => (await readDoc<CampaignDoc>('campaigns', campaignId))!.counts;

it('leaves no member enrolled and uncounted when a sign-up is killed after any of its operations', async () => {
  const at = beijing('2026-03-03', '09:00');
  freezeClock(at);
  const campaign = await makeCampaign(env.trainer, campaignFields('2026-03-01', 21, { capacity: 50 }), new Date());
  // A first sign-up on a warm instance: the enrollment, the seat, the insert, the conversion (join.ts).
  for (let operations = 0; operations <= 4; operations += 1) {
    const [member] = (await seedMembers([`m:killed-${operations}`])) as MemberDoc[];
    await keptCampaign(testDb(), campaign._id);
    const killed = killedAfter(testDb(), operations);
    const outcome = await Promise.race([joinCampaign(killed.db, member, { campaignId: campaign._id }, at), killed.stopped]);
    expect({ operations, killed: outcome === 'killed' }).toEqual({ operations, killed: operations < 4 });
    // Whatever was written: every enrolled member is counted.
    expect((await countsOf(campaign._id)).enrolled).toBeGreaterThanOrEqual((await enrolledOf(campaign._id)).length);
    // The member sends again: one enrollment.
    expect(dataOf(await call('signUp', { campaignId: campaign._id }, member._id)).enrollment.status).toBe('enrolled');
  }
  expect(await enrolledOf(campaign._id)).toHaveLength(5);
  // Killed between the seat and the insert (after 2 operations): one seat too many until the timer runs.
  expect((await countsOf(campaign._id)).enrolled).toBe(6);
  expect(await reconcileSeats(testDb(), new Date(at.getTime() + SEAT_QUIET_MS + 1000))).toBe(1);
  expect((await countsOf(campaign._id)).enrolled).toBe(5);
  await expectCountersExact(campaign._id);
});

it('gives a seat of a sign-up killed before its insert back once quiet, to the first member waiting', async () => {
  const at = beijing('2026-04-01', '09:00');
  freezeClock(at);
  const teams = [{ name: '一组' }, { name: '二组' }];
  const campaign = await makeCampaign(env.trainer, campaignFields('2026-04-05', 7, { capacity: 2, teamMode: 'chosen', teams }), new Date());
  const [first, dead, late] = (await seedMembers(['m:seat-first', 'm:seat-dead', 'm:seat-late'])) as MemberDoc[];
  dataOf(await call('signUp', { campaignId: campaign._id, teamId: 't1' }, first._id));
  // The dead call took the last seat (in team t2) and never inserted its enrollment.
  const read = (await readDoc<CampaignDoc>('campaigns', campaign._id))!;
  expect(await takeSeat(testDb(), read, { status: 'enrolled', teamId: 't2' }, at)).toBe(true);
  expect((await readDoc<CampaignDoc>('campaigns', campaign._id))?.teamEnrolled).toEqual({ t1: 1, t2: 1 });
  // The campaign looks full: the next member waits.
  expect(dataOf(await call('signUp', { campaignId: campaign._id, teamId: 't1' }, late._id)).enrollment.status).toBe('waitlisted');
  // While a sign-up could still be running, nothing is given back.
  expect(await reconcileSeats(testDb(), new Date(at.getTime() + 10_000))).toBe(0);
  expect(await countsOf(campaign._id)).toEqual({ enrolled: 2, pending: 0, waitlisted: 1 });
  // The campaign function's timer, once quiet: the seat goes back and to the member waiting.
  const run = await runCampaignTimer(testDb(), new Date(at.getTime() + SEAT_QUIET_MS + 1000), 5000);
  expect(run.seatsReturned).toBe(1);
  expect(await countsOf(campaign._id)).toEqual({ enrolled: 2, pending: 0, waitlisted: 0 });
  expect((await readDoc<EnrollmentDoc>('campaignEnrollments', `${campaign._id}:${late._id}`))?.status).toBe('enrolled');
  expect((await readDoc<CampaignDoc & { seatsUnsettled?: boolean }>('campaigns', campaign._id))?.seatsUnsettled).toBe(false);
  // Nothing more to give back; the member whose call died can sign up (and waits: the seats are taken).
  expect(await reconcileSeats(testDb(), new Date(at.getTime() + 2 * SEAT_QUIET_MS))).toBe(0);
  expect(dataOf(await call('signUp', { campaignId: campaign._id, teamId: 't2' }, dead._id)).enrollment.status).toBe('waitlisted');
  await expectCountersExact(campaign._id);
});

it('gives back a pending place of an approval campaign whose sign-up died, and takes no seat under rules edited since', async () => {
  const at = beijing('2026-05-01', '09:00');
  freezeClock(at);
  const campaign = await makeCampaign(env.trainer, campaignFields('2026-05-05', 7, { approvalRequired: true }), new Date());
  expect(await takeSeat(testDb(), campaign, { status: 'pending', teamId: null }, at)).toBe(true);
  expect(await countsOf(campaign._id)).toEqual({ enrolled: 0, pending: 1, waitlisted: 0 });
  // A copy older than the campaign's last edit takes nothing.
  const stale = { ...campaign, updatedAt: new Date(campaign.updatedAt.getTime() - 1000) };
  expect(await takeSeat(testDb(), stale, { status: 'pending', teamId: null }, at)).toBe(false);
  expect(await reconcileSeats(testDb(), new Date(at.getTime() + SEAT_QUIET_MS + 1000))).toBe(1);
  expect(await countsOf(campaign._id)).toEqual({ enrolled: 0, pending: 0, waitlisted: 0 });
  await expectCountersExact(campaign._id);
});
