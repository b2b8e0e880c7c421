/** 学习数据 (function `report`, trainers and admins): course, department, trend and heatmap figures, summaries, exports. */
import type { ActionInput } from '../../typings/api';
import type {
  CampaignReportPage,
  ContestReportPage,
  CourseReportDetail,
  CourseReportPage,
  DepartmentReportPage,
  HeatmapView,
  TrendsView,
} from '../../typings/functions/report';
import { openWorkbook } from '../utils/workbook';
import { call } from './transport';

export type {
  CampaignReportPage,
  CampaignReportRow,
  ContestReportPage,
  ContestReportRow,
  CourseReportDetail,
  CourseReportPage,
  CourseReportRow,
  DepartmentReportPage,
  DepartmentReportRow,
  HeatmapCell,
  HeatmapView,
  ReportTable,
  TrendWeek,
  TrendsView,
} from '../../typings/functions/report';
export type CourseSort = NonNullable<ActionInput<'report', 'courses'>['sort']>;
export type ReportExportInput = ActionInput<'report', 'export'>;

/** The department filter as the contract takes it: absent for everything in the caller's scope. */
export function scopeOf(departmentId: string): { departmentId?: string } {
  return departmentId === '' ? {} : { departmentId };
}

export function listCourseReports(page: number, pageSize: number, sort: CourseSort, departmentId = ''): Promise<CourseReportPage> {
  return call('report', 'courses', { page, pageSize, sort, ...scopeOf(departmentId) });
}

export function getCourseReport(courseId: string, weeks: number, departmentId = ''): Promise<CourseReportDetail> {
  return call('report', 'course', { courseId, weeks, ...scopeOf(departmentId) });
}

export function listDepartmentReports(page: number, pageSize: number, departmentId = ''): Promise<DepartmentReportPage> {
  return call('report', 'departments', { page, pageSize, ...scopeOf(departmentId) });
}

export function getTrends(weeks: number, departmentId = ''): Promise<TrendsView> {
  return call('report', 'trends', { weeks, ...scopeOf(departmentId) });
}

export function getHeatmap(weeks: number, departmentId = ''): Promise<HeatmapView> {
  return call('report', 'heatmap', { weeks, ...scopeOf(departmentId) });
}

export function listCampaignReports(page: number, pageSize: number): Promise<CampaignReportPage> {
  return call('report', 'campaigns', { page, pageSize });
}

export function listContestReports(page: number, pageSize: number): Promise<ContestReportPage> {
  return call('report', 'contests', { page, pageSize });
}

/** Builds the workbook of a whole table (all rows) and downloads and opens it (WeChat's viewer shares or saves it). */
export async function exportReport(input: ReportExportInput): Promise<number> {
  const exported = await call('report', 'export', input);
  await openWorkbook(exported.url);
  return exported.rows;
}
