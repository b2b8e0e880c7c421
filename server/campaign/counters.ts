/**
 * Per-day and per-team-and-day check-in counters, exact and sharded.
 *
 * Every check-in of a campaign would otherwise write one counter document, and hundreds of members checking
 * in at the same moment (the morning reminder) would conflict on it until runTransaction gives up with
 * CONFLICT. So each check-in increments the shard picked by a hash of the member id, inside the check-in's
 * own transaction (the check-in and its count commit together or not at all), and readers sum the shards
 * of a campaign: one query over at most CAMPAIGN_COUNTER_SHARDS documents. Keying the shard by member keeps
 * all of one member's counts in one document, so moving a member to another team moves their counts in
 * one write. 64 shards is chosen: 500 members checking in at once put about 8 on a shard, well within the
 * retries (test/server/campaign/races.test.ts, bench/campaign.ts).
 */
import { hashShard } from '../core/shards';
import type { CampaignCounterShardDoc, CheckinKind, DayCountDoc, EnrollmentDoc } from '../../typings/domain';
import { COLLECTIONS, txGet } from '../core';
import type { Database, Tx } from '../core';

export const CAMPAIGN_COUNTER_SHARDS = 64;

export function counterShardOf(memberId: string): number {
  return hashShard(memberId, CAMPAIGN_COUNTER_SHARDS);
}

export const counterShardId = (campaignId: string, shard: number): string => `${campaignId}:${shard}`;

function bump(counts: Record<string, DayCountDoc>, day: string, kind: CheckinKind, delta: number): void {
  const before = counts[day] ?? { checkins: 0, madeUp: 0 };
  counts[day] = { checkins: before.checkins + delta, madeUp: before.madeUp + (kind === 'made_up' ? delta : 0) };
}

/** Reads the member's shard in `tx`, lets `change` edit a copy, and writes it back. */
async function updateShard(tx: Tx, campaignId: string, memberId: string, change: (shard: CampaignCounterShardDoc) => void): Promise<void> {
  const shard = counterShardOf(memberId);
  const id = counterShardId(campaignId, shard);
  const stored = await txGet<CampaignCounterShardDoc>(tx, COLLECTIONS.campaignCounterShards, id);
  const next: CampaignCounterShardDoc = stored
    ? { ...stored, byDay: { ...stored.byDay }, byTeamDay: Object.fromEntries(Object.entries(stored.byTeamDay).map(([team, days]) => [team, { ...days }])) }
    : { _id: id, campaignId, shard, byDay: {}, byTeamDay: {} };
  change(next);
  const { _id, ...fields } = next;
  await tx.collection(COLLECTIONS.campaignCounterShards).doc(_id).set({ data: fields });
}

/** Counts one check-in of `memberId` for `day` (in their team, if any), inside the check-in's transaction. */
export function txCountCheckin(tx: Tx, campaignId: string, memberId: string, teamId: string | null, day: string, kind: CheckinKind): Promise<void> {
  return updateShard(tx, campaignId, memberId, (shard) => {
    bump(shard.byDay, day, kind, 1);
    if (teamId !== null) bump((shard.byTeamDay[teamId] ??= {}), day, kind, 1);
  });
}

/** The enrollment's done days the counters hold: those the tally has not yet counted are left out. */
export function countedDays(enrollment: Pick<EnrollmentDoc, 'days' | 'pendingDays'>): Record<string, CheckinKind> {
  return Object.fromEntries(Object.entries(enrollment.days).filter(([day]) => enrollment.pendingDays?.[day] !== true));
}

/**
 * Moves a member's counted days (`countedDays`) from one team's counters to another's (a team change). Its
 * transaction writes the enrollment, as the tally's does, so a day counted meanwhile is moved or counted in
 * the new team, never both.
 */
export async function txMoveTeamCounts(
  tx: Tx,
  campaignId: string,
  memberId: string,
  from: string | null,
  to: string | null,
  days: Readonly<Record<string, CheckinKind>>,
): Promise<void> {
  if (from === to || Object.keys(days).length === 0) return;
  await updateShard(tx, campaignId, memberId, (shard) => {
    for (const [day, kind] of Object.entries(days)) {
      if (from !== null) bump((shard.byTeamDay[from] ??= {}), day, kind, -1);
      if (to !== null) bump((shard.byTeamDay[to] ??= {}), day, kind, 1);
    }
  });
}

export interface CampaignCheckinCounts {
  /** day → check-ins for that planned day (made-up ones included). */
  byDay: Record<string, DayCountDoc>;
  /** team id → day → check-ins of members of that team. */
  byTeamDay: Record<string, Record<string, DayCountDoc>>;
  /** Over all days. */
  total: DayCountDoc;
}

function addInto(target: Record<string, DayCountDoc>, source: Readonly<Record<string, DayCountDoc>>): void {
  for (const [day, counts] of Object.entries(source)) {
    const before = target[day] ?? { checkins: 0, madeUp: 0 };
    target[day] = { checkins: before.checkins + counts.checkins, madeUp: before.madeUp + counts.madeUp };
  }
}

/** The campaign's check-in counters, summed over its shards (one query, never a scan of check-ins). */
export async function readCheckinCounts(db: Database, campaignId: string): Promise<CampaignCheckinCounts> {
  const { data } = (await db.collection(COLLECTIONS.campaignCounterShards).where({ campaignId }).limit(CAMPAIGN_COUNTER_SHARDS).get()) as unknown as {
    data: CampaignCounterShardDoc[];
  };
  const counts: CampaignCheckinCounts = { byDay: {}, byTeamDay: {}, total: { checkins: 0, madeUp: 0 } };
  for (const shard of data) {
    addInto(counts.byDay, shard.byDay);
    for (const [team, days] of Object.entries(shard.byTeamDay)) addInto((counts.byTeamDay[team] ??= {}), days);
  }
  for (const day of Object.values(counts.byDay)) {
    counts.total.checkins += day.checkins;
    counts.total.madeUp += day.madeUp;
  }
  return counts;
}

/** Campaigns whose shards one query reads: CloudBase answers at most 1,000 documents a query. */
const CAMPAIGNS_PER_TOTALS_QUERY = Math.floor(1000 / CAMPAIGN_COUNTER_SHARDS);

/** Check-ins so far of each campaign (made-up ones included), for a page of campaigns: a query per 15. */
export async function readCheckinTotals(db: Database, campaignIds: readonly string[]): Promise<Map<string, number>> {
  const totals = new Map<string, number>(campaignIds.map((id) => [id, 0]));
  for (let start = 0; start < campaignIds.length; start += CAMPAIGNS_PER_TOTALS_QUERY) {
    const ids = campaignIds.slice(start, start + CAMPAIGNS_PER_TOTALS_QUERY);
    const { data } = (await db
      .collection(COLLECTIONS.campaignCounterShards)
      .where({ campaignId: db.command.in(ids) })
      .field({ campaignId: true, byDay: true })
      .limit(ids.length * CAMPAIGN_COUNTER_SHARDS)
      .get()) as unknown as { data: Pick<CampaignCounterShardDoc, 'campaignId' | 'byDay'>[] };
    for (const shard of data) {
      const sum = Object.values(shard.byDay).reduce((total, day) => total + day.checkins, 0);
      totals.set(shard.campaignId, (totals.get(shard.campaignId) ?? 0) + sum);
    }
  }
  return totals;
}
