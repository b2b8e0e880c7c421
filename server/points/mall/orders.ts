/**
 * Redemption (兑换) and the order life cycle. Each change is one transaction over the order, the item, the
 * member's quota and the ledger, so stock and balances never go below zero whatever runs in parallel, and a
 * cancelled order refunds its points and returns its stock exactly once (the status check and the writes
 * commit together, and a concurrent change of the order makes the transaction retry).
 */
import type { Audience, MemberDoc } from '../../../typings/domain';
import { AppError, COLLECTIONS, findById, runTransaction, txGet } from '../../core';
import type { Database, Tx } from '../../core';
import { hashId } from '../../core/ids';
import { ledgerEntryId } from '../ids';
import { postEntry, refundBuckets, txAccount } from '../ledger';
import type { LedgerEntryDoc, PointsAccountDoc } from '../model';
import { beijingMonth } from '../../core/time';
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
 *
 * Under a crowd, every redemption of one item would conflict on the item's document, and each round of
 * transactions would commit one and waste the rest (about a dozen operations each). So a caller first
 * takes the item's short lease with one atomic conditional update, and only the holder runs the
 * transaction; the others wait and re-check with plain reads, so a sold-out item is refused without a
 * transaction. The lease only spreads the work: the transaction alone keeps stock and balances exact, and a
 * lease left by a crashed caller simply runs out.
 */
export async function redeem(db: Database, member: MemberDoc, audiences: readonly Audience[], itemId: string, requestId: string, at: Date): Promise<RedeemOutcome> {
  const id = orderId(member._id, requestId);
  const read = <T>(collection: Parameters<typeof findById>[1], docId: string) => findById<T>(db, collection, docId);
  // Plain reads, one at a time (a crowd holding several requests each in flight queued them past the
  // SDK's 15 s timeout). A retry of a made order is answered by the transaction without a lease.
  const made = (await read<MallOrderDoc>(COLLECTIONS.mallOrders, id)) !== null;
  let mine: { quota: MallQuotaDoc | null; account: PointsAccountDoc | null } | null = null;
  let item: MallItemDoc | null = null;
  for (let round = 1; ; round += 1) {
    if (!made) {
      // Waiting rounds re-read only the item: the member's quota and balance are checked again in the
      // transaction, and only the item changes under a crowd.
      item = checkItem(await read<MallItemDoc>(COLLECTIONS.mallItems, itemId), audiences, at);
      mine ??= {
        quota: await read<MallQuotaDoc>(COLLECTIONS.mallQuotas, quotaId(member._id, itemId)),
        account: await read<PointsAccountDoc>(COLLECTIONS.pointsAccounts, member._id),
      };
      checkMember(item, mine.quota, mine.account, at);
      // A lease someone holds is seen in the item just read: no update needed to learn it is taken.
      if (item.leaseHolder && item.leaseUntil && new Date(item.leaseUntil).getTime() > at.getTime()) item = null;
    }
    if (made || (item !== null && (await takeLease(db, itemId, id, at)))) {
      try {
        const { created, ...outcome } = await redeemOnce(db, member, audiences, itemId, requestId, id, at);
        // A new order cleared the lease in its transaction; a parallel twin's order did not.
        if (!made && !created) await releaseLease(db, itemId, id);
        return outcome;
      } catch (err) {
        if (!made) await releaseLease(db, itemId, id);
        if (!(err instanceof AppError && err.code === 'CONFLICT')) throw err;
      }
    }
    if (round >= CONTENDED_ROUNDS) throw new AppError('CONFLICT');
    const window = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** (round - 1));
    await new Promise((resolve) => setTimeout(resolve, Math.random() * window));
  }
}

/**
 * Waiting for a lease or after a conflict: a random moment out of a window that doubles each round
 * (bounded). Chosen bounds: 20 rounds (a waiting round costs one read), 10 ms doubling to 640 ms (about
 * 7 s in the worst case), then CONFLICT (the points function's timeout is 20 s).
 */
const CONTENDED_ROUNDS = 20;
const BACKOFF_BASE_MS = 10;
const BACKOFF_CAP_MS = 640;
/** How long a lease holds if its holder never finishes (a crash); the holder needs a few operations. */
const LEASE_MS = 3000;

/** One atomic conditional update: the item in stock, and no lease or an expired one. */
async function takeLease(db: Database, itemId: string, holder: string, at: Date): Promise<boolean> {
  const _ = db.command;
  const free = _.and([{ _id: itemId, stock: _.gt(0) }, _.or([{ leaseUntil: null }, { leaseUntil: _.lte(at) }])]) as unknown as Record<string, unknown>;
  const result = (await db.collection(COLLECTIONS.mallItems).where(free).update({ data: { leaseUntil: new Date(at.getTime() + LEASE_MS), leaseHolder: holder } })) as unknown as {
    stats: { updated: number };
  };
  return result.stats.updated === 1;
}

/** Gives the lease back after a refusal or a conflict (a successful redemption clears it in its transaction). */
async function releaseLease(db: Database, itemId: string, holder: string): Promise<void> {
  await db.collection(COLLECTIONS.mallItems).where({ _id: itemId, leaseHolder: holder }).update({ data: { leaseUntil: null, leaseHolder: null } });
}

async function redeemOnce(db: Database, member: MemberDoc, audiences: readonly Audience[], itemId: string, requestId: string, id: string, at: Date): Promise<RedeemOutcome & { created: boolean }> {
  return runTransaction(db, async (tx) => {
    const previous = await txGet<MallOrderDoc>(tx, COLLECTIONS.mallOrders, id);
    const found = await txGet<MallItemDoc>(tx, COLLECTIONS.mallItems, itemId);
    const quota = await txGet<MallQuotaDoc>(tx, COLLECTIONS.mallQuotas, quotaId(member._id, itemId));
    const account = await txAccount(tx, member._id);
    if (previous) return { order: previous, balance: account?.balance ?? 0, created: false };
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
      data: { stock: item.stock - 1, codesIssued: item.codesIssued + (code === null ? 0 : 1), redeemedCount: item.redeemedCount + 1, updatedAt: at, leaseUntil: null, leaseHolder: null },
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
    return { order, balance: debit.posted ? debit.account.balance : 0, created: true };
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
