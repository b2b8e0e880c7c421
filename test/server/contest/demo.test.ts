/**
 * The contest demo: a contest in its public vote today with 60 entries, judges assigned (demo-judge among
 * them) and most scores saved, and a finished contest with published results and awards paid through the
 * ledger, and a contest taking sign-ups whose teammates joined by confirming their invitations, one still
 * waiting for demo-learner. Counters equal their records, and seeding again changes nothing.
 */
import type { ContestAwardDoc, ContestEntryDoc, ContestRoundDoc, ContestScoreDoc, ContestStandingDoc } from '../../../typings/domain';
import { buildDemoCompany } from '../../../scripts/demo/company';
import { seedContestDemo } from '../../../scripts/demo/contest';
import { BURST_NETWORK, seedContestVotesDemo } from '../../../scripts/demo/contest-votes';
import { abuseReport } from '../../../server/contest/voting/abuse';
import { roundPhase } from '../../../server/contest/access';
import { useTestCloud } from '../../helpers/local-cloud';
import { countAll, grant, insertAll, memberDoc, testDb } from '../../helpers/db';

jest.setTimeout(240_000);

const cloud = useTestCloud();

/** What the contest demo writes, counted per collection: seeding again must change none of it. */
const SEEDED = [
  'contests',
  'contestRounds',
  'contestEntries',
  'contestInvitations',
  'contestParticipants',
  'contestStandings',
  'contestScores',
  'contestResults',
  'contestAwards',
  'pointsLedger',
  'courseAuthoring',
];
const countsOfSeeded = () => Promise.all(SEEDED.map((name) => countAll(name)));

const all = <T>(collection: string) => cloud.database.listDocuments(collection) as unknown as T[];

it('seeds a contest in its vote and a finished one, consistently and once', async () => {
  // 06:00 in Beijing, before the day's morning meetings: what the demo shows must not depend on the hour.
  const now = new Date('2026-11-26T22:00:00Z');
  const company = buildDemoCompany(now);
  await insertAll('members', company.members);
  const result = await seedContestDemo(testDb(), company, now);
  expect(result.votingEntryIds).toHaveLength(60);

  const round = cloud.database.getDocument('contestRounds', result.votingRoundId) as unknown as ContestRoundDoc;
  expect(roundPhase(round, now)).toMatchObject({ phase: 'voting', votingOpen: true, judgingOpen: true });
  const standings = all<ContestStandingDoc>('contestStandings').filter((standing) => standing.roundId === round._id);
  expect(round.entryCount).toBe(60);
  expect(standings.map((standing) => standing.entryId).sort()).toEqual([...result.votingEntryIds].sort());
  const entries = all<ContestEntryDoc>('contestEntries').filter((entry) => entry.contestId === result.votingContestId);
  expect(entries.every((entry) => entry.submitted && entry.courseIds.length > 0)).toBe(true);
  expect(entries.some((entry) => entry.kind === 'team')).toBe(true);
  const learner = company.identities.find((identity) => identity.openid === 'demo-learner')!.memberId;
  expect(entries.some((entry) => entry.memberIds.includes(learner))).toBe(true);
  // One participant document per entry member.
  const participants = all<{ contestId: string; entryId: string }>('contestParticipants').filter((doc) => doc.contestId === result.votingContestId);
  expect(participants).toHaveLength(entries.reduce((sum, entry) => sum + entry.memberIds.length, 0));
  // Three judges per entry, demo-judge with some entries left to score.
  const scores = all<ContestScoreDoc>('contestScores').filter((doc) => doc.roundId === round._id);
  expect(scores).toHaveLength(180);
  const judge = company.identities.find((identity) => identity.openid === 'demo-judge')!.memberId;
  const mine = scores.filter((doc) => doc.judgeId === judge);
  expect(mine.length).toBeGreaterThan(0);
  expect(mine.some((doc) => doc.scores === null)).toBe(true);
  expect(scores.filter((doc) => doc.scores !== null).length).toBeGreaterThan(90);

  // The finished contest: both rounds published, awards decided, points paid once per winner.
  const finishedRounds = all<ContestRoundDoc>('contestRounds').filter((doc) => doc.contestId === result.finishedContestId);
  expect(finishedRounds.map((doc) => doc.resultsStatus)).toEqual(['published', 'published']);
  const awards = all<ContestAwardDoc>('contestAwards').filter((doc) => doc.contestId === result.finishedContestId);
  expect(awards.map((award) => award.awardId).sort()).toEqual(['best', 'branch', 'creative', 'show', 'team']);
  const ledger = all<{ reason: string; memberId: string }>('pointsLedger').filter((doc) => doc.reason === 'competition_award');
  expect(ledger).toHaveLength(awards.reduce((sum, award) => sum + (award.points > 0 ? award.paidMemberIds.length : 0), 0));

  // The contest taking sign-ups: teammates joined by confirming; demo-learner's invitation waits for an answer.
  const open = all<ContestEntryDoc>('contestEntries').filter((entry) => entry.contestId === result.signUpContestId);
  expect(open.filter((entry) => entry.memberIds.length > 1)).toHaveLength(3);
  expect(open.find((entry) => entry.invitedIds?.includes(learner))).toBeTruthy();
  expect(cloud.database.getDocument('contestInvitations', result.learnerInvitationId)).toMatchObject({ inviteeId: learner, status: 'pending' });
  const confirmed = all<{ contestId: string; status: string }>('contestInvitations').filter(
    (doc) => doc.contestId === result.signUpContestId && doc.status === 'confirmed',
  );
  expect(confirmed).toHaveLength(open.reduce((sum, entry) => sum + entry.memberIds.length - 1, 0));

  const counts = await countsOfSeeded();
  await seedContestDemo(testDb(), company, now);
  expect(await countsOfSeeded()).toEqual(counts);
  expect((cloud.database.getDocument('contestRounds', result.votingRoundId) as unknown as ContestRoundDoc).entryCount).toBe(60);

  // The public vote's abuse report has its canvassing branch and burst voters, seeded at any hour: both
  // happened on the vote's second day, which is already past.
  expect((await seedContestVotesDemo(testDb(), company, now)).votes).toBeGreaterThan(100);
  const report = await abuseReport(
    testDb(),
    memberDoc('m:demo-admin', { roles: [grant('admin')] }),
    round,
    { burstVotes: 10, burstMinutes: 5, recentBindDays: 7, jumpFactor: 3, minDepartmentVotes: 5, sharedNetworkVoters: 3 },
    now,
  );
  expect(report.departmentJumps.length).toBeGreaterThan(0);
  expect(report.bursts.length).toBeGreaterThan(0);
  expect(report.sharedNetworks.find((row) => row.network === BURST_NETWORK)).toMatchObject({ voters: 3 });
});
