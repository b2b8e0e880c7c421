/**
 * Redemption (兑换) and the order life cycle. A redemption takes its unit of stock with one atomic
 * conditional update, then commits the order, the member's quota and the ledger entry in one transaction
 * (see redeem). A cancellation is one transaction over the order, the item and the member's account, so a
 * cancelled order refunds its points and returns its stock exactly once (the status check and the writes
 * commit together, and a concurrent change of the order makes the transaction retry).
 */
import type { Audience, MemberDoc } from '../../../typings/domain';
import { AppError, COLLECTIONS, findById, runTransaction, transactWithBackoff, txGet } from '../../core';
import type { Database, Tx } from '../../core';
import { hashId } from '../../core/ids';
import { InstanceCache } from '../../core/instance-cache';
import { loadMediaGate, type MediaGate } from '../../core/media-check';
import { ledgerEntryId } from '../ids';
import { emptyAccount, postEntry, refundBuckets, txAccount } from '../ledger';
import type { LedgerEntryDoc, PointsAccountDoc } from '../../../typings/docs/points';
import { beijingMonth } from '../../core/time';
import { isAvailable, remainingFor } from './availability';
import type { MallCodeDoc, MallItemDoc, MallOrderDoc } from '../../../typings/docs/mall';
import type { MallQuota } from '../../../typings/docs/points';

export const orderId = (memberId: string, requestId: string): string => hashId('o:', `${memberId}:${requestId}`);
export const codeId = (itemId: string, seq: number): string => `${itemId}:${seq}`;
const redeemKey = (order: string): string => `redeem:${order}`;
const refundKey = (order: string): string => `refund:${order}`;

export function requireItemIn(item: MallItemDoc | null): MallItemDoc {
  if (!item) throw new AppError('NOT_FOUND', '礼品不存在');
  return item;
}

export interface RedeemOutcome {
  order: MallOrderDoc;
  balance: number;
  /** Whether the member may see the order's picture (server/core/media-check.ts). */
  media: MediaGate;
}

/**
 * The redemption's checks, the same outside the transaction (the cheap pre-check) and inside it (the
 * decision that commits). First what the item allows (so a sold-out item needs no more reads)...
 */
function checkItem(found: MallItemDoc | null, audiences: readonly Audience[], at: Date): MallItemDoc {
  const item = requireItemIn(found);
  if (!isAvailable(item, audiences, at)) throw new AppError('ITEM_UNAVAILABLE');
  if (item.stock <= 0) throw new AppError('OUT_OF_STOCK');
  return item;
}

/** ...then what the member may still do: the item's limits and their balance. */
function checkMember(item: MallItemDoc, quota: MallQuota | null, account: PointsAccountDoc | null, at: Date): void {
  if (remainingFor(item, quota, beijingMonth(at)) <= 0) throw new AppError('REDEEM_LIMIT');
  if ((account?.balance ?? 0) < item.price) throw new AppError('POINTS_INSUFFICIENT');
}

/**
 * How long a function instance keeps a mall item for redemptions (chosen: 5 s). A crowd redeeming one item
 * would otherwise read it on every call, though an admin edits it a few times a week. What the kept copy
 * decides is checked against the database before it counts: the unit is taken only while the item still
 * has the kept price, status and `updatedAt` (takeStock), so an admin's edit, a price change or taking it
 * off sale applies at once; a refusal (sold out, off sale, not for the member's audiences) is answered only
 * after reading the item fresh. What remains stale for up to this time is an edit made within the same
 * millisecond as the kept read (the same `updatedAt`): its audiences, window, limits and texts.
 */
export const ITEM_TTL_MS = 5000;

/**
 * A kept item with the media gate of its first picture (the order's picture), read when a redemption first
 * answers with it. A picture's check only moves from pending to passed or risky (server/core/media-check.ts),
 * and a pending picture is hidden from members, so a kept gate never shows what a fresh one would hide.
 */
class KeptItem {
  private gate: Promise<MediaGate> | undefined;

  constructor(readonly item: MallItemDoc | null) {}

  pictureGate(db: Database): Promise<MediaGate> {
    if (!this.gate) {
      this.gate = loadMediaGate(db, [this.item?.pictures[0]]);
      this.gate.catch(() => {
        this.gate = undefined;
      });
    }
    return this.gate;
  }
}

const keptItems = new InstanceCache<KeptItem>(ITEM_TTL_MS);

/** Forgets the kept items (tests that edit an item behind the function's back). */
export function forgetKeptItems(): void {
  keptItems.clear();
}

async function readItem(db: Database, itemId: string): Promise<KeptItem> {
  return new KeptItem(await findById<MallItemDoc>(db, COLLECTIONS.mallItems, itemId));
}

/** Reads the item and keeps it for the next calls on this instance. */
async function readItemFresh(db: Database, itemId: string): Promise<KeptItem> {
  const kept = await readItem(db, itemId);
  keptItems.set(itemId, kept);
  return kept;
}

/** The media gate for an order's picture: the kept one when it is the kept item's picture. */
function orderGate(db: Database, kept: KeptItem, order: MallOrderDoc): Promise<MediaGate> {
  return kept.item?.pictures[0] === (order.itemPicture ?? undefined) ? kept.pictureGate(db) : loadMediaGate(db, [order.itemPicture]);
}

/** Times a redemption reads the item fresh after its take found it changed, before answering CONFLICT. */
const FRESH_READS = 3;

/**
 * Redeems one item for `member`. The same request id answers the order it made the first time.
 *
 * A crowd on one item must not turn members away, so a physical item's stock is never inside a
 * transaction: one conditional update takes a unit ("stock − 1 where stock > 0"), which the database applies
 * atomically however many members take at once (stock is never oversold, and nobody conflicts). The
 * transaction then touches only the member's own documents: their account (balance and, in `quotas`, their
 * limits per item), the order and the ledger entry. Only a member racing themself can conflict there. A
 * refused or failed transaction gives the unit back; a unit taken by a call killed before its order
 * committed is given back by the hourly timer once the item is quiet (reconcileStock).
 * Operations: the take, and start, account read, order add, entry add, account write, commit (the item and
 * its picture's media gate are kept per instance, ITEM_TTL_MS; two reads more when they are not).
 *
 * Virtual items hand out codes in sequence from the item document, so their redemption runs in one
 * transaction with the item, patient under contention (transactWithBackoff).
 */
export async function redeem(
  db: Database,
  member: MemberDoc,
  audiences: readonly Audience[],
  itemId: string,
  requestId: string,
  at: Date,
): Promise<RedeemOutcome> {
  const id = orderId(member._id, requestId);
  let fresh = false;
  let kept = await keptItems.get(itemId, () => {
    fresh = true;
    return readItem(db, itemId);
  });
  const answer = async (outcome: Omit<RedeemOutcome, 'media'>): Promise<RedeemOutcome> => ({ ...outcome, media: await orderGate(db, kept, outcome.order) });
  try {
    for (let reads = 0; ; ) {
      let item: MallItemDoc;
      try {
        item = checkItem(kept.item, audiences, at);
      } catch (err) {
        // A refusal is answered from the database, never from a kept copy.
        if (fresh) throw err;
        kept = await readItemFresh(db, itemId);
        fresh = true;
        continue;
      }
      if (item.kind === 'virtual') return await answer(await transactWithBackoff(db, (tx) => commitOrder(tx, member, audiences, item, requestId, id, at)));
      if (await takeStock(db, item, at)) {
        let made: Omit<RedeemOutcome, 'media'>;
        try {
          made = await runTransaction(db, (tx) => commitOrder(tx, member, audiences, item, requestId, id, at));
        } catch (err) {
          await returnStock(db, item._id, 1);
          throw err;
        }
        return await answer(made);
      }
      // Sold out since it was read, or edited: decide again on the item as it is now.
      if (reads >= FRESH_READS) throw new AppError('CONFLICT');
      reads += 1;
      kept = await readItemFresh(db, itemId);
      fresh = true;
    }
  } catch (err) {
    // A retry of an order already made is answered with it, whatever the item and the balance say now.
    const made = await findById<MallOrderDoc>(db, COLLECTIONS.mallOrders, id);
    if (!made || made.memberId !== member._id) throw err;
    const account = await findById<PointsAccountDoc>(db, COLLECTIONS.pointsAccounts, member._id);
    return answer({ order: made, balance: account?.balance ?? 0 });
  }
}

/**
 * One atomic conditional update: a unit of stock, if any is left and the item is still as `item` was read
 * (price, status, `updatedAt`: a kept copy decides nothing an admin has changed since); `unsettled` marks it
 * for reconcileStock. Concurrent increments of one document never overwrite each other:
 * https://developers.weixin.qq.com/miniprogram/dev/wxcloudservice/wxcloud/reference-sdk-api/database/command/Command.inc.md
 */
async function takeStock(db: Database, item: MallItemDoc, at: Date): Promise<boolean> {
  const _ = db.command;
  const unchanged = { price: item.price, status: item.status, ...(item.updatedAt ? { updatedAt: item.updatedAt } : {}) };
  const result = (await db
    .collection(COLLECTIONS.mallItems)
    .where({ _id: item._id, stock: _.gt(0), ...unchanged })
    .update({ data: { stock: _.inc(-1), redeemedCount: _.inc(1), lastTakeAt: at, unsettled: true } })) as unknown as { stats: { updated: number } };
  return result.stats.updated === 1;
}

async function returnStock(db: Database, itemId: string, units: number): Promise<void> {
  const _ = db.command;
  await db
    .collection(COLLECTIONS.mallItems)
    .doc(itemId)
    .update({ data: { stock: _.inc(units), redeemedCount: _.inc(-units) } });
}

/** The member's side of a redemption, in a transaction; a virtual item's code and stock are taken here too. */
async function commitOrder(
  tx: Tx,
  member: MemberDoc,
  audiences: readonly Audience[],
  read: MallItemDoc,
  requestId: string,
  id: string,
  at: Date,
): Promise<Omit<RedeemOutcome, 'media'>> {
  const virtual = read.kind === 'virtual';
  // A physical item was checked and its unit taken already; a virtual one is decided here, with its codes.
  const item = virtual ? checkItem(await txGet<MallItemDoc>(tx, COLLECTIONS.mallItems, read._id), audiences, at) : read;
  const account = await txAccount(tx, member._id);
  const quotas = account?.quotas ?? {};
  checkMember(item, quotas[item._id] ?? null, account, at);
  const month = beijingMonth(at);
  const code = virtual ? await takeCode(tx, item, id, at) : null;
  const order: MallOrderDoc = {
    _id: id,
    memberId: member._id,
    memberName: member.name,
    employeeNo: member.external ? null : (member.employeeNo ?? null),
    departmentId: member.departmentId,
    departmentPath: member.departmentPath,
    itemId: item._id,
    itemName: item.name,
    itemPicture: item.pictures[0] ?? null,
    kind: item.kind,
    price: item.price,
    // A virtual item is delivered by revealing its code: nothing is left to ship.
    status: code === null ? 'pending' : 'fulfilled',
    code,
    note: null,
    requestId,
    month,
    createdAt: at,
    fulfilledAt: code === null ? null : at,
    cancelledAt: null,
    cancelledBy: null,
  };
  // The order's id comes from the request id: a second commit of the same request fails here.
  await tx.collection(COLLECTIONS.mallOrders).add({ data: { ...order } });
  if (virtual) {
    await tx
      .collection(COLLECTIONS.mallItems)
      .doc(item._id)
      .update({ data: { stock: item.stock - 1, codesIssued: item.codesIssued + 1, redeemedCount: item.redeemedCount + 1, updatedAt: at } });
  }
  const debit = await postEntry(
    tx,
    member,
    { idempotencyKey: redeemKey(id), amount: -item.price, reason: 'redemption', source: id, note: item.name, at, fresh: true },
    { ...(account ?? emptyAccount(member, at)), quotas: withQuota(quotas, item._id, month, 1) },
  );
  return { order, balance: debit.posted ? debit.account.balance : 0 };
}

/**
 * Gives back units taken by calls that died before their order committed. A take marks the item
 * `unsettled`; once nothing has been taken for longer than a function may run, every take has either
 * committed its order or died, so `redeemedCount` − orders not cancelled is exactly what leaked. The write
 * is conditional on the item unchanged since it was read.
 */
export async function reconcileStock(db: Database, now: Date): Promise<number> {
  const _ = db.command;
  const quiet = new Date(now.getTime() - QUIET_MS);
  const { data } = (await db
    .collection(COLLECTIONS.mallItems)
    .where({ unsettled: true, lastTakeAt: _.lt(quiet) })
    .limit(100)
    .get()) as unknown as { data: MallItemDoc[] };
  let returned = 0;
  for (const item of data) {
    const { total } = (await db
      .collection(COLLECTIONS.mallOrders)
      .where({ itemId: item._id, status: _.in(['pending', 'fulfilled']) })
      .count()) as unknown as { total: number };
    const leaked = item.redeemedCount - total;
    const result = (await db
      .collection(COLLECTIONS.mallItems)
      .where({ _id: item._id, redeemedCount: item.redeemedCount, stock: item.stock, lastTakeAt: item.lastTakeAt ?? null })
      .update({ data: { stock: _.inc(Math.max(0, leaked)), redeemedCount: _.inc(-Math.max(0, leaked)), unsettled: false } })) as unknown as {
      stats: { updated: number };
    };
    if (result.stats.updated === 1) returned += Math.max(0, leaked);
  }
  return returned;
}

/** Longer than the points function's timeout (cloudfunctions/points/config.json, 20 s), with a margin. */
const QUIET_MS = 60_000;

/** The next unissued code of a virtual item, marked as this order's. */
async function takeCode(tx: Tx, item: MallItemDoc, order: string, at: Date): Promise<string> {
  const id = codeId(item._id, item.codesIssued);
  const code = await txGet<MallCodeDoc>(tx, COLLECTIONS.mallCodes, id);
  // stock = codesAdded − codesIssued, so a positive stock always has this code.
  if (!code) throw new Error(`virtual item ${item._id} has stock but no code ${id}`);
  await tx
    .collection(COLLECTIONS.mallCodes)
    .doc(id)
    .update({ data: { orderId: order, issuedAt: at } });
  return code.code;
}

/** The member's quotas with `delta` redemptions of `itemId` in `month` (a cancellation gives one back). */
function withQuota(quotas: Readonly<Record<string, MallQuota>>, itemId: string, month: string, delta: 1 | -1): Record<string, MallQuota> {
  const quota = quotas[itemId];
  const months = { ...(quota?.months ?? {}) };
  months[month] = (months[month] ?? 0) + delta;
  return { ...quotas, [itemId]: { total: (quota?.total ?? 0) + delta, months } };
}

/** Who acts on an order: the member (only their own) or an admin. */
export type OrderActor = { kind: 'member'; memberId: string } | { kind: 'admin' };

async function txOrder(tx: Tx, id: string, actor: OrderActor): Promise<MallOrderDoc> {
  const order = await txGet<MallOrderDoc>(tx, COLLECTIONS.mallOrders, id);
  // Someone else's order answers like a missing one: its existence is not the caller's business.
  if (!order || (actor.kind === 'member' && order.memberId !== actor.memberId)) throw new AppError('NOT_FOUND', '订单不存在');
  return order;
}

/**
 * pending → cancelled: refunds the points to the years they came from and returns stock and quota. The item
 * is in the transaction (its stock goes back with the status change), patient while a crowd takes units.
 */
export async function cancelOrder(db: Database, id: string, actor: OrderActor, note: string | null, at: Date): Promise<MallOrderDoc> {
  return transactWithBackoff(db, async (tx) => {
    const order = await txOrder(tx, id, actor);
    if (order.status !== 'pending') throw new AppError('ORDER_STATE', order.status === 'cancelled' ? '订单已取消' : '订单已发放，无法取消');
    const item = requireItemIn(await txGet<MallItemDoc>(tx, COLLECTIONS.mallItems, order.itemId));
    const debit = await txGet<LedgerEntryDoc>(tx, COLLECTIONS.pointsLedger, ledgerEntryId(redeemKey(id)));
    if (!debit) throw new Error(`order ${id} has no redemption entry`);
    const owner = { _id: order.memberId, name: order.memberName, departmentId: order.departmentId, departmentPath: order.departmentPath };
    const account = await txAccount(tx, order.memberId);
    await postEntry(
      tx,
      owner,
      {
        idempotencyKey: refundKey(id),
        amount: order.price,
        reason: 'refund',
        source: id,
        note: order.itemName,
        at,
        buckets: refundBuckets(debit),
        fresh: true,
      },
      { ...(account ?? emptyAccount(owner, at)), quotas: withQuota(account?.quotas ?? {}, order.itemId, order.month, -1) },
    );
    await tx
      .collection(COLLECTIONS.mallItems)
      .doc(item._id)
      .update({ data: { stock: item.stock + 1, redeemedCount: item.redeemedCount - 1, updatedAt: at } });
    const changes = { status: 'cancelled' as const, cancelledAt: at, cancelledBy: actor.kind, note: note ?? order.note };
    await tx.collection(COLLECTIONS.mallOrders).doc(id).update({ data: changes });
    return { ...order, ...changes };
  });
}

/** pending → fulfilled (发放) with the admin's note, such as a tracking number. */
export async function fulfilOrder(db: Database, id: string, note: string, at: Date): Promise<MallOrderDoc> {
  return runTransaction(db, async (tx) => {
    const order = await txOrder(tx, id, { kind: 'admin' });
    if (order.status !== 'pending') throw new AppError('ORDER_STATE', order.status === 'cancelled' ? '订单已取消，无法发放' : '订单已发放');
    const changes = { status: 'fulfilled' as const, fulfilledAt: at, note: note === '' ? order.note : note };
    await tx.collection(COLLECTIONS.mallOrders).doc(id).update({ data: changes });
    return { ...order, ...changes };
  });
}
