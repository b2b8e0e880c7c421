/** Documents of the gift mall (积分商城) as stored; dates are Date objects. */
import type { Audience } from './course';
import type { MallItemKind, MallItemStatus, OrderStatus } from '../functions/points';

/** Audience key standing for "everyone" in `audienceKeys` (an empty list cannot be matched by a query). */
export const EVERYONE = 'all';

/** Collection `mallItems`. */
export interface MallItemDoc {
  _id: string;
  name: string;
  pictures: string[];
  description: string;
  price: number;
  /** What can still be redeemed; for virtual items always codesAdded − codesIssued. */
  stock: number;
  kind: MallItemKind;
  limitTotal: number | null;
  limitPerMonth: number | null;
  availableFrom: Date | null;
  availableUntil: Date | null;
  audiences: Audience[];
  /** `audiences`, or [EVERYONE] when empty: what the member list query matches. */
  audienceKeys: string[];
  status: MallItemStatus;
  codesAdded: number;
  codesIssued: number;
  redeemedCount: number;
  createdAt: Date;
  updatedAt: Date;
  createdBy: string;
  /**
   * Set by every unit taken by a redemption (server/points/mall/orders.ts takeStock): the stock reconciliation looks at
   * items taken from and quiet since. Absent until the first redemption.
   */
  lastTakeAt?: Date | null;
  unsettled?: boolean;
}

/** Collection `mallCodes`, `_id` = `<itemId>:<seq>`: one code of a virtual item, handed out in `seq` order. */
export interface MallCodeDoc {
  _id: string;
  itemId: string;
  seq: number;
  code: string;
  orderId: string | null;
  issuedAt: Date | null;
}

/** Also in `mallCodes`, `_id` = `batch:<hash of item and request id>`: one admin batch of codes, added once. */
export interface MallCodeBatchDoc {
  _id: string;
  itemId: string;
  requestId: string;
  count: number;
  addedAt: Date;
}

/** Collection `mallOrders`, `_id` from member id + request id. */
export interface MallOrderDoc {
  _id: string;
  memberId: string;
  memberName: string;
  employeeNo: string | null;
  departmentId: string;
  departmentPath: string[];
  itemId: string;
  itemName: string;
  itemPicture: string | null;
  kind: MallItemKind;
  price: number;
  status: OrderStatus;
  code: string | null;
  note: string | null;
  requestId: string;
  /** Beijing month of the redemption, `YYYY-MM`, for the monthly limit. */
  month: string;
  createdAt: Date;
  fulfilledAt: Date | null;
  cancelledAt: Date | null;
  cancelledBy: 'member' | 'admin' | null;
  /** The bulk fulfilment request that shipped it (server/points/mall/bulk-fulfil.ts), so its retry answers the same; absent otherwise. */
  fulfilRequest?: string;
}
