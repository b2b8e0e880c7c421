/** Branches (分公司/部门): the department at the contest's `branchDepth`, for quotas and the organising award. */
import { COLLECTIONS, subtreeCondition } from '../core';
import type { Database } from '../core';

/** The branch of a department path: `dept:` + its first `depth` names (department ids are `dept:` + path). */
export function branchOf(departmentPath: readonly string[], depth: number): string {
  return `dept:${departmentPath.slice(0, depth).join('/')}`;
}

/** The branch's display name (its own department name). */
export function branchName(branchId: string): string {
  return branchId.slice('dept:'.length).split('/').at(-1) ?? branchId;
}

/** Active members per branch (department subtree), one indexed count each. */
export async function headcounts(db: Database, branchIds: readonly string[]): Promise<Map<string, number>> {
  const counts = await Promise.all(
    branchIds.map(async (branchId) => {
      const condition = db.command.and([{ active: true }, subtreeCondition(db, 'departmentId', branchId) as Record<string, unknown>]);
      return ((await db.collection(COLLECTIONS.members).where(condition).count()) as { total: number }).total;
    }),
  );
  return new Map(branchIds.map((id, index) => [id, counts[index] as number]));
}
