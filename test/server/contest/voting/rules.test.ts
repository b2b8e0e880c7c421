/**
 * Voting rules: the window and the quota in Beijing days whatever the process zone, one vote per entry per
 * day or N in total, the own-entry rule, eligibility, retries, votes left and the leaderboard.
 */
import type { MemberDoc } from '../../../../typings/domain';
import { votesLeft, voteLeaderboard } from '../../../../server/contest/voting/standing';
import { startTestCloud, type TestCloud } from '../../../helpers/local-cloud';
import { memberDoc, testDb } from '../../../helpers/db';
import { countVotes, expectCountsMatchBallots, readAll, seedVotingContest, voteAs, VOTING_DAY } from './helpers';
import { countBallot, tallyVotes } from '../../../../server/contest/voting/tally';
import { codeOfCall as codeOf } from '../../../helpers/concurrency';

jest.setTimeout(60_000);

let cloud: TestCloud;
const savedTz = process.env.TZ;

beforeAll(async () => {
  // Far from UTC+8 on both sides of midnight: every day below must still be the Beijing day.
  process.env.TZ = 'America/Los_Angeles';
  cloud = await startTestCloud();
});

afterEach(async () => {
  await expectCountsMatchBallots();
});

afterAll(async () => {
  process.env.TZ = savedTz;
  await cloud.dispose();
});

let voterSequence = 0;
function voter(overrides: Partial<MemberDoc> = {}): MemberDoc {
  voterSequence += 1;
  return memberDoc(`m:voter-${voterSequence}`, { name: `投票人${voterSequence}`, ...overrides });
}

describe('the window in Beijing days', () => {
  it('opens at Beijing midnight of the first day and closes after the last', async () => {
    const { entries } = await seedVotingContest({ entryCount: 1 });
    const id = entries[0]!._id;
    // 2026-03-08 23:59:59 and 2026-03-09 00:00:00 in Beijing.
    expect(await codeOf(voteAs(voter(), id, new Date('2026-03-08T15:59:59Z')))).toBe('VOTING_CLOSED');
    expect(await codeOf(voteAs(voter(), id, new Date('2026-03-08T16:00:00Z')))).toBe('OK');
    // 2026-03-11 23:59:59 and 2026-03-12 00:00:00 in Beijing.
    expect(await codeOf(voteAs(voter(), id, new Date('2026-03-11T15:59:59Z')))).toBe('OK');
    expect(await codeOf(voteAs(voter(), id, new Date('2026-03-11T16:00:00Z')))).toBe('VOTING_CLOSED');
  });

  it('gives one vote per entry per Beijing day, again after Beijing midnight', async () => {
    const { entries } = await seedVotingContest({ entryCount: 2 });
    const me = voter();
    const first = await voteAs(me, entries[0]!._id, new Date('2026-03-09T15:00:00Z'));
    expect(first).toMatchObject({ day: '2026-03-09', firstTime: true, votes: 1, entryLeft: 0, totalLeft: null });
    // 23:59:59 the same Beijing day: no second vote for that entry, but the other entry has its own.
    expect(await codeOf(voteAs(me, entries[0]!._id, new Date('2026-03-09T15:59:59Z')))).toBe('VOTE_LIMIT');
    expect(await codeOf(voteAs(me, entries[1]!._id, new Date('2026-03-09T15:59:59Z')))).toBe('OK');
    // 00:00 the next Beijing day (still 2026-03-09 in Los Angeles and in UTC), once the first votes are counted.
    await countVotes();
    expect(await voteAs(me, entries[0]!._id, new Date('2026-03-09T16:00:00Z'))).toMatchObject({ day: '2026-03-10', votes: 2 });
  });

  it('refuses votes in a round without public voting or once its results are published', async () => {
    const none = await seedVotingContest({ entryCount: 1, rules: null });
    expect(await codeOf(voteAs(voter(), none.entries[0]!._id, VOTING_DAY))).toBe('VOTING_CLOSED');
    const published = await seedVotingContest({ entryCount: 1, resultsStatus: 'published' });
    expect(await codeOf(voteAs(voter(), published.entries[0]!._id, VOTING_DAY))).toBe('VOTING_CLOSED');
  });
});

describe('quotas', () => {
  it('allows perDay votes for each entry in per_entry mode', async () => {
    const { entries } = await seedVotingContest({ entryCount: 1, rules: { perDay: 2 } });
    const me = voter();
    expect(await voteAs(me, entries[0]!._id, VOTING_DAY)).toMatchObject({ entryLeft: 1, votes: 1 });
    await countVotes();
    expect(await voteAs(me, entries[0]!._id, VOTING_DAY)).toMatchObject({ entryLeft: 0, votes: 2 });
    expect(await codeOf(voteAs(me, entries[0]!._id, VOTING_DAY))).toBe('VOTE_LIMIT');
  });

  it('allows perDay votes over all entries in total mode, several on one entry if the voter likes', async () => {
    const { entries } = await seedVotingContest({ entryCount: 3, rules: { mode: 'total', perDay: 3 } });
    const me = voter();
    expect(await voteAs(me, entries[0]!._id, VOTING_DAY)).toMatchObject({ totalLeft: 2 });
    await countVotes();
    expect(await voteAs(me, entries[0]!._id, VOTING_DAY)).toMatchObject({ totalLeft: 1, votes: 2 });
    expect(await voteAs(me, entries[1]!._id, VOTING_DAY)).toMatchObject({ totalLeft: 0, entryLeft: 0 });
    expect(await codeOf(voteAs(me, entries[2]!._id, VOTING_DAY))).toBe('VOTE_LIMIT');
    const left = await votesLeft(
      testDb(),
      me,
      entries[0]!.currentRoundId,
      entries.map((entry) => entry._id),
      VOTING_DAY,
    );
    expect(left).toMatchObject({ votingOpen: true, mode: 'total', perDay: 3, usedToday: 3, totalLeft: 0 });
    expect(left.entries.map((entry) => entry.votedToday)).toEqual([2, 1, 0]);
  });

  it('answers a retried request with its ballot and counts it once', async () => {
    const { entries } = await seedVotingContest({ entryCount: 1, rules: { mode: 'total', perDay: 2 } });
    const me = voter();
    const first = await voteAs(me, entries[0]!._id, VOTING_DAY, 'retry-request-1');
    const again = await voteAs(me, entries[0]!._id, VOTING_DAY, 'retry-request-1');
    expect(again).toMatchObject({ ballotId: first.ballotId, firstTime: false, votes: 1, totalLeft: 1 });
  });

  it('shows a vote at once in votes left, before the tally counts it', async () => {
    const { entries } = await seedVotingContest({ entryCount: 2, rules: { mode: 'total', perDay: 2 } });
    const me = voter();
    await voteAs(me, entries[0]!._id, VOTING_DAY);
    expect(await readAll('contestVoterDays', { voterId: me._id })).toHaveLength(0);
    const left = await votesLeft(testDb(), me, entries[0]!.currentRoundId, [entries[0]!._id], VOTING_DAY);
    expect(left).toMatchObject({ usedToday: 1, totalLeft: 1 });
  });
});

describe('crashes between operations', () => {
  it('counts a ballot whose call died after placing it, once, however many tallies run', async () => {
    const { entries } = await seedVotingContest({ entryCount: 1, rules: { mode: 'total', perDay: 2 } });
    const me = voter();
    // The vote's only write is the ballot: a call killed right after it leaves an uncounted ballot.
    const placed = await voteAs(me, entries[0]!._id, VOTING_DAY, 'crash-request-1');
    expect(await readAll('contestBallots', { _id: placed.ballotId, counted: false })).toHaveLength(1);
    const [first, second] = await Promise.all([tallyVotes(testDb(), VOTING_DAY), tallyVotes(testDb(), VOTING_DAY)]);
    expect(first.counted + second.counted).toBe(1);
    expect(await cloud.database.getDocument('contestStandings', `${entries[0]!.currentRoundId}:${entries[0]!._id}`)).toMatchObject({ votes: 1 });
    expect((await tallyVotes(testDb(), VOTING_DAY)).counted).toBe(0);
  });

  it('counts a backlog exactly once when three timer runs overlap, each starting at its own place', async () => {
    const { entries } = await seedVotingContest({ entryCount: 4, rules: { mode: 'total', perDay: 2 } });
    const crowd = Array.from({ length: 260 }, (_, i) => memberDoc(`m:backlog-${i}`, { name: `积压${i}` }));
    for (const [i, member] of crowd.entries()) {
      for (const k of [0, 1]) await voteAs(member, entries[(i + k) % 4]!._id, VOTING_DAY, `backlog-${i}-${k}`);
    }
    // 520 placed ballots: more than one batch, so the runs go round the ids from random pivots.
    const runs = await Promise.all([0, 1, 2].map(() => tallyVotes(testDb(), VOTING_DAY)));
    expect(runs.reduce((sum, run) => sum + run.counted, 0)).toBe(520);
    expect(await readAll('contestBallots', { counted: false })).toHaveLength(0);
    const standings = await readAll<{ votes: number }>('contestStandings', { roundId: entries[0]!.currentRoundId });
    expect(standings.reduce((sum, standing) => sum + standing.votes, 0)).toBe(520);
  });

  it('rolls up an entry whose tally died after counting, on the next tally', async () => {
    const { entries } = await seedVotingContest({ entryCount: 1, rules: { mode: 'total', perDay: 2 } });
    const me = voter();
    await voteAs(me, entries[0]!._id, VOTING_DAY, 'crash-request-2');
    await tallyVotes(testDb(), VOTING_DAY);
    // As if the tally died between a count and its roll-up: the standing lags, the shard still says dirty.
    await voteAs(me, entries[0]!._id, VOTING_DAY, 'crash-request-3');
    const ballots = await readAll<{ _id: string; counted: boolean }>('contestBallots', { voterId: me._id, counted: false });
    await countBallot(testDb(), ballots[0]!._id, VOTING_DAY);
    const standing = `${entries[0]!.currentRoundId}:${entries[0]!._id}`;
    expect(await cloud.database.getDocument('contestStandings', standing)).toMatchObject({ votes: 1 });
    expect(await readAll('contestVoteShards', { entryId: entries[0]!._id, dirty: true })).toHaveLength(1);
    expect(await tallyVotes(testDb(), VOTING_DAY)).toMatchObject({ counted: 0, rolledUp: 1 });
    expect(await cloud.database.getDocument('contestStandings', standing)).toMatchObject({ votes: 2 });
    expect(await readAll('contestVoteShards', { entryId: entries[0]!._id, dirty: true })).toHaveLength(0);
  });
});

describe('who may vote', () => {
  it('refuses members of the entry unless the round allows it', async () => {
    const owner = voter();
    const teammate = voter();
    const { entries } = await seedVotingContest({ entryCount: 1, owners: [[owner._id, teammate._id]] });
    expect(await codeOf(voteAs(owner, entries[0]!._id, VOTING_DAY))).toBe('OWN_ENTRY');
    expect(await codeOf(voteAs(teammate, entries[0]!._id, VOTING_DAY))).toBe('OWN_ENTRY');
    const left = await votesLeft(testDb(), owner, entries[0]!.currentRoundId, [entries[0]!._id], VOTING_DAY);
    expect(left.entries).toEqual([{ entryId: entries[0]!._id, left: 0, votedToday: 0 }]);
    const open = await seedVotingContest({ entryCount: 1, owners: [[owner._id]], rules: { ownEntryAllowed: true } });
    expect(await codeOf(voteAs(owner, open.entries[0]!._id, VOTING_DAY))).toBe('OK');
  });

  it('refuses members outside the contest, drafts and entries not in the round', async () => {
    const limited = await seedVotingContest({ entryCount: 1, eligibility: { everyone: false, departmentIds: ['dept:总部/销售部'], audiences: [] } });
    expect(await codeOf(voteAs(voter(), limited.entries[0]!._id, VOTING_DAY))).toBe('FORBIDDEN');
    expect(
      await codeOf(voteAs(voter({ departmentId: 'dept:总部/销售部/华东', departmentPath: ['总部', '销售部', '华东'] }), limited.entries[0]!._id, VOTING_DAY)),
    ).toBe('OK');
    const draft = await seedVotingContest({ entryCount: 1, status: 'draft' });
    expect(await codeOf(voteAs(voter(), draft.entries[0]!._id, VOTING_DAY))).toBe('NOT_FOUND');
    const unsubmitted = await seedVotingContest({ entryCount: 1 });
    await testDb()
      .collection('contestEntries')
      .doc(unsubmitted.entries[0]!._id)
      .update({ data: { submitted: false } });
    expect(await codeOf(voteAs(voter(), unsubmitted.entries[0]!._id, VOTING_DAY))).toBe('NOT_FOUND');
    expect(await codeOf(voteAs(voter(), 'contest:none:entry-0', VOTING_DAY))).toBe('NOT_FOUND');
  });
});

describe('reading counts', () => {
  it('ranks entries by maintained votes, a page at a time', async () => {
    const { entries } = await seedVotingContest({ entryCount: 4 });
    const plan = [3, 0, 5, 1];
    for (const [i, n] of plan.entries()) for (let k = 0; k < n; k += 1) await voteAs(voter(), entries[i]!._id, VOTING_DAY);
    await countVotes();
    const roundId = entries[0]!.currentRoundId;
    const first = await voteLeaderboard(testDb(), voter(), roundId, { page: 1, pageSize: 2 });
    expect(first).toMatchObject({ total: 4, hasMore: true });
    expect(first.items.map((row) => [row.rank, row.entryId, row.votes])).toEqual([
      [1, entries[2]!._id, 5],
      [2, entries[0]!._id, 3],
    ]);
    const second = await voteLeaderboard(testDb(), voter(), roundId, { page: 2, pageSize: 2 });
    expect(second.items.map((row) => [row.rank, row.votes])).toEqual([
      [3, 1],
      [4, 0],
    ]);
  });

  it('shows votes left per entry, none outside the window or for entries of another round', async () => {
    const { entries } = await seedVotingContest({ entryCount: 2, rules: { perDay: 2 } });
    const other = await seedVotingContest({ entryCount: 1 });
    const me = voter();
    await voteAs(me, entries[0]!._id, VOTING_DAY);
    const roundId = entries[0]!.currentRoundId;
    const left = await votesLeft(testDb(), me, roundId, [entries[0]!._id, entries[1]!._id, other.entries[0]!._id], VOTING_DAY);
    expect(left).toMatchObject({ day: '2026-03-10', votingOpen: true, mode: 'per_entry', perDay: 2, usedToday: 1, totalLeft: null });
    expect(left.entries.map((entry) => [entry.left, entry.votedToday])).toEqual([
      [1, 1],
      [2, 0],
      [0, 0],
    ]);
    const after = await votesLeft(testDb(), me, roundId, [entries[0]!._id], new Date('2026-03-12T01:00:00Z'));
    expect(after).toMatchObject({ votingOpen: false, usedToday: 0 });
    expect(after.entries[0]!.left).toBe(0);
  });
});
