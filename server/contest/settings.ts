/**
 * Checks of a contest's settings (pure): windows in order, weights adding up, rubrics with real ranges,
 * awards that name what they need. Each answers a Chinese message for the admin, or null when fine.
 */
import type * as z from 'zod/mini';
import type { ContestAwardConfig, ContestRoundDoc, ContestTopic, RubricDimension } from '../../typings/domain';
import type { roundSchema } from '../../typings/functions/contest';
import { isCalendarDay } from '../core/time';

export type RoundFields = z.output<typeof roundSchema>;
type RoundSettings = Pick<ContestRoundDoc, keyof RoundFields>;

function duplicate(ids: readonly string[]): string | null {
  const seen = new Set<string>();
  for (const id of ids) {
    if (seen.has(id)) return id;
    seen.add(id);
  }
  return null;
}

/** The last day anything of the round happens (judging or voting). */
export function roundLastDay(round: Pick<RoundSettings, 'judgingEndDay' | 'voting'>): string {
  const votingEnd = round.voting?.endDay ?? '';
  return votingEnd > round.judgingEndDay ? votingEnd : round.judgingEndDay;
}

export function rubricProblem(rubric: readonly RubricDimension[]): string | null {
  const repeated = duplicate(rubric.map((dimension) => dimension.id));
  if (repeated) return `评分维度 ${repeated} 重复`;
  const bad = rubric.find((dimension) => dimension.min >= dimension.max);
  return bad ? `评分维度「${bad.name}」的最高分必须大于最低分` : null;
}

/** One round's settings, given the round before it (null for the first) and whether it is the last. */
export function roundProblem(round: RoundSettings, previous: RoundSettings | null, isLast: boolean): string | null {
  const name = `「${round.name}」`;
  const days = [
    round.submissionStartDay,
    round.submissionEndDay,
    round.judgingStartDay,
    round.judgingEndDay,
    ...(round.voting ? [round.voting.startDay, round.voting.endDay] : []),
  ];
  if (days.some((day) => !isCalendarDay(day))) return `${name}的日期不正确`;
  if (round.submissionStartDay > round.submissionEndDay) return `${name}的提交截止日不能早于开始日`;
  if (round.judgingStartDay <= round.submissionEndDay) return `${name}的评审须在提交截止后开始`;
  if (round.judgingStartDay > round.judgingEndDay) return `${name}的评审截止日不能早于开始日`;
  if (round.voting) {
    if (round.voting.startDay > round.voting.endDay) return `${name}的投票截止日不能早于开始日`;
    if (round.voting.startDay <= round.submissionEndDay) return `${name}的投票须在提交截止后开始`;
  }
  if (previous && round.submissionStartDay <= roundLastDay(previous)) return `${name}须在上一轮评审和投票结束后开始`;
  if (round.weights.judges + round.weights.votes !== 100) return `${name}的评委与投票权重之和必须为 100`;
  if (round.weights.votes > 0 && !round.voting) return `${name}设置了投票权重，但没有投票时间`;
  const rubric = rubricProblem(round.rubric);
  if (rubric) return `${name}：${rubric}`;
  if (isLast && round.advancement.kind !== 'none') return `最后一轮${name}不再晋级`;
  if (!isLast && round.advancement.kind === 'none') return `${name}须设置晋级规则`;
  return null;
}

export function roundsProblem(rounds: readonly RoundSettings[]): string | null {
  for (const [index, round] of rounds.entries()) {
    const problem = roundProblem(round, rounds[index - 1] ?? null, index === rounds.length - 1);
    if (problem) return problem;
  }
  return null;
}

export function topicsProblem(topics: readonly ContestTopic[]): string | null {
  const repeated = duplicate(topics.map((topic) => topic.id));
  return repeated ? `选题 ${repeated} 重复` : null;
}

/** Awards against the final round's rubric (best per dimension names one of its dimensions). */
export function awardsProblem(awards: readonly ContestAwardConfig[], finalRubric: readonly RubricDimension[]): string | null {
  const repeated = duplicate(awards.map((award) => award.id));
  if (repeated) return `奖项 ${repeated} 重复`;
  for (const award of awards) {
    if (award.kind === 'best_dimension' && !finalRubric.some((dimension) => dimension.id === award.dimensionId))
      return `奖项「${award.name}」须指定决赛评分维度`;
    if (award.kind === 'best_branch' && award.winners !== 1) return `奖项「${award.name}」只评一个单位`;
  }
  return null;
}
