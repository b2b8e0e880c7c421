/**
 * Demo public votes for the contests in their voting phase (the contest demo seeds the contest, its entries
 * and standings): from the first voting day up to `now`, a quarter of the eligible colleagues vote each day,
 * for one or two entries, most of them in a morning-meeting burst from their office network and the
 * rest later from their phones; one branch canvasses for its own entry on the second morning, so the abuse
 * report has something to show. Every vote goes through the voting domain function at its own moment, so
 * ballots, shards, standings and voter days agree, and the request ids are derived from the vote itself: a
 * second seeding changes nothing.
 */
import { createHash } from 'node:crypto';
import type { ContestDoc, ContestEntryDoc, ContestRoundDoc, MemberDoc } from '../../typings/domain';
import { AppError, COLLECTIONS } from '../../server/core';
import type { Database } from '../../server/core';
import { isEligible, isInRound } from '../../server/contest/access';
import { castVote } from '../../server/contest/voting/cast';
import { tallyVotes } from '../../server/contest/voting/tally';
import { beijingDate, daysBetween } from '../../server/core/time';
import type { buildDemoCompany } from './company';

const DAY_MS = 86_400_000;
const BEIJING_OFFSET_MS = 8 * 3_600_000;
/** Share of the eligible colleagues who vote on a given day. */
const DAILY_TURNOUT = 0.25;
/** The burst voters (突击投票): how many, how many entries each, and the hotspot they share. */
const BURST_VOTERS = 3;
const BURST_ENTRIES = 12;
export const BURST_NETWORK = '172.16.8.8';

export interface ContestVotesDemoResult {
  rounds: number;
  votes: number;
}

/** A reproducible number in [0, 1) for a key: the same demo company always casts the same votes. */
function chance(key: string): number {
  return createHash('sha256').update(key).digest().readUInt32BE(0) / 4_294_967_296;
}

/** `minutes` after Beijing midnight of `day`. */
function beijingTime(day: string, minutes: number): Date {
  return new Date(Date.parse(`${day}T00:00:00Z`) - BEIJING_OFFSET_MS + minutes * 60_000);
}

const topUnit = (member: Pick<MemberDoc, 'departmentPath'>): string => member.departmentPath[0] ?? '';

async function votingRounds(db: Database, today: string): Promise<ContestRoundDoc[]> {
  const _ = db.command;
  const { data } = (await db
    .collection(COLLECTIONS.contestRounds)
    .where({ 'voting.startDay': _.lte(today), 'voting.endDay': _.gte(today), resultsStatus: 'open' })
    .limit(100)
    .get()) as unknown as { data: ContestRoundDoc[] };
  return data;
}

async function roundEntries(db: Database, round: ContestRoundDoc): Promise<ContestEntryDoc[]> {
  const { data } = (await db
    .collection(COLLECTIONS.contestEntries)
    .where({ contestId: round.contestId, currentRoundId: round._id })
    .limit(1000)
    .get()) as unknown as { data: ContestEntryDoc[] };
  return data.filter((entry) => isInRound(entry, round._id)).sort((a, b) => a._id.localeCompare(b._id));
}

async function cast(db: Database, voter: MemberDoc, entry: ContestEntryDoc, at: Date, network: string): Promise<boolean> {
  const requestId = `demo-${createHash('sha256').update(`${voter._id}|${entry._id}|${at.toISOString()}`).digest('hex').slice(0, 24)}`;
  try {
    const result = await castVote(db, voter, { entryId: entry._id, requestId }, { clientIp: network, clientIpv6: null }, at);
    return result.firstTime;
  } catch (err) {
    // Quota, own entry, eligibility: the demo voter simply does not vote.
    if (err instanceof AppError) return false;
    throw err;
  }
}

export async function seedContestVotesDemo(db: Database, company: ReturnType<typeof buildDemoCompany>, now: Date): Promise<ContestVotesDemoResult> {
  const today = beijingDate(now);
  const rounds = await votingRounds(db, today);
  const units = [...new Set(company.members.map(topUnit))].sort();
  const officeNetwork = (member: MemberDoc): string => `10.${units.indexOf(topUnit(member)) + 1}.0.1`;
  const phoneNetwork = (member: MemberDoc): string =>
    `100.64.${Math.floor(chance(`${member._id}:phone`) * 250)}.${Math.floor(chance(`${member._id}:host`) * 250) + 1}`;
  let votes = 0;
  for (const round of rounds) {
    const { data: contests } = (await db.collection(COLLECTIONS.contests).where({ _id: round.contestId }).limit(1).get()) as unknown as { data: ContestDoc[] };
    const contest = contests[0];
    const entries = await roundEntries(db, round);
    if (!contest || !round.voting || entries.length === 0) continue;
    const voters = company.members.filter((member) => isEligible(contest, member, now));
    const days = daysBetween(round.voting.startDay, today) + 1;
    // Popular entries draw more votes: each entry has a weight, voters pick by it.
    const weights = entries.map((entry) => 0.2 + chance(`${entry._id}:appeal`) ** 2);
    const totalWeight = weights.reduce((sum, w) => sum + w, 0);
    const pick = (key: string): ContestEntryDoc => {
      let target = chance(key) * totalWeight;
      for (const [i, weight] of weights.entries()) {
        target -= weight;
        if (target < 0) return entries[i] as ContestEntryDoc;
      }
      return entries[entries.length - 1] as ContestEntryDoc;
    };
    const canvassing = units[1];
    const canvassed = entries.find((entry) => company.members.some((member) => entry.ownerId === member._id && topUnit(member) === canvassing)) ?? entries[0];
    // Three colleagues of another branch click through a dozen entries each within four minutes, before work
    // on the second voting day, from one hotspot (the abuse report's 突击投票; the console opens its ballots).
    const bursting = new Set(
      voters
        .filter((member) => topUnit(member) === units[2])
        .slice(0, BURST_VOTERS)
        .map((member) => member._id),
    );
    for (let d = 0; d < days; d += 1) {
      const day = beijingDate(new Date(Date.parse(`${round.voting.startDay}T04:00:00Z`) + d * DAY_MS));
      for (const voter of voters) {
        const key = `${round._id}|${voter._id}|${day}`;
        const morning = chance(`${key}:morning`) < 0.6;
        // Morning meetings from 08:30, otherwise between 12:00 and 22:00.
        const minutes = morning ? 510 + Math.floor(chance(`${key}:minute`) * 30) : 720 + Math.floor(chance(`${key}:minute`) * 600);
        const at = beijingTime(day, minutes);
        // Before the voter's own time of day is considered: the burst has its own moment.
        if (d === 1 && bursting.has(voter._id)) {
          for (let k = 0; k < BURST_ENTRIES; k += 1) {
            const burstAt = beijingTime(day, 460 + k / 3);
            if (burstAt.getTime() <= now.getTime() && (await cast(db, voter, entries[(k * 5) % entries.length] as ContestEntryDoc, burstAt, BURST_NETWORK)))
              votes += 1;
          }
        }
        if (at.getTime() > now.getTime()) continue;
        const network = morning ? officeNetwork(voter) : phoneNetwork(voter);
        // The canvassing branch votes for its entry within five minutes of the second morning meeting.
        if (d === 1 && topUnit(voter) === canvassing && canvassed) {
          const canvassAt = beijingTime(day, 525 + Math.floor(chance(`${key}:canvass`) * 5));
          // Nothing after `now`: seeded before the second morning's meeting, the canvass has not happened yet.
          if (canvassAt.getTime() <= now.getTime() && (await cast(db, voter, canvassed, canvassAt, officeNetwork(voter)))) votes += 1;
        }
        if (chance(`${key}:turnout`) >= DAILY_TURNOUT) continue;
        const count = 1 + Math.floor(chance(`${key}:count`) * 2);
        for (let k = 0; k < count; k += 1) {
          if (await cast(db, voter, pick(`${key}:pick:${k}`), new Date(at.getTime() + k * 40_000), network)) votes += 1;
        }
      }
    }
  }
  // Counted as the contest function's timer would (server/contest/voting/tally.ts).
  await tallyVotes(db, now);
  return { rounds: rounds.length, votes };
}
