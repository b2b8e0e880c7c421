/**
 * 礼品管理 (admin): items with stock and status, on/off sale, restock and codes; and its item editor
 * (packageAdmin/mall-item, opened from the list, which reloads when it shows again) with validation beside
 * each field, picture upload (wx.chooseMedia + uploadFile) and one createItem requestId reused on retry.
 */
import { failure, ok } from '../wx-stub';
import { fieldError, inStatus, pick, settle, tap, wxStub, openPage, text, texts, typeInto, page } from '../harness';
import { backend, callsOf, itemDetail } from '../../helpers/pages/points';
import type { MallItemAdminView } from '../../../typings/functions/points';

function adminItem(id: string, overrides: Partial<MallItemAdminView> = {}): MallItemAdminView {
  const { remainingForMe: _remaining, myBalance: _balance, ...view } = itemDetail({ id, pictures: ['cloud://local-bucket/mall/mug.png'] });
  const stamp = '2026-03-01T02:00:00.000Z';
  return { ...view, codesAdded: 0, codesIssued: 0, redeemedCount: 3, createdAt: stamp, updatedAt: stamp, ...overrides };
}

const VOUCHER = adminItem('item-voucher', { name: '培训券', kind: 'virtual', stock: 7, codesAdded: 10, codesIssued: 3, pictures: [], status: 'off_sale' });
const open = () => openPage('packageAdmin/mall-items/index');
const openEditor = (query: Record<string, string> = {}) => openPage('packageAdmin/mall-item/index', query);
type Rendered = Awaited<ReturnType<typeof open>>;

/** The picture picker's add tile and remove marks (components/picture-picker). */
const inPictures = (rendered: Rendered['page'], selector: string) => rendered.querySelector('.pictures')!.querySelector(selector)!;

/** A TDesign chip among the kit's chips (components/chips) under `selector`. */
const chip = (rendered: Rendered['page'], selector: string, index: number) => rendered.querySelector(selector)!.querySelectorAll('.chip')[index]!;

/** The list's page lifetime, as WeChat calls it when the page shows again (back from the editor). */
const show = (rendered: Rendered['page']) => (rendered.instance as unknown as { onShow(): Promise<void> }).onShow();

const echoItem = (base: MallItemAdminView) => (call: { event: Record<string, unknown> }) => {
  const { action: _action, itemId: _itemId, requestId: _requestId, ...fields } = call.event;
  return ok({ ...base, ...(fields as Partial<MallItemAdminView>) });
};

async function type(loaded: Rendered, selector: string, value: string) {
  await typeInto(loaded.simulate, loaded.page, selector, value);
}

test('lists items with cover, stock, status and redemptions', async () => {
  backend({ adminListItems: () => ok(page([adminItem('item-mug'), VOUCHER], 1, 2)) });
  const { page: rendered } = await open();
  expect(callsOf('adminListItems')).toEqual([{ action: 'adminListItems', page: 1, pageSize: 10 }]);
  expect(texts(rendered.querySelectorAll('.item-meta'))).toEqual(['实物 · 200 积分 · 库存 8', '虚拟 · 200 积分 · 库存 7']);
  expect(texts(rendered.querySelectorAll('.item-status'))).toEqual(['上架中', '已下架']);
  expect(texts(rendered.querySelectorAll('.item-summary'))).toEqual(['已兑换 3', '已兑换 3 · 兑换码 已添加 10 / 已发放 3']);
  expect(texts(rendered.querySelectorAll('.stock'))).toEqual(['调整库存', '添加兑换码']);
  expect((rendered.data as { items: { cover: string }[] }).items.map((item) => item.cover)).toEqual(['http://127.0.0.1:8787/storage/mall/mug.png', '']);
});

test('taking an item off sale asks first; putting one on sale does not', async () => {
  backend({
    adminListItems: () => ok(page([adminItem('item-mug'), VOUCHER], 1, 2)),
    updateItem: (call) => echoItem(call.event.itemId === 'item-mug' ? adminItem('item-mug') : VOUCHER)(call),
  });
  const { page: rendered, simulate } = await open();
  wxStub().modalAnswers.push(true);
  await tap(simulate, rendered.querySelectorAll('.toggle-sale')[0]!);
  await settle(simulate);
  await tap(simulate, rendered.querySelectorAll('.toggle-sale')[1]!);
  await settle(simulate);
  expect(wxStub().modals.map((modal) => modal.title)).toEqual(['下架礼品']);
  expect(callsOf('updateItem')).toEqual([
    { action: 'updateItem', itemId: 'item-mug', status: 'off_sale' },
    { action: 'updateItem', itemId: 'item-voucher', status: 'on_sale' },
  ]);
  expect(texts(rendered.querySelectorAll('.item-status'))).toEqual(['已下架', '上架中']);
  expect(wxStub().toasts).toEqual(['已下架', '已上架']);
});

test('restock checks the delta before sending; codes go one per line', async () => {
  backend({
    adminListItems: () => ok(page([adminItem('item-mug'), VOUCHER], 1, 2)),
    restock: (call) => ok(adminItem('item-mug', { stock: 8 + Number(call.event.delta) })),
    addCodes: (call) => ok({ ...VOUCHER, stock: 7 + (call.event.codes as string[]).length, codesAdded: 12 }),
  });
  const loaded = await open();
  const { page: rendered, simulate } = loaded;
  await tap(simulate, rendered.querySelectorAll('.stock')[0]!);
  for (const [typed, error] of [
    ['-9', '减少后库存不能小于 0（当前库存 8）'],
    ['0', '库存变化不能为 0'],
    ['abc', '库存变化须为 -1000000 到 1000000 之间的整数'],
  ] as const) {
    await type(loaded, '.sheet-input', typed);
    await tap(simulate, rendered.querySelector('.sheet-submit')!);
    expect(text(rendered.querySelector('.sheet-error'))).toBe(error);
  }
  await type(loaded, '.sheet-input', '20');
  await tap(simulate, rendered.querySelector('.sheet-submit')!);
  await settle(simulate);
  expect(callsOf('restock')).toEqual([{ action: 'restock', itemId: 'item-mug', delta: 20 }]);
  expect(rendered.querySelector('.sheet')).toBeFalsy();
  expect(texts(rendered.querySelectorAll('.item-meta'))[0]).toBe('实物 · 200 积分 · 库存 28');

  await tap(simulate, rendered.querySelectorAll('.stock')[1]!);
  await tap(simulate, rendered.querySelector('.sheet-submit')!);
  expect(text(rendered.querySelector('.sheet-error'))).toBe('请至少填写一个兑换码');
  await type(loaded, '.sheet-input', ' CODE-1 \n\nCODE-2\n');
  await tap(simulate, rendered.querySelector('.sheet-submit')!);
  await settle(simulate);
  expect(callsOf('addCodes')).toEqual([
    { action: 'addCodes', itemId: 'item-voucher', codes: ['CODE-1', 'CODE-2'], requestId: expect.stringMatching(/^[A-Za-z0-9_-]{8,64}$/) },
  ]);
  expect(wxStub().toasts).toEqual(['已补货 20 件', '已添加 2 个兑换码']);
});

test('the stock sheet closes from 取消 or a tap on the popup overlay, sending nothing', async () => {
  backend({ adminListItems: () => ok(page([adminItem('item-mug')], 1, 1)) });
  const { page: rendered, simulate } = await open();
  await tap(simulate, rendered.querySelector('.stock')!);
  await tap(simulate, rendered.querySelector('.sheet-cancel')!);
  expect(rendered.querySelector('.sheet')).toBeFalsy();
  await tap(simulate, rendered.querySelector('.stock')!);
  // TDesign's t-popup tells a tap on its overlay as visible-change { visible: false }.
  (rendered.instance as unknown as { onSheetVisible(event: { detail: { visible: boolean } }): void }).onSheetVisible({ detail: { visible: false } });
  await settle(simulate);
  expect(rendered.querySelector('.sheet')).toBeFalsy();
  expect(callsOf('restock')).toEqual([]);
});

test('creating validates, uploads chosen pictures, and retries with the same requestId', async () => {
  let creates = 0;
  backend({
    adminListItems: () => ok(page([], 1, 0)),
    createItem: (call) => (creates++ === 0 ? { networkError: 'timeout' } : echoItem(adminItem('item-new'))(call)),
    addCodes: () => ok(VOUCHER),
  });
  const list = await open();
  await tap(list.simulate, list.page.querySelector('.create-button')!);
  expect(wxStub().navigations).toEqual(['/packageAdmin/mall-item/index']);
  await show(list.page);

  const loaded = await openEditor();
  const { page: rendered, simulate } = loaded;
  const save = async () => {
    await tap(simulate, rendered.querySelector('.save-button')!);
    await settle(simulate);
  };

  await save();
  expect(fieldError(rendered, '.name-input')).toBe('请填写礼品名称');
  await type(loaded, '.name-input', '培训券');
  await type(loaded, '.price-input', '0');
  await save();
  expect(fieldError(rendered, '.price-input')).toBe('兑换积分须为 1 到 1000000 之间的整数');
  await type(loaded, '.price-input', '300');
  await type(loaded, '.limit-total-input', '1');
  await type(loaded, '.limit-month-input', '2');
  await save();
  expect(fieldError(rendered, '.limit-month-input')).toBe('每月限兑数量不能大于总限兑数量');
  await type(loaded, '.limit-month-input', '');
  await pick(simulate, rendered.querySelector('.from-date'), '2026-05-01');
  await pick(simulate, rendered.querySelector('.until-date'), '2026-04-30');
  await settle(simulate);
  await save();
  expect(fieldError(rendered, '.until-date')).toBe('兑换开始日期不能晚于结束日期');
  await pick(simulate, rendered.querySelector('.until-date'), '2026-05-31');
  expect(callsOf('createItem')).toEqual([]);

  // Pictures: chosen with wx.chooseMedia, uploaded, shown through their temporary URLs.
  wxStub().files.set('wxfile://tmp/a.png', 'PNG-A');
  wxStub().chooseMediaAnswer = ['wxfile://tmp/a.png'];
  await tap(simulate, inPictures(rendered, '.picture-add'));
  await settle(simulate, 6);
  expect(wxStub().chooseMediaOptions[0]).toMatchObject({ count: 9, mediaType: ['image'] });
  expect(wxStub().uploads).toHaveLength(1);
  expect(wxStub().uploads[0]).toMatchObject({ via: 'gateway', content: 'PNG-A' });
  expect(wxStub().uploads[0]?.cloudPath).toMatch(/^uploads\/[^/]+\/mall-item\/[A-Za-z0-9_-]+\.png$/);
  const fileID = `cloud://local-bucket/${wxStub().uploads[0]?.cloudPath}`;
  expect((rendered.data as { pictures: unknown[] }).pictures).toEqual([{ fileID, url: `http://127.0.0.1:8787/storage/${wxStub().uploads[0]?.cloudPath}` }]);

  await tap(simulate, chip(rendered, '.kinds', 1));
  await type(loaded, '.codes-input', 'A1\nA2');
  await tap(simulate, chip(rendered, '.audiences', 0));
  const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
  await save();
  warn.mockRestore();
  expect(text(rendered.querySelector('.form-error'))).toBe('网络连接失败，请检查网络后重试');
  await save();
  const sent = callsOf('createItem');
  expect(sent).toHaveLength(2);
  expect(sent[1]).toEqual(sent[0]);
  expect(sent[0]).toMatchObject({
    name: '培训券',
    price: 300,
    kind: 'virtual',
    stock: 0,
    limitTotal: 1,
    limitPerMonth: null,
    availableFrom: '2026-05-01T00:00:00+08:00',
    availableUntil: '2026-05-31T16:00:00.000Z',
    audiences: ['new_hire'],
    status: 'on_sale',
    pictures: [fileID],
  });
  expect(callsOf('addCodes')).toEqual([
    { action: 'addCodes', itemId: 'item-new', codes: ['A1', 'A2'], requestId: expect.stringMatching(/^[A-Za-z0-9_-]{8,64}-codes$/) },
  ]);
  // Saved: back to the list, which loads again as it shows.
  expect(wxStub().navigateBacks).toBe(1);
  expect(wxStub().toasts).toEqual(['礼品已创建']);
  await show(list.page);
  await settle(list.simulate);
  expect(callsOf('adminListItems')).toHaveLength(2);
});

test('editing loads the item, keeps kind fixed, and sends the changed fields; a refusal is shown', async () => {
  let updates = 0;
  const mug = adminItem('item-mug', { audiences: ['new_hire'], availableUntil: '2026-06-30T16:00:00.000Z' });
  backend({
    adminListItems: () => ok(page([mug], 1, 1)),
    adminGetItem: () => ok(mug),
    updateItem: (call) => (updates++ === 0 ? failure('INVALID_INPUT', '兑换开始时间必须早于结束时间') : echoItem(adminItem('item-mug'))(call)),
  });
  const list = await open();
  await tap(list.simulate, list.page.querySelector('.edit')!);
  expect(wxStub().navigations).toEqual(['/packageAdmin/mall-item/index?id=item-mug']);
  await show(list.page);

  const loaded = await openEditor({ id: 'item-mug' });
  const { page: rendered, simulate } = loaded;
  await settle(simulate);
  expect(callsOf('adminGetItem')).toEqual([{ action: 'adminGetItem', itemId: 'item-mug' }]);
  const form = (rendered.data as { form: Record<string, unknown> }).form;
  expect(form).toMatchObject({
    name: '定制马克杯',
    price: '200',
    limitTotal: '2',
    limitPerMonth: '1',
    availableUntil: '2026-06-30',
    audiences: ['new_hire'],
  });
  expect(rendered.querySelector('.stock-input')).toBeFalsy();
  await tap(simulate, chip(rendered, '.kinds', 1));
  expect((rendered.data as { form: { kind: string } }).form.kind).toBe('physical');

  await tap(simulate, inPictures(rendered, '.picture-remove'));
  await type(loaded, '.name-input', '马克杯（蓝）');
  await tap(simulate, rendered.querySelector('.save-button')!);
  await settle(simulate);
  expect(text(rendered.querySelector('.form-error'))).toBe('兑换开始时间必须早于结束时间');
  await tap(simulate, rendered.querySelector('.save-button')!);
  await settle(simulate);
  const sent = callsOf('updateItem');
  expect(sent[1]).toEqual({
    action: 'updateItem',
    itemId: 'item-mug',
    name: '马克杯（蓝）',
    description: '陶瓷 350ml',
    price: 200,
    limitTotal: 2,
    limitPerMonth: 1,
    availableFrom: null,
    availableUntil: '2026-06-30T16:00:00.000Z',
    audiences: ['new_hire'],
    status: 'on_sale',
    pictures: [],
  });
  expect(wxStub().navigateBacks).toBe(1);
  expect(wxStub().toasts).toEqual(['礼品已保存']);
  // Back on the list: it shows the item as saved.
  backend({ adminListItems: () => ok(page([adminItem('item-mug', { name: '马克杯（蓝）' })], 1, 1)) });
  await show(list.page);
  await settle(list.simulate);
  expect(text(list.page.querySelector('.item-name'))).toBe('马克杯（蓝）');
});

test('an item that cannot be loaded shows why, with a retry', async () => {
  backend({ adminGetItem: () => failure('NOT_FOUND', '礼品不存在') });
  const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
  const { page: rendered } = await openEditor({ id: 'item-gone' });
  warn.mockRestore();
  expect(rendered.querySelector('.editor')).toBeFalsy();
  expect(text(inStatus(rendered, '.state-error'))).toContain('礼品不存在');
  expect(inStatus(rendered, '.retry')).toBeTruthy();
});

test('cancelling the picture picker uploads nothing; a failed upload says so', async () => {
  backend({});
  const { page: rendered, simulate } = await openEditor();
  wxStub().chooseMediaAnswer = 'cancel';
  await tap(simulate, inPictures(rendered, '.picture-add'));
  await settle(simulate);
  expect(wxStub().uploads).toEqual([]);
  expect(wxStub().toasts).toEqual([]);

  wxStub().files.set('wxfile://tmp/b.jpg', 'JPG');
  wxStub().chooseMediaAnswer = ['wxfile://tmp/b.jpg'];
  wxStub().uploadHandler = () => ({ errCode: -503001, errMsg: 'upload failed' });
  const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
  await tap(simulate, inPictures(rendered, '.picture-add'));
  await settle(simulate, 6);
  warn.mockRestore();
  expect(wxStub().toasts).toEqual(['文件上传失败，请稍后重试']);
  expect((rendered.data as { pictures: unknown[]; uploading: boolean }).pictures).toEqual([]);
});
