/**
 * The campaign demo: a 21-day campaign on its 12th day with members in 5 teams and an upcoming one, seeded
 * through the domain functions, so counters equal records and every balance equals its ledger; seeding
 * again changes nothing. The test seeds 24 of the demo's 150 participants (the same code, a smaller crowd:
 * each check-in costs about 25 database operations).
 */
import { seedCampaignDemo } from '../../../scripts/demo/campaign';
import { buildDemoCompany } from '../../../scripts/demo/company';
import type { CampaignDoc, EnrollmentDoc } from '../../../typings/domain';
import { useTestCloud } from '../../helpers/local-cloud';
import { insertAll, testDb } from '../../helpers/db';
import { expectLedgersBalanced } from '../../helpers/ledger';
import { expectCountersExact, readWhere } from './helpers';

jest.setTimeout(300_000);

useTestCloud();

it('seeds a running campaign with realistic, consistent history and an upcoming one, once', async () => {
  // Beijing 2026-05-20 18:00.
  const now = new Date('2026-05-20T10:00:00Z');
  const company = buildDemoCompany(now);
  await insertAll('members', company.members);
  const result = await seedCampaignDemo(testDb(), company, now, 24);
  expect(result).toMatchObject({ campaigns: 2, enrolled: 24 });
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
  const trainer = company.identities.find((identity) => identity.openid === 'demo-trainer');
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
  await expectCountersExact(running._id);
  await expectCountersExact(upcoming._id);
  await expectLedgersBalanced();
  // A second seeding finds it done and changes nothing.
  const before = await readWhere('campaignCheckins', {});
  expect(await seedCampaignDemo(testDb(), company, now, 24)).toEqual({ campaigns: 0, enrolled: 0, checkins: 0, makeUps: 0 });
  expect(await readWhere('campaignCheckins', {})).toEqual(before);
});
