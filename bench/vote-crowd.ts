/**
 * The voting crowd with the local cloud in its own process (bench/db-cpu-server.ts), as on CloudBase, where
 * the database is a service apart from the function instances: 1,000 voters on 100 entries, 5 votes each, 50
 * calls in flight, the voting code and the real wx-server-sdk in this process. bench/contest-voting.ts runs
 * the same crowd with the local cloud inside its own process (one core for both sides); this one lets the
 * two sides use the machine's two cores, and reports the CPU each side spends per vote.
 */
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { AppError } from '../server/core';
import { getCloud } from '../server/core/cloud';
import { castVote } from '../server/contest/voting/cast';
import { forgetVotingContexts } from '../server/contest/voting/context';
import { VOTING_DAY, votingContestDocs } from '../test/server/contest/voting/fixtures';
import type { MemberDoc } from '../typings/domain';

const voter = (i: number): MemberDoc => crowdVoter('apart', i);
import { askChild as ask, type CpuUsage as Usage, cpuMicros as micros, type Recorder, runAlone, withCloudProcess } from './harness';
import { voter as crowdVoter } from './contest-voting';

const ENTRIES = 100;
const VOTERS = 1000;
const VOTES_EACH = 5;
const IN_FLIGHT = 50;

export async function run(record: Recorder): Promise<void> {
  await withCloudProcess(Boolean(process.env.WEIKE_VOTE_CROWD_PROFILE), async (child) => {
    const db = getCloud().database();
    const { contest, round, entries, standings } = votingContestDocs('apart', { entryCount: ENTRIES });
    const seed = async (collection: string, docs: readonly object[]) => {
      for (const doc of docs) await db.collection(collection).add({ data: { ...doc } });
    };
    await seed('contests', [contest]);
    await seed('contestRounds', [round]);
    await seed('contestEntries', entries);
    await seed('contestStandings', standings);
    forgetVotingContexts();
    const codes = new Map<string, number>();
    const vote = async (member: MemberDoc, entryId: string, requestId: string): Promise<void> => {
      let code = 'OK';
      try {
        await castVote(db, member, { entryId, requestId }, { clientIp: '10.0.0.1', clientIpv6: null }, VOTING_DAY);
      } catch (err) {
        if (!(err instanceof AppError)) throw err;
        code = err.code;
      }
      codes.set(code, (codes.get(code) ?? 0) + 1);
    };
    const calls = Array.from({ length: VOTERS * VOTES_EACH }, (_, n) => {
      const m = n % VOTERS;
      const k = Math.floor(n / VOTERS);
      return () => vote(voter(m), entries[(m * 7 + k * 13) % ENTRIES]?._id as string, `apart-${m}-${k}`);
    });
    const operationsBefore = await ask<number>(child, 'operations', 'operations');
    const serverBefore = await ask<Usage>(child, 'usage', 'usage');
    const clientBefore = process.cpuUsage();
    const started = performance.now();
    let next = 0;
    await Promise.all(
      Array.from({ length: IN_FLIGHT }, async () => {
        while (next < calls.length) await (calls[next++] as () => Promise<void>)();
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    const client = micros(process.cpuUsage(clientBefore)) / calls.length / 1000;
    const server = (micros(await ask<Usage>(child, 'usage', 'usage')) - micros(serverBefore)) / calls.length / 1000;
    const operations = ((await ask<number>(child, 'operations', 'operations')) - operationsBefore) / calls.length;
    const load = os.loadavg()[0]?.toFixed(1);
    const counted = codes.get('OK') ?? 0;
    // One ballot per vote answered OK (bench/contest-voting.ts tallies its crowd and checks the standings).
    const { total: ballots } = (await db.collection('contestBallots').where({ roundId: round._id }).count()) as unknown as { total: number };
    if (ballots !== counted) throw new Error(`${ballots} ballots for ${counted} votes`);
    record(
      'contest: votes per second, 1,000 concurrent voters on 100 entries, local cloud in its own process',
      (counted / seconds).toFixed(0),
      `${counted} of ${calls.length} in ${seconds.toFixed(1)} s (${[...codes].map(([code, n]) => `${code} ${n}`).join(', ')}), ${IN_FLIGHT} calls in flight, ${operations.toFixed(1)} operations per vote; CPU per vote: ${client.toFixed(2)} ms voting code and SDK, ${server.toFixed(2)} ms local cloud; load average ${load}; one ballot per vote`,
    );
  });
}

runAlone(module, run);
