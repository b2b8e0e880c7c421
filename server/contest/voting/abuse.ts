/**
 * 投票异常报告: computed from the maintained per-voter-day counters (`contestVoterDays`), never from a scan
 * of ballots: burst candidates are the voter-days of the round with the most votes (one indexed read of at
 * most 1,000), departments and networks come from two database aggregations over the round's voter-days
 * (grouped by department and day, and by network), and headcounts from one aggregation over the flagged
 * departments' members. Cloud functions learn the caller's network (getWXContext CLIENTIP / CLIENTIPV6,
 * https://developers.weixin.qq.com/minigame/dev/wxcloud/reference-sdk-api/utils/Cloud.getWXContext.md) but
 * no device id, so "same device" cannot be told and is not claimed.
 */
import type { BindingDoc, ContestVoterDayDoc, MemberDoc } from '../../../typings/domain';
import type { BurstVoterRow, DepartmentJumpRow, SharedNetworkRow, VoteAbuseReport } from '../../../typings/functions/contest-voting';
import { COLLECTIONS, scopeCondition } from '../../core';
import { organiserScope } from '../access';
import type { Database, Scope } from '../../core';
import { isoDate } from '../../core/published';
import { allOf } from '../../core';
import { beijingDate, daysBetween } from '../../core/time';
import { docsOf } from '../../core/db';

export interface AbuseThresholds {
  burstVotes: number;
  burstMinutes: number;
  recentBindDays: number;
  jumpFactor: number;
  minDepartmentVotes: number;
  sharedNetworkVoters: number;
}

const MAX_ROWS = 100;
const MAX_QUERY = 1000;
const NETWORK_SAMPLE = 20;

export const DEVICES_NOTE = '微信云函数只提供调用方的网络地址（CLIENTIP / CLIENTIPV6），不提供设备标识；客户端自报的设备信息不可信，因此未作为判断依据。';

/** Most timestamps within any span of `windowMs` (times sorted ascending). */
export function maxInWindow(times: readonly Date[], windowMs: number): number {
  let best = 0;
  let start = 0;
  for (let end = 0; end < times.length; end += 1) {
    while ((times[end] as Date).getTime() - (times[start] as Date).getTime() >= windowMs) start += 1;
    best = Math.max(best, end - start + 1);
  }
  return best;
}

function roundFilter(db: Database, roundId: string, scope: Scope, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return allOf(db, [{ roundId, ...extra }, scopeCondition(db, 'departmentId', scope) as Record<string, unknown> | null]);
}

async function membersByIds(db: Database, ids: readonly string[]): Promise<Map<string, MemberDoc>> {
  if (!ids.length) return new Map();
  const data = await docsOf<MemberDoc>(
    db
      .collection(COLLECTIONS.members)
      .where({ _id: db.command.in([...ids]) })
      .limit(ids.length),
  );
  return new Map(data.map((member) => [member._id, member]));
}

async function bursts(db: Database, roundId: string, scope: Scope, t: AbuseThresholds): Promise<BurstVoterRow[]> {
  const data = await docsOf<ContestVoterDayDoc>(
    db
      .collection(COLLECTIONS.contestVoterDays)
      .where(roundFilter(db, roundId, scope, { votes: db.command.gte(t.burstVotes) }))
      .orderBy('votes', 'desc')
      .limit(MAX_QUERY),
  );
  const windowMs = t.burstMinutes * 60_000;
  const found = data
    .map((day) => ({
      day,
      burst: maxInWindow(
        day.times.map((time) => new Date(time)),
        windowMs,
      ),
    }))
    .filter(({ burst }) => burst >= t.burstVotes);
  const voterIds = [...new Set(found.map(({ day }) => day.voterId))].slice(0, MAX_QUERY);
  const members = await membersByIds(db, voterIds);
  const bindings = voterIds.length
    ? await docsOf<BindingDoc>(
        db
          .collection(COLLECTIONS.bindings)
          .where({ memberId: db.command.in(voterIds) })
          .limit(MAX_QUERY),
      )
    : [];
  const boundAt = new Map(bindings.map((binding) => [binding.memberId, new Date(binding.boundAt)]));
  const rows = found.map(({ day, burst }): BurstVoterRow => {
    const bound = boundAt.get(day.voterId) ?? null;
    const member = members.get(day.voterId);
    return {
      memberId: day.voterId,
      name: member?.name ?? '',
      departmentPath: member?.departmentPath ?? [],
      day: day.day,
      votes: day.votes,
      maxInWindow: burst,
      boundAt: isoDate(bound),
      boundRecently: bound !== null && daysBetween(beijingDate(bound), day.day) <= t.recentBindDays,
    };
  });
  rows.sort((a, b) => Number(b.boundRecently) - Number(a.boundRecently) || b.maxInWindow - a.maxInWindow || a.memberId.localeCompare(b.memberId));
  return rows.slice(0, MAX_ROWS);
}

interface DepartmentDay {
  _id: { departmentId: string; day: string };
  votes: number;
  voters: number;
}

async function headcounts(db: Database, departmentIds: readonly string[]): Promise<Map<string, { headcount: number; path: string[] }>> {
  if (!departmentIds.length) return new Map();
  const $ = db.command.aggregate;
  const { list } = (await db
    .collection(COLLECTIONS.members)
    .aggregate()
    .match({ departmentId: db.command.in([...departmentIds]), active: true })
    .group({ _id: '$departmentId', headcount: $.sum(1), path: $.first('$departmentPath') })
    .limit(MAX_QUERY)
    .end()) as unknown as { list: { _id: string; headcount: number; path: string[] }[] };
  return new Map(list.map((row) => [row._id, { headcount: row.headcount, path: row.path }]));
}

async function departmentJumps(db: Database, roundId: string, startDay: string, scope: Scope, t: AbuseThresholds): Promise<DepartmentJumpRow[]> {
  const $ = db.command.aggregate;
  const { list } = (await db
    .collection(COLLECTIONS.contestVoterDays)
    .aggregate()
    .match(roundFilter(db, roundId, scope))
    .group({ _id: { departmentId: '$departmentId', day: '$day' }, votes: $.sum('$votes'), voters: $.sum(1) })
    .sort({ votes: -1 })
    .limit(MAX_QUERY * 10)
    .end()) as unknown as { list: DepartmentDay[] };
  const byDepartment = new Map<string, Map<string, DepartmentDay>>();
  const dayTotals = new Map<string, number>();
  for (const row of list) {
    const days = byDepartment.get(row._id.departmentId) ?? new Map<string, DepartmentDay>();
    days.set(row._id.day, row);
    byDepartment.set(row._id.departmentId, days);
    dayTotals.set(row._id.day, (dayTotals.get(row._id.day) ?? 0) + row.votes);
  }
  // Departments voting on the window's first day are weighed by headcount (nothing earlier to compare).
  const heavy = list.filter((row) => row.votes >= t.minDepartmentVotes);
  const firstDayVoting = list.filter((row) => row._id.day === startDay).map((row) => row._id.departmentId);
  const heads = await headcounts(db, [...new Set([...heavy.map((row) => row._id.departmentId), ...firstDayVoting])].slice(0, 500));
  const firstDayHeads = firstDayVoting.reduce((sum, id) => sum + (heads.get(id)?.headcount ?? 0), 0);
  const firstDayPerHead = firstDayHeads > 0 ? (dayTotals.get(startDay) ?? 0) / firstDayHeads : 0;
  const rows: DepartmentJumpRow[] = [];
  for (const row of heavy) {
    const { departmentId, day } = row._id;
    const head = heads.get(departmentId);
    const earlierDays = daysBetween(startDay, day);
    let previousAverage: number | null = null;
    let ratio: number;
    if (earlierDays > 0) {
      let earlier = 0;
      for (const [other, stats] of byDepartment.get(departmentId) ?? []) if (other < day) earlier += stats.votes;
      previousAverage = earlier / earlierDays;
      ratio = row.votes / Math.max(previousAverage, 1);
    } else {
      const perHead = head && head.headcount > 0 ? row.votes / head.headcount : row.votes;
      // Alone on the first day, a department has nothing to be compared with.
      ratio = firstDayPerHead > 0 && firstDayVoting.length > 1 ? perHead / firstDayPerHead : 0;
    }
    if (ratio < t.jumpFactor) continue;
    rows.push({
      departmentId,
      departmentPath: head?.path ?? [],
      day,
      votes: row.votes,
      voters: row.voters,
      headcount: head?.headcount ?? 0,
      previousAverage: previousAverage === null ? null : Math.round(previousAverage * 10) / 10,
      ratio: Math.round(ratio * 10) / 10,
    });
  }
  rows.sort((a, b) => b.ratio - a.ratio || b.votes - a.votes || a.departmentId.localeCompare(b.departmentId));
  return rows.slice(0, MAX_ROWS);
}

async function sharedNetworks(db: Database, roundId: string, scope: Scope, t: AbuseThresholds): Promise<SharedNetworkRow[]> {
  const $ = db.command.aggregate;
  const { list } = (await db
    .collection(COLLECTIONS.contestVoterDays)
    .aggregate()
    .match(roundFilter(db, roundId, scope))
    .unwind('$networks')
    .group({ _id: '$networks', voterIds: $.addToSet('$voterId'), votes: $.sum('$votes') })
    .project({ voters: $.size('$voterIds'), votes: 1, memberIds: $.slice(['$voterIds', NETWORK_SAMPLE]) })
    .match({ voters: db.command.gte(t.sharedNetworkVoters) })
    .sort({ voters: -1, votes: -1, _id: 1 })
    .limit(MAX_ROWS)
    .end()) as unknown as { list: { _id: string; voters: number; votes: number; memberIds: string[] }[] };
  return list.map((row) => ({ network: row._id, voters: row.voters, votes: row.votes, memberIds: [...row.memberIds].sort() }));
}

export async function abuseReport(
  db: Database,
  admin: MemberDoc,
  round: { _id: string; voting: { startDay: string } | null },
  t: AbuseThresholds,
  now: Date,
): Promise<VoteAbuseReport> {
  const scope = organiserScope(admin) ?? [];
  const startDay = round.voting?.startDay ?? beijingDate(now);
  const [burstRows, jumps, networks] = await Promise.all([
    bursts(db, round._id, scope, t),
    departmentJumps(db, round._id, startDay, scope, t),
    sharedNetworks(db, round._id, scope, t),
  ]);
  return { roundId: round._id, generatedAt: now.toISOString(), bursts: burstRows, departmentJumps: jumps, sharedNetworks: networks, devicesNote: DEVICES_NOTE };
}
