/** 积分商城: items, redemption and my orders; and the admin side (items, stock, codes, orders, export). */
import type { ActionInput, ActionOutput } from '../../typings/api';
import { MALL_ITEM_KIND_LABELS, ORDER_STATUS_LABELS } from '../utils/labels';
import { action, call, pagedAction } from './transport';
import { beijingDateTime } from '../utils/time';

export type MallItemPage = ActionOutput<'points', 'listItems'>;
export type MallItem = MallItemPage['items'][number];
export type MallItemDetail = ActionOutput<'points', 'getItem'>;
export type RedeemResult = ActionOutput<'points', 'redeem'>;
export type OrderStatusFilter = NonNullable<ActionInput<'points', 'myOrders'>['status']>;
export type OrderPage = ActionOutput<'points', 'myOrders'>;
export type Order = OrderPage['items'][number];
export type AdminItemPage = ActionOutput<'points', 'adminListItems'>;
export type AdminItem = AdminItemPage['items'][number];
export type CreateItemInput = ActionInput<'points', 'createItem'>;
export type UpdateItemInput = ActionInput<'points', 'updateItem'>;
export type AdminOrderPage = ActionOutput<'points', 'adminListOrders'>;
export type AdminOrder = AdminOrderPage['items'][number];
export type OrdersExport = ActionOutput<'points', 'exportOrders'>;

export const listItems = pagedAction('points', 'listItems');

export function getItem(itemId: string): Promise<MallItemDetail> {
  return call('points', 'getItem', { itemId });
}

/** The same requestId always answers the same order (a retry never redeems twice). */
export function redeem(itemId: string, requestId: string): Promise<RedeemResult> {
  return call('points', 'redeem', { itemId, requestId });
}

export function listMyOrders(page: number, pageSize: number, status?: OrderStatusFilter): Promise<OrderPage> {
  return call('points', 'myOrders', status ? { page, pageSize, status } : { page, pageSize });
}

export function cancelOrder(orderId: string): Promise<Order> {
  return call('points', 'cancelOrder', { orderId });
}

export const adminListItems = pagedAction('points', 'adminListItems');

export function adminGetItem(itemId: string): Promise<AdminItem> {
  return call('points', 'adminGetItem', { itemId });
}

export const createItem = action('points', 'createItem');

export const updateItem = action('points', 'updateItem');

export function restock(itemId: string, delta: number): Promise<AdminItem> {
  return call('points', 'restock', { itemId, delta });
}

/** `requestId` keys the batch: sending it again after an unknown outcome adds nothing twice. */
export function addCodes(itemId: string, codes: string[], requestId: string): Promise<AdminItem> {
  return call('points', 'addCodes', { itemId, codes, requestId });
}

export function adminListOrders(page: number, pageSize: number, status?: OrderStatusFilter): Promise<AdminOrderPage> {
  return call('points', 'adminListOrders', status ? { page, pageSize, status } : { page, pageSize });
}

export function fulfilOrder(orderId: string, note: string): Promise<AdminOrder> {
  return call('points', 'fulfilOrder', { orderId, note });
}

export function adminCancelOrder(orderId: string, note: string): Promise<AdminOrder> {
  return call('points', 'adminCancelOrder', { orderId, note });
}

export function exportOrders(status: OrderStatusFilter): Promise<OrdersExport> {
  return call('points', 'exportOrders', { status });
}

// How orders show, shared by 我的订单 (packagePoints) and the admin orders page (packageAdmin).

export interface OrderRow {
  id: string;
  itemName: string;
  picture: string;
  kind: string;
  price: number;
  status: Order['status'];
  statusLabel: string;
  code: string;
  note: string;
  time: string;
  /** 已于… 发放 / 已于… 取消（管理员取消）. */
  outcome: string;
}

function outcomeOf(order: Omit<Order, 'code'>): string {
  if (order.status === 'fulfilled' && order.fulfilledAt) return `${beijingDateTime(order.fulfilledAt)} 已发放`;
  if (order.status === 'cancelled' && order.cancelledAt) {
    const by = order.cancelledBy === 'admin' ? '（管理员取消，积分已退回）' : '（积分已退回）';
    return `${beijingDateTime(order.cancelledAt)} 已取消${by}`;
  }
  return '';
}

export function toOrderRow(order: Omit<Order, 'code'> & { code?: string | null }): OrderRow {
  return {
    id: order.id,
    itemName: order.itemName,
    picture: order.itemPicture ?? '',
    kind: MALL_ITEM_KIND_LABELS[order.kind],
    price: order.price,
    status: order.status,
    statusLabel: ORDER_STATUS_LABELS[order.status],
    code: order.code ?? '',
    note: order.note ?? '',
    time: beijingDateTime(order.createdAt),
    outcome: outcomeOf(order),
  };
}
