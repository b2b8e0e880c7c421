/** utils/ui.ts confirmModal: TDesign's dialog on the page in front, answered through its buttons. */
import path from 'node:path';
import { loadComponent, MINIPROGRAM_ROOT, openedPages, settle, wxStub } from '../harness';

type Ui = typeof import('../../../miniprogram/utils/ui');

/** A confirming page (its dialog sits outside its loading states) and the ui module the page uses. */
function confirmingPage() {
  const loaded = loadComponent('packageStudio/assignment/index');
  const page = loaded.render();
  return { ...loaded, page, ui: loaded.requireModule<Ui>('utils/ui') };
}

const confirmButtonClass = (page: ReturnType<typeof confirmingPage>['page']): string =>
  page.querySelector('#t-dialog')?.querySelector('.t-dialog__button--confirm')?.querySelector('.t-button')?.dom?.className ?? '';

test('confirm resolves true, cancel false; the dialog shows the title, the text and the confirm label', async () => {
  const { page, simulate, ui } = confirmingPage();
  wxStub().modalAnswers = [true, false];
  await expect(ui.confirmModal({ title: '删除作业', content: '删除后无法恢复。', confirmText: '删除', danger: true })).resolves.toBe(true);
  await settle(simulate);
  await expect(ui.confirmModal({ title: '发布作业', content: '发布后学员可见。' })).resolves.toBe(false);
  expect(wxStub().modals).toEqual([
    { title: '删除作业', content: '删除后无法恢复。' },
    { title: '发布作业', content: '发布后学员可见。' },
  ]);
  expect(page.querySelector('#t-dialog')?.instance.data).toMatchObject({
    visible: false,
    confirmBtn: { content: '确定', theme: 'primary' },
    cancelBtn: '取消',
  });
});

test('a destructive action confirms in the error colour (TDesign danger theme)', async () => {
  const { page, simulate, ui } = confirmingPage();
  wxStub().modalAnswers = [false];
  const answer = ui.confirmModal({ title: '删除作业', content: '删除后无法恢复。', confirmText: '删除', danger: true });
  await settle(simulate, 1);
  expect(confirmButtonClass(page)).toContain('t-button--danger');
  await expect(answer).resolves.toBe(false);
});

test('with no page in front nothing is asked and the answer is no', async () => {
  const ui = require(path.join(MINIPROGRAM_ROOT, 'utils/ui')) as Ui;
  openedPages().length = 0;
  await expect(ui.confirmModal({ title: '删除作业', content: '删除后无法恢复。' })).resolves.toBe(false);
  expect(wxStub().modals).toEqual([]);
});
