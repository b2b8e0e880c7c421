/**
 * Database operations per vote through the contest function's real main (the caller check included), counted
 * at the local cloud's protocol. The bounds are those documented in server/contest/voting/cast.ts; a change
 * that adds reads or writes to a vote fails here.
 */
import { callAction } from '../../../helpers/invoke';
import { useTestCloud } from '../../../helpers/local-cloud';
import { codeOf } from '../../../helpers/envelope';
import { freezeClock } from '../../../helpers/clock';
import { seedMember, testDb } from '../../../helpers/db';
import { tallyVotes } from '../../../../server/contest/voting/tally';
import { forgetVotingContexts } from '../../../../server/contest/voting/context';
import { expectCountsMatchBallots, seedVotingContest, VOTING_DAY } from './helpers';

jest.setTimeout(60_000);

const cloud = useTestCloud();

afterEach(async () => {
  jest.useRealTimers();
  await expectCountsMatchBallots();
});

async function operationsOf(run: () => Promise<unknown>): Promise<number> {
  cloud.actions.reset();
  await run();
  return cloud.actions.databaseOperations();
}

/** The caller check's own reads, measured on an action that reads nothing else. */
async function guardOperations(openid: string): Promise<number> {
  return operationsOf(async () => expect(codeOf(await callAction('user', 'me', {}, { openid }))).toBe('OK'));
}

it('costs the caller check plus 2 for a vote and plus 1 for a vote over the quota, on a warm instance', async () => {
  const { entries } = await seedVotingContest({ entryCount: 2 });
  await seedMember('o-ops-warm', 'm:ops-warm');
  await seedMember('o-ops-voter', 'm:ops-voter');
  freezeClock(VOTING_DAY);
  forgetVotingContexts();
  const guard = await guardOperations('o-ops-voter');
  // A cold instance reads the entry, its standing, the round and the contest once for 2 s.
  const cold = await operationsOf(async () =>
    expect(codeOf(await callAction('contest', 'vote', { entryId: entries[0]!._id, requestId: 'ops-warm-0001' }, { openid: 'o-ops-warm' }))).toBe('OK'),
  );
  expect(cold).toBe(guard + 4 + 2);
  // The slots' query and the ballot's add.
  const vote = await operationsOf(async () =>
    expect(codeOf(await callAction('contest', 'vote', { entryId: entries[0]!._id, requestId: 'ops-vote-0001' }, { openid: 'o-ops-voter' }))).toBe('OK'),
  );
  expect(vote).toBe(guard + 2);
  // The slots' query finds the quota used.
  const refused = await operationsOf(async () =>
    expect(codeOf(await callAction('contest', 'vote', { entryId: entries[0]!._id, requestId: 'ops-vote-0002' }, { openid: 'o-ops-voter' }))).toBe('VOTE_LIMIT'),
  );
  expect(refused).toBe(guard + 1);
  // A retry of the same request answers its ballot from the same query.
  const retry = await operationsOf(async () =>
    expect(codeOf(await callAction('contest', 'vote', { entryId: entries[0]!._id, requestId: 'ops-vote-0001' }, { openid: 'o-ops-voter' }))).toBe('OK'),
  );
  expect(retry).toBe(guard + 1);
});

it('counts a voter’s ballots of a day in one transaction: the shards and the voter’s day read and written once', async () => {
  const { entries } = await seedVotingContest({ entryCount: 3, rules: { mode: 'total', perDay: 3 } });
  await seedMember('o-ops-tally', 'm:ops-tally');
  freezeClock(VOTING_DAY);
  for (const [i, entry] of entries.entries()) {
    expect(codeOf(await callAction('contest', 'vote', { entryId: entry._id, requestId: `ops-tally-000${i}` }, { openid: 'o-ops-tally' }))).toBe('OK');
  }
  const db = testDb();
  let outcome: Awaited<ReturnType<typeof tallyVotes>> | undefined;
  const operations = await operationsOf(async () => {
    outcome = await tallyVotes(db, VOTING_DAY);
  });
  expect(outcome).toMatchObject({ counted: 3, rolledUp: 3, more: false });
  // The queue's query and its conversion lookup (2); one transaction: its start and commit, the
  // three ballots, the day, three shards read (7), the three ballots, three shards and the day written (7);
  // the roll-up: the dirty shards' query, then per entry its shards' query, the standing and the shard (10).
  expect(operations).toBe(2 + 2 + 7 + 7 + 10);
});
