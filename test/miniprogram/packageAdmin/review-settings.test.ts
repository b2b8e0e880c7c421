/**
 * 课程评审设置 (admin): load the review gate, edit dimensions, weights, scale, threshold and reviewers per
 * course, validation before anything is sent, and save / load failures.
 */
import { failure } from '../wx-stub';
import { pick, inStatus, settle, tap, wxStub, input, openPage, text, texts } from '../harness';
import { backend, inputsOf as callsOf, type CallOf } from '../../helpers/backend';
import type { ReviewSettings } from '../../../typings/functions/authoring';
import { ok } from '../wx-stub';

const SETTINGS: ReviewSettings = {
  dimensions: [
    { id: 'accuracy', name: '内容准确', weight: 40 },
    { id: 'structure', name: '结构清晰', weight: 30 },
    { id: 'engagement', name: '形式生动', weight: 30 },
  ],
  scale: '1-5',
  threshold: 3.5,
  reviewersPerRevision: 2,
};

const open = () => openPage('packageAdmin/review-settings/index');

/** The saved settings echo what was sent (the function answers the stored settings). */
const echo = (call: CallOf<'authoring', 'updateReviewSettings'>) => {
  const { action: _action, ...settings } = call.event;
  return ok(settings);
};

type Page = Awaited<ReturnType<typeof open>>['page'];

const values = (page: Page, selector: string): string[] => page.querySelectorAll(selector).map((field) => String((field.dom as HTMLInputElement).value ?? ''));

test('shows the current rubric; edits, a new dimension, a removed one and a new scale are saved as typed', async () => {
  backend({ 'authoring.getReviewSettings': () => ok(SETTINGS), 'authoring.updateReviewSettings': echo });
  const { page, simulate } = await open();
  expect(callsOf('authoring', 'getReviewSettings')).toEqual([{}]);
  expect(page.instance.data.dimensions.map((row: { name: string; weight: string }) => [row.name, row.weight])).toEqual([
    ['内容准确', '40'],
    ['结构清晰', '30'],
    ['形式生动', '30'],
  ]);
  expect(text(page.querySelector('.scale-picker')!.querySelector('.picker-field-value'))).toBe('1–5 分');
  expect(page.instance.data.threshold).toBe('3.5');
  expect(page.instance.data.reviewers).toBe('2');

  await tap(simulate, page.querySelectorAll('.remove-dimension')[1]!);
  await tap(simulate, page.querySelector('.add-dimension')!);
  await input(simulate, page.querySelectorAll('.dimension-name')[2], ' 实用性 ');
  await input(simulate, page.querySelectorAll('.dimension-weight')[2], '20');
  await input(simulate, page.querySelectorAll('.dimension-weight')[0], '50');
  await pick(simulate, page.querySelector('.scale-picker'), 1);
  expect(text(page.querySelector('.hint'))).toContain('（0–100）');
  await input(simulate, page.querySelector('.threshold-input'), '72.5');
  await input(simulate, page.querySelector('.reviewers-input'), '3');
  await tap(simulate, page.querySelector('.save-button')!);
  await settle(simulate);

  expect(callsOf('authoring', 'updateReviewSettings')).toEqual([
    {
      dimensions: [
        { id: 'accuracy', name: '内容准确', weight: 50 },
        { id: 'engagement', name: '形式生动', weight: 30 },
        // A new dimension gets an id the contract accepts and no other dimension uses.
        { id: 'dimension_3', name: '实用性', weight: 20 },
      ],
      scale: '0-100',
      threshold: 72.5,
      reviewersPerRevision: 3,
    },
  ]);
  expect(wxStub().toasts).toEqual(['评审设置已保存']);
  expect(text(page.querySelector('.scale-picker')!.querySelector('.picker-field-value'))).toBe('0–100 分');
  expect(page.instance.data.dimensions.map((row: { id: string }) => row.id)).toEqual(['accuracy', 'engagement', 'dimension_3']);
});

test('mistakes are marked where they are and nothing is sent: names, weights, duplicates, threshold off the scale, reviewers', async () => {
  backend({ 'authoring.getReviewSettings': () => ok(SETTINGS) });
  const { page, simulate } = await open();
  await input(simulate, page.querySelectorAll('.dimension-name')[0], '  ');
  await input(simulate, page.querySelectorAll('.dimension-weight')[1], '0');
  await input(simulate, page.querySelectorAll('.dimension-name')[2], '结构清晰');
  await input(simulate, page.querySelector('.threshold-input'), '6');
  await input(simulate, page.querySelector('.reviewers-input'), '9');
  await tap(simulate, page.querySelector('.save-button')!);

  expect(callsOf('authoring', 'updateReviewSettings')).toEqual([]);
  expect(texts(page.querySelectorAll('.dimension-error'))).toEqual([
    '请填写第 1 个维度的名称',
    '「结构清晰」的权重须为 1 到 100 之间的整数',
    '评分维度「结构清晰」重复了',
  ]);
  expect(text(page.querySelector('.threshold-error'))).toBe('通过分数须为 1 到 5 之间的数（最多 2 位小数）');
  expect(text(page.querySelector('.reviewers-error'))).toBe('每门课程的审核人数须为 1 到 5 之间的整数');
  expect(wxStub().toasts).toEqual(['请检查标红的输入']);

  // Typing clears a row's mark; what is still wrong is marked again on the next save.
  await input(simulate, page.querySelectorAll('.dimension-weight')[1], '30');
  await input(simulate, page.querySelectorAll('.dimension-name')[0], '内容准确');
  await tap(simulate, page.querySelector('.save-button')!);
  expect(texts(page.querySelectorAll('.dimension-error'))).toEqual(['评分维度「结构清晰」重复了']);

  // 3.455 has too many decimals; 3.45 fits the 1–5 scale, but 0 does not.
  await input(simulate, page.querySelector('.threshold-input'), '3.455');
  await tap(simulate, page.querySelector('.save-button')!);
  expect(text(page.querySelector('.threshold-error'))).toBe('通过分数须为 1 到 5 之间的数（最多 2 位小数）');
  await input(simulate, page.querySelector('.threshold-input'), '0');
  await tap(simulate, page.querySelector('.save-button')!);
  expect(page.querySelector('.threshold-error')).toBeTruthy();
  expect(callsOf('authoring', 'updateReviewSettings')).toEqual([]);
});

test('at least one dimension stays and at most ten can be added', async () => {
  backend({ 'authoring.getReviewSettings': () => ok({ ...SETTINGS, dimensions: [SETTINGS.dimensions[0]] }) });
  const { page, simulate } = await open();
  await tap(simulate, page.querySelector('.remove-dimension')!);
  expect(page.querySelectorAll('.dimension')).toHaveLength(1);
  expect(text(page.querySelector('.form-error'))).toBe('至少保留一个评分维度');

  for (let n = 0; n < 9; n += 1) await tap(simulate, page.querySelector('.add-dimension')!);
  expect(page.querySelectorAll('.dimension')).toHaveLength(10);
  expect(page.querySelector('.add-dimension')).toBeFalsy();
  const ids = page.instance.data.dimensions.map((row: { id: string }) => row.id);
  expect(new Set(ids).size).toBe(10);
  for (const id of ids) expect(id).toMatch(/^[a-z][a-z0-9_]{0,31}$/);
  expect(values(page, '.dimension-name').slice(1)).toEqual(Array(9).fill(''));
});

test('a refused save shows why and keeps what was typed; a failed load offers retry', async () => {
  let loads = 0;
  backend({
    'authoring.getReviewSettings': () => (loads++ === 0 ? failure('INTERNAL', '服务繁忙，请稍后重试') : ok(SETTINGS)),
    'authoring.updateReviewSettings': () => failure('INVALID_INPUT', '评分维度的编号不能重复'),
  });
  const { page, simulate } = await open();
  expect(text(inStatus(page, '.state-error'))).toContain('服务繁忙，请稍后重试');
  await tap(simulate, inStatus(page, '.retry')!);
  await settle(simulate);
  expect(page.querySelectorAll('.dimension')).toHaveLength(3);

  await input(simulate, page.querySelector('.threshold-input'), '4');
  await tap(simulate, page.querySelector('.save-button')!);
  await settle(simulate);
  expect(callsOf('authoring', 'updateReviewSettings')).toHaveLength(1);
  expect(text(page.querySelector('.form-error'))).toBe('评分维度的编号不能重复');
  expect(page.instance.data.threshold).toBe('4');
  expect(wxStub().toasts).toEqual([]);
});
