/**
 * The demo votes: seeded into a test cloud for a contest in its voting phase, they keep every count equal to
 * its ballots, stay within the quotas, show the canvassing branch and the burst voters in the abuse report, and a second seeding
 * changes nothing.
 */
import { buildDemoCompany } from '../../../../scripts/demo/company';
import { BURST_NETWORK, seedContestVotesDemo } from '../../../../scripts/demo/contest-votes';
import { abuseReport } from '../../../../server/contest/voting/abuse';
import { useTestCloud } from '../../../helpers/local-cloud';
import { grant, memberDoc, testDb } from '../../../helpers/db';
import { expectCountsMatchBallots, readAll, seedVotingContest } from './helpers';

jest.setTimeout(120_000);

useTestCloud();

it('seeds votes through the vote function that agree with every count, once', async () => {
  // 14:00 in Beijing on the last of the three voting days.
  const now = new Date('2026-03-11T06:00:00Z');
  const company = buildDemoCompany(now);
  const owners = [0, 40, 80, 120, 160, 190].map((i) => [company.members[i]!._id]);
  const { round } = await seedVotingContest({ entryCount: owners.length, owners });
  const first = await seedContestVotesDemo(testDb(), company, now);
  expect(first.rounds).toBe(1);
  expect(first.votes).toBeGreaterThan(100);
  await expectCountsMatchBallots();
  const ballots = await readAll('contestBallots', { roundId: round._id });
  expect(ballots).toHaveLength(first.votes);
  // Nothing after `now`: no ballot is cast in the future.
  expect(ballots.every((ballot) => new Date((ballot as { castAt: Date }).castAt).getTime() <= now.getTime())).toBe(true);

  const again = await seedContestVotesDemo(testDb(), company, now);
  expect(again.votes).toBe(0);
  expect(await readAll('contestBallots', { roundId: round._id })).toHaveLength(first.votes);

  const report = await abuseReport(
    testDb(),
    memberDoc('m:demo-admin', { roles: [grant('admin')] }),
    round,
    { burstVotes: 10, burstMinutes: 5, recentBindDays: 7, jumpFactor: 3, minDepartmentVotes: 5, sharedNetworkVoters: 5 },
    now,
  );
  expect(report.departmentJumps.length).toBeGreaterThan(0);
  expect(report.departmentJumps.every((row) => row.day === '2026-03-10')).toBe(true);
  expect(report.sharedNetworks.length).toBeGreaterThan(0);
  // The burst voters: three colleagues, every entry of this six-entry round within minutes, from one hotspot.
  const bursts = await abuseReport(
    testDb(),
    memberDoc('m:demo-admin', { roles: [grant('admin')] }),
    round,
    { burstVotes: 5, burstMinutes: 5, recentBindDays: 7, jumpFactor: 3, minDepartmentVotes: 5, sharedNetworkVoters: 3 },
    now,
  );
  expect(bursts.bursts.filter((row) => row.day === '2026-03-10' && row.maxInWindow >= 5)).toHaveLength(3);
  expect(bursts.sharedNetworks.find((row) => row.network === BURST_NETWORK)).toMatchObject({ voters: 3 });
});
