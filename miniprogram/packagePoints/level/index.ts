/**
 * 我的等级: the learner level held (from the points earned in total, never the balance), how far the next
 * rung is, and every change with its date and reason. A level once reached is kept (the server decides).
 */
import { getMyLevel, type LearnerLevel } from '../../services/points';
import { defineLoadedPage } from '../../utils/loaded-page';
import { beijingDateTime } from '../../utils/time';

interface LevelCard {
  name: string;
  earnedTotal: number;
  reached: string;
  /** 再获得 N 积分升为「X」, or '' at the top. */
  next: string;
  percent: number;
  history: { key: string; title: string; reason: string }[];
}

function toLevelCard(level: LearnerLevel): LevelCard {
  const next = level.next;
  return {
    name: level.name ?? '暂无等级',
    earnedTotal: level.earnedTotal,
    reached: level.reachedAt ? `${beijingDateTime(level.reachedAt)} 获得` : '',
    next: next ? `再获得 ${next.minEarned - level.earnedTotal} 积分升为「${next.name}」（需累计 ${next.minEarned}）` : '',
    percent: next ? Math.min(100, Math.floor((level.earnedTotal / next.minEarned) * 100)) : 100,
    history: [...level.history]
      .reverse()
      .map((change) => ({ key: `${change.rank}:${change.at}`, title: `${beijingDateTime(change.at)} 升为「${change.name}」`, reason: change.reason })),
  };
}

defineLoadedPage({
  where: 'level',
  data: { level: null as LevelCard | null },
  fetch: getMyLevel,
  show: (level: LearnerLevel) => ({ level: toLevelCard(level) }),
});
