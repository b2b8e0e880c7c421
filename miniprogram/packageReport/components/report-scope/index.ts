/**
 * 统计范围: narrows a report to one department's subtree (the backend checks it lies inside the caller's
 * scope and answers FORBIDDEN otherwise). Loads the departments once; event change with { departmentId }
 * ('' for everything the caller may see).
 */
import { listDepartments } from '../../../services/admin';
import { failureOf } from '../../../utils/failure';
import { departmentOptions, type DepartmentOption } from '../../../utils/departments';
import { pickedIndex } from '../../../utils/ui';

const ALL = '全部（我的管理范围）';

Component({
  data: {
    options: [{ id: '', label: ALL }] as DepartmentOption[],
    index: 0,
  },
  lifetimes: {
    attached() {
      void this.loadDepartments();
    },
  },
  methods: {
    async loadDepartments() {
      try {
        this.setData({ options: departmentOptions(await listDepartments(), ALL) });
      } catch (error) {
        // Without the list the report still shows everything in scope; the picker just offers nothing else.
        failureOf(error, 'report-scope');
      }
    },
    onPick(event: WechatMiniprogram.CustomEvent<{ value: string | number }>) {
      const index = pickedIndex(event);
      const option = this.data.options[index];
      if (!option || index === this.data.index) return;
      this.setData({ index });
      this.triggerEvent('change', { departmentId: option.id });
    },
  },
});
