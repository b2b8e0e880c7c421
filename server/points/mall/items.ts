/** Mall items: the admin's catalogue (create, edit, stock, codes) and the member's list of what is on offer. */
import type { Audience } from '../../../typings/domain';
import type { MallItemKind, MallItemStatus } from '../../../typings/functions/points';
import type { PageInput } from '../../../typings/functions/paging';
import { AppError, COLLECTIONS, findPage, runTransaction, transactWithBackoff, txGet } from '../../core';
import type { Database, PageOfDocs, SortKey } from '../../core';
import { hashId } from '../../core/ids';
import { EVERYONE } from '../../../typings/docs/mall';
import type { MallCodeBatchDoc, MallItemDoc } from '../../../typings/docs/mall';
import { codeId, requireItemIn } from './orders';

export const NEWEST_FIRST: readonly SortKey[] = [
  { field: 'createdAt', direction: 'desc' },
  { field: '_id', direction: 'asc' },
];

/** The editable fields as the admin sends them (ISO instants for the window). */
export interface ItemFields {
  name: string;
  pictures: string[];
  description: string;
  price: number;
  limitTotal: number | null;
  limitPerMonth: number | null;
  availableFrom: string | null;
  availableUntil: string | null;
  audiences: Audience[];
  status: MallItemStatus;
}

/** An item's fields without restrictions, fresh each call: no pictures, limits or sale window, for everyone, on sale. */
export function unrestrictedItem(): Omit<ItemFields, 'name' | 'description' | 'price'> {
  return { pictures: [], limitTotal: null, limitPerMonth: null, availableFrom: null, availableUntil: null, audiences: [], status: 'on_sale' };
}

const toDate = (value: string | null): Date | null => (value === null ? null : new Date(value));

/** The stored form of editable fields, checked together (a window must not end before it starts). */
function storedFields(
  fields: ItemFields,
): Omit<MallItemDoc, '_id' | 'stock' | 'kind' | 'codesAdded' | 'codesIssued' | 'redeemedCount' | 'createdAt' | 'updatedAt' | 'createdBy'> {
  const availableFrom = toDate(fields.availableFrom);
  const availableUntil = toDate(fields.availableUntil);
  if (availableFrom && availableUntil && availableFrom.getTime() >= availableUntil.getTime())
    throw new AppError('INVALID_INPUT', '兑换开始时间必须早于结束时间');
  if (fields.limitTotal !== null && fields.limitPerMonth !== null && fields.limitPerMonth > fields.limitTotal) {
    throw new AppError('INVALID_INPUT', '每月限兑数量不能大于总限兑数量');
  }
  const audiences = [...new Set(fields.audiences)];
  return {
    name: fields.name,
    pictures: fields.pictures,
    description: fields.description,
    price: fields.price,
    limitTotal: fields.limitTotal,
    limitPerMonth: fields.limitPerMonth,
    availableFrom,
    availableUntil,
    audiences,
    audienceKeys: audiences.length > 0 ? audiences : [EVERYONE],
    status: fields.status,
  };
}

function editableOf(item: MallItemDoc): ItemFields {
  return {
    name: item.name,
    pictures: item.pictures,
    description: item.description,
    price: item.price,
    limitTotal: item.limitTotal,
    limitPerMonth: item.limitPerMonth,
    availableFrom: item.availableFrom === null ? null : new Date(item.availableFrom).toISOString(),
    availableUntil: item.availableUntil === null ? null : new Date(item.availableUntil).toISOString(),
    audiences: item.audiences,
    status: item.status,
  };
}

/** Creates an item; the item id comes from the request id, so a retried create answers the same item. */
export async function createItem(
  db: Database,
  fields: ItemFields & { kind: MallItemKind; stock: number; requestId: string },
  adminId: string,
  at: Date,
): Promise<MallItemDoc> {
  if (fields.kind === 'virtual' && fields.stock !== 0) throw new AppError('INVALID_INPUT', '虚拟礼品的库存由兑换码数量决定，请添加兑换码');
  const id = hashId('item:', fields.requestId);
  return runTransaction(db, async (tx) => {
    const existing = await txGet<MallItemDoc>(tx, COLLECTIONS.mallItems, id);
    if (existing) return existing;
    const item: MallItemDoc = {
      _id: id,
      ...storedFields(fields),
      kind: fields.kind,
      stock: fields.stock,
      codesAdded: 0,
      codesIssued: 0,
      redeemedCount: 0,
      createdAt: at,
      updatedAt: at,
      createdBy: adminId,
    };
    await tx.collection(COLLECTIONS.mallItems).add({ data: { ...item } });
    return item;
  });
}

/** Changes editable fields; what is not sent stays. */
export async function updateItem(db: Database, itemId: string, changes: Partial<ItemFields>, at: Date): Promise<MallItemDoc> {
  const defined = Object.fromEntries(Object.entries(changes).filter(([, value]) => value !== undefined)) as Partial<ItemFields>;
  return transactWithBackoff(db, async (tx) => {
    const item = requireItemIn(await txGet<MallItemDoc>(tx, COLLECTIONS.mallItems, itemId));
    const next = { ...storedFields({ ...editableOf(item), ...defined }), updatedAt: at };
    await tx.collection(COLLECTIONS.mallItems).doc(itemId).update({ data: next });
    return { ...item, ...next };
  });
}

/**
 * Physical items: stock + delta, never below zero (a concurrent redemption makes this retry, not go negative).
 * The admin's writes to an item wait out a crowd taking its stock (transactWithBackoff).
 */
export async function restock(db: Database, itemId: string, delta: number, at: Date): Promise<MallItemDoc> {
  return transactWithBackoff(db, async (tx) => {
    const item = requireItemIn(await txGet<MallItemDoc>(tx, COLLECTIONS.mallItems, itemId));
    if (item.kind !== 'physical') throw new AppError('INVALID_INPUT', '虚拟礼品请通过添加兑换码增加库存');
    const stock = item.stock + delta;
    if (stock < 0) throw new AppError('INVALID_INPUT', `库存不能小于 0（当前库存 ${item.stock}）`);
    await tx
      .collection(COLLECTIONS.mallItems)
      .doc(itemId)
      .update({ data: { stock, updatedAt: at } });
    return { ...item, stock, updatedAt: at };
  });
}

/**
 * Virtual items: appends codes to the pool; each is handed out to exactly one order, in order. With a
 * `requestId`, a retried batch answers the item without adding its codes again: the batch leaves a marker
 * document in `mallCodes` (ids `batch:…`, never a code's `<itemId>:<seq>`) in the same transaction.
 */
export async function addCodes(db: Database, itemId: string, codes: readonly string[], at: Date, requestId?: string): Promise<MallItemDoc> {
  const batchId = requestId === undefined ? null : hashId('batch:', `${itemId}:${requestId}`);
  return transactWithBackoff(db, async (tx) => {
    const item = requireItemIn(await txGet<MallItemDoc>(tx, COLLECTIONS.mallItems, itemId));
    if (item.kind !== 'virtual') throw new AppError('INVALID_INPUT', '实物礼品没有兑换码，请直接调整库存');
    if (batchId !== null) {
      if (await txGet<MallCodeBatchDoc>(tx, COLLECTIONS.mallCodes, batchId)) return item;
      const batch: MallCodeBatchDoc = { _id: batchId, itemId, requestId: requestId as string, count: codes.length, addedAt: at };
      await tx.collection(COLLECTIONS.mallCodes).add({ data: { ...batch } });
    }
    for (const [index, code] of codes.entries()) {
      const seq = item.codesAdded + index;
      await tx.collection(COLLECTIONS.mallCodes).add({ data: { _id: codeId(itemId, seq), itemId, seq, code, orderId: null, issuedAt: null } });
    }
    const changes = { codesAdded: item.codesAdded + codes.length, stock: item.stock + codes.length, updatedAt: at };
    await tx.collection(COLLECTIONS.mallItems).doc(itemId).update({ data: changes });
    return { ...item, ...changes };
  });
}

/**
 * Items on sale now for these audiences, newest first: status, audiences and window are all in the query
 * (served by the status_1_createdAt_-1 index), so the count and pages agree.
 */
export function findOffered(db: Database, audiences: readonly Audience[], at: Date, page: PageInput): Promise<PageOfDocs<MallItemDoc>> {
  const _ = db.command;
  const filter = _.and([
    { status: 'on_sale', audienceKeys: _.in([...audiences, EVERYONE]) },
    _.or([{ availableFrom: null }, { availableFrom: _.lte(at) }]),
    _.or([{ availableUntil: null }, { availableUntil: _.gt(at) }]),
  ]) as unknown as Record<string, unknown>;
  return findPage<MallItemDoc>(db, COLLECTIONS.mallItems, filter, NEWEST_FIRST, page);
}
