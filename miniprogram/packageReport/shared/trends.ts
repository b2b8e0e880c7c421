/** Weekly trends as chart data (components/chart): week labels and the series each report page draws. */
import type { ChartSeries } from '../../components/chart/options';
import type { TrendWeek } from '../../services/report';

/** Weeks of trend the pages show (the contract allows 1–52). */
export const TREND_WEEKS = 12;

export interface TrendCharts {
  /** The weeks' Mondays, MM-DD. */
  categories: string[];
  /** Learners and completions (lines). */
  people: ChartSeries[];
  /** Valid study hours (columns); gaps where the answer has none (a single course's trend). */
  hours: ChartSeries[];
  /** Shares and the conversions they brought (columns). */
  spread: ChartSeries[];
}

export function trendCharts(weeks: TrendWeek[]): TrendCharts {
  return {
    categories: weeks.map((week) => week.monday.slice(5)),
    people: [
      { name: '学习人数', data: weeks.map((week) => week.learners) },
      { name: '完成人数', data: weeks.map((week) => week.completions) },
    ],
    hours: [{ name: '有效学习（小时）', data: weeks.map((week) => (week.studySeconds === null ? null : Math.round((week.studySeconds / 3600) * 10) / 10)) }],
    spread: [
      { name: '分享次数', data: weeks.map((week) => week.shares) },
      { name: '转化人数', data: weeks.map((week) => week.conversions) },
    ],
  };
}
