/**
 * 礼品编辑 (admin), opened from 礼品管理: a new item (no `id`) or the item `id` as the server has it (name,
 * pictures uploaded to cloud storage, description, price, kind, starting stock or codes, limits,
 * availability window in Beijing days, audiences, on sale). Checked against the contract's limits before
 * sending, each error beside its field; creating sends one request id per intent (utils/submit-once.ts), so a
 * retry after a lost answer never creates two items. Back to the list when saved (it reloads on show).
 */
import type { Audience } from '../../../typings/domain';
import type { MallItemKind } from '../../../typings/functions/points';
import type { PickedPicture } from '../../components/picture-picker/index';
import { addCodes, adminGetItem, createItem, updateItem, type AdminItem, type CreateItemInput } from '../../services/mall';
import { expiryDay } from '../../services/points';
import { failureOf } from '../../utils/failure';
import { readInteger, readText } from '../../utils/form';
import { checkFields, defineFormPage, type FormErrors } from '../../utils/form-page';
import { AUDIENCE_LABELS, MALL_ITEM_KIND_LABELS } from '../../utils/labels';
import { MALL_LIMITS, POINTS_LIMITS } from '../../utils/limits';
import { pictureUrls } from '../../utils/pictures';
import { renewRequest } from '../../utils/submit-once';
import { beijingDateTime, beijingDayEnd } from '../../utils/time';
import { toast } from '../../utils/ui';
import { readCodes } from '../shared/mall-codes';

const AUDIENCES = (Object.keys(AUDIENCE_LABELS) as Audience[]).map((value) => ({ value, label: AUDIENCE_LABELS[value] }));
const KINDS = (['physical', 'virtual'] as const).map((value) => ({ value, label: MALL_ITEM_KIND_LABELS[value] }));

/** The fields as typed. */
type ItemForm = {
  name: string;
  description: string;
  price: string;
  kind: MallItemKind;
  /** New physical items: the starting stock. */
  stock: string;
  /** New virtual items: codes, one per line. */
  codes: string;
  limitTotal: string;
  limitPerMonth: string;
  /** Beijing days YYYY-MM-DD, '' for open. */
  availableFrom: string;
  availableUntil: string;
  audiences: Audience[];
  onSale: boolean;
};

const BLANK: ItemForm = {
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
};

const dateOf = (iso: string | null): string => (iso ? beijingDateTime(iso).slice(0, 10) : '');
const textOf = (value: number | null): string => (value === null ? '' : String(value));

function formOf(item: AdminItem): ItemForm {
  return {
    ...BLANK,
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
  };
}

type ItemFields = Omit<CreateItemInput, 'kind' | 'stock' | 'requestId'>;

interface ItemInput {
  fields: ItemFields;
  /** New items only. */
  stock: number;
  codes: string[];
}

/** What the save did: the item, and why its codes were not added (created, codes refused), or ''. */
interface Saved {
  created: boolean;
  codesError: string;
}

/** Errors that concern two fields, shown beside the second. */
function crossErrors(form: ItemForm, limitTotal: number | null, limitPerMonth: number | null): FormErrors<ItemForm> {
  const errors: FormErrors<ItemForm> = {};
  if (limitTotal !== null && limitPerMonth !== null && limitPerMonth > limitTotal) errors.limitPerMonth = '每月限兑数量不能大于总限兑数量';
  if (form.availableFrom && form.availableUntil && form.availableFrom > form.availableUntil) errors.availableUntil = '兑换开始日期不能晚于结束日期';
  return errors;
}

type ChipsEvent = WechatMiniprogram.CustomEvent<{ value?: string; values?: string[] }>;

defineFormPage({
  where: 'mall-item',
  form: BLANK,
  data: {
    limits: MALL_LIMITS,
    maxPrice: POINTS_LIMITS.amount,
    audienceOptions: AUDIENCES,
    kinds: KINDS,
    /** '' while creating. */
    itemId: '',
    pictures: [] as PickedPicture[],
    uploading: false,
  },
  readQuery(query) {
    return { itemId: query.id ?? '' };
  },
  async load() {
    if (!this.data.itemId) return {};
    const item = await adminGetItem(this.data.itemId);
    const urls = await pictureUrls(item.pictures);
    this.setData({ pictures: item.pictures.map((fileID) => ({ fileID, url: urls[fileID] ?? '' })) });
    return formOf(item);
  },
  validate(form) {
    const creating = !this.data.itemId;
    const check = checkFields({
      name: readText(form.name, '礼品名称', MALL_LIMITS.itemName, true),
      description: readText(form.description, '礼品介绍', MALL_LIMITS.itemDescription, false),
      price: readInteger(form.price, { label: '兑换积分', min: 1, max: POINTS_LIMITS.amount }),
      limitTotal: readInteger(form.limitTotal, { label: '每人限兑总数', min: 1, max: MALL_LIMITS.perMemberLimit, optional: true }),
      limitPerMonth: readInteger(form.limitPerMonth, { label: '每人每月限兑', min: 1, max: MALL_LIMITS.perMemberLimit, optional: true }),
      stock: creating && form.kind === 'physical' ? readInteger(form.stock, { label: '库存', min: 0, max: MALL_LIMITS.stock }) : { ok: true, value: 0 },
      codes: creating && form.kind === 'virtual' ? readCodes(form.codes, false) : { ok: true, value: [] as string[] },
    });
    if (!check.ok) return { ok: false, errors: check.errors };
    const { value } = check;
    const cross = crossErrors(form, value.limitTotal, value.limitPerMonth);
    if (Object.keys(cross).length > 0) return { ok: false, errors: cross };
    return {
      ok: true,
      value: {
        fields: {
          name: value.name,
          description: value.description,
          price: value.price ?? 0,
          limitTotal: value.limitTotal,
          limitPerMonth: value.limitPerMonth,
          availableFrom: form.availableFrom ? `${form.availableFrom}T00:00:00+08:00` : null,
          availableUntil: form.availableUntil ? beijingDayEnd(form.availableUntil) : null,
          audiences: form.audiences,
          status: form.onSale ? 'on_sale' : 'off_sale',
          pictures: this.data.pictures.map((picture) => picture.fileID),
        },
        stock: value.stock ?? 0,
        codes: value.codes,
      },
    };
  },
  async submit(input: ItemInput, requestId): Promise<Saved> {
    if (this.data.itemId) {
      await updateItem({ itemId: this.data.itemId, ...input.fields });
      return { created: false, codesError: '' };
    }
    const created = await createItem({ ...input.fields, kind: this.data.form.kind, stock: input.stock, requestId });
    if (input.codes.length === 0) return { created: true, codesError: '' };
    try {
      // Keyed by the item's request id: a retried save adds the batch once.
      await addCodes(created.id, input.codes, `${requestId}-codes`);
      return { created: true, codesError: '' };
    } catch (error) {
      return { created: true, codesError: failureOf(error, 'mall-item', '请稍后重试').message };
    }
  },
  done(saved) {
    if (saved.codesError) toast(`礼品已创建，但兑换码未添加：${saved.codesError}。请在列表中点击“添加兑换码”`);
    else toast(saved.created ? '礼品已创建' : '礼品已保存');
    wx.navigateBack();
  },
  methods: {
    onKind(event: ChipsEvent) {
      const kind = event.detail.value;
      // Kind is fixed once created (the contract's updateItem cannot change it).
      if (this.data.itemId || (kind !== 'physical' && kind !== 'virtual')) return;
      this.setData({ 'form.kind': kind, 'form.stock': '0', 'form.codes': '', errors: {}, formError: '' });
      renewRequest(this);
    },
    onAudiences(event: ChipsEvent) {
      this.setData({ 'form.audiences': event.detail.values ?? [], formError: '' });
      renewRequest(this);
    },
    onPictures(event: WechatMiniprogram.CustomEvent<{ pictures: PickedPicture[] }>) {
      this.setData({ pictures: event.detail.pictures, formError: '' });
      renewRequest(this);
    },
    onUploading(event: WechatMiniprogram.CustomEvent<{ uploading: boolean }>) {
      this.setData({ uploading: event.detail.uploading });
    },
    onPictureError(event: WechatMiniprogram.CustomEvent<{ message: string }>) {
      toast(event.detail.message);
    },
    onCancel() {
      if (!this.data.submitting && !this.data.uploading) wx.navigateBack();
    },
  },
});
