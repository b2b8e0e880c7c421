/**
 * 礼品管理 (admin): every item with stock, status and what was redeemed; put on or off sale; restock a physical
 * item or add codes to a virtual one (a bottom sheet). Creating and editing an item is its own page
 * (packageAdmin/mall-item); the list loads again when it shows again after it.
 */
import type { MallItemKind } from '../../../typings/functions/points';
import { addCodes, adminListItems, restock, updateItem, type AdminItem } from '../../services/mall';
import { readInteger } from '../../utils/form';
import { MALL_ITEM_KIND_LABELS, MALL_ITEM_STATUS_LABELS } from '../../utils/labels';
import { MALL_LIMITS } from '../../utils/limits';
import { definePagedListPage } from '../../utils/paged-list';
import { withCoverUrls, type WithCover } from '../../utils/pictures';
import { routeUrl } from '../../utils/routes';
import { initialSubmitState, renewRequest, submitOnce, submitWithToast } from '../../utils/submit-once';
import { confirmModal, toast } from '../../utils/ui';
import { readCodes } from '../shared/mall-codes';

const MAX_STOCK = MALL_LIMITS.stock;

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
  /** The first picture's file id: a row answered by an action keeps its cover when the picture stayed. */
  coverFile: string;
}

function toRow(item: WithCover<AdminItem>): ItemRow {
  const codes = item.kind === 'virtual' ? ` · 兑换码 已添加 ${item.codesAdded} / 已发放 ${item.codesIssued}` : '';
  return {
    id: item.id,
    name: item.name,
    cover: item.coverUrl,
    price: item.price,
    kind: item.kind,
    kindLabel: MALL_ITEM_KIND_LABELS[item.kind],
    onSale: item.status === 'on_sale',
    statusLabel: MALL_ITEM_STATUS_LABELS[item.status],
    stock: item.stock,
    summary: `已兑换 ${item.redeemedCount}${codes}`,
    coverFile: item.pictures[0] ?? '',
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
}

type RowEvent = WechatMiniprogram.BaseEvent<{}, { id?: string }>;
type TextEvent = WechatMiniprogram.CustomEvent<{ value: string }>;

const fetchItems = withCoverUrls(adminListItems);

definePagedListPage({
  fetchPage: fetchItems,
  toView: toRow,
  reloadOnShow: true,
  data: {
    limits: MALL_LIMITS,
    sheet: null as StockSheet | null,
    ...initialSubmitState(),
  },
  methods: {
    rowOf(id: string | undefined): ItemRow | undefined {
      return this.data.items.find((row) => row.id === id);
    },
    /** Shows the item as the function answered it (it keeps its place). */
    replaceRow(item: AdminItem) {
      const index = this.data.items.findIndex((row) => row.id === item.id);
      if (index < 0) return;
      const shown = this.data.items[index]!;
      const coverUrl = item.pictures[0] === shown.coverFile ? shown.cover : '';
      this.setData({ [`items[${index}]`]: toRow({ ...item, coverUrl }) });
    },
    onCreate() {
      wx.navigateTo({ url: routeUrl('packageAdmin/mall-item') });
    },
    onEdit(event: RowEvent) {
      const row = this.rowOf(event.currentTarget.dataset.id);
      if (row) wx.navigateTo({ url: routeUrl('packageAdmin/mall-item', { id: row.id }) });
    },
    async onToggleSale(event: RowEvent) {
      const row = this.rowOf(event.currentTarget.dataset.id);
      if (!row || this.data.submitting) return;
      if (row.onSale) {
        const confirmed = await confirmModal({
          title: '下架礼品',
          content: `下架「${row.name}」？成员将无法再兑换，已有订单不受影响。`,
          confirmText: '下架',
          danger: true,
        });
        if (!confirmed) return;
      }
      await submitWithToast(this, () => updateItem({ itemId: row.id, status: row.onSale ? 'off_sale' : 'on_sale' }), {
        where: 'mall-items',
        fallback: '操作失败，请稍后重试',
        success: row.onSale ? '已下架' : '已上架',
        done: (item) => this.replaceRow(item),
      });
    },
    onOpenStock(event: RowEvent) {
      const row = this.rowOf(event.currentTarget.dataset.id);
      if (!row) return;
      // A new sheet is a new batch: its codes get their own request id.
      renewRequest(this);
      this.setData({ sheet: { itemId: row.id, name: row.name, kind: row.kind, stock: row.stock, text: '', error: '' } });
    },
    onCloseSheet() {
      if (!this.data.submitting) this.setData({ sheet: null });
    },
    onSheetVisible(event: WechatMiniprogram.CustomEvent<{ visible: boolean }>) {
      if (!event.detail.visible) this.onCloseSheet();
    },
    onSheetInput(event: TextEvent) {
      this.setData({ 'sheet.text': event.detail.value, 'sheet.error': '' });
      renewRequest(this);
    },
    async onSheetSubmit() {
      const sheet = this.data.sheet;
      if (!sheet || this.data.submitting) return;
      let send: (requestId: string) => Promise<AdminItem>;
      let done: string;
      if (sheet.kind === 'physical') {
        const delta = readInteger(sheet.text, { label: '库存变化', min: -MAX_STOCK, max: MAX_STOCK });
        if (!delta.ok || delta.value === 0 || (delta.value ?? 0) + sheet.stock < 0) {
          const error = !delta.ok ? delta.error : delta.value === 0 ? '库存变化不能为 0' : `减少后库存不能小于 0（当前库存 ${sheet.stock}）`;
          this.setData({ 'sheet.error': error });
          return;
        }
        const value = delta.value ?? 0;
        send = () => restock(sheet.itemId, value);
        done = value > 0 ? `已补货 ${value} 件` : `已减少库存 ${-value} 件`;
      } else {
        const codes = readCodes(sheet.text, true);
        if (!codes.ok) {
          this.setData({ 'sheet.error': codes.error });
          return;
        }
        // The request id keys the batch: a retry after a lost answer adds nothing twice.
        send = (requestId) => addCodes(sheet.itemId, codes.value, requestId);
        done = `已添加 ${codes.value.length} 个兑换码`;
      }
      const outcome = await submitOnce(this, send, { where: 'mall-items', fallback: '操作失败，请稍后重试' });
      if (!outcome) return;
      if (!outcome.ok) {
        this.setData({ 'sheet.error': outcome.failure.message });
        return;
      }
      this.replaceRow(outcome.value);
      this.setData({ sheet: null });
      toast(done);
    },
  },
});
