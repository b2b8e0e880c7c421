/** 部门对比: every department in the caller's scope with its figures over all courses, exportable to Excel. */
import { listDepartmentReports, type DepartmentReportRow } from '../../services/report';
import { definePagedListPage } from '../../utils/paged-list';
import { exportTable, figureLines, updatedLabel } from '../shared/format';

interface DepartmentView {
  departmentId: string;
  path: string;
  lines: string[];
}

const toView = (row: DepartmentReportRow): DepartmentView => ({ departmentId: row.departmentId, path: row.path.join(' / '), lines: figureLines(row) });

definePagedListPage({
  async fetchPage(page, pageSize) {
    const result = await listDepartmentReports(page, pageSize);
    this.setData({ updated: updatedLabel(result.updatedAt) });
    return result;
  },
  toView,
  data: {
    updated: '',
    exporting: '',
  },
  methods: {
    onExport() {
      return exportTable(this, 'departments', { table: 'departments' });
    },
  },
});
