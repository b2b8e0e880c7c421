/**
 * 课程数据: one course's figures, its weekly trend (uCharts: learners and completions as lines, shares and
 * conversions as columns) and the same figures per department, each table exportable to Excel.
 */
import { getCourseReport, scopeOf, type CourseReportDetail, type DepartmentReportRow } from '../../services/report';
import { departmentLabel } from '../../utils/departments';
import { defineLoadedPage } from '../../utils/loaded-page';
import { exportTable, figureLines, figureList, updatedLabel, type Figure } from '../shared/format';
import { TREND_WEEKS, trendCharts } from '../shared/trends';

interface DepartmentView {
  departmentId: string;
  path: string;
  lines: string[];
}

const toDepartmentView = (row: DepartmentReportRow): DepartmentView => ({
  departmentId: row.departmentId,
  path: departmentLabel(row.path),
  lines: figureLines(row),
});

defineLoadedPage({
  where: 'course-report',
  data: {
    courseId: '',
    /** The department the overview was narrowed to, '' for the caller's whole scope. */
    departmentId: '',
    title: '',
    updated: '',
    figures: [] as Figure[],
    charts: trendCharts([]),
    departments: [] as DepartmentView[],
    exporting: '',
  },
  readQuery: (query) => ({ courseId: query.id ?? '', departmentId: query.departmentId ?? '' }),
  fetch() {
    return getCourseReport(this.data.courseId, TREND_WEEKS, this.data.departmentId);
  },
  show: (report: CourseReportDetail) => ({
    title: report.course.title,
    updated: updatedLabel(report.updatedAt),
    figures: figureList(report.course),
    charts: trendCharts(report.trends),
    departments: report.departments.map(toDepartmentView),
  }),
  afterShow(report) {
    wx.setNavigationBarTitle({ title: report.course.title });
  },
  methods: {
    onExportCourse() {
      return exportTable(this, 'course', { table: 'course', courseId: this.data.courseId, weeks: TREND_WEEKS, ...scopeOf(this.data.departmentId) });
    },
    onExportTrends() {
      return exportTable(this, 'trends', { table: 'trends', courseId: this.data.courseId, weeks: TREND_WEEKS, ...scopeOf(this.data.departmentId) });
    },
  },
});
