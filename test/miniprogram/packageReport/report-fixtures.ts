/** Contract-shaped answers of the report function, and the download + open of an exported workbook. */
import type { DepartmentView } from '../../../typings/functions/admin';
import type { CourseReportRow, HeatmapCell, ReportFigures, TrendWeek } from '../../../typings/functions/report';
import { TIME_SLOTS } from '../../../typings/functions/report';
import { backend, okWith, type Routes } from '../../helpers/backend';
export { callsOf } from '../../helpers/backend';
export { openPage, page, text, texts } from '../harness';

/** The departments the 统计范围 picker offers. */
export const DEPARTMENTS: DepartmentView[] = [
  { id: 'd2', name: '销售部', path: ['总部', '销售部'], parentId: 'd0' },
  { id: 'd1', name: '研发部', path: ['总部', '研发部'], parentId: 'd0' },
];

/** Answers the report pages' calls from `handlers`, and the department list of the 统计范围 picker. */
export function reportBackend(routes: Routes): void {
  backend(routes, { 'admin.listDepartments': okWith(DEPARTMENTS) });
}

export function figures(overrides: Partial<ReportFigures> = {}): ReportFigures {
  return {
    audience: 40,
    views: 90,
    learners: 30,
    clickThrough: 2.25,
    completions: 12,
    completionRate: 0.4,
    avgStudySeconds: 754,
    avgRating: 4.35,
    ratingCount: 8,
    quizTakers: 10,
    quizPassRate: 0.8,
    sharers: 3,
    shareRate: 0.1,
    shares: 5,
    opens: 14,
    conversions: 4,
    opensPerShare: 2.8,
    conversionsPerShare: 0.8,
    ...overrides,
  };
}

export function courseRow(n: number, overrides: Partial<CourseReportRow> = {}): CourseReportRow {
  return { ...figures(), courseId: `c${n}`, title: `课程${n}`, ...overrides };
}

export function week(monday: string, overrides: Partial<TrendWeek> = {}): TrendWeek {
  return { week: '2026-W10', monday, learners: 3, completions: 1, studySeconds: 7200, views: 9, shares: 1, conversions: 0, ...overrides };
}

/** All 42 cells, each `studySeconds` from `seconds(weekday, slotIndex)`. */
export function heatCells(seconds: (weekday: number, slot: number) => number): HeatmapCell[] {
  const cells: HeatmapCell[] = [];
  for (let weekday = 1; weekday <= 7; weekday += 1) {
    TIME_SLOTS.forEach((slot, index) => {
      cells.push({ weekday, slot, studySeconds: seconds(weekday, index), sessions: seconds(weekday, index) > 0 ? 2 : 0, active: 1 });
    });
  }
  return cells;
}

export const UPDATED_AT = '2026-03-02T01:30:00.000Z';
