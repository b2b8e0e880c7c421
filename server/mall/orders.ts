/**
 * Redemption (兑换) and the order life cycle. Each change is one transaction over the order, the item, the
 * member's quota and the ledger, so stock and balances never go below zero whatever runs in parallel, and a
 * cancelled order refunds its points and returns its stock exactly once (the status check and the writes
 * commit together, and a concurrent change of the order makes the transaction retry).
 */
import type { Audience, MemberDoc } from '../../typings/domain';
import { AppError, COLLECTIONS, findById, runTransaction, txGet } from '../core';
import type { Database, Tx } from '../core';
import { hashId, ledgerEntryId } from '../points/ids';
import { postEntry, refundBuckets, txAccount } from '../points/ledger';
import type { LedgerEntryDoc, PointsAccountDoc } from '../points/model';
import { beijingMonth } from '../points/time';
import { isAvailable, remainingFor } from './availability';
import type { MallCodeDoc, MallItemDoc, MallOrderDoc, MallQuotaDoc } from './model';

export const orderId = (memberId: string, requestId: string): string => hashId('o:', `${memberId}:${requestId}`);
export const quotaId = (memberId: string, itemId: string): string => `${memberId}:${itemId}`;
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
function checkMember(item: MallItemDoc, quota: MallQuotaDoc | null, account: PointsAccountDoc | null, at: Date): void {
  if (remainingFor(item, quota, beijingMonth(at)) <= 0) throw new AppError('REDEEM_LIMIT');
  if ((account?.balance ?? 0) < item.price) throw new AppError('POINTS_INSUFFICIENT');
}

/**
 * Redeems one item for `member`. The same request id answers the order it made the first time.
 */
export async function redeem(db: Database, member: MemberDoc, audiences: readonly Audience[], itemId: string, requestId: string, at: Date): Promise<RedeemOutcome> {
  const id = orderId(member._id, requestId);
  const read = <T>(collection: Parameters<typeof findById>[1], docId: string) => findById<T>(db, collection, docId);
  return contended(
    async () => {
      // Plain reads: a refusal (sold out, over the limit, too few points) costs no transaction, and a
      // sold-out item two reads (the order is read too, since a retry of a made order must answer it).
      const [previous, found] = await Promise.all([read<MallOrderDoc>(COLLECTIONS.mallOrders, id), read<MallItemDoc>(COLLECTIONS.mallItems, itemId)]);
      if (previous) return;
      const item = checkItem(found, audiences, at);
      const [quota, account] = await Promise.all([
        read<MallQuotaDoc>(COLLECTIONS.mallQuotas, quotaId(member._id, itemId)),
        read<PointsAccountDoc>(COLLECTIONS.pointsAccounts, member._id),
      ]);
      checkMember(item, quota, account, at);
    },
    () => redeemOnce(db, member, audiences, itemId, requestId, id, at),
  );
}

/**
 * Under a crowd every redemption of one item conflicts on the item's document and only the first committer
 * of a round wins, so an immediate retry (the SDK's) almost surely conflicts again and costs a whole
 * transaction. Instead a conflicted caller waits a random moment out of a window that doubles each round
 * (bounded), then re-checks with plain reads: contenders spread out, and once the item is sold out the
 * rest are refused by the pre-check. Chosen bounds: at most 12 rounds, a window of 10 ms doubling to 1.28 s
 * (about 5 s of waiting in the worst case), then CONFLICT.
 */
const CONTENDED_ROUNDS = 12;
const BACKOFF_BASE_MS = 10;
const BACKOFF_CAP_MS = 1280;

async function contended<T>(precheck: () => Promise<void>, run: () => Promise<T>): Promise<T> {
  for (let round = 1; ; round += 1) {
    await precheck();
    try {
      return await run();
    } catch (err) {
      if (!(err instanceof AppError && err.code === 'CONFLICT') || round >= CONTENDED_ROUNDS) throw err;
    }
    const window = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** (round - 1));
    await new Promise((resolve) => setTimeout(resolve, Math.random() * window));
  }
}

async function redeemOnce(db: Database, member: MemberDoc, audiences: readonly Audience[], itemId: string, requestId: string, id: string, at: Date): Promise<RedeemOutcome> {
  return runTransaction(db, async (tx) => {
    // Parallel reads keep the transaction short, so fewer others overlap it.
    const [previous, found, quota, account] = await Promise.all([
      txGet<MallOrderDoc>(tx, COLLECTIONS.mallOrders, id),
      txGet<MallItemDoc>(tx, COLLECTIONS.mallItems, itemId),
      txGet<MallQuotaDoc>(tx, COLLECTIONS.mallQuotas, quotaId(member._id, itemId)),
      txAccount(tx, member._id),
    ]);
    if (previous) return { order: previous, balance: account?.balance ?? 0 };
    const item = checkItem(found, audiences, at);
    checkMember(item, quota, account, at);
    const month = beijingMonth(at);
    const code = item.kind === 'virtual' ? await takeCode(tx, item, id, at) : null;
    const debit = await postEntry(
      tx,
      member,
      { idempotencyKey: redeemKey(id), amount: -item.price, reason: 'redemption', source: id, note: item.name, at, fresh: true },
      account,
    );
    await tx.collection(COLLECTIONS.mallItems).doc(item._id).update({
      data: { stock: item.stock - 1, codesIssued: item.codesIssued + (code === null ? 0 : 1), redeemedCount: item.redeemedCount + 1, updatedAt: at },
    });
    await writeQuota(tx, member._id, item._id, quota, month, 1);
    const order: MallOrderDoc = {
      _id: id,
      memberId: member._id,
      memberName: member.name,
      employeeNo: member.external ? null : member.employeeNo ?? null,
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
    await tx.collection(COLLECTIONS.mallOrders).add({ data: { ...order } });
    return { order, balance: debit.posted ? debit.account.balance : 0 };
  }, 0);
}

/** The next unissued code of a virtual item, marked as this order's. */
async function takeCode(tx: Tx, item: MallItemDoc, order: string, at: Date): Promise<string> {
  const id = codeId(item._id, item.codesIssued);
  const code = await txGet<MallCodeDoc>(tx, COLLECTIONS.mallCodes, id);
  // stock = codesAdded − codesIssued, so a positive stock always has this code.
  if (!code) throw new Error(`virtual item ${item._id} has stock but no code ${id}`);
  await tx.collection(COLLECTIONS.mallCodes).doc(id).update({ data: { orderId: order, issuedAt: at } });
  return code.code;
}

async function writeQuota(tx: Tx, memberId: string, itemId: string, quota: MallQuotaDoc | null, month: string, delta: 1 | -1): Promise<void> {
  const months = { ...(quota?.months ?? {}) };
  months[month] = (months[month] ?? 0) + delta;
  const next: Omit<MallQuotaDoc, '_id'> = { memberId, itemId, total: (quota?.total ?? 0) + delta, months };
  await tx.collection(COLLECTIONS.mallQuotas).doc(quotaId(memberId, itemId)).set({ data: next });
}

/** Who acts on an order: the member (only their own) or an admin. */
export type OrderActor = { kind: 'member'; memberId: string } | { kind: 'admin' };

async function txOrder(tx: Tx, id: string, actor: OrderActor): Promise<MallOrderDoc> {
  const order = await txGet<MallOrderDoc>(tx, COLLECTIONS.mallOrders, id);
  // Someone else's order answers like a missing one: its existence is not the caller's business.
  if (!order || (actor.kind === 'member' && order.memberId !== actor.memberId)) throw new AppError('NOT_FOUND', '订单不存在');
  return order;
}

/** pending → cancelled: refunds the points to the years they came from and returns stock and quota. */
export async function cancelOrder(db: Database, id: string, actor: OrderActor, note: string | null, at: Date): Promise<MallOrderDoc> {
  return runTransaction(db, async (tx) => {
    const order = await txOrder(tx, id, actor);
    if (order.status !== 'pending') throw new AppError('ORDER_STATE', order.status === 'cancelled' ? '订单已取消' : '订单已发放，无法取消');
    const item = requireItemIn(await txGet<MallItemDoc>(tx, COLLECTIONS.mallItems, order.itemId));
    const quota = await txGet<MallQuotaDoc>(tx, COLLECTIONS.mallQuotas, quotaId(order.memberId, order.itemId));
    const debit = await txGet<LedgerEntryDoc>(tx, COLLECTIONS.pointsLedger, ledgerEntryId(redeemKey(id)));
    if (!debit) throw new Error(`order ${id} has no redemption entry`);
    const owner = { _id: order.memberId, name: order.memberName, departmentId: order.departmentId, departmentPath: order.departmentPath };
    await postEntry(tx, owner, {
      idempotencyKey: refundKey(id),
      amount: order.price,
      reason: 'refund',
      source: id,
      note: order.itemName,
      at,
      buckets: refundBuckets(debit),
      fresh: true,
    });
    await tx.collection(COLLECTIONS.mallItems).doc(item._id).update({ data: { stock: item.stock + 1, redeemedCount: item.redeemedCount - 1, updatedAt: at } });
    await writeQuota(tx, order.memberId, order.itemId, quota, order.month, -1);
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
