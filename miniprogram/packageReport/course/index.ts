/**
 * 课程数据: one course's figures, its weekly trend (uCharts: learners and completions as lines, shares and
 * conversions as columns) and the same figures per department, each table exportable to Excel.
 */
import { getCourseReport, scopeOf, type CourseReportDetail, type DepartmentReportRow } from '../../services/report';
import { leaveForBinding } from '../../services/gate';
import { departmentLabel } from '../../utils/departments';
import { definePage } from '../../utils/page';
import type { ListStatus } from '../../utils/paged-list';
import { exportTable, figureLines, figureList, updatedLabel, type Figure } from '../shared/format';
import { loadReport, pullDownRefresh } from '../shared/load';
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

definePage({
  data: {
    status: 'loading' as ListStatus,
    message: '',
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
  methods: {
    onLoad(query: Record<string, string | undefined> = {}) {
      this.setData({ courseId: query.id ?? '', departmentId: query.departmentId ?? '' });
      return this.load();
    },
    ...pullDownRefresh,
    load() {
      return loadReport(
        this,
        'course-report',
        () => getCourseReport(this.data.courseId, TREND_WEEKS, this.data.departmentId),
        (report) => this.show(report),
      );
    },
    show(report: CourseReportDetail) {
      wx.setNavigationBarTitle({ title: report.course.title });
      this.setData({
        status: 'ready',
        title: report.course.title,
        updated: updatedLabel(report.updatedAt),
        figures: figureList(report.course),
        charts: trendCharts(report.trends),
        departments: report.departments.map(toDepartmentView),
      });
    },
    onExportCourse() {
      return exportTable(this, 'course', { table: 'course', courseId: this.data.courseId, weeks: TREND_WEEKS, ...scopeOf(this.data.departmentId) });
    },
    onExportTrends() {
      return exportTable(this, 'trends', { table: 'trends', courseId: this.data.courseId, weeks: TREND_WEEKS, ...scopeOf(this.data.departmentId) });
    },
    onRetry() {
      return this.load();
    },
    onBind() {
      leaveForBinding('not-member');
    },
  },
});
