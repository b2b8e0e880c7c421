/**
 * 学习数据 (trainers and admins, scoped by the backend to their departments): every course with its effect
 * figures, sortable, exportable to Excel, each opening its detail; links to the department table, learning
 * trends and time slots, and the campaign and contest summaries.
 */
import { listCourseReports, scopeOf, type CourseReportRow, type CourseSort } from '../../services/report';
import type { TabsEvent } from '../../utils/events';
import { definePagedListPage } from '../../utils/paged-list';
import { exportTable, figureLines, updatedLabel } from '../shared/format';
import { routeUrl } from '../../utils/routes';

interface CourseRowView {
  courseId: string;
  title: string;
  lines: string[];
}

const toRowView = (row: CourseReportRow): CourseRowView => ({ courseId: row.courseId, title: row.title, lines: figureLines(row) });

const SORT_LABELS: Record<CourseSort, string> = {
  learners: '学习人数',
  views: '浏览次数',
  completions: '完成人数',
  shares: '分享次数',
  audience: '推送人数',
};

/** The sort tabs, in the order of SORT_LABELS (typed against the contract's sorts, so none is missing). */
const SORTS = (Object.keys(SORT_LABELS) as CourseSort[]).map((value) => ({ value, label: SORT_LABELS[value] }));

/** The other report pages. */
const LINKS = [
  { title: '部门对比', url: routeUrl('packageReport/departments') },
  { title: '学习趋势与时段', url: routeUrl('packageReport/activity') },
  { title: '打卡与大赛', url: routeUrl('packageReport/summaries') },
];

type ScopeEvent = WechatMiniprogram.CustomEvent<{ departmentId: string }>;
type OpenEvent = WechatMiniprogram.BaseEvent<{}, { id?: string; url?: string }>;

definePagedListPage({
  async fetchPage(page, pageSize) {
    const { sort, departmentId } = this.data;
    const result = await listCourseReports(page, pageSize, sort, departmentId);
    if (sort === this.data.sort && departmentId === this.data.departmentId) this.setData({ updated: updatedLabel(result.updatedAt) });
    return result;
  },
  toView: toRowView,
  data: {
    sorts: SORTS,
    sort: 'learners' as CourseSort,
    /** '' for everything in the caller's scope. */
    departmentId: '',
    updated: '',
    links: LINKS,
    exporting: '',
  },
  methods: {
    onSort(event: TabsEvent<CourseSort>) {
      const sort = event.detail.value;
      if (sort === this.data.sort) return undefined;
      return this.reloadWith({ sort });
    },
    onScope(event: ScopeEvent) {
      return this.reloadWith({ departmentId: event.detail.departmentId });
    },
    onCourse(event: OpenEvent) {
      const { id } = event.currentTarget.dataset;
      if (!id) return;
      wx.navigateTo({ url: routeUrl('packageReport/course', { id, departmentId: this.data.departmentId }) });
    },
    onLink(event: OpenEvent) {
      const { url } = event.currentTarget.dataset;
      if (url) wx.navigateTo({ url });
    },
    onExport() {
      return exportTable(this, 'courses', { table: 'courses', sort: this.data.sort, ...scopeOf(this.data.departmentId) });
    },
  },
});
