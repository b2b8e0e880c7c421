/**
 * The campaign demo: a 21-day campaign on its 12th day with members in 5 teams and an upcoming one, seeded
 * through the domain functions, so counters equal records and every balance equals its ledger; seeding
 * again changes nothing. The test seeds 24 of the demo's 150 participants (the same code, a smaller crowd).
 * The seed counts its check-ins at once (`countHistory`) where the campaign's timer counts each in a
 * transaction (server/campaign/tally.ts): the test runs both on the same history and finds the same
 * documents, and counts what the seed costs (BENCHMARKS.md, "demo seed").
 */
import { campaignIdFor } from '../../../server/campaign/edit';
import { tallyCheckins } from '../../../server/campaign/tally';
import { countHistory, RUNNING_KEY, seedCampaignDemo } from '../../../scripts/demo/campaign';
import { buildDemoCompany } from '../../../scripts/demo/company';
import type { CampaignDoc, EnrollmentDoc } from '../../../typings/domain';
import { useTestCloud } from '../../helpers/local-cloud';
import { insertAll, testDb } from '../../helpers/db';
import { expectLedgersBalanced } from '../../helpers/ledger';
import { expectCountersExact, readWhere } from './helpers';

jest.setTimeout(300_000);

const cloud = useTestCloud();

/** What counting a check-in writes: the check-ins, the enrollments and the counter shards, every campaign's. */
const COUNTED = ['campaignCheckins', 'campaignEnrollments', 'campaignCounterShards'] as const;
const countedState = () => Promise.all(COUNTED.map((collection) => readWhere<{ _id: string }>(collection)));

/** Puts back the documents `countedState` read, and only them. */
async function restore(state: { _id: string }[][]): Promise<void> {
  const _ = testDb().command;
  for (const [k, collection] of COUNTED.entries()) {
    await testDb()
      .collection(collection)
      .where({ _id: _.exists(true) })
      .remove();
    await insertAll(collection, state[k] as object[]);
  }
}

it('seeds a running campaign with realistic, consistent history and an upcoming one, once', async () => {
  // Beijing 2026-05-20 18:00.
  const now = new Date('2026-05-20T10:00:00Z');
  const company = buildDemoCompany(now);
  await insertAll('members', company.members);
  const trainer = company.identities.find((identity) => identity.openid === 'demo-trainer');
  const runningId = campaignIdFor(trainer?.memberId as string, RUNNING_KEY);
  // The seed in two steps: the history, left for the tally, then its count.
  cloud.actions.reset();
  const result = await seedCampaignDemo(testDb(), company, now, 24, { count: false });
  const history = cloud.actions.databaseOperations();
  expect(result).toMatchObject({ campaigns: 2, enrolled: 24 });
  const uncounted = await countedState();
  expect(await tallyCheckins(testDb(), now, { campaignId: runningId })).toEqual({ counted: result.checkins, more: false });
  const tallied = await countedState();
  await restore(uncounted);
  cloud.actions.reset();
  expect(await countHistory(testDb(), runningId)).toBe(result.checkins);
  const counting = cloud.actions.databaseOperations();
  expect(await countedState()).toEqual(tallied);
  // The count reads each collection once and writes each shard and enrollment once; members sign up as the
  // signUp action signs them up (join.ts). The seed costs about 9 operations per check-in, sign-ups included,
  // where one tally over the whole history and transactional sign-ups made it 37 (8,402 for this slice).
  expect(counting).toBeLessThanOrEqual(4 + 64 + 1 + 24);
  expect(history + counting).toBeLessThan(10 * (result.checkins + result.makeUps));
  const campaigns = await readWhere<CampaignDoc>('campaigns', {});
  const running = campaigns.find((campaign) => campaign.endDay > '2026-05-20' && campaign.startDay <= '2026-05-20') as CampaignDoc;
  const upcoming = campaigns.find((campaign) => campaign.startDay > '2026-05-20') as CampaignDoc;
  expect(running).toMatchObject({
    startDay: '2026-05-09',
    endDay: '2026-05-29',
    status: 'published',
    teams: expect.arrayContaining([expect.objectContaining({ name: '先锋队' })]),
  });
  expect(running.teams).toHaveLength(5);
  expect(upcoming).toMatchObject({ status: 'published', approvalRequired: true, counts: { enrolled: 8, pending: 4 } });
  expect(running.ownerId).toBe(trainer?.memberId);
  // Most members check in most days, some dropped out, some made up a day, a few reached 7 days in a row.
  const enrollments = await readWhere<EnrollmentDoc>('campaignEnrollments', { campaignId: running._id });
  const enrolled = enrollments.filter((enrollment) => enrollment.status === 'enrolled');
  expect(enrollments.filter((enrollment) => enrollment.status === 'quit').length).toBeGreaterThan(1);
  expect(enrolled.filter((enrollment) => enrollment.daysDone >= 8).length).toBeGreaterThan(enrolled.length / 2);
  expect(enrolled.some((enrollment) => enrollment.madeUpDays > 0)).toBe(true);
  expect(enrolled.some((enrollment) => enrollment.milestonesReached.includes(7))).toBe(true);
  const learner = company.identities.find((identity) => identity.openid === 'demo-learner');
  expect(enrollments.find((enrollment) => enrollment.memberId === learner?.memberId)).toMatchObject({ status: 'enrolled', madeUpDays: 1, daysDone: 11 });
  // The seed's own tallies counted every check-in (expectCountersExact tallies what is left first).
  const seeded = await readWhere<{ counted?: boolean }>('campaignCheckins', { campaignId: running._id });
  expect(seeded).toHaveLength(result.checkins + result.makeUps);
  expect(seeded.filter((checkin) => checkin.counted === false)).toEqual([]);
  expect(enrollments.filter((enrollment) => Object.values(enrollment.pendingDays ?? {}).includes(true))).toEqual([]);
  await expectCountersExact(running._id);
  await expectCountersExact(upcoming._id);
  await expectLedgersBalanced();
  // A second seeding finds it done and changes nothing.
  const before = await readWhere('campaignCheckins', {});
  expect(await seedCampaignDemo(testDb(), company, now, 24)).toEqual({ campaigns: 0, enrolled: 0, checkins: 0, makeUps: 0 });
  expect(await readWhere('campaignCheckins', {})).toEqual(before);
});
