/**
 * Bulk fulfilment (批量发货): rows pasted from the shipper's sheet, each naming an order by its number or by
 * the buyer's employee number, shipped in one call.
 *
 * How each order ships exactly once: the write is one conditional update, "fulfilled where status is still
 * pending", which the database applies atomically (the same primitive as a redemption's stock take,
 * mall/orders.ts). Of any number of racing calls only one sees `updated: 1`; the others re-read the order and
 * answer what happened to it. A cancellation is a transaction that reads the order, so an update landing
 * after its snapshot makes it conflict and retry, and it then finds the order shipped.
 *
 * How a retry answers the same: the update stamps the request id on the order (`fulfilRequest`). A retry
 * finds its orders shipped by itself and answers `fulfilled` again; an employee-number row matches first the
 * order its request shipped, so the buyer redeeming something else meanwhile changes nothing.
 *
 * Operations: one read for the order numbers, one per 100 employee numbers, one conditional update per
 * pending order (plus a re-read when it lost a race), and the notifications (one read, one insert each).
 */
import type { BulkFulfilOutcome, BulkFulfilResult, BulkFulfilRowResult } from '../../../typings/functions/points';
import { byIds, COLLECTIONS, docsOf, findById } from '../../core';
import chunk from 'lodash/chunk';
import { inParallel } from '../../core/parallel';
import type { Database } from '../../core';
import type { MallOrderDoc } from '../../../typings/docs/mall';

export interface BulkFulfilRow {
  orderId?: string | undefined;
  employeeNo?: string | undefined;
  carrier: string;
  trackingNo: string;
}

/** Updates in flight at once: enough to overlap round trips, few enough to leave the database to others. */
const PARALLEL_UPDATES = 8;
const EMPLOYEES_PER_QUERY = 100;

export const fulfilmentNote = (row: Pick<BulkFulfilRow, 'carrier' | 'trackingNo'>): string =>
  row.carrier ? `${row.carrier} ${row.trackingNo}` : row.trackingNo;

/** Orders employee numbers may name: pending ones, and those this request shipped already (its retry). */
async function byEmployee(db: Database, employeeNos: readonly string[], requestId: string): Promise<Map<string, MallOrderDoc[]>> {
  const _ = db.command;
  // A Map, not lodash's groupBy: the numbers come from an uploaded file, and a plain object answers inherited keys (`constructor`).
  const found = new Map<string, MallOrderDoc[]>();
  for (const batch of chunk([...new Set(employeeNos)], EMPLOYEES_PER_QUERY)) {
    const filter = _.and([{ employeeNo: _.in(batch) }, _.or([{ status: 'pending' }, { fulfilRequest: requestId }])]) as unknown as Record<string, unknown>;
    for (const order of await docsOf<MallOrderDoc>(db.collection(COLLECTIONS.mallOrders).where(filter).limit(1000))) {
      const key = order.employeeNo as string;
      found.set(key, [...(found.get(key) ?? []), order]);
    }
  }
  return found;
}

/** The one order an employee number names: the one this request shipped, else their only pending order. */
function pickByEmployee(candidates: readonly MallOrderDoc[], requestId: string): MallOrderDoc | 'ambiguous' | null {
  const mine = candidates.filter((order) => order.fulfilRequest === requestId);
  const pool = mine.length > 0 ? mine : candidates.filter((order) => order.status === 'pending');
  if (pool.length === 0) return null;
  return pool.length === 1 ? (pool[0] as MallOrderDoc) : 'ambiguous';
}

/** What an order not (or no longer) pending means for the row. */
function settledOutcome(order: MallOrderDoc, requestId: string): BulkFulfilOutcome {
  if (order.status === 'cancelled') return 'cancelled';
  return order.fulfilRequest === requestId ? 'fulfilled' : 'already_fulfilled';
}

function rowResult(row: number, outcome: BulkFulfilOutcome, order: MallOrderDoc | null, note: string): BulkFulfilRowResult {
  return {
    row,
    outcome,
    orderId: order?._id ?? null,
    memberName: order?.memberName ?? null,
    employeeNo: order?.employeeNo ?? null,
    itemName: order?.itemName ?? null,
    note,
  };
}

/** Ships `order` unless it is no longer pending; answers the outcome and the order as it now stands. */
async function ship(
  db: Database,
  order: MallOrderDoc,
  note: string,
  requestId: string,
  at: Date,
): Promise<{ outcome: BulkFulfilOutcome; order: MallOrderDoc }> {
  const changes = { status: 'fulfilled' as const, fulfilledAt: at, note, fulfilRequest: requestId };
  const result = (await db.collection(COLLECTIONS.mallOrders).where({ _id: order._id, status: 'pending' }).update({ data: changes })) as unknown as {
    stats: { updated: number };
  };
  if (result.stats.updated === 1) return { outcome: 'fulfilled', order: { ...order, ...changes } };
  const now = (await findById<MallOrderDoc>(db, COLLECTIONS.mallOrders, order._id)) ?? order;
  return { outcome: settledOutcome(now, requestId), order: now };
}

export interface BulkFulfilment {
  result: BulkFulfilResult;
  /** Orders whose outcome is `fulfilled` (their buyers are told; telling twice is skipped by notify). */
  shipped: MallOrderDoc[];
}

/** Matches every row to an order, then (unless `dryRun`) ships the pending ones; rows keep their order. */
export async function fulfilMany(db: Database, rows: readonly BulkFulfilRow[], requestId: string, dryRun: boolean, at: Date): Promise<BulkFulfilment> {
  const orderIds = rows.flatMap((row) => (row.orderId === undefined ? [] : [row.orderId]));
  const employeeNos = rows.flatMap((row) => (row.orderId === undefined && row.employeeNo !== undefined ? [row.employeeNo] : []));
  const [numbered, employees] = await Promise.all([
    byIds<MallOrderDoc>(db, COLLECTIONS.mallOrders, orderIds),
    employeeNos.length > 0 ? byEmployee(db, employeeNos, requestId) : new Map<string, MallOrderDoc[]>(),
  ]);

  const claimed = new Set<string>();
  const results: BulkFulfilRowResult[] = [];
  /** Each row's order as it stands after this call (null where none matched). */
  const orders: (MallOrderDoc | null)[] = [];
  const toShip: { index: number; order: MallOrderDoc; note: string }[] = [];
  rows.forEach((row, index) => {
    const note = fulfilmentNote(row);
    const picked = row.orderId !== undefined ? (numbered.get(row.orderId) ?? null) : pickByEmployee(employees.get(row.employeeNo as string) ?? [], requestId);
    const order = picked === 'ambiguous' || picked === null || claimed.has(picked._id) ? null : picked;
    orders.push(order);
    if (picked === 'ambiguous' || picked === null) return results.push(rowResult(index, picked ?? 'not_found', null, note));
    if (order === null) return results.push(rowResult(index, 'duplicate', picked, note));
    claimed.add(order._id);
    if (order.status !== 'pending') return results.push(rowResult(index, settledOutcome(order, requestId), order, note));
    if (!dryRun) toShip.push({ index, order, note });
    return results.push(rowResult(index, 'ready', order, note));
  });

  const outcomes = await inParallel(toShip, PARALLEL_UPDATES, (job) => ship(db, job.order, job.note, requestId, at));
  toShip.forEach((job, k) => {
    const { outcome, order } = outcomes[k] as { outcome: BulkFulfilOutcome; order: MallOrderDoc };
    results[job.index] = rowResult(job.index, outcome, order, job.note);
    orders[job.index] = order;
  });
  const shipped = results.flatMap((result) => (result.outcome === 'fulfilled' ? [orders[result.row] as MallOrderDoc] : []));
  return { result: { rows: results, fulfilled: shipped.length }, shipped };
}
