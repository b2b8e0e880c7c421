/**
 * 统计范围: narrows a report to one department's subtree (the backend checks it lies inside the caller's
 * scope and answers FORBIDDEN otherwise). Loads the departments once; chosen through the kit's picker-field;
 * event change with { departmentId } ('' for everything the caller may see).
 */
import { listDepartments } from '../../../services/admin';
import { failureOf } from '../../../utils/failure';
import { departmentChoices } from '../../../utils/departments';

const ALL = '全部（我的管理范围）';

Component({
  data: {
    options: [{ value: '', label: ALL }],
    departmentId: '',
  },
  lifetimes: {
    attached() {
      void this.loadDepartments();
    },
  },
  methods: {
    async loadDepartments() {
      try {
        this.setData({ options: departmentChoices(await listDepartments(), ALL) });
      } catch (error) {
        // Without the list the report still shows everything in scope; the picker just offers nothing else.
        failureOf(error, 'report-scope');
      }
    },
    onPick(event: WechatMiniprogram.CustomEvent<{ value: string }>) {
      const departmentId = event.detail.value;
      if (departmentId === this.data.departmentId) return;
      this.setData({ departmentId });
      this.triggerEvent('change', { departmentId });
    },
  },
});
