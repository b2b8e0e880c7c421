/** 学习数据 (function `report`, trainers and admins): course, department, trend and heatmap figures, summaries, exports. */
import type { ActionInput, ActionOutput } from '../../typings/api';
import { call } from './transport';

export type CourseSort = NonNullable<ActionInput<'report', 'courses'>['sort']>;
export type CourseReportPage = ActionOutput<'report', 'courses'>;
export type CourseReportRow = CourseReportPage['items'][number];
export type CourseReportDetail = ActionOutput<'report', 'course'>;
export type DepartmentReportPage = ActionOutput<'report', 'departments'>;
export type DepartmentReportRow = DepartmentReportPage['items'][number];
export type TrendsView = ActionOutput<'report', 'trends'>;
export type TrendWeek = TrendsView['weeks'][number];
export type HeatmapView = ActionOutput<'report', 'heatmap'>;
export type HeatmapCell = HeatmapView['cells'][number];
export type CampaignReportPage = ActionOutput<'report', 'campaigns'>;
export type CampaignReportRow = CampaignReportPage['items'][number];
export type ContestReportPage = ActionOutput<'report', 'contests'>;
export type ContestReportRow = ContestReportPage['items'][number];
export type ReportExportInput = ActionInput<'report', 'export'>;
export type ReportTable = ReportExportInput['table'];

export function listCourseReports(page: number, pageSize: number, sort: CourseSort): Promise<CourseReportPage> {
  return call('report', 'courses', { page, pageSize, sort });
}

export function getCourseReport(courseId: string, weeks: number): Promise<CourseReportDetail> {
  return call('report', 'course', { courseId, weeks });
}

export function listDepartmentReports(page: number, pageSize: number): Promise<DepartmentReportPage> {
  return call('report', 'departments', { page, pageSize });
}

export function getTrends(weeks: number): Promise<TrendsView> {
  return call('report', 'trends', { weeks });
}

export function getHeatmap(weeks: number): Promise<HeatmapView> {
  return call('report', 'heatmap', { weeks });
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

/**
 * Downloads a workbook and opens it in WeChat's document viewer (showMenu: forward or save it).
 * (packageAdmin/mall-orders and packageStudio/assignment each keep a copy of this; they can use this one.)
 */
export function openWorkbook(url: string): Promise<void> {
  return new Promise((resolve, reject) => {
    wx.downloadFile({
      url,
      success: (res) => {
        if (res.statusCode !== 200) return reject(new Error(`download answered HTTP ${res.statusCode}`));
        wx.openDocument({ filePath: res.tempFilePath, fileType: 'xlsx', showMenu: true, success: () => resolve(), fail: (err) => reject(new Error(err.errMsg)) });
      },
      fail: (err) => reject(new Error(err.errMsg)),
    });
  });
}
