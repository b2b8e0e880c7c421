/**
 * The UI kit in miniprogram/components on TDesign: form-field and text-area hand their value on and show
 * their error (the text area counts against the contract's limit); picture-picker chooses and uploads through
 * services/media.ts and hands on the new list; chips choose one or several; section, stat-card and list-cell
 * show what they are given; picker-field opens TDesign's picker (a list, or a day) and hands on the choice.
 */
import { input, loadComponent, pick, settle, text, wxStub } from '../harness';
import { backend } from '../../helpers/backend';
import { CAMPAIGN_LIMITS } from '../../../miniprogram/utils/limits';
import { beijingToday } from '../../../miniprogram/utils/time';

function render(component: string, properties: Record<string, unknown>) {
  const loaded = loadComponent(`components/${component}/index`);
  const rendered = loaded.render(properties);
  return { ...loaded, rendered };
}

test('form-field: label, value and error; typing hands on the value', async () => {
  const { rendered, simulate } = render('form-field', { label: '名称', value: '积分', error: '请填写名称', maxlength: 20 });
  await settle(simulate);
  expect(text(rendered)).toContain('名称');
  expect(text(rendered)).toContain('请填写名称');
  const changes: unknown[] = [];
  (rendered.instance as unknown as { triggerEvent: (name: string, detail: unknown) => void }).triggerEvent = (_name, detail) => changes.push(detail);
  await input(simulate, rendered, '新名称');
  expect(changes).toEqual([{ value: '新名称' }]);
});

test('text-area: counts against the contract limit and shows its error', async () => {
  const { rendered, simulate } = render('text-area', { label: '打卡内容', value: '今天学了倾听', maxlength: CAMPAIGN_LIMITS.checkinText, error: '内容太短' });
  await settle(simulate);
  expect(text(rendered)).toContain('打卡内容');
  expect(text(rendered)).toContain(`6 / ${CAMPAIGN_LIMITS.checkinText}`);
  expect(text(rendered.querySelector('.text-area-message'))).toBe('内容太短');
});

test('picture-picker: chooses and uploads through the media module, then hands on the whole list', async () => {
  backend({});
  const { rendered, simulate } = render('picture-picker', {
    purpose: 'checkin',
    max: 3,
    pictures: [{ fileID: 'cloud://x/old.png', url: 'https://x/old.png' }],
  });
  const changes: unknown[] = [];
  (rendered.instance as unknown as { triggerEvent: (name: string, detail: unknown) => void }).triggerEvent = (name, detail) => {
    if (name === 'change') changes.push(detail);
  };
  expect(text(rendered.querySelector('.picture-count'))).toBe('1/3');
  wxStub().files.set('/tmp/a.jpg', 'JPG-A');
  wxStub().chooseMediaAnswer = ['/tmp/a.jpg'];
  rendered.querySelector('.picture-add')!.dispatchEvent('tap');
  await settle(simulate, 8);
  expect(wxStub().chooseMediaOptions[0]).toMatchObject({ count: 2, mediaType: ['image'], sizeType: ['compressed'] });
  expect(wxStub().uploads[0]?.cloudPath).toMatch(/^uploads\/[^/]+\/checkin\/[A-Za-z0-9_-]+\.jpg$/);
  const [change] = changes as { pictures: { fileID: string }[] }[];
  expect(change?.pictures.map((picture) => picture.fileID)).toEqual(['cloud://x/old.png', `cloud://local-bucket/${wxStub().uploads[0]?.cloudPath}`]);
});

test('chips: one value, or all chosen when multiple', async () => {
  const single = render('chips', {
    options: [
      { value: 'a', label: '全部' },
      { value: 'b', label: '进行中' },
    ],
    selected: ['a'],
  });
  await settle(single.simulate);
  const singleChanges: unknown[] = [];
  (single.rendered.instance as unknown as { triggerEvent: (name: string, detail: unknown) => void }).triggerEvent = (_name, detail) =>
    singleChanges.push(detail);
  expect(text(single.rendered)).toContain('进行中');
  single.rendered.querySelectorAll('.chip')[1]!.dispatchEvent('tap');
  await settle(single.simulate);
  expect(singleChanges).toEqual([{ value: 'b' }]);

  const multiple = render('chips', {
    options: [
      { value: 'a', label: 'A' },
      { value: 'b', label: 'B' },
    ],
    selected: ['a'],
    multiple: true,
  });
  await settle(multiple.simulate);
  const multipleChanges: unknown[] = [];
  (multiple.rendered.instance as unknown as { triggerEvent: (name: string, detail: unknown) => void }).triggerEvent = (_name, detail) =>
    multipleChanges.push(detail);
  expect(multiple.rendered.querySelectorAll('.chip-on')).toHaveLength(1);
  multiple.rendered.querySelectorAll('.chip')[1]!.dispatchEvent('tap');
  await settle(multiple.simulate);
  multiple.rendered.querySelectorAll('.chip')[0]!.dispatchEvent('tap');
  await settle(multiple.simulate);
  expect(multipleChanges).toEqual([{ values: ['a', 'b'] }, { values: [] }]);
});

test('section, stat-card and list-cell show what they are given', async () => {
  const section = render('section', { title: '每日数据', note: '近 7 天' });
  const stat = render('stat-card', { value: '1,200', label: '积分余额', hint: '30 天内过期 20', theme: 'brand' });
  const cell = render('list-cell', { title: '我的订单', note: '3 笔', url: '/packagePoints/orders/index' });
  await settle(cell.simulate);
  expect(text(section.rendered.querySelector('.section-title'))).toBe('每日数据');
  expect(text(section.rendered.querySelector('.section-note'))).toBe('近 7 天');
  expect(text(stat.rendered.querySelector('.stat-value'))).toBe('1,200');
  expect(stat.rendered.querySelector('.stat-brand')).toBeTruthy();
  expect(text(stat.rendered.querySelector('.stat-hint'))).toBe('30 天内过期 20');
  expect(text(cell.rendered)).toContain('我的订单');
  expect(text(cell.rendered)).toContain('3 笔');
});

function changesOf(rendered: ReturnType<typeof render>['rendered']): unknown[] {
  const changes: unknown[] = [];
  (rendered.instance as unknown as { triggerEvent: (name: string, detail: unknown) => void }).triggerEvent = (name, detail) => {
    if (name === 'change') changes.push(detail);
  };
  return changes;
}

/** What the open picker of a picker-field shows first: t-picker's value, or t-date-time-picker's. */
const opening = (field: ReturnType<typeof render>['rendered']) => (field.data as { open: boolean; opening: string }).opening;

test('picker-field: shows the picked option, opens its picker on it and hands on a different confirmed one', async () => {
  const options = [
    { value: 'none', label: '不分组' },
    { value: 'chosen', label: '报名时选择' },
  ];
  const { rendered, simulate } = render('picker-field', { label: '分组方式', options, value: 'none' });
  await settle(simulate);
  expect(text(rendered)).toContain('分组方式');
  expect(text(rendered.querySelector('.picker-field-value'))).toBe('不分组');
  expect(rendered.querySelector('.picker-field-picker')).toBeFalsy();
  const changes = changesOf(rendered);
  // Confirming the value it already has sends nothing.
  await pick(simulate, rendered, 'none');
  expect(changes).toEqual([]);
  expect(rendered.querySelector('.picker-field-picker')).toBeFalsy();
  rendered.querySelector('.picker-field-cell')!.dispatchEvent('tap');
  await settle(simulate);
  expect(opening(rendered)).toBe('none');
  rendered.querySelector('.picker-field-picker')!.querySelector('.t-picker__cancel')!.dispatchEvent('tap');
  await settle(simulate);
  expect(rendered.querySelector('.picker-field-picker')).toBeFalsy();
  await pick(simulate, rendered, 1);
  expect(changes).toEqual([{ value: 'chosen', index: 1 }]);
  expect(rendered.querySelector('.picker-field-picker')).toBeFalsy();

  const empty = render('picker-field', { label: '管理范围', options, value: '' });
  await settle(empty.simulate);
  expect(text(empty.rendered.querySelector('.picker-field-value'))).toBe('请选择');
  // Nothing chosen yet: the wheel opens on the first option.
  empty.rendered.querySelector('.picker-field-cell')!.dispatchEvent('tap');
  await settle(empty.simulate);
  expect(opening(empty.rendered)).toBe('none');
  // A current value the options leave out (where a campaign is managed now) shows as given.
  const current = render('picker-field', { label: '管理范围', options, value: '', text: '销售部' });
  await settle(current.simulate);
  expect(text(current.rendered.querySelector('.picker-field-value'))).toBe('销售部');
  // No options: nothing to open.
  const none = render('picker-field', { label: '部门', options: [], value: '' });
  await settle(none.simulate);
  none.rendered.querySelector('.picker-field-cell')!.dispatchEvent('tap');
  await settle(none.simulate);
  expect(none.rendered.querySelector('.picker-field-picker')).toBeFalsy();
});

test('picker-field: compact, for a filter row: the value and ▾ inline, no cell; picks the same way', async () => {
  const options = [
    { value: '', label: '全部状态' },
    { value: 'active', label: '在职' },
  ];
  const { rendered, simulate } = render('picker-field', { options, value: '', compact: true, placeholder: '状态' });
  await settle(simulate);
  expect(rendered.querySelector('.picker-field-inline')).toBeTruthy();
  expect(rendered.querySelector('.t-cell')).toBeFalsy();
  expect(text(rendered.querySelector('.picker-field-value'))).toBe('全部状态');
  const changes = changesOf(rendered);
  await pick(simulate, rendered, 'active');
  expect(changes).toEqual([{ value: 'active', index: 1 }]);
});

test('picker-field: a date or a time through the date-time picker, column by column; disabled, it does not open', async () => {
  const date = render('picker-field', { label: '开始日期', mode: 'date', value: '2026-04-01' });
  await settle(date.simulate);
  expect(text(date.rendered.querySelector('.picker-field-value'))).toBe('2026-04-01');
  const changes = changesOf(date.rendered);
  await pick(date.simulate, date.rendered, '2027-02-28');
  expect(changes).toEqual([{ value: '2027-02-28', index: -1 }]);

  const time = render('picker-field', { label: '提醒时间', mode: 'time', value: '20:00', error: '请选择提醒时间' });
  await settle(time.simulate);
  expect(text(time.rendered.querySelector('.picker-field-message'))).toBe('请选择提醒时间');
  const times = changesOf(time.rendered);
  await pick(time.simulate, time.rendered, '07:45');
  expect(times).toEqual([{ value: '07:45', index: -1 }]);

  const locked = render('picker-field', { label: '结束日期', mode: 'date', value: '2026-04-01', disabled: true, clearable: true });
  await settle(locked.simulate);
  locked.rendered.querySelector('.picker-field-cell')!.dispatchEvent('tap');
  await settle(locked.simulate);
  expect(locked.rendered.querySelector('.picker-field-picker')).toBeFalsy();
  expect(locked.rendered.querySelector('.picker-field-clear')).toBeFalsy();
});

test('picker-field: an empty day opens on today (Beijing); a day before `start` is not offered; 清除 empties an optional day', async () => {
  const empty = render('picker-field', { mode: 'date', placeholder: '开始日期', clearable: true, start: '2026-03-15' });
  await settle(empty.simulate);
  expect(text(empty.rendered.querySelector('.picker-field-value'))).toBe('开始日期');
  expect(empty.rendered.querySelector('.picker-field-clear')).toBeFalsy();
  empty.rendered.querySelector('.picker-field-cell')!.dispatchEvent('tap');
  await settle(empty.simulate);
  expect(opening(empty.rendered)).toBe(beijingToday());
  empty.rendered.querySelector('.picker-field-picker')!.querySelector('.t-date-time-picker')!.querySelector('.t-picker__cancel')!.dispatchEvent('tap');
  await settle(empty.simulate);
  await expect(pick(empty.simulate, empty.rendered, '2026-03-14')).rejects.toThrow('not on the picker');

  const chosen = render('picker-field', { mode: 'date', value: '2026-05-31', clearable: true });
  await settle(chosen.simulate);
  const cleared = changesOf(chosen.rendered);
  chosen.rendered.querySelector('.picker-field-clear')!.dispatchEvent('tap');
  await settle(chosen.simulate);
  expect(cleared).toEqual([{ value: '', index: -1 }]);
});
