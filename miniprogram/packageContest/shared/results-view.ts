/** A round's result rows and a contest's awards as the results page and the admin's publish page show them. */
import type { Award, ContestRound, ResultRowView } from '../../services/contest';
import { CONTEST_AWARD_KIND_LABELS } from '../../utils/labels';
import { ownerLabel } from './entry-view';

export interface ResultLine {
  id: string;
  rank: number;
  title: string;
  owner: string;
  branch: string;
  judges: string;
  votes: string;
  bonus: string;
  /** 切合主题 8.0 · 呈现效果 4.3: the judges' average per rubric dimension. */
  dimensions: string;
  final: string;
  advances: boolean;
}

const one = (value: number): string => value.toFixed(1);

/** `rubric` names the dimensions of the round's averages (those it does not name are left out). */
export function toResultLine(row: ResultRowView, rubric: ContestRound['rubric']): ResultLine {
  return {
    id: row.entryId,
    rank: row.rank,
    title: row.title,
    owner: ownerLabel(row),
    branch: row.branchName,
    judges: `评委 ${one(row.judgeScore)}（${row.judgeCount} 人）`,
    votes: `投票 ${row.votes} 票 → ${one(row.voteScore)}`,
    bonus: row.bonus > 0 ? `加分 +${one(row.bonus)}` : '',
    dimensions: rubric
      .filter((dimension) => row.dimensionAverages[dimension.id] !== undefined)
      .map((dimension) => `${dimension.name} ${one(row.dimensionAverages[dimension.id] as number)}`)
      .join(' · '),
    final: one(row.finalScore),
    advances: row.advances,
  };
}

export interface AwardLine {
  id: string;
  name: string;
  kind: string;
  winners: string;
  basis: string;
  points: string;
  decided: boolean;
}

export function toAwardLine(award: Award): AwardLine {
  const winners = award.branchName ?? award.winners.map((winner) => `${winner.title}（${ownerLabel(winner)}）`).join('、');
  return {
    id: award.awardId,
    name: award.name,
    kind: CONTEST_AWARD_KIND_LABELS[award.kind],
    winners: winners || '待评定',
    basis: award.basis,
    points: award.points > 0 ? `${award.points} 积分` : '',
    decided: award.decidedAt !== null,
  };
}
