/**
 * 完成情况 (trainers): one assignment's completion overall and per department; tapping a department narrows
 * the paged list of people not done to it; the list exports to Excel (generated in cloud storage, opened with
 * wx.downloadFile + wx.openDocument). Targets can be refreshed (new hires, moves) and the assignment cancelled.
 */
import {
  assignmentStats,
  cancelAssignment,
  exportPending,
  listPending,
  refreshTargets,
  type Assignment,
  type AssignmentStats,
  type PendingMember,
} from '../../services/assignment';
import { failureOf } from '../../utils/failure';
import { definePage, refreshWith } from '../../utils/page';
import { createPagedList, initialListState, type FetchPage } from '../../utils/paged-list';
import { confirmModal, toast } from '../../utils/ui';
import { openWorkbook } from '../../utils/workbook';
import { assignmentSummary, percentOf, type AssignmentSummary } from '../shared/assignment-view';
import type { TabsEvent } from '../../utils/events';

interface DepartmentRow {
  departmentId: string;
  name: string;
  progress: string;
  percent: number;
}

interface PendingView {
  memberId: string;
  name: string;
  detail: string;
}

function departmentRows(stats: AssignmentStats): DepartmentRow[] {
  return stats.departments.map((row) => ({
    departmentId: row.departmentId,
    name: row.departmentPath.join(' / '),
    progress: `${row.completed}/${row.assigned}`,
    percent: percentOf(row.completed, row.assigned),
  }));
}

/** The t-tabs row above the people not done: everyone, or one department. */
function departmentTabs(rows: DepartmentRow[]): { value: string; label: string }[] {
  return [{ value: '', label: '全部' }, ...rows.map((row) => ({ value: row.departmentId, label: row.name }))];
}

function toPendingView(member: PendingMember): PendingView {
  const series = member.totalCourses > 1 ? ` · 已完成 ${member.completedCourses}/${member.totalCourses} 门` : '';
  return {
    memberId: member.memberId,
    name: member.name,
    detail: `${member.employeeNo ?? '外部合作伙伴'} · ${member.departmentPath.join(' / ')}${series}`,
  };
}

const pending = createPagedList<PendingMember, PendingView>(toPendingView);

function fetchFor(assignmentId: string, departmentId: string): FetchPage<PendingMember> {
  return (page, pageSize) => listPending(assignmentId, departmentId, page, pageSize);
}

definePage({
  data: {
    ...initialListState<PendingView>(),
    assignmentId: '',
    header: null as AssignmentSummary | null,
    headerStatus: 'loading' as 'loading' | 'ready' | 'error',
    headerMessage: '',
    departments: [] as DepartmentRow[],
    departmentTabs: [] as { value: string; label: string }[],
    departmentId: '',
    departmentName: '',
    busy: '',
  },
  methods: {
    onLoad(query?: Record<string, string | undefined>) {
      this.setData({ assignmentId: query?.assignmentId ?? '' });
      return this.refresh();
    },
    onPullDownRefresh() {
      return refreshWith(() => this.refresh());
    },
    refresh() {
      return Promise.all([this.loadStats(), this.reload()]).then(() => undefined);
    },
    async loadStats() {
      try {
        const stats = await assignmentStats(this.data.assignmentId);
        const departments = departmentRows(stats);
        this.setData({ headerStatus: 'ready', header: assignmentSummary(stats.assignment), departments, departmentTabs: departmentTabs(departments) });
      } catch (error) {
        this.setData({ headerStatus: 'error', headerMessage: failureOf(error, 'assignment').message });
      }
    },
    reload() {
      return pending.reload(this, fetchFor(this.data.assignmentId, this.data.departmentId));
    },
    onReachBottom() {
      return this.onLoadMore();
    },
    onLoadMore() {
      return pending.loadMore(this, fetchFor(this.data.assignmentId, this.data.departmentId));
    },
    onRetry() {
      return this.refresh();
    },
    /** Tapping a department narrows the list to it; tapping it again shows everyone. */
    onDepartmentTab(event: TabsEvent<string>) {
      const departmentId = event.detail.value;
      if (departmentId === this.data.departmentId) return undefined;
      const row = this.data.departments.find((item) => item.departmentId === departmentId);
      this.setData({ departmentId, departmentName: row?.name ?? '', items: [] });
      return this.reload();
    },
    async onExport() {
      if (this.data.busy) return;
      this.setData({ busy: '正在生成 Excel…' });
      try {
        const exported = await exportPending(this.data.assignmentId, this.data.departmentId);
        if (exported.rows === 0) {
          toast('没有未完成的人员');
          return;
        }
        await openWorkbook(exported.url);
      } catch (error) {
        toast(failureOf(error, 'assignment', '导出失败，请稍后重试').message);
      } finally {
        this.setData({ busy: '' });
      }
    },
    /** Runs a change on the assignment and shows it as answered. */
    async change(run: (assignmentId: string) => Promise<Assignment>, done: string) {
      if (this.data.busy) return;
      this.setData({ busy: '正在处理…' });
      try {
        const assignment = await run(this.data.assignmentId);
        this.setData({ header: assignmentSummary(assignment) });
        toast(done);
        await this.refresh();
      } catch (error) {
        toast(failureOf(error, 'assignment', '操作失败，请稍后重试').message);
      } finally {
        this.setData({ busy: '' });
      }
    },
    onRefreshTargets() {
      return this.change(refreshTargets, '已更新指派人员');
    },
    async onCancel() {
      const confirmed = await confirmModal({
        title: '取消必修任务',
        content: `取消后学员将不再看到「${this.data.header?.title ?? ''}」这项必修任务，已有学习记录保留。确定取消吗？`,
        confirmText: '取消任务',
        danger: true,
      });
      if (confirmed) await this.change(cancelAssignment, '已取消');
    },
  },
});
