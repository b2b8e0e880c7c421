/**
 * components/department-picker: the tree in path order, search by name with each match's path, tapping a row
 * chooses or drops it, a chosen parent covers its sub-departments (含下级部门), and a chosen tag's close
 * removes it.
 */
import { input, loadComponent, settle, text, texts, type RenderedComponent } from '../harness';
import { departmentRows, toggledDepartment } from '../../../miniprogram/utils/departments';

const DEPARTMENTS = [
  { id: 'sales', name: '销售部', parentId: 'hq', path: ['总部', '销售部'] },
  { id: 'east', name: '华东区', parentId: 'sales', path: ['总部', '销售部', '华东区'] },
  { id: 'hq', name: '总部', parentId: null, path: ['总部'] },
  { id: 'rd', name: '研发部', parentId: 'hq', path: ['总部', '研发部'] },
  { id: 'service', name: '客服中心', parentId: null, path: ['客服中心'] },
];

function render(selected: string[]) {
  const { simulate, render: draw } = loadComponent('components/department-picker/index');
  const rendered = draw({ departments: DEPARTMENTS, selected });
  const changes: unknown[] = [];
  (rendered.instance as unknown as { triggerEvent: (name: string, detail: unknown) => void }).triggerEvent = (name, detail) => {
    if (name === 'change') changes.push(detail);
  };
  return { simulate, rendered, changes };
}

/** Types into the search field (components/form-field). */
async function search(simulate: typeof import('miniprogram-simulate'), rendered: RenderedComponent, value: string) {
  await input(simulate, rendered.querySelector('.department-search'), value);
}

/**
 * Closes a t-tag as its close icon does (TDesign's handleClose; the icon comes from a shared template the
 * simulator does not draw).
 */
function closeTag(tag: RenderedComponent) {
  (tag as unknown as { instance: { handleClose: (event: object) => void } }).instance.handleClose({});
}

test('lists the tree in path order; search keeps matching names with their paths', async () => {
  const { simulate, rendered } = render([]);
  await settle(simulate);
  // Each row: the name, then the parent's path.
  expect(texts(rendered.querySelectorAll('.department-row'))).toEqual(['客服中心', '总部', '研发部总部', '销售部总部', '华东区总部 / 销售部']);
  expect(text(rendered.querySelector('.picked-none'))).toBe('未选择：不限部门');

  await search(simulate, rendered, ' 华东 ');
  expect(texts(rendered.querySelectorAll('.department-row'))).toEqual(['华东区总部 / 销售部']);

  await search(simulate, rendered, '财务');
  expect(text(rendered.querySelector('.department-empty'))).toBe('没有名称含「财务」的部门');
});

test('a tap chooses or drops a department; a chosen tag closes', async () => {
  const { simulate, rendered, changes } = render(['rd']);
  await settle(simulate);
  expect(rendered.querySelectorAll('.picked')).toHaveLength(1);
  expect(text(rendered.querySelector('.picked-list'))).toBe('总部 / 研发部');
  rendered.querySelectorAll('.department-row')[0]!.dispatchEvent('tap');
  await settle(simulate);
  rendered.querySelectorAll('.department-row')[2]!.dispatchEvent('tap');
  await settle(simulate);
  closeTag(rendered.querySelector('.picked')!);
  await settle(simulate);
  expect(changes).toEqual([{ values: ['rd', 'service'] }, { values: [] }, { values: [] }]);
});

test('a chosen parent covers its sub-departments and replaces those chosen before', async () => {
  const { simulate, rendered, changes } = render(['hq']);
  await settle(simulate);
  expect(rendered.querySelectorAll('.department-implied')).toHaveLength(3);
  expect(text(rendered.querySelectorAll('.department-row')[3])).toContain('已含于上级部门');
  rendered.querySelectorAll('.department-row')[3]!.dispatchEvent('tap');
  await settle(simulate);
  expect(changes).toEqual([]);

  expect(toggledDepartment(DEPARTMENTS, ['east', 'rd', 'service'], 'sales')).toEqual(['rd', 'service', 'sales']);
  expect(toggledDepartment(DEPARTMENTS, ['east', 'rd'], 'hq')).toEqual(['hq']);
  expect(departmentRows(DEPARTMENTS, ['sales'], '').map((row) => `${row.name}:${row.depth}:${row.checked}:${row.implied}`)).toEqual([
    '客服中心:0:false:false',
    '总部:0:false:false',
    '研发部:1:false:false',
    '销售部:1:true:false',
    '华东区:2:true:true',
  ]);
});
