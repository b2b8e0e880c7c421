/**
 * Function `report` (学习分析, trainers and admins): the effect of courses, per department, by ISO week
 * (Beijing) and by weekday × time slot, plus campaign and contest summaries. A trainer or admin whose grant is
 * limited to a department subtree sees only members of that subtree (scopeFor); `departmentId` narrows
 * further and must lie inside the caller's scope.
 *
 * Figures come from maintained counters and the rollups of the `reportRollup` timer (every 15 minutes), never
 * from scanning raw records on a page view; every answer says when its figures were last brought up to date.
 *
 * Function `reportRollup` (timer): brings the rollups up to date; an admin can also run it by hand.
 */
import * as z from 'zod/mini';
import { contract } from '../contract';
import { id } from '../schema';
import { TIME_SLOTS } from '../docs/report';
import { SHARE_BOARD_KINDS } from '../docs/share';
import type { TimeSlot } from '../docs/report';
import { type Page, pageInputShape } from './paging';

export { TIME_SLOTS };
export type { TimeSlot };

/** Chinese names and Beijing hours of the time slots (working hours are two ranges around lunch). */
export const TIME_SLOT_DEFINITIONS: Record<TimeSlot, { label: string; hours: [number, number][] }> = {
  before_work: { label: '上班前 06–09', hours: [[6, 9]] },
  working_hours: {
    label: '工作时间 09–12、13–17',
    hours: [
      [9, 12],
      [13, 17],
    ],
  },
  lunch: { label: '午休 12–13', hours: [[12, 13]] },
  before_leaving: { label: '下班前 17–18', hours: [[17, 18]] },
  after_work: { label: '下班后 18–22', hours: [[18, 22]] },
  night: {
    label: '夜间 22–06',
    hours: [
      [22, 24],
      [0, 6],
    ],
  },
};

export const WEEKDAY_LABELS = ['周一', '周二', '周三', '周四', '周五', '周六', '周日'] as const;

/** The figures of a course (or of everything) among some members; rates are null when undefined (0/0). */
export interface ReportFigures {
  /** Members pushed the course by a required assignment (推送人数). */
  audience: number;
  /** Player sessions started (浏览次数). */
  views: number;
  /** Members who started it (学习人数). */
  learners: number;
  /** Views per member pushed to (点击率); null without an audience. */
  clickThrough: number | null;
  completions: number;
  /** completions / learners. */
  completionRate: number | null;
  /** Valid study time per learner, seconds (平均有效学习时长). */
  avgStudySeconds: number | null;
  /** 1–5, or null without ratings. */
  avgRating: number | null;
  ratingCount: number;
  quizTakers: number;
  /** Members who passed / members who submitted. */
  quizPassRate: number | null;
  sharers: number;
  /** Sharers per learner (分享率). */
  shareRate: number | null;
  shares: number;
  /** Colleagues reached by those shares, and what they led to. */
  opens: number;
  conversions: number;
  opensPerShare: number | null;
  conversionsPerShare: number | null;
}

export interface ReportMeta {
  /** ISO 8601: when the rollup last finished with nothing left, or null before its first run. */
  updatedAt: string | null;
}

export interface CourseReportRow extends ReportFigures {
  courseId: string;
  title: string;
}

export interface DepartmentReportRow extends ReportFigures {
  departmentId: string;
  /** The department's path of names, top down. */
  path: string[];
}

export interface CourseReportPage extends Page<CourseReportRow>, ReportMeta {}
export interface DepartmentReportPage extends Page<DepartmentReportRow>, ReportMeta {}

export interface TrendWeek {
  /** ISO week on the Beijing calendar, `YYYY-Www`, and its Monday `YYYY-MM-DD`. */
  week: string;
  monday: string;
  learners: number;
  completions: number;
  /** Valid study time and sessions started, from learning activity (kept per member, not per course): null in one course's trend. */
  studySeconds: number | null;
  views: number | null;
  shares: number;
  conversions: number;
}

export interface TrendsView extends ReportMeta {
  /** Oldest first, every week of the window (weeks without activity are zeros). */
  weeks: TrendWeek[];
}

export interface HeatmapCell {
  /** ISO weekday, 1 = Monday … 7 = Sunday. */
  weekday: number;
  slot: TimeSlot;
  studySeconds: number;
  sessions: number;
  /** Member-days with learning in this cell. */
  active: number;
}

export interface HeatmapView extends ReportMeta {
  /** The ISO weeks covered, oldest first. */
  fromWeek: string;
  toWeek: string;
  /** All 7 × 6 cells, weekday by weekday in TIME_SLOTS order. */
  cells: HeatmapCell[];
}

export interface CourseReportDetail extends ReportMeta {
  course: CourseReportRow;
  /** The course's figures per department (departments with any figure), largest learner count first. */
  departments: DepartmentReportRow[];
  trends: TrendWeek[];
}

export interface CampaignReportRow {
  campaignId: string;
  title: string;
  startDay: string;
  endDay: string;
  /** From the campaign module's counters; null where it does not keep them. */
  participants: number | null;
  checkins: number | null;
  shares: number;
  opens: number;
  conversions: number;
}

export interface ContestReportRow {
  contestId: string;
  title: string;
  /** From the contest module's counters; null where it does not keep them. */
  entries: number | null;
  votes: number | null;
  shares: number;
  opens: number;
  conversions: number;
}

export interface CampaignReportPage extends Page<CampaignReportRow>, ReportMeta {}
export interface ContestReportPage extends Page<ContestReportRow>, ReportMeta {}

export const REPORT_TABLES = ['courses', 'departments', 'trends', 'heatmap', 'campaigns', 'contests', 'course'] as const;
export type ReportTable = (typeof REPORT_TABLES)[number];

export interface ReportExport {
  fileID: string;
  /** A temporary download URL for the workbook. */
  url: string;
  rows: number;
}

export interface RollupResult {
  /** Courses, heatmap buckets (department × week) and share boards recomputed by this run. */
  courses: number;
  activityBuckets: number;
  boards: number;
  /** True when the run stopped for time with work left (the next run continues). */
  more: boolean;
  /** False when another run held the lease (this one did nothing). */
  ran: boolean;
  /** ISO 8601. */
  updatedAt: string | null;
  /** Data migration steps this run took before the rollup (server/core/migrations.ts), when it took any. */
  migrationSteps?: number;
}

const departmentId = z.optional(id);
const weeks = z._default(z.int().check(z.gte(1), z.lte(52)), 12);
export const COURSE_REPORT_SORTS = ['learners', 'views', 'completions', 'shares', 'audience'] as const;

export const reportContracts = {
  /** Per course, most learners first (or `sort`), within the caller's scope or `departmentId`'s subtree. */
  courses: contract<CourseReportPage>()(z.strictObject({ ...pageInputShape, departmentId, sort: z._default(z.enum(COURSE_REPORT_SORTS), 'learners') })),
  /** One course: its figures, per department, and its weekly trend. */
  course: contract<CourseReportDetail>()(z.strictObject({ courseId: id, departmentId, weeks })),
  /** Per department (all courses), departments in scope with any figure, by path. */
  departments: contract<DepartmentReportPage>()(z.strictObject({ ...pageInputShape, departmentId })),
  /** Weekly trend of everything (or one course) over the last `weeks` ISO weeks, this week included. */
  trends: contract<TrendsView>()(z.strictObject({ courseId: z.optional(id), departmentId, weeks })),
  /** Learning by weekday × time slot over the last `weeks` ISO weeks. */
  heatmap: contract<HeatmapView>()(z.strictObject({ departmentId, weeks })),
  /** Campaign summaries (published campaigns whose managing scope is within the caller's, newest first). */
  campaigns: contract<CampaignReportPage>()(z.strictObject({ ...pageInputShape })),
  /** Contest summaries (published contests within the caller's scope; company-wide ones for unscoped callers), newest first. */
  contests: contract<ContestReportPage>()(z.strictObject({ ...pageInputShape })),
  /** Any table above as an Excel workbook (all rows, not one page); `course` needs `courseId`. */
  export: contract<ReportExport>()(
    z.strictObject({ table: z.enum(REPORT_TABLES), courseId: z.optional(id), departmentId, weeks, sort: z._default(z.enum(COURSE_REPORT_SORTS), 'learners') }),
  ),
  /** A campaign's or contest's share leaderboard (分享排行) within the caller's scope, every sharer. */
  exportShareBoard: contract<ReportExport>()(z.strictObject({ boardKind: z.enum(SHARE_BOARD_KINDS), boardId: id })),
};

export const reportRollupContracts = {
  /** Brings the rollups up to date now (the timer runs it every 15 minutes); idempotent. */
  run: contract<RollupResult>()(z.strictObject({})),
};
