/** 部门对比: every department in the caller's scope with its figures over all courses, exportable to Excel. */
import { listDepartmentReports, scopeOf, type DepartmentReportRow } from '../../services/report';
import { departmentLabel } from '../../utils/departments';
import { definePagedListPage } from '../../utils/paged-list';
import { exportTable, figureLines, updatedLabel } from '../shared/format';

interface DepartmentView {
  departmentId: string;
  path: string;
  lines: string[];
}

const toView = (row: DepartmentReportRow): DepartmentView => ({ departmentId: row.departmentId, path: departmentLabel(row.path), lines: figureLines(row) });

definePagedListPage({
  async fetchPage(page, pageSize) {
    const result = await listDepartmentReports(page, pageSize, this.data.departmentId);
    this.setData({ updated: updatedLabel(result.updatedAt) });
    return result;
  },
  toView,
  data: {
    /** '' for everything in the caller's scope. */
    departmentId: '',
    updated: '',
    exporting: '',
  },
  methods: {
    onScope(event: WechatMiniprogram.CustomEvent<{ departmentId: string }>) {
      return this.reloadWith({ departmentId: event.detail.departmentId });
    },
    onExport() {
      return exportTable(this, 'departments', { table: 'departments', ...scopeOf(this.data.departmentId) });
    },
  },
});
