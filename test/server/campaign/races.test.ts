/**
 * The campaign race bars through real concurrent calls (actions run directly, so they overlap as on many
 * CloudBase instances): 200 members each sending 20 parallel check-ins for the same day make 200
 * check-ins and 200 point entries with no CONFLICT answer and exact counters; a make-up card is spent once;
 * the waiting list promotes each freed seat once, in order.
 */
import type { CampaignDoc, EnrollmentDoc, MemberDoc } from '../../../typings/domain';
import { newEnrollment, signUp } from '../../../server/campaign/enrollment';
import { readCheckinCounts } from '../../../server/campaign/counters';
import { countAll, insertAll, testDb } from '../../helpers/db';
import { dataOf } from '../../helpers/envelope';
import { freezeClock, setClock } from '../../helpers/clock';
import { runConcurrently } from '../../helpers/concurrency';
import { givePoints } from '../../helpers/ledger';
import {
  actionOf,
  beijing,
  inFlight,
  call,
  campaignFields,
  expectCountersExact,
  makeCampaign,
  openidOf,
  readDoc,
  readWhere,
  seedMembers,
  tallyNow,
  withCampaignCloud,
} from './helpers';
import { tallyCheckins } from '../../../server/campaign/tally';

// Thousands of real transactions through HTTP: seconds, not the default 5.
jest.setTimeout(240_000);

const env = withCampaignCloud();

/**
 * Enrols `members` at once, writing what a sign-up writes (server/campaign/enrollment.ts signUp): each an
 * enrollment made by the domain's newEnrollment, seated in the team `teamOf` names, and the campaign's
 * counters moved by as many. The crowds' sign-ups are set-up in this file, hundreds of transactions on one
 * campaign document each costing more than the check-ins raced after them; sign-ups have their own races
 * (signup-races.test.ts), and every test here ends by holding the counters to the enrollments
 * (expectCountersExact).
 */
async function enrolAll(campaign: CampaignDoc, members: readonly MemberDoc[], now: Date, teamOf: (index: number) => string | null = () => null): Promise<void> {
  const enrollments = members.map(
    (member, i): EnrollmentDoc => ({ ...newEnrollment(campaign._id, member, now), status: 'enrolled', teamId: teamOf(i), enrolledAt: now }),
  );
  await insertAll('campaignEnrollments', enrollments);
  const current = (await readDoc<CampaignDoc>('campaigns', campaign._id)) as CampaignDoc;
  const teamEnrolled = { ...current.teamEnrolled };
  for (const { teamId } of enrollments) if (teamId !== null) teamEnrolled[teamId] = (teamEnrolled[teamId] ?? 0) + 1;
  const db = testDb();
  await db
    .collection('campaigns')
    .doc(campaign._id)
    .update({ data: { 'counts.enrolled': current.counts.enrolled + members.length, teamEnrolled: db.command.set(teamEnrolled) } });
}

it('makes 200 check-ins and 200 point entries from 200 members each sending 20 parallel check-ins', async () => {
  freezeClock(beijing('2026-03-02', '07:59'));
  const teams = [{ name: '一组' }, { name: '二组' }, { name: '三组' }, { name: '四组' }, { name: '五组' }];
  const campaign = await makeCampaign(env.trainer, campaignFields('2026-03-01', 21, { teamMode: 'chosen', teams }), new Date());
  const ids = Array.from({ length: 200 }, (_, i) => `m:race-ci-${i}`);
  const members = await seedMembers(ids);
  await enrolAll(campaign, members, new Date(), (i) => `t${(i % 5) + 1}`);
  expect((await readDoc<CampaignDoc>('campaigns', campaign._id))?.counts.enrolled).toBe(200);
  setClock(beijing('2026-03-02', '08:00'));
  const checkIn = actionOf('checkIn');
  // Each member's 20 requests start together; 60 requests (3 members) are in flight at any time.
  const codes = await inFlight(
    ids.flatMap((id, m) =>
      Array.from(
        { length: 20 },
        (_, k) => () => runConcurrently(checkIn, { campaignId: campaign._id, text: `第二天打卡 ${m}`, requestId: `race-${m}-${k}` }, openidOf(id)),
      ),
    ),
    60,
  );
  expect(codes).toHaveLength(4000);
  const tally = codes.reduce<Record<string, number>>((acc, code) => {
    acc[code] = (acc[code] ?? 0) + 1;
    return acc;
  }, {});
  // A duplicate is refused as done, or as in progress while the member's first request holds the lease.
  const { OK, ALREADY_CHECKED_IN = 0, CHECKIN_IN_PROGRESS = 0, ...others } = tally;
  expect({ OK, refused: ALREADY_CHECKED_IN + CHECKIN_IN_PROGRESS, others }).toEqual({ OK: 200, refused: 3800, others: {} });
  expect(await countAll('campaignCheckins')).toBe(200);
  const entries = await readWhere<{ reason: string; amount: number }>('pointsLedger', { reason: 'checkin' });
  expect(entries).toHaveLength(200);
  expect(entries.every((entry) => entry.amount === 10)).toBe(true);
  // The counters follow once the campaign function's timer has run.
  await tallyNow(campaign._id);
  const counts = await readCheckinCounts(testDb(), campaign._id);
  expect(counts.byDay).toEqual({ '2026-03-02': { checkins: 200, madeUp: 0 } });
  expect(Object.values(counts.byTeamDay).map((days) => days['2026-03-02']?.checkins)).toEqual([40, 40, 40, 40, 40]);
  await expectCountersExact(campaign._id);
});

it('turns none of 300 distinct members checking in at the same moment away, while the timer counts', async () => {
  freezeClock(beijing('2026-03-02', '07:59'));
  const campaign = await makeCampaign(env.trainer, campaignFields('2026-03-01', 21), new Date());
  const ids = Array.from({ length: 300 }, (_, i) => `m:crowd-ci-${i}`);
  await enrolAll(campaign, await seedMembers(ids), new Date());
  setClock(beijing('2026-03-02', '08:00'));
  const checkIn = actionOf('checkIn');
  let running = true;
  const timer = (async () => {
    while (running) {
      await tallyCheckins(testDb(), new Date(), { campaignId: campaign._id });
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  })();
  const codes = await inFlight(
    ids.map((id, m) => () => runConcurrently(checkIn, { campaignId: campaign._id, text: `打卡 ${m}`, requestId: `crowd-${m}-0001` }, openidOf(id))),
    60,
  ).finally(() => {
    running = false;
  });
  await timer;
  // Distinct members share no document on the way: every one is answered OK, none CONFLICT.
  expect(codes.filter((code) => code !== 'OK')).toEqual([]);
  await tallyNow(campaign._id);
  expect((await readCheckinCounts(testDb(), campaign._id)).byDay).toEqual({ '2026-03-02': { checkins: 300, madeUp: 0 } });
  await expectCountersExact(campaign._id);
});

it('spends a make-up card once when parallel make-ups race for two missed days', async () => {
  freezeClock(beijing('2026-04-01', '09:00'));
  const campaign = await makeCampaign(env.trainer, campaignFields('2026-04-01', 7, { makeUp: { cardsPerMember: 1, daysBack: 3, pointsCost: 5 } }), new Date());
  const [member] = await seedMembers(['m:race-makeup']);
  const id = member!._id;
  dataOf(await call('signUp', { campaignId: campaign._id }, id));
  setClock(beijing('2026-04-03', '09:00'));
  await givePoints(id, new Date());
  const makeUp = actionOf('makeUp');
  const codes = await Promise.all(
    Array.from({ length: 30 }, (_, k) =>
      runConcurrently(
        makeUp,
        { campaignId: campaign._id, day: k % 2 === 0 ? '2026-04-01' : '2026-04-02', text: '补卡', requestId: `race-makeup-${k}` },
        openidOf(id),
      ),
    ),
  );
  expect(codes.filter((code) => code === 'OK')).toHaveLength(1);
  expect(codes.every((code) => ['OK', 'ALREADY_CHECKED_IN', 'CHECKIN_IN_PROGRESS', 'MAKEUP_UNAVAILABLE'].includes(code))).toBe(true);
  expect(await readDoc<EnrollmentDoc>('campaignEnrollments', `${campaign._id}:${id}`)).toMatchObject({ makeUpCardsUsed: 1, madeUpDays: 1, daysDone: 1 });
  const debits = await readWhere<{ amount: number }>('pointsLedger', { memberId: id, reason: 'makeup_card' });
  expect(debits.map((entry) => entry.amount)).toEqual([-5]);
  await expectCountersExact(campaign._id);
});

it('promotes each freed seat once, in waiting-list order, while members quit and sign up at the same time', async () => {
  freezeClock(beijing('2026-05-01', '09:00'));
  const campaign = await makeCampaign(env.trainer, campaignFields('2026-05-10', 7, { capacity: 5 }), new Date());
  const seated = await seedMembers(Array.from({ length: 5 }, (_, i) => `m:race-seat-${i}`));
  const waiting = await seedMembers(Array.from({ length: 10 }, (_, i) => `m:race-wait-${i}`));
  const late = await seedMembers(Array.from({ length: 5 }, (_, i) => `m:race-late-${i}`));
  for (const member of [...seated, ...waiting]) await signUp(testDb(), member, { campaignId: campaign._id }, new Date());
  expect((await readDoc<CampaignDoc>('campaigns', campaign._id))?.counts).toEqual({ enrolled: 5, pending: 0, waitlisted: 10 });
  // Three seated members quit (each sending 3 quits at once) while 5 newcomers sign up (2 requests each).
  const quit = actionOf('quit');
  const join = actionOf('signUp');
  const codes = await Promise.all([
    ...seated.slice(0, 3).flatMap((member) => Array.from({ length: 3 }, () => runConcurrently(quit, { campaignId: campaign._id }, openidOf(member._id)))),
    ...late.flatMap((member) => Array.from({ length: 2 }, () => runConcurrently(join, { campaignId: campaign._id }, openidOf(member._id)))),
  ]);
  expect(codes.slice(0, 9).filter((code) => code === 'OK')).toHaveLength(3);
  expect(codes.slice(0, 9).every((code) => code === 'OK' || code === 'NOT_ENROLLED')).toBe(true);
  expect(codes.slice(9).every((code) => code === 'OK')).toBe(true);
  const enrolled = await readWhere<EnrollmentDoc>('campaignEnrollments', { campaignId: campaign._id, status: 'enrolled' });
  expect(enrolled.map((enrollment) => enrollment.memberId).sort()).toEqual([...seated.slice(3), ...waiting.slice(0, 3)].map((member) => member._id).sort());
  const stillWaiting = await readWhere<EnrollmentDoc>('campaignEnrollments', { campaignId: campaign._id, status: 'waitlisted' });
  expect(stillWaiting.sort((a, b) => (a.waitSeq ?? 0) - (b.waitSeq ?? 0)).map((enrollment) => enrollment.memberId)).toEqual([
    ...waiting.slice(3).map((member) => member._id),
    ...stillWaiting
      .filter((enrollment) => enrollment.memberId.startsWith('m:race-late'))
      .sort((a, b) => (a.waitSeq ?? 0) - (b.waitSeq ?? 0))
      .map((enrollment) => enrollment.memberId),
  ]);
  expect(stillWaiting).toHaveLength(12);
  await expectCountersExact(campaign._id);
});
