/** Documents to what the app sees (dates as ISO strings; virtual codes to the buyer only). */
import type { MallItemAdminView, MallItemView, OrderAdminView, OrderView } from '../../../typings/functions/points';
import { isoDate } from '../../core/published';
import type { MallItemDoc, MallOrderDoc } from './model';

export function itemView(item: MallItemDoc): MallItemView {
  return {
    id: item._id,
    name: item.name,
    pictures: item.pictures,
    description: item.description,
    price: item.price,
    stock: item.stock,
    kind: item.kind,
    limitTotal: item.limitTotal,
    limitPerMonth: item.limitPerMonth,
    availableFrom: isoDate(item.availableFrom),
    availableUntil: isoDate(item.availableUntil),
    audiences: item.audiences,
    status: item.status,
  };
}

export function itemAdminView(item: MallItemDoc): MallItemAdminView {
  return {
    ...itemView(item),
    codesAdded: item.codesAdded,
    codesIssued: item.codesIssued,
    redeemedCount: item.redeemedCount,
    createdAt: isoDate(item.createdAt) as string,
    updatedAt: isoDate(item.updatedAt) as string,
  };
}

function orderFields(order: MallOrderDoc): Omit<OrderView, 'code'> {
  return {
    id: order._id,
    itemId: order.itemId,
    itemName: order.itemName,
    itemPicture: order.itemPicture,
    kind: order.kind,
    price: order.price,
    status: order.status,
    note: order.note,
    createdAt: isoDate(order.createdAt) as string,
    fulfilledAt: isoDate(order.fulfilledAt),
    cancelledAt: isoDate(order.cancelledAt),
    cancelledBy: order.cancelledBy,
  };
}

export function orderView(order: MallOrderDoc): OrderView {
  return { ...orderFields(order), code: order.code };
}

export function orderAdminView(order: MallOrderDoc): OrderAdminView {
  return { ...orderFields(order), memberId: order.memberId, memberName: order.memberName, employeeNo: order.employeeNo, departmentPath: order.departmentPath };
}
