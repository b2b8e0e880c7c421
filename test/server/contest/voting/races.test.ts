/**
 * The race bars of the contest issue, through real concurrent calls against the local cloud (the domain
 * function runs directly, so calls overlap as on several CloudBase instances): 2,000 voters tapping one
 * entry 10 times each yield exactly 2,000 votes and no CONFLICT; a quota of 3 a day over all entries is
 * never exceeded under parallel votes on different entries; counts equal ballots after every test.
 */
import type { MemberDoc } from '../../../../typings/domain';
import { useTestCloud } from '../../../helpers/local-cloud';
import { countVotes, expectCountsMatchBallots, readAll, seedVotingContest, voteAs, VOTING_DAY } from './helpers';
import { tallyVotes } from '../../../../server/contest/voting/tally';
import { memberDoc, testDb } from '../../../helpers/db';
import { codeOfCall as codeOf } from '../../../helpers/concurrency';

jest.setTimeout(600_000);

/** The bar is 2,000 voters; VOTING_RACE_VOTERS runs a smaller crowd when checking the test itself. */
const CROWD = Number(process.env.VOTING_RACE_VOTERS ?? 2000);

const cloud = useTestCloud();

afterEach(async () => {
  await expectCountsMatchBallots();
});

/** Runs `tasks` with at most `limit` in flight (thousands of sockets at once exceed one process's backlog). */
async function inFlight<T>(tasks: readonly (() => Promise<T>)[], limit: number): Promise<T[]> {
  const results: T[] = new Array(tasks.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, tasks.length) }, async () => {
      while (next < tasks.length) {
        const index = next;
        next += 1;
        results[index] = await (tasks[index] as () => Promise<T>)();
      }
    }),
  );
  return results;
}

const voters = (prefix: string, n: number): MemberDoc[] => Array.from({ length: n }, (_, i) => memberDoc(`m:${prefix}-${i}`, { name: `投票人${i}` }));

it(`counts exactly ${CROWD} votes when ${CROWD} voters tap the same entry 10 times each in parallel`, async () => {
  const { entries, round } = await seedVotingContest({ entryCount: 1 });
  const entry = entries[0]!;
  const crowd = voters('crowd', CROWD);
  // Each voter's 10 taps sit next to each other in the queue, so they are in flight together.
  const taps = crowd.flatMap((voter) =>
    Array.from({ length: 10 }, (_, k) => () => codeOf(voteAs(voter, entry._id, VOTING_DAY, `tap-${voter._id.slice(2)}-${k}`))),
  );
  // The timer's tally runs alongside, as on CloudBase, two runs overlapping.
  let voting = true;
  const timer = async (): Promise<void> => {
    while (voting) {
      await tallyVotes(testDb(), VOTING_DAY);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  };
  const timers = [timer(), timer()];
  const codes = await inFlight(taps, 50).finally(() => {
    voting = false;
  });
  await Promise.all(timers);
  await countVotes();
  const tally = new Map<string, number>();
  for (const code of codes) tally.set(code, (tally.get(code) ?? 0) + 1);
  expect(Object.fromEntries(tally)).toEqual({ OK: CROWD, VOTE_LIMIT: CROWD * 9 });
  const standing = await cloud.database.getDocument('contestStandings', `${round._id}:${entry._id}`);
  expect(standing).toMatchObject({ votes: CROWD });
  expect(await readAll('contestBallots', { entryId: entry._id })).toHaveLength(CROWD);
});

it('never lets a voter exceed 3 votes a day over all entries, whatever runs in parallel', async () => {
  const { entries } = await seedVotingContest({ entryCount: 8, rules: { mode: 'total', perDay: 3 } });
  const crowd = voters('quota', 50);
  // Every voter votes for all 8 entries at once, twice over (16 parallel requests, 3 may pass).
  const calls = crowd.flatMap((voter) =>
    [...entries, ...entries].map((entry, k) => () => codeOf(voteAs(voter, entry._id, VOTING_DAY, `quota-${voter._id.slice(2)}-${k}`))),
  );
  const codes = await inFlight(calls, 50);
  expect(codes.filter((code) => code === 'OK')).toHaveLength(150);
  expect(codes.every((code) => code === 'OK' || code === 'VOTE_LIMIT')).toBe(true);
  const ballots = await readAll<{ voterId: string }>('contestBallots', { roundId: entries[0]!.currentRoundId });
  const perVoter = new Map<string, number>();
  for (const ballot of ballots) perVoter.set(ballot.voterId, (perVoter.get(ballot.voterId) ?? 0) + 1);
  expect([...perVoter.values()].every((n) => n === 3)).toBe(true);
  expect(perVoter.size).toBe(50);
});

it('answers one ballot to the same request sent 20 times in parallel', async () => {
  const { entries } = await seedVotingContest({ entryCount: 2, rules: { mode: 'total', perDay: 5 } });
  const [voter] = voters('same-request', 1);
  const answers = await Promise.all(Array.from({ length: 20 }, () => voteAs(voter!, entries[0]!._id, VOTING_DAY, 'same-request-0001')));
  expect(new Set(answers.map((answer) => answer.ballotId)).size).toBe(1);
  expect(answers.filter((answer) => answer.firstTime)).toHaveLength(1);
  expect(await readAll('contestBallots', { voterId: voter!._id })).toHaveLength(1);
  // The quota still has its other four votes.
  expect(answers.every((answer) => answer.totalLeft === null || answer.totalLeft >= 4)).toBe(true);
});
