/**
 * Departments chosen from a searchable list (for a campaign's eligibility, and any form that targets
 * departments): the chosen ones as removable tags (TDesign's t-tag) above a search field (components/form-field) and the
 * list (t-checkbox rows, read-only so a tap on the row decides). Without a query the list is the tree in path
 * order, indented by depth; with one it keeps the departments whose name contains it, each with its path.
 * A chosen department includes its sub-departments (含下级部门): those show as chosen through their parent and
 * cannot be chosen on their own, and choosing a parent drops its chosen descendants, so `values` never holds
 * both. `departments` are the admin list's { id, name, parentId, path }; `selected` the chosen ids. Event:
 * change { values } with every chosen id.
 */
import type { Department } from '../../services/admin';
import { departmentRows, pickedDepartments, toggledDepartment, type DepartmentRow, type PickedDepartment } from '../../utils/departments';

type IdEvent = WechatMiniprogram.BaseEvent<{}, { id?: string }>;

Component({
  properties: {
    departments: { type: Array, value: [] as Department[] },
    selected: { type: Array, value: [] as string[] },
    disabled: { type: Boolean, value: false },
  },
  data: {
    query: '',
    rows: [] as DepartmentRow[],
    picked: [] as PickedDepartment[],
  },
  observers: {
    'departments, selected, query'(departments: Department[], selected: string[], query: string) {
      this.setData({ rows: departmentRows(departments, selected, query), picked: pickedDepartments(departments, selected) });
    },
  },
  methods: {
    onSearch(event: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.setData({ query: event.detail.value ?? '' });
    },
    onToggle(event: IdEvent) {
      const id = event.currentTarget.dataset.id;
      if (id === undefined || this.data.disabled) return;
      const selected = this.data.selected as string[];
      const values = toggledDepartment(this.data.departments as Department[], selected, id);
      if (values.length !== selected.length || values.some((value, at) => value !== selected[at])) this.triggerEvent('change', { values });
    },
    onRemove(event: IdEvent) {
      const id = event.currentTarget.dataset.id;
      if (id === undefined || this.data.disabled) return;
      this.triggerEvent('change', { values: (this.data.selected as string[]).filter((one) => one !== id) });
    },
  },
});
