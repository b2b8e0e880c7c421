/**
 * 礼品管理 (admin): every item with stock, status and what was redeemed; put on or off sale; restock a physical
 * item or add codes to a virtual one; create or edit an item (name, pictures uploaded to cloud storage,
 * description, price, stock, limits, availability window, audiences). The form is checked here before
 * sending; creating sends one requestId per form, reused on retry, so a retry never creates two items.
 */
import type { Audience } from '../../../typings/domain';
import type { MallItemKind } from '../../../typings/functions/points';
import { addCodes, adminListItems, createItem, restock, updateItem, type AdminItem, type CreateItemInput } from '../../services/mall';
import { expiryDay } from '../../services/points';
import { chooseFiles, uploadFiles } from '../../services/media';
import { failureOf } from '../../utils/failure';
import { readInteger, readText, type FieldEvent, type FieldResult } from '../../utils/form';
import { AUDIENCE_LABELS, MALL_ITEM_KIND_LABELS, MALL_ITEM_STATUS_LABELS } from '../../utils/labels';
import { definePage, refreshWith } from '../../utils/page';
import { createPagedList, initialListState } from '../../utils/paged-list';
import { pictureUrls, withCoverUrls, type WithCover } from '../../utils/pictures';
import { confirmModal, toast } from '../../utils/ui';
import { newRequestId } from '../../utils/request-id';
import { MALL_LIMITS, POINTS_LIMITS } from '../../utils/limits';
import { beijingDateTime, beijingDayEnd } from '../../utils/time';

/** The contract's bounds (typings/functions/points.ts itemFields, createItem, restock, addCodes). */
const MAX_PICTURES = MALL_LIMITS.itemPictures;
const MAX_PRICE = POINTS_LIMITS.amount;
const MAX_STOCK = MALL_LIMITS.stock;
const MAX_LIMIT = MALL_LIMITS.perMemberLimit;
const MAX_CODES = MALL_LIMITS.codesPerBatch;
const MAX_CODE_LENGTH = MALL_LIMITS.codeLength;

const AUDIENCES = (Object.keys(AUDIENCE_LABELS) as Audience[]).map((value) => ({ value, label: AUDIENCE_LABELS[value] }));

interface ItemRow {
  id: string;
  name: string;
  cover: string;
  price: number;
  kind: MallItemKind;
  kindLabel: string;
  onSale: boolean;
  statusLabel: string;
  stock: number;
  /** 已兑换 3 · 兑换码 10/3 (added/issued). */
  summary: string;
  source: AdminItem;
}

function toRow(item: WithCover<AdminItem>): ItemRow {
  const { coverUrl, ...source } = item;
  const codes = item.kind === 'virtual' ? ` · 兑换码 已添加 ${item.codesAdded} / 已发放 ${item.codesIssued}` : '';
  return {
    id: item.id,
    name: item.name,
    cover: coverUrl,
    price: item.price,
    kind: item.kind,
    kindLabel: MALL_ITEM_KIND_LABELS[item.kind],
    onSale: item.status === 'on_sale',
    statusLabel: MALL_ITEM_STATUS_LABELS[item.status],
    stock: item.stock,
    summary: `已兑换 ${item.redeemedCount}${codes}`,
    source,
  };
}

const list = createPagedList<WithCover<AdminItem>, ItemRow>(toRow);
const fetchItems = withCoverUrls(adminListItems);

interface Picture {
  fileID: string;
  url: string;
}

/** The editor's fields as typed. */
interface ItemForm {
  /** '' while creating. */
  itemId: string;
  /** One per new item form, reused on every retry of createItem. */
  requestId: string;
  name: string;
  description: string;
  price: string;
  kind: MallItemKind;
  stock: string;
  codes: string;
  limitTotal: string;
  limitPerMonth: string;
  /** Beijing dates YYYY-MM-DD, '' for open. */
  availableFrom: string;
  availableUntil: string;
  audiences: Audience[];
  onSale: boolean;
  pictures: Picture[];
}

function blankForm(): ItemForm {
  return {
    itemId: '',
    requestId: newRequestId(),
    name: '',
    description: '',
    price: '',
    kind: 'physical',
    stock: '0',
    codes: '',
    limitTotal: '',
    limitPerMonth: '',
    availableFrom: '',
    availableUntil: '',
    audiences: [],
    onSale: true,
    pictures: [],
  };
}

const dateOf = (iso: string | null): string => (iso ? beijingDateTime(iso).slice(0, 10) : '');
const textOf = (value: number | null): string => (value === null ? '' : String(value));

function formOf(item: AdminItem, urls: Record<string, string>): ItemForm {
  return {
    ...blankForm(),
    itemId: item.id,
    name: item.name,
    description: item.description,
    price: String(item.price),
    kind: item.kind,
    stock: String(item.stock),
    limitTotal: textOf(item.limitTotal),
    limitPerMonth: textOf(item.limitPerMonth),
    availableFrom: dateOf(item.availableFrom),
    // The window ends at 24:00 of its last day, which belongs to that day.
    availableUntil: item.availableUntil ? expiryDay(item.availableUntil) : '',
    audiences: [...item.audiences],
    onSale: item.status === 'on_sale',
    pictures: item.pictures.map((fileID) => ({ fileID, url: urls[fileID] ?? '' })),
  };
}

/** Codes or voucher texts, one per line; blank lines ignored. */
function readCodes(text: string, required: boolean): FieldResult<string[]> {
  const codes = text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');
  if (codes.length === 0) return required ? { ok: false, error: '请至少填写一个兑换码' } : { ok: true, value: [] };
  if (codes.length > MAX_CODES) return { ok: false, error: `一次最多添加 ${MAX_CODES} 个兑换码` };
  if (codes.some((code) => code.length > MAX_CODE_LENGTH)) return { ok: false, error: `每个兑换码最多 ${MAX_CODE_LENGTH} 个字` };
  return { ok: true, value: codes };
}

type ItemFields = Omit<CreateItemInput, 'kind' | 'stock' | 'requestId'>;

/** The item fields the form holds, or the first error to show. Beijing dates: from 00:00, until 24:00. */
function readItem(form: ItemForm): FieldResult<ItemFields> {
  const name = readText(form.name, '礼品名称', 40, true);
  if (!name.ok) return name;
  const description = readText(form.description, '礼品介绍', 2000, false);
  if (!description.ok) return description;
  const price = readInteger(form.price, { label: '兑换积分', min: 1, max: MAX_PRICE });
  if (!price.ok) return price;
  const limitTotal = readInteger(form.limitTotal, { label: '每人限兑总数', min: 1, max: MAX_LIMIT, optional: true });
  if (!limitTotal.ok) return limitTotal;
  const limitPerMonth = readInteger(form.limitPerMonth, { label: '每人每月限兑', min: 1, max: MAX_LIMIT, optional: true });
  if (!limitPerMonth.ok) return limitPerMonth;
  if (limitTotal.value !== null && limitPerMonth.value !== null && limitPerMonth.value > limitTotal.value) {
    return { ok: false, error: '每月限兑数量不能大于总限兑数量' };
  }
  if (form.availableFrom && form.availableUntil && form.availableFrom > form.availableUntil) {
    return { ok: false, error: '兑换开始日期不能晚于结束日期' };
  }
  if (form.pictures.length > MAX_PICTURES) return { ok: false, error: `最多 ${MAX_PICTURES} 张图片` };
  return {
    ok: true,
    value: {
      name: name.value,
      description: description.value,
      price: price.value ?? 0,
      limitTotal: limitTotal.value,
      limitPerMonth: limitPerMonth.value,
      availableFrom: form.availableFrom ? `${form.availableFrom}T00:00:00+08:00` : null,
      availableUntil: form.availableUntil ? beijingDayEnd(form.availableUntil) : null,
      audiences: form.audiences,
      status: form.onSale ? 'on_sale' : 'off_sale',
      pictures: form.pictures.map((picture) => picture.fileID),
    },
  };
}

/** The stock sheet: restock (physical, + or −) or add codes (virtual). */
interface StockSheet {
  itemId: string;
  name: string;
  kind: MallItemKind;
  stock: number;
  text: string;
  error: string;
  /** One per opened sheet: a retried batch of codes is added once (the server keys it). */
  requestId: string;
}

type RowEvent = WechatMiniprogram.BaseEvent<{}, { id?: string }>;
type DataEvent = WechatMiniprogram.BaseEvent<{}, { value?: string; index?: number }>;
type PickEvent = WechatMiniprogram.CustomEvent<{ value: string }, {}, { field?: 'availableFrom' | 'availableUntil' }>;

definePage({
  data: {
    limits: MALL_LIMITS,
    ...initialListState<ItemRow>(),
    form: null as ItemForm | null,
    formError: '',
    saving: false,
    uploading: false,
    audienceOptions: AUDIENCES,
    kinds: (['physical', 'virtual'] as const).map((value) => ({ value, label: MALL_ITEM_KIND_LABELS[value] })),
    sheet: null as StockSheet | null,
    busy: '',
  },
  methods: {
    onLoad() {
      return this.reload();
    },
    onPullDownRefresh() {
      return refreshWith(async () => {
        if (!this.data.form) await this.reload();
      });
    },
    reload() {
      return list.reload(this, fetchItems);
    },
    onReachBottom() {
      return this.data.form ? undefined : list.loadMore(this, fetchItems);
    },
    onLoadMore() {
      return list.loadMore(this, fetchItems);
    },
    onRetry() {
      return this.reload();
    },
    rowOf(id: string | undefined): ItemRow | undefined {
      return this.data.items.find((row) => row.id === id);
    },
    /** Shows the item as the function answered it (list row; it keeps its place). */
    replaceRow(item: AdminItem) {
      const index = this.data.items.findIndex((row) => row.id === item.id);
      if (index < 0) return;
      const cover = item.pictures[0] === this.data.items[index].source.pictures[0] ? this.data.items[index].cover : '';
      this.setData({ [`items[${index}]`]: toRow({ ...item, coverUrl: cover }) });
    },

    // The list's own actions.
    async onToggleSale(event: RowEvent) {
      const row = this.rowOf(event.currentTarget.dataset.id);
      if (!row || this.data.busy) return;
      if (row.onSale) {
        const confirmed = await confirmModal({
          title: '下架礼品',
          content: `下架「${row.name}」？成员将无法再兑换，已有订单不受影响。`,
          confirmText: '下架',
          danger: true,
        });
        if (!confirmed) return;
      }
      this.setData({ busy: row.id });
      try {
        this.replaceRow(await updateItem({ itemId: row.id, status: row.onSale ? 'off_sale' : 'on_sale' }));
        toast(row.onSale ? '已下架' : '已上架');
      } catch (error) {
        toast(failureOf(error, 'mall-items', '操作失败，请稍后重试').message);
      } finally {
        this.setData({ busy: '' });
      }
    },
    onOpenStock(event: RowEvent) {
      const row = this.rowOf(event.currentTarget.dataset.id);
      if (row) this.setData({ sheet: { itemId: row.id, name: row.name, kind: row.kind, stock: row.stock, text: '', error: '', requestId: newRequestId() } });
    },
    onCloseSheet() {
      if (!this.data.busy) this.setData({ sheet: null });
    },
    onSheetInput(event: FieldEvent) {
      this.setData({ 'sheet.text': event.detail.value, 'sheet.error': '' });
    },
    async onSheetSubmit() {
      const sheet = this.data.sheet;
      if (!sheet || this.data.busy) return;
      let run: () => Promise<AdminItem>;
      let done: string;
      if (sheet.kind === 'physical') {
        const delta = readInteger(sheet.text, { label: '库存变化', min: -MAX_STOCK, max: MAX_STOCK });
        if (!delta.ok || delta.value === 0 || (delta.value ?? 0) + sheet.stock < 0) {
          const error = !delta.ok ? delta.error : delta.value === 0 ? '库存变化不能为 0' : `减少后库存不能小于 0（当前库存 ${sheet.stock}）`;
          this.setData({ 'sheet.error': error });
          return;
        }
        const value = delta.value ?? 0;
        run = () => restock(sheet.itemId, value);
        done = value > 0 ? `已补货 ${value} 件` : `已减少库存 ${-value} 件`;
      } else {
        const codes = readCodes(sheet.text, true);
        if (!codes.ok) {
          this.setData({ 'sheet.error': codes.error });
          return;
        }
        run = () => addCodes(sheet.itemId, codes.value, sheet.requestId);
        done = `已添加 ${codes.value.length} 个兑换码`;
      }
      this.setData({ busy: sheet.itemId });
      try {
        this.replaceRow(await run());
        this.setData({ sheet: null });
        toast(done);
      } catch (error) {
        this.setData({ 'sheet.error': failureOf(error, 'mall-items', '操作失败，请稍后重试').message });
      } finally {
        this.setData({ busy: '' });
      }
    },

    // The editor.
    onCreate() {
      this.setData({ form: blankForm(), formError: '' });
    },
    async onEdit(event: RowEvent) {
      const row = this.rowOf(event.currentTarget.dataset.id);
      if (!row) return;
      this.setData({ form: formOf(row.source, await pictureUrls(row.source.pictures)), formError: '' });
    },
    onCloseForm() {
      if (!this.data.saving && !this.data.uploading) this.setData({ form: null, formError: '' });
    },
    onFormInput(event: FieldEvent) {
      const field = event.currentTarget.dataset.field;
      if (field) this.setData({ [`form.${field}`]: event.detail.value, formError: '' });
    },
    onKind(event: DataEvent) {
      const kind = event.currentTarget.dataset.value;
      // Kind is fixed once created (the contract's updateItem cannot change it).
      if (this.data.form && !this.data.form.itemId && (kind === 'physical' || kind === 'virtual')) {
        this.setData({ 'form.kind': kind, 'form.stock': '0', 'form.codes': '', formError: '' });
      }
    },
    onToggleAudience(event: DataEvent) {
      const form = this.data.form;
      const value = event.currentTarget.dataset.value as Audience | undefined;
      if (!form || !value) return;
      const audiences = form.audiences.includes(value) ? form.audiences.filter((audience) => audience !== value) : [...form.audiences, value];
      this.setData({ 'form.audiences': audiences });
    },
    onSaleChange(event: WechatMiniprogram.CustomEvent<{ value: boolean }>) {
      this.setData({ 'form.onSale': event.detail.value });
    },
    onDatePick(event: PickEvent) {
      const field = event.currentTarget.dataset.field;
      if (field) this.setData({ [`form.${field}`]: event.detail.value, formError: '' });
    },
    onClearDate(event: WechatMiniprogram.BaseEvent<{}, { field?: string }>) {
      const field = event.currentTarget.dataset.field;
      if (field === 'availableFrom' || field === 'availableUntil') this.setData({ [`form.${field}`]: '' });
    },
    async onAddPictures() {
      const form = this.data.form;
      if (!form || this.data.uploading) return;
      const room = MAX_PICTURES - form.pictures.length;
      if (room <= 0) {
        toast(`最多 ${MAX_PICTURES} 张图片`);
        return;
      }
      const chosen = await chooseFiles({ kind: 'image', count: room });
      if (chosen.length === 0) return;
      this.setData({ uploading: true });
      try {
        const { fileIDs, error } = await uploadFiles('mall-item', chosen.slice(0, room));
        const urls = await pictureUrls(fileIDs);
        const pictures = [...(this.data.form?.pictures ?? []), ...fileIDs.map((fileID) => ({ fileID, url: urls[fileID] ?? '' }))];
        this.setData({ 'form.pictures': pictures.slice(0, MAX_PICTURES) });
        if (error) toast(failureOf(error, 'mall-items', '图片上传失败，请稍后重试').message);
      } finally {
        this.setData({ uploading: false });
      }
    },
    onRemovePicture(event: DataEvent) {
      const form = this.data.form;
      const index = Number(event.currentTarget.dataset.index);
      if (form && Number.isInteger(index)) this.setData({ 'form.pictures': form.pictures.filter((_, at) => at !== index) });
    },
    async onSave() {
      const form = this.data.form;
      if (!form || this.data.saving || this.data.uploading) return;
      const fields = readItem(form);
      if (!fields.ok) {
        this.setData({ formError: fields.error });
        return;
      }
      const creating = !form.itemId;
      const stock = creating && form.kind === 'physical' ? readInteger(form.stock, { label: '库存', min: 0, max: MAX_STOCK }) : null;
      const codes = creating && form.kind === 'virtual' ? readCodes(form.codes, false) : null;
      if (stock && !stock.ok) return this.setData({ formError: stock.error });
      if (codes && !codes.ok) return this.setData({ formError: codes.error });
      this.setData({ saving: true, formError: '' });
      try {
        if (!creating) {
          this.replaceRow(await updateItem({ itemId: form.itemId, ...fields.value }));
          this.setData({ form: null });
          toast('礼品已保存');
          return undefined;
        }
        const created = await createItem({ ...fields.value, kind: form.kind, stock: stock?.ok ? (stock.value ?? 0) : 0, requestId: form.requestId });
        // The item exists from here: a failure below leaves the editor on it, in edit mode.
        this.setData({ 'form.itemId': created.id });
        let message = '礼品已创建';
        if (codes?.ok && codes.value.length > 0) {
          try {
            await addCodes(created.id, codes.value, `${form.requestId}-codes`);
          } catch (error) {
            message = `礼品已创建，但兑换码未添加：${failureOf(error, 'mall-items', '请稍后重试').message}。请在列表中点击“添加兑换码”`;
          }
        }
        this.setData({ form: null, items: [] });
        toast(message);
        return await this.reload();
      } catch (error) {
        this.setData({ formError: failureOf(error, 'mall-items', '保存失败，请稍后重试').message });
        return undefined;
      } finally {
        this.setData({ saving: false });
      }
    },
  },
});
