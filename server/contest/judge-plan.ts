/**
 * Assigning judges to entries (pure and deterministic). Each entry gets `perEntry` distinct judges, never a
 * member of the entry nor a judge from one of its members' departments. Entries with the fewest possible
 * judges are served first, each taking the least-loaded judges it may have (ties broken by a hash of the
 * round, entry and judge, so the same input always gives the same plan and no judge is favoured by id).
 * Then assignments move from the busiest judges to the idlest ones while some entry allows it, so that no
 * two judges' loads differ by 2 or more unless the exclusions leave no such move.
 */
import { createHash } from 'node:crypto';

export interface PlanEntry {
  id: string;
  memberIds: readonly string[];
  departmentIds: readonly string[];
}

export interface PlanJudge {
  id: string;
  departmentId: string;
}

export type JudgePlan = Map<string, string[]>;

export function mayJudge(judge: PlanJudge, entry: PlanEntry): boolean {
  return !entry.memberIds.includes(judge.id) && !entry.departmentIds.includes(judge.departmentId);
}

function tieBreak(...parts: string[]): string {
  return createHash('sha256').update(parts.join('\u0000')).digest('hex');
}

export class JudgeShortage extends Error {
  constructor(
    readonly entryId: string,
    readonly available: number,
  ) {
    super(`entry ${entryId} has only ${available} possible judges`);
  }
}

export function planJudges(seed: string, entries: readonly PlanEntry[], judges: readonly PlanJudge[], perEntry: number): JudgePlan {
  const load = new Map(judges.map((judge) => [judge.id, 0]));
  const eligible = new Map(entries.map((entry) => [entry.id, judges.filter((judge) => mayJudge(judge, entry))]));
  const order = [...entries].sort((a, b) => {
    const diff = (eligible.get(a.id)?.length ?? 0) - (eligible.get(b.id)?.length ?? 0);
    return diff !== 0 ? diff : tieBreak(seed, a.id) < tieBreak(seed, b.id) ? -1 : 1;
  });
  const plan: JudgePlan = new Map();
  for (const entry of order) {
    const candidates = eligible.get(entry.id) ?? [];
    if (candidates.length < perEntry) throw new JudgeShortage(entry.id, candidates.length);
    const chosen = [...candidates]
      .map((judge) => ({ judge, load: load.get(judge.id) ?? 0, key: tieBreak(seed, entry.id, judge.id) }))
      .sort((a, b) => a.load - b.load || (a.key < b.key ? -1 : 1))
      .slice(0, perEntry)
      .map(({ judge }) => judge.id);
    for (const id of chosen) load.set(id, (load.get(id) ?? 0) + 1);
    plan.set(entry.id, chosen.sort());
  }
  rebalance(plan, entries, judges, load);
  return plan;
}

/** Moves one assignment from a judge to a judge with at least 2 fewer, while any such move exists. */
function rebalance(plan: JudgePlan, entries: readonly PlanEntry[], judges: readonly PlanJudge[], load: Map<string, number>): void {
  const byId = new Map(judges.map((judge) => [judge.id, judge]));
  const sortedEntries = [...entries].sort((a, b) => (a.id < b.id ? -1 : 1));
  for (;;) {
    const ranked = [...judges].sort((a, b) => (load.get(b.id) ?? 0) - (load.get(a.id) ?? 0) || (a.id < b.id ? -1 : 1));
    let moved = false;
    search: for (const busy of ranked) {
      for (const idle of [...ranked].reverse()) {
        if ((load.get(busy.id) ?? 0) - (load.get(idle.id) ?? 0) < 2) break;
        for (const entry of sortedEntries) {
          const assigned = plan.get(entry.id) ?? [];
          if (!assigned.includes(busy.id) || assigned.includes(idle.id) || !mayJudge(byId.get(idle.id) as PlanJudge, entry)) continue;
          plan.set(entry.id, [...assigned.filter((id) => id !== busy.id), idle.id].sort());
          load.set(busy.id, (load.get(busy.id) ?? 0) - 1);
          load.set(idle.id, (load.get(idle.id) ?? 0) + 1);
          moved = true;
          break search;
        }
      }
    }
    if (!moved) return;
  }
}
