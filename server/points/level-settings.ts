/**
 * Saving the learner ladder (学员等级设置) and reading members' levels for other areas (leaderboards, feeds).
 *
 * Saving, in order: (1) the ladder in force until now raises every account its thresholds reach and that
 * has not recorded it (accounts earned before levels existed), (2) the new ladder is stored with its audit
 * record in one transaction, (3) the new ladder raises every account its thresholds reach. So a level shown
 * under the old ladder is recorded before the new one applies, and a lowered threshold takes effect at once.
 * Each raise is one update per rung over the accounts at or above its threshold and below its rank, highest
 * rung first; it adds one to `version`, so an award computing the level from an account it read earlier
 * finds its conditional write refused and reads the account again (events.ts): the raise is never undone.
 * One update over many records (局部更新一个或多个记录), from the server:
 * https://docs.cloudbase.net/database/update
 */
import type { LearnerLevelRule, LearnerLevelSettingsView } from '../../typings/functions/points';
import { AppError, COLLECTIONS, recordAudit, transactWithBackoff, txGet } from '../core';
import type { AuditActor, Database } from '../core';
import { txPut } from '../core/transaction';
import { learnerLadderProblem } from './levels';
import type { PointsRulesDoc } from '../../typings/docs/points';
import { DEFAULT_RULES, readRules, RULES_ID, rulesOf } from './rules';

const ladderText = (levels: readonly LearnerLevelRule[]): string => levels.map((level) => `${level.name} ${level.minEarned}`).join(' / ');

/** Records every rung `levels` gives on `at` to the accounts that have not recorded it. Answers the accounts raised. */
export async function raiseLevels(db: Database, levels: readonly LearnerLevelRule[], at: Date): Promise<number> {
  const _ = db.command;
  let raised = 0;
  for (let rank = levels.length; rank >= 1; rank -= 1) {
    const { name, minEarned } = levels[rank - 1] as LearnerLevelRule;
    const change = { rank, name, at, reason: `累计获得积分达到 ${minEarned}` };
    const below = _.or([{ levelRank: _.lt(rank) }, { levelRank: _.exists(false) }]);
    const result = (await db
      .collection(COLLECTIONS.pointsAccounts)
      .where(_.and([{ earnedTotal: _.gte(minEarned) }, below]) as unknown as Record<string, unknown>)
      .update({ data: { levelRank: rank, levelName: name, levelReachedAt: at, levelHistory: _.push([change]), version: _.inc(1) } })) as unknown as {
      stats: { updated: number };
    };
    raised += result.stats.updated;
  }
  return raised;
}

export async function learnerLevelSettings(db: Database): Promise<LearnerLevelSettingsView> {
  const { levels, levelsUpdatedAt } = await readRules(db);
  return { levels: [...levels], updatedAt: levelsUpdatedAt?.toISOString() ?? null };
}

/** Company-wide admins (the action checks); audited; levels already reached stay. */
export async function saveLearnerLevels(
  db: Database,
  levels: LearnerLevelRule[],
  actor: AuditActor & { id: string },
  at: Date,
): Promise<LearnerLevelSettingsView & { raised: number }> {
  const problem = learnerLadderProblem(levels);
  if (problem) throw new AppError('INVALID_INPUT', problem);
  const { levels: before } = await readRules(db);
  let raised = await raiseLevels(db, before, at);
  await transactWithBackoff(db, async (tx) => {
    const stored = await txGet<PointsRulesDoc>(tx, COLLECTIONS.pointsRules, RULES_ID);
    const current = rulesOf(stored);
    const doc: PointsRulesDoc = {
      ...(stored ?? { ...DEFAULT_RULES, updatedAt: at, updatedBy: actor.id }),
      _id: RULES_ID,
      learnerLevels: levels,
      learnerLevelsUpdatedAt: at,
    };
    await txPut(tx, COLLECTIONS.pointsRules, doc);
    await recordAudit(tx, {
      actor,
      action: 'learner_levels',
      target: { kind: 'settings', id: `${RULES_ID}:learnerLevels`, name: '学员等级' },
      before: { ladder: ladderText(current.levels) },
      after: { ladder: ladderText(levels) },
      at,
    });
  });
  raised += await raiseLevels(db, levels, at);
  return { levels, updatedAt: at.toISOString(), raised };
}
