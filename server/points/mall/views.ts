/** Documents to what the app sees (dates as ISO strings; virtual codes to the buyer only). */
import type { MallItemAdminView, MallItemView, OrderAdminView, OrderView } from '../../../typings/functions/points';
import { isoDate } from '../../core/published';
import type { MediaGate } from '../../core/media-check';
import type { MallItemDoc, MallOrderDoc } from '../../../typings/docs/mall';

/** Which pictures the reader sees: pictures still under the media check only their uploader does. */
export interface ItemMedia {
  gate: MediaGate;
  viewerId: string;
}

export function itemView(item: MallItemDoc, media: ItemMedia): MallItemView {
  return {
    id: item._id,
    name: item.name,
    pictures: media.gate.filter(item.pictures, media.viewerId),
    mediaReview: media.gate.review(item.pictures, media.viewerId),
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

export function itemAdminView(item: MallItemDoc, media: ItemMedia): MallItemAdminView {
  return {
    ...itemView(item, media),
    codesAdded: item.codesAdded,
    codesIssued: item.codesIssued,
    redeemedCount: item.redeemedCount,
    createdAt: isoDate(item.createdAt) as string,
    updatedAt: isoDate(item.updatedAt) as string,
  };
}

function orderFields(order: MallOrderDoc, media: ItemMedia): Omit<OrderView, 'code'> {
  return {
    id: order._id,
    itemId: order.itemId,
    itemName: order.itemName,
    itemPicture: order.itemPicture !== null && media.gate.visible(order.itemPicture, media.viewerId) ? order.itemPicture : null,
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

export function orderView(order: MallOrderDoc, media: ItemMedia): OrderView {
  return { ...orderFields(order, media), code: order.code };
}

export function orderAdminView(order: MallOrderDoc, media: ItemMedia): OrderAdminView {
  return {
    ...orderFields(order, media),
    memberId: order.memberId,
    memberName: order.memberName,
    employeeNo: order.employeeNo,
    departmentPath: order.departmentPath,
  };
}
