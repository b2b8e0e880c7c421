/**
 * What every report screen shares: the filters (department, weeks), the departments the member may report on,
 * the Excel export of a table, and how figures read. The server decides the scope (report.* refuses a
 * department outside it); the picker only leaves out what would be refused.
 */
import { beijingTime } from '../services/time';
import { computed, reactive, ref, watch, type Ref } from 'vue';
import type { ActionInput } from '../../../typings/api';
import type { DepartmentView } from '../../../typings/functions/admin';
import type { ReportFigures, ReportTable } from '../../../typings/functions/report';
import type { RoleGrant } from '../../../typings/roles';
import { download } from '../services/download';
import { errorMessage } from '../services/errors';
import { session } from '../services/session';
import { call } from '../services/transport';
import { latestLoad } from './server-table';

export const WEEK_OPTIONS = [4, 8, 12, 26, 52].map((weeks) => ({ label: `最近 ${weeks} 周`, value: weeks }));

export interface ReportFilters {
  departmentId: string | undefined;
  weeks: number;
}

/** One set of filters for the whole reports area, so switching tabs keeps them. */
export const reportFilters = reactive<ReportFilters>({ departmentId: undefined, weeks: 12 });

const departments = ref<DepartmentView[]>([]);
// biome-ignore lint/correctness/noUnusedVariables: read by ??= (load once per page load, again after a failure).
let departmentsLoaded: Promise<void> | null = null;

/** The departments under the member's trainer and admin grants (all of them with a company-wide grant). */
export function departmentsInScope(all: readonly DepartmentView[], grants: readonly RoleGrant[]): DepartmentView[] {
  const reporting = grants.filter((grant) => grant.role === 'trainer' || grant.role === 'admin');
  if (reporting.some((grant) => grant.scopeDepartmentId === undefined)) return [...all];
  const roots = reporting
    .map((grant) => all.find((department) => department.id === grant.scopeDepartmentId))
    .filter((root): root is DepartmentView => root !== undefined);
  return all.filter((department) => roots.some((root) => root.path.every((name, index) => department.path[index] === name)));
}

export function useReportDepartments() {
  departmentsLoaded ??= call('admin', 'listDepartments', {}).then(
    (list) => {
      departments.value = list;
    },
    () => {
      // The picker stays empty; the reports themselves still load for the member's whole scope.
      departmentsLoaded = null;
    },
  );
  const options = computed(() =>
    departmentsInScope(departments.value, session.me?.roles ?? [])
      .map((department) => ({ label: department.path.join(' / '), value: department.id }))
      .sort((a, b) => a.label.localeCompare(b.label, 'zh-CN')),
  );
  return { options };
}

/** The filters as report inputs (departmentId only when chosen). */
export function filterInput(): { departmentId?: string; weeks: number } {
  return reportFilters.departmentId ? { departmentId: reportFilters.departmentId, weeks: reportFilters.weeks } : { weeks: reportFilters.weeks };
}

const TABLE_NAMES: Record<ReportTable, string> = {
  courses: '课程效果',
  departments: '部门效果',
  trends: '学习趋势',
  heatmap: '学习时段',
  campaigns: '打卡活动',
  contests: '微课大赛',
  course: '课程报表',
};

/** Exports one report table with the current filters; answers the server's message on failure, else ''. */
export function useReportExport() {
  const exporting = ref<ReportTable | null>(null);
  async function exportTable(table: ReportTable, extra: Partial<ActionInput<'report', 'export'>> = {}): Promise<string> {
    exporting.value = table;
    try {
      const result = await call('report', 'export', { table, ...filterInput(), sort: 'learners', ...extra });
      const day = new Date().toISOString().slice(0, 10);
      download(result.url, `${TABLE_NAMES[table]}-${day}.xlsx`);
      return '';
    } catch (error) {
      return errorMessage(error, '导出失败，请稍后重试');
    } finally {
      exporting.value = null;
    }
  }
  return { exporting, exportTable };
}

export const percent = (rate: number | null): string => (rate === null ? '—' : `${(rate * 100).toFixed(1)}%`);
export const minutes = (seconds: number | null): string => (seconds === null ? '—' : (seconds / 60).toFixed(1));
export const decimal = (value: number | null): string => (value === null ? '—' : value.toFixed(2));
export const updatedText = (updatedAt: string | null): string => (updatedAt === null ? '统计尚未运行' : `数据更新于 ${beijingTime(updatedAt)}`);

/** The figure columns the report tables can show (TDesign columns), over rows made by figureCells. */
const FIGURE_COLUMNS = {
  audience: '推送人数',
  views: '浏览次数',
  clickText: '点击率',
  learners: '学习人数',
  completions: '完成人数',
  completionText: '完成率',
  studyMinutes: '人均时长(分钟)',
  rating: '平均评分',
  passText: '测验通过率',
  shares: '分享次数',
  shareText: '分享率',
  conversions: '分享转化',
} as const;

export function figureColumns(...keys: (keyof typeof FIGURE_COLUMNS)[]) {
  return keys.map((colKey) => ({ colKey, title: FIGURE_COLUMNS[colKey], align: 'right' as const }));
}

/** A report row with its rates and times as the tables print them. */
export function figureCells<Row extends ReportFigures>(row: Row) {
  return {
    ...row,
    clickText: percent(row.clickThrough),
    completionText: percent(row.completionRate),
    studyMinutes: minutes(row.avgStudySeconds),
    rating: decimal(row.avgRating),
    passText: percent(row.quizPassRate),
    shareText: percent(row.shareRate),
  };
}

/**
 * A report read whole (not paged) that follows the filters: loads again whenever they (or `source`)
 * change, and drops answers to superseded requests, as useServerTable does for pages.
 */
export function useReportView<T>(fetch: () => Promise<T>, source: () => unknown = () => null) {
  const view = ref<T | null>(null) as Ref<T | null>;
  const loading = ref(false);
  const error = ref('');
  const load = latestLoad(
    { loading, error },
    fetch,
    (answer) => {
      view.value = answer;
    },
    () => {
      view.value = null;
    },
  );
  watch([source, () => ({ ...reportFilters })], load, { immediate: true });
  return { view, loading, error };
}
