/**
 * Every report table as an Excel workbook (导出 Excel), all rows (not one page), through the shared export
 * (server/core/workbook.ts): each table's columns are declared once here, and paged reports are read a page
 * at a time. Column headers are the Chinese names the app shows.
 */
import type { Page, PageInput } from '../../typings/functions/paging';
import type {
  CampaignReportRow,
  ContestReportRow,
  CourseReportRow,
  DepartmentReportRow,
  HeatmapCell,
  ReportExport,
  ReportFigures,
  ReportTable,
  TrendWeek,
} from '../../typings/functions/report';
import { TIME_SLOT_DEFINITIONS, WEEKDAY_LABELS } from '../../typings/functions/report';
import type { Database, Scope, WxCloud } from '../core';
import { AppError, COLLECTIONS, findPage } from '../core';
import { exportRows, exportTable, field, pathSegment } from '../core/workbook';
import type { ExportColumn, ExportTable } from '../core/workbook';
import { beijingDate } from '../core/time';
import { courseDetail, coursesPage, type CourseSort, departmentsPage, heatmap, trends } from './read';
import { learnerLevelsOfAll } from '../points';
import { boardInScope, campaignSummaries, contestSummaries } from './summaries';
import type { ShareBoardDoc, ShareBoardKind } from '../../typings/docs/share';

function figureColumns<Row extends ReportFigures>(): ExportColumn<Row>[] {
  return [
    field('推送人数', 'audience', 10),
    field('浏览次数', 'views', 10),
    field('学习人数', 'learners', 10),
    field('点击率', 'clickThrough', 10),
    field('完成人数', 'completions', 10),
    field('完成率', 'completionRate', 10),
    field('人均有效学习时长(秒)', 'avgStudySeconds', 14),
    field('平均评分', 'avgRating', 10),
    field('评分人数', 'ratingCount', 10),
    field('测验人数', 'quizTakers', 10),
    field('测验通过率', 'quizPassRate', 10),
    field('分享人数', 'sharers', 10),
    field('分享率', 'shareRate', 10),
    field('分享次数', 'shares', 10),
    field('分享触达', 'opens', 10),
    field('分享转化', 'conversions', 10),
    field('单次分享触达', 'opensPerShare', 12),
    field('单次分享转化', 'conversionsPerShare', 12),
  ];
}

/** The share columns of the campaign and contest summaries. */
function shareColumns<Row extends { shares: number; opens: number; conversions: number }>(): ExportColumn<Row>[] {
  return [field('分享次数', 'shares', 10), field('分享触达', 'opens', 10), field('分享转化', 'conversions', 10)];
}

const departmentText = (row: DepartmentReportRow): string => row.path.join('/');

export const REPORT_EXPORTS = {
  courses: exportTable<CourseReportRow>('课程效果', [field('课程', 'title', 30), ...figureColumns<CourseReportRow>()]),
  departments: exportTable<DepartmentReportRow>('部门效果', [{ header: '部门', width: 36, cell: departmentText }, ...figureColumns<DepartmentReportRow>()]),
  /** One course: its total first (部门 reads 合计：<title>), then its departments. */
  course: exportTable<DepartmentReportRow>('课程分部门', [{ header: '部门', width: 36, cell: departmentText }, ...figureColumns<DepartmentReportRow>()]),
  trends: exportTable<TrendWeek>('周趋势', [
    field('周', 'week', 10),
    field('周一', 'monday', 12),
    field('开始学习', 'learners', 10),
    field('完成', 'completions', 10),
    field('有效学习时长(秒)', 'studySeconds', 14),
    field('浏览次数', 'views', 10),
    field('分享次数', 'shares', 10),
    field('分享转化', 'conversions', 10),
  ]),
  heatmap: exportTable<HeatmapCell>('学习时段', [
    { header: '星期', width: 8, cell: (cell) => WEEKDAY_LABELS[cell.weekday - 1] ?? '' },
    { header: '时段', width: 24, cell: (cell) => TIME_SLOT_DEFINITIONS[cell.slot].label },
    field('有效学习时长(秒)', 'studySeconds', 14),
    field('学习次数', 'sessions', 10),
    field('活跃人次', 'active', 10),
  ]),
  campaigns: exportTable<CampaignReportRow>('打卡活动', [
    field('活动', 'title', 30),
    field('开始', 'startDay', 12),
    field('结束', 'endDay', 12),
    field('参与人数', 'participants', 10),
    field('打卡次数', 'checkins', 10),
    ...shareColumns<CampaignReportRow>(),
  ]),
  contests: exportTable<ContestReportRow>('微课大赛', [
    field('大赛', 'title', 30),
    field('作品数', 'entries', 10),
    field('投票数', 'votes', 10),
    ...shareColumns<ContestReportRow>(),
  ]),
} satisfies Record<ReportTable, ExportTable<never>>;

/** Export pages: the largest page a report answers. */
const EXPORT_PAGE_SIZE = 1000;

/** A paged report, a page at a time. */
async function* pagesOf<T>(read: (input: PageInput) => Promise<Page<T>>): AsyncGenerator<T[]> {
  for (let page = 1; ; page += 1) {
    const answer = await read({ page, pageSize: EXPORT_PAGE_SIZE });
    yield answer.items;
    if (!answer.hasMore) return;
  }
}

export interface ExportRequest {
  table: ReportTable;
  courseId?: string;
  weeks: number;
  sort: CourseSort;
}

export async function exportReport(db: Database, cloud: WxCloud, scope: Scope, request: ExportRequest, now: Date, ownerId: string): Promise<ReportExport> {
  const to = { label: `reports/${request.table}-${beijingDate(now)}`, ownerId, now };
  switch (request.table) {
    case 'courses':
      return exportRows(
        cloud,
        REPORT_EXPORTS.courses,
        pagesOf((input) => coursesPage(db, scope, request.sort, input)),
        to,
      );
    case 'departments':
      return exportRows(
        cloud,
        REPORT_EXPORTS.departments,
        pagesOf((input) => departmentsPage(db, scope, input)),
        to,
      );
    case 'course': {
      if (!request.courseId) throw new AppError('INVALID_INPUT', '请指定课程');
      const detail = await courseDetail(db, scope, request.courseId, request.weeks, now);
      const total: DepartmentReportRow = { ...detail.course, departmentId: '', path: [`合计：${detail.course.title}`] };
      return exportRows(cloud, REPORT_EXPORTS.course, [[total, ...detail.departments]], to);
    }
    case 'trends':
      return exportRows(cloud, REPORT_EXPORTS.trends, [await trends(db, scope, request.courseId, request.weeks, now)], to);
    case 'heatmap':
      return exportRows(cloud, REPORT_EXPORTS.heatmap, [(await heatmap(db, scope, request.weeks, now)).cells], to);
    case 'campaigns':
      return exportRows(
        cloud,
        REPORT_EXPORTS.campaigns,
        pagesOf((input) => campaignSummaries(db, scope, input)),
        to,
      );
    case 'contests':
      return exportRows(
        cloud,
        REPORT_EXPORTS.contests,
        pagesOf((input) => contestSummaries(db, scope, input)),
        to,
      );
  }
}

/** A share board's rows in the board's own order (server/share/boards.ts): reach, conversions, sharer. */
const BOARD_ORDER = [
  { field: 'reach', direction: 'desc' as const },
  { field: 'conversions', direction: 'desc' as const },
  { field: 'sharerId', direction: 'asc' as const },
];

/** One sharer's line with their place on the board and their learner level (学员等级), '' below the first rung. */
type BoardLine = ShareBoardDoc & { rank: number; level: string };

export const SHARE_BOARD_EXPORT = exportTable<BoardLine>('分享排行', [
  field('名次', 'rank', 8),
  field('姓名', 'name', 12),
  field('学员等级', 'level', 10),
  { header: '部门', width: 36, cell: (row) => row.departmentPath.join('/') },
  field('分享次数', 'shares', 10),
  field('触达人数', 'reach', 10),
  field('分享转化', 'conversions', 10),
]);

async function* boardLines(db: Database, boardKind: ShareBoardKind, boardId: string): AsyncGenerator<BoardLine[]> {
  // Counted once: later pages reuse the first page's total.
  let known: number | undefined;
  for (let page = 1; ; page += 1) {
    const { docs, total } = await findPage<ShareBoardDoc>(
      db,
      COLLECTIONS.shareBoards,
      { boardKind, boardId },
      BOARD_ORDER,
      { page, pageSize: EXPORT_PAGE_SIZE },
      known === undefined ? {} : { total: known },
    );
    known = total;
    const first = (page - 1) * EXPORT_PAGE_SIZE + 1;
    // The page's levels as the mini-program's board shows them (server/share/boards.ts): 1 + ⌈rows / 100⌉ reads.
    const levels = await learnerLevelsOfAll(
      db,
      docs.map((doc) => doc.sharerId),
    );
    yield docs.map((doc, index) => ({ ...doc, rank: first + index, level: levels.get(doc.sharerId) ?? '' }));
    if (page * EXPORT_PAGE_SIZE >= total) return;
  }
}

/** A campaign's or contest's share leaderboard (分享排行), for a trainer whose scope holds it. */
export async function exportShareBoard(
  db: Database,
  cloud: WxCloud,
  scope: Scope,
  boardKind: ShareBoardKind,
  boardId: string,
  now: Date,
  ownerId: string,
): Promise<ReportExport> {
  await boardInScope(db, scope, boardKind, boardId);
  return exportRows(cloud, SHARE_BOARD_EXPORT, boardLines(db, boardKind, boardId), {
    label: `share-boards/${boardKind}-${pathSegment(boardId)}-${beijingDate(now)}`,
    ownerId,
    now,
  });
}
