/**
 * Every report table as an Excel workbook (导出 Excel), all rows (not one page), written to cloud storage
 * through the shared publisher. Column headers are the Chinese names the app shows.
 */
import type { Page, PageInput } from '../../typings/functions/paging';
import type { ReportExport, ReportFigures, ReportTable } from '../../typings/functions/report';
import { TIME_SLOT_DEFINITIONS, WEEKDAY_LABELS } from '../../typings/functions/report';
import type { Database, Scope, WxCloud } from '../core';
import { AppError } from '../core';
import { newSheet, publishWorkbook } from '../core/workbook';
import { beijingDate } from '../core/time';
import { courseDetail, coursesPage, CourseSort, departmentsPage, heatmap, trends } from './read';
import { campaignSummaries, contestSummaries } from './summaries';

type Column = { header: string; key: string; width: number };
type Row = Record<string, string | number | null>;

const FIGURE_COLUMNS: Column[] = [
  { header: '推送人数', key: 'audience', width: 10 },
  { header: '浏览次数', key: 'views', width: 10 },
  { header: '学习人数', key: 'learners', width: 10 },
  { header: '点击率', key: 'clickThrough', width: 10 },
  { header: '完成人数', key: 'completions', width: 10 },
  { header: '完成率', key: 'completionRate', width: 10 },
  { header: '人均有效学习时长(秒)', key: 'avgStudySeconds', width: 14 },
  { header: '平均评分', key: 'avgRating', width: 10 },
  { header: '评分人数', key: 'ratingCount', width: 10 },
  { header: '测验人数', key: 'quizTakers', width: 10 },
  { header: '测验通过率', key: 'quizPassRate', width: 10 },
  { header: '分享人数', key: 'sharers', width: 10 },
  { header: '分享率', key: 'shareRate', width: 10 },
  { header: '分享次数', key: 'shares', width: 10 },
  { header: '分享触达', key: 'opens', width: 10 },
  { header: '分享转化', key: 'conversions', width: 10 },
  { header: '单次分享触达', key: 'opensPerShare', width: 12 },
  { header: '单次分享转化', key: 'conversionsPerShare', width: 12 },
];

const figures = (row: ReportFigures): Row => ({ ...row });

/** The share columns of the campaign and contest summaries. */
const SHARE_COLUMNS: Column[] = [
  { header: '分享次数', key: 'shares', width: 10 },
  { header: '分享触达', key: 'opens', width: 10 },
  { header: '分享转化', key: 'conversions', width: 10 },
];

/** Export pages: the largest page a query answers. */
const EXPORT_PAGE: PageInput = { page: 1, pageSize: 1000 };

async function allPages<T>(read: (input: PageInput) => Promise<Page<T>>): Promise<T[]> {
  const rows: T[] = [];
  for (let page = 1; ; page += 1) {
    const answer = await read({ ...EXPORT_PAGE, page });
    rows.push(...answer.items);
    if (!answer.hasMore) return rows;
  }
}

export interface ExportRequest {
  table: ReportTable;
  courseId?: string;
  weeks: number;
  sort: CourseSort;
}

async function sheetOf(db: Database, scope: Scope, request: ExportRequest, now: Date): Promise<{ name: string; columns: Column[]; rows: Row[] }> {
  switch (request.table) {
    case 'courses': {
      const rows = await allPages((input) => coursesPage(db, scope, request.sort, input));
      return { name: '课程效果', columns: [{ header: '课程', key: 'title', width: 30 }, ...FIGURE_COLUMNS], rows: rows.map((row) => ({ title: row.title, ...figures(row) })) };
    }
    case 'departments': {
      const rows = await allPages((input) => departmentsPage(db, scope, input));
      return { name: '部门效果', columns: [{ header: '部门', key: 'department', width: 36 }, ...FIGURE_COLUMNS], rows: rows.map((row) => ({ department: row.path.join('/'), ...figures(row) })) };
    }
    case 'course': {
      if (!request.courseId) throw new AppError('INVALID_INPUT', '请指定课程');
      const detail = await courseDetail(db, scope, request.courseId, request.weeks, now);
      return {
        name: '课程分部门',
        columns: [{ header: '部门', key: 'department', width: 36 }, ...FIGURE_COLUMNS],
        rows: [{ department: `合计：${detail.course.title}`, ...figures(detail.course) }, ...detail.departments.map((row) => ({ department: row.path.join('/'), ...figures(row) }))],
      };
    }
    case 'trends': {
      const weeks = await trends(db, scope, request.courseId, request.weeks, now);
      return {
        name: '周趋势',
        columns: [
          { header: '周', key: 'week', width: 10 },
          { header: '周一', key: 'monday', width: 12 },
          { header: '开始学习', key: 'learners', width: 10 },
          { header: '完成', key: 'completions', width: 10 },
          { header: '有效学习时长(秒)', key: 'studySeconds', width: 14 },
          { header: '浏览次数', key: 'views', width: 10 },
          { header: '分享次数', key: 'shares', width: 10 },
          { header: '分享转化', key: 'conversions', width: 10 },
        ],
        rows: weeks.map((week) => ({ ...week })),
      };
    }
    case 'heatmap': {
      const view = await heatmap(db, scope, request.weeks, now);
      return {
        name: '学习时段',
        columns: [
          { header: '星期', key: 'weekday', width: 8 },
          { header: '时段', key: 'slot', width: 24 },
          { header: '有效学习时长(秒)', key: 'studySeconds', width: 14 },
          { header: '学习次数', key: 'sessions', width: 10 },
          { header: '活跃人次', key: 'active', width: 10 },
        ],
        rows: view.cells.map((cell) => ({ ...cell, weekday: WEEKDAY_LABELS[cell.weekday - 1] ?? '', slot: TIME_SLOT_DEFINITIONS[cell.slot].label })),
      };
    }
    case 'campaigns': {
      const rows = await allPages((input) => campaignSummaries(db, scope, input));
      return {
        name: '打卡活动',
        columns: [
          { header: '活动', key: 'title', width: 30 },
          { header: '开始', key: 'startDay', width: 12 },
          { header: '结束', key: 'endDay', width: 12 },
          { header: '参与人数', key: 'participants', width: 10 },
          { header: '打卡次数', key: 'checkins', width: 10 },
          ...SHARE_COLUMNS,
        ],
        rows: rows.map((row) => ({ ...row })),
      };
    }
    case 'contests': {
      const rows = await allPages((input) => contestSummaries(db, scope, input));
      return {
        name: '微课大赛',
        columns: [
          { header: '大赛', key: 'title', width: 30 },
          { header: '作品数', key: 'entries', width: 10 },
          { header: '投票数', key: 'votes', width: 10 },
          ...SHARE_COLUMNS,
        ],
        rows: rows.map((row) => ({ ...row })),
      };
    }
  }
}

export async function exportReport(db: Database, cloud: WxCloud, scope: Scope, request: ExportRequest, now: Date, ownerId: string): Promise<ReportExport> {
  const sheet = await sheetOf(db, scope, request, now);
  const { workbook, sheet: worksheet } = newSheet(sheet.name, sheet.columns);
  for (const row of sheet.rows) worksheet.addRow(row);
  const published = await publishWorkbook(cloud, workbook, `reports/${request.table}-${beijingDate(now)}`, ownerId, now);
  return { ...published, rows: sheet.rows.length };
}
