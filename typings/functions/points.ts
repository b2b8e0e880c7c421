/**
 * Function `points`: the points ledger (积分), the gift mall (积分商城), orders (订单) and their admin side.
 * Function `pointsExpiry`: the yearly expiry timer (积分过期), which an admin can also run by hand.
 *
 * Every amount is an integer number of points. Prices, balances and who is calling are decided on the
 * server; the app sends only ids, request ids (idempotency keys it generates once per user intent) and text.
 */
import * as z from 'zod/mini';
import { contract } from '../contract';
import type { Audience, MediaReview } from '../domain';
import { clientId, fileId, id, POINTS_LIMITS, pointsAmount, requiredText, text } from '../schema';
import { AUDIENCES } from '../domain';
import { type Page, pageInputShape } from './paging';

/**
 * What authoring earns its author (创作积分): a course passing review, each learner completing it, its
 * rating reaching the standard, an award won in a contest. server/authoring/rewards.ts pays them.
 */
export const AUTHORING_EVENT_TYPES = ['course_published', 'course_learner', 'course_rated', 'course_award'] as const;

/**
 * Events that earn points; admins set the points and daily caps per type (积分规则). `session_attended`:
 * attending a classroom session (线下课签到), once per session (server/classroom/attendance.ts).
 */
export const EARNING_EVENT_TYPES = [
  'course_completed',
  'quiz_passed',
  'checkin',
  'streak_bonus',
  'competition_award',
  ...AUTHORING_EVENT_TYPES,
  'session_attended',
] as const;
export type EarningEventType = (typeof EARNING_EVENT_TYPES)[number];

/** Why a ledger entry exists (积分明细的原因). */
export const LEDGER_REASONS = [...EARNING_EVENT_TYPES, 'admin_adjustment', 'redemption', 'refund', 'expiry', 'makeup_card', 'author_award'] as const;
export type LedgerReason = (typeof LEDGER_REASONS)[number];

/** Chinese names for the app. */
export const LEDGER_REASON_LABELS: Record<LedgerReason, string> = {
  course_completed: '完成课程',
  quiz_passed: '通过测验',
  checkin: '打卡',
  streak_bonus: '连续打卡奖励',
  competition_award: '大赛获奖',
  course_published: '课程通过审核',
  course_learner: '学员完成我的课程',
  course_rated: '课程获得好评',
  course_award: '课程在大赛获奖',
  session_attended: '线下课签到',
  admin_adjustment: '管理员调整',
  redemption: '兑换礼品',
  refund: '订单取消退回',
  expiry: '积分过期',
  makeup_card: '打卡补卡',
  author_award: '年度作者奖',
};

/** 实物 (shipped by someone) or 虚拟 (a code or voucher text shown to the buyer once redeemed). */
export const MALL_ITEM_KINDS = ['physical', 'virtual'] as const;
export type MallItemKind = (typeof MALL_ITEM_KINDS)[number];
/** 上架 / 下架. Items are never deleted: orders keep pointing at them. */
export const MALL_ITEM_STATUSES = ['on_sale', 'off_sale'] as const;
export type MallItemStatus = (typeof MALL_ITEM_STATUSES)[number];
/** pending (待发放) → fulfilled (已发放) or cancelled (已取消). Virtual orders are fulfilled at once. */
export const ORDER_STATUSES = ['pending', 'fulfilled', 'cancelled'] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

export const ORDER_STATUS_LABELS: Record<OrderStatus, string> = { pending: '待发放', fulfilled: '已发放', cancelled: '已取消' };

/** Points that will expire on one date: the unspent part of what was earned in `year`. */
export interface ExpiringPoints {
  /** The Beijing year the points were earned in. */
  year: number;
  amount: number;
  /** ISO 8601: the end of the next Beijing year (year + 1, 12-31 24:00 Asia/Shanghai). */
  expiresAt: string;
}

export interface BalanceView {
  balance: number;
  /** Everything ever earned (not reduced by spending or expiry). */
  earnedTotal: number;
  /** Whether yearly expiry is on; `expiring` is empty when it is off. */
  expiryEnabled: boolean;
  /** Unspent points by expiry date, soonest first (spending uses the oldest points first). */
  expiring: ExpiringPoints[];
}

export interface LedgerEntryView {
  id: string;
  /** Positive for earnings and refunds, negative for spending and expiry. */
  amount: number;
  reason: LedgerReason;
  /** What the entry came from, for example a course id, an order id or the adjusting admin's note. */
  source: string;
  /** Admin adjustments: the reason the admin wrote; redemptions and refunds: the item name. */
  note: string | null;
  balanceAfter: number;
  /** ISO 8601. */
  createdAt: string;
  expiresAt: string | null;
}

export interface LeaderboardRow {
  /** 1-based position (ties share the order of their member ids). */
  rank: number;
  memberId: string;
  name: string;
  departmentPath: string[];
  balance: number;
  /** The member's learner level (学员等级), or null below the first rung. */
  level: string | null;
  isMe: boolean;
}

export interface LeaderboardView extends Page<LeaderboardRow> {
  /** The caller's position in this board, or null without any points yet. */
  myRank: number | null;
  myBalance: number;
}

export interface MallItemView {
  id: string;
  name: string;
  /** Cloud storage fileIDs; the first is the cover. Others' uploads only once the media check passed them. */
  pictures: string[];
  /** For the uploader: their pictures still under review (审核中) or refused (未通过); null otherwise. */
  mediaReview: MediaReview | null;
  description: string;
  price: number;
  stock: number;
  kind: MallItemKind;
  /** Per member over all time, or null for no limit. */
  limitTotal: number | null;
  /** Per member per Beijing calendar month, or null for no limit. */
  limitPerMonth: number | null;
  /** ISO 8601 or null (open). */
  availableFrom: string | null;
  availableUntil: string | null;
  /** Empty: everyone. */
  audiences: Audience[];
  status: MallItemStatus;
}

/** What the member sees of one item, with what they can still redeem. */
/** The mall's items on sale for the caller, one page, with the caller's balance for the mall's header. */
export interface MallPage extends Page<MallItemView> {
  myBalance: number;
}

export interface MallItemDetail extends MallItemView {
  /** How many more this member may redeem now (limits and stock), ignoring the balance. */
  remainingForMe: number;
  myBalance: number;
}

export interface MallItemAdminView extends MallItemView {
  /** Virtual items: codes added so far, and codes handed out. */
  codesAdded: number;
  codesIssued: number;
  /** Orders not cancelled. */
  redeemedCount: number;
  /** ISO 8601. */
  createdAt: string;
  updatedAt: string;
}

export interface OrderView {
  id: string;
  itemId: string;
  itemName: string;
  /** The item's cover fileID at redemption time, or null. */
  itemPicture: string | null;
  kind: MallItemKind;
  price: number;
  status: OrderStatus;
  /** Virtual items: the code or voucher text, shown to the buyer only. */
  code: string | null;
  /** The admin's fulfilment note, such as a tracking number. */
  note: string | null;
  /** ISO 8601. */
  createdAt: string;
  fulfilledAt: string | null;
  cancelledAt: string | null;
  cancelledBy: 'member' | 'admin' | null;
}

/** Orders as the admin sees them: who to ship to, never the virtual code. */
export interface OrderAdminView extends Omit<OrderView, 'code'> {
  memberId: string;
  memberName: string;
  employeeNo: string | null;
  departmentPath: string[];
}

/**
 * What one pasted row of a bulk fulfilment (批量发货) came to. `ready`: a dry run found the order pending;
 * `fulfilled`: this request shipped it (a retry of the same request answers the same); the rest ship nothing.
 */
export const BULK_FULFIL_OUTCOMES = ['ready', 'fulfilled', 'already_fulfilled', 'cancelled', 'not_found', 'ambiguous', 'duplicate'] as const;
export type BulkFulfilOutcome = (typeof BULK_FULFIL_OUTCOMES)[number];

export const BULK_FULFIL_OUTCOME_LABELS: Record<BulkFulfilOutcome, string> = {
  ready: '可发放',
  fulfilled: '已发放',
  already_fulfilled: '此前已发放',
  cancelled: '订单已取消',
  not_found: '未找到待发放订单',
  ambiguous: '该工号有多个待发放订单，请改用订单号',
  duplicate: '与前面的行是同一订单',
};

export interface BulkFulfilRowResult {
  /** 0-based position of the row in the request. */
  row: number;
  outcome: BulkFulfilOutcome;
  /** The order the row names or matched, or null when none matched. */
  orderId: string | null;
  memberName: string | null;
  employeeNo: string | null;
  itemName: string | null;
  /** The note the order gets: carrier and tracking number. */
  note: string;
}

export interface BulkFulfilResult {
  rows: BulkFulfilRowResult[];
  /** Rows whose outcome is `fulfilled`. */
  fulfilled: number;
}

export interface RedeemResult {
  order: OrderView;
  balance: number;
}

export interface EarningRules {
  /** Points per event, 0 to turn an event type off. */
  points: Record<EarningEventType, number>;
  /** Per member per Beijing day and event type; null for no cap. */
  dailyCaps: Record<EarningEventType, number | null>;
  /** Per member per Beijing day over every event type; null for no cap. */
  dailyTotalCap: number | null;
  /** Points earned in year Y expire at the end of year Y + 1 (Beijing), when on. */
  expiryEnabled: boolean;
}

export interface EarningRulesView extends EarningRules {
  /** ISO 8601, or null while the defaults apply. */
  updatedAt: string | null;
  /** Kinds whose points their own daily cap or the total cap would cut (积分承诺与实际), with what is really paid. */
  warnings: PointsCapWarning[];
}

/**
 * 积分调整上限 (set by a company-wide admin): what one department-scoped admin may credit in total per
 * Beijing day, over all members. Debits do not count (they create no points to spend). Company-wide admins
 * are not capped: they set the ceiling, so a cap on them would bind no one.
 */
export interface AdjustSettings {
  /** Points; null for no ceiling. */
  scopedAdminDailyCeiling: number | null;
}

export interface AdjustSettingsView extends AdjustSettings {
  /** ISO 8601, or null while the default applies. */
  updatedAt: string | null;
  /** The caller's own credits today (Beijing day) and the ceiling that applies to them (null: none). */
  myCreditedToday: number;
  myCeiling: number | null;
}

export interface AdjustmentResult {
  entry: LedgerEntryView;
  balance: number;
}

export interface OrdersExport {
  fileID: string;
  /** A temporary download URL for the workbook. */
  url: string;
  rows: number;
}

export interface ExpiryRunResult {
  /** Accounts that got an expiry entry in this run. */
  accounts: number;
  points: number;
  /** True when the run stopped for time with accounts left (the next run continues). */
  more: boolean;
}

/**
 * 积分承诺与实际 (what the app promises is what it pays): a figure set somewhere (a campaign's points per
 * check-in or streak bonus, a contest award's points, an authoring rule) that the earning rules' daily caps
 * would cut, with what a member who earned nothing else that day really gets.
 */
export interface PointsCapWarning {
  /** What promises the points, e.g. 每次打卡, 连续打卡 7 天奖励. */
  label: string;
  promised: number;
  paid: number;
  /** The whole warning in Chinese, as shown to the trainer. */
  message: string;
}

/** Learner levels (学员等级): an admin's ladder over the points earned in total (never the balance). */
export const LEARNER_LEVEL_LIMITS = {
  levels: 10,
  levelName: 10,
  /** The highest threshold (points earned in total). */
  minEarned: 100_000_000,
} as const;

/** One rung: reached once the member has earned `minEarned` points in total. */
export interface LearnerLevelRule {
  name: string;
  minEarned: number;
}

export interface LearnerLevelSettingsView {
  /** Lowest first, thresholds strictly rising. */
  levels: LearnerLevelRule[];
  /** ISO 8601, or null while the defaults apply. */
  updatedAt: string | null;
}

/** One level change, kept for ever (a level once reached is never taken away). */
export interface LearnerLevelChange {
  rank: number;
  name: string;
  /** ISO 8601. */
  at: string;
  /** Why, in Chinese: the points earned in total that met the rung's threshold that day. */
  reason: string;
}

export interface LearnerLevelView {
  /** 0 below the first rung. */
  rank: number;
  name: string | null;
  reachedAt: string | null;
  earnedTotal: number;
  /** The next rung under today's rules, or null at the top. */
  next: { name: string; minEarned: number } | null;
  history: LearnerLevelChange[];
}

/** The points leaderboard: the whole company or the caller's department. */
export const LEADERBOARD_SCOPES = ['company', 'department'] as const;

const cap = z.nullable(pointsAmount());
const isoInstant = z.iso.datetime({ offset: true });
const audience = z.enum(AUDIENCES);
const orderStatus = z.enum(ORDER_STATUSES);

/** Authoring kinds may be left out by clients written before them: the saved values then stay. */
const perType = <S extends z.core.$ZodType>(schema: S) =>
  z.strictObject({
    course_completed: schema,
    quiz_passed: schema,
    checkin: schema,
    streak_bonus: schema,
    competition_award: schema,
    course_published: z.optional(schema),
    course_learner: z.optional(schema),
    course_rated: z.optional(schema),
    course_award: z.optional(schema),
    session_attended: z.optional(schema),
  });

/** Text lengths and counts of the mall and adjustment forms; the app's forms read them (miniprogram/utils/limits.ts). */
export const MALL_LIMITS = {
  itemName: 40,
  itemDescription: 2000,
  itemPictures: 9,
  /** Stock of a physical item, and how much one restock may add or remove. */
  stock: 1_000_000,
  /** limitTotal / limitPerMonth per member. */
  perMemberLimit: 1000,
  /** Virtual items: codes added at once, and the length of one code. */
  codesPerBatch: 200,
  codeLength: 200,
  orderNote: 200,
  adjustReason: 100,
} as const;

/** The console's bulk fulfilment (fulfilOrders); carrier + tracking number fit in one order note. */
export const BULK_FULFIL_LIMITS = {
  /** Rows of one call: what it ships well within the points function's timeout (test/server/points/bulk-fulfil.test.ts). */
  rows: 200,
  carrier: 20,
  trackingNo: 60,
  employeeNo: 32,
} as const;

/** The editable fields of an item (stock and codes change through their own actions). */
const itemFields = {
  name: text(MALL_LIMITS.itemName).check(z.minLength(1)),
  pictures: z.array(fileId).check(z.maxLength(MALL_LIMITS.itemPictures)),
  description: text(MALL_LIMITS.itemDescription),
  price: pointsAmount().check(z.gte(1)),
  limitTotal: z.nullable(z.int().check(z.gte(1), z.lte(MALL_LIMITS.perMemberLimit))),
  limitPerMonth: z.nullable(z.int().check(z.gte(1), z.lte(MALL_LIMITS.perMemberLimit))),
  availableFrom: z.nullable(isoInstant),
  availableUntil: z.nullable(isoInstant),
  audiences: z.array(audience).check(z.maxLength(5)),
  status: z.enum(MALL_ITEM_STATUSES),
};

export const pointsContracts = {
  /** 我的积分: balance, total earned and what expires when. */
  balance: contract<BalanceView>()(z.strictObject({})),
  /** 积分明细: newest first. */
  history: contract<Page<LedgerEntryView>>()(z.strictObject({ ...pageInputShape })),
  /** 积分排行: the company, or the caller's own department (exactly, not its subtree). */
  leaderboard: contract<LeaderboardView>()(z.strictObject({ ...pageInputShape, scope: z._default(z.enum(LEADERBOARD_SCOPES), 'company') })),
  /** 积分商城: items on sale now for the caller's audiences, newest first. */
  listItems: contract<MallPage>()(z.strictObject({ ...pageInputShape })),
  getItem: contract<MallItemDetail>()(z.strictObject({ itemId: id })),
  /** 兑换: the same requestId always answers the same order. */
  redeem: contract<RedeemResult>()(z.strictObject({ itemId: id, requestId: clientId })),
  /** 我的订单: newest first. */
  myOrders: contract<Page<OrderView>>()(z.strictObject({ ...pageInputShape, status: z.optional(orderStatus) })),
  /** The member cancels their own pending order: points and stock come back once. */
  cancelOrder: contract<OrderView>()(z.strictObject({ orderId: id })),

  // Admin (管理员).
  adminListItems: contract<Page<MallItemAdminView>>()(z.strictObject({ ...pageInputShape, status: z.optional(z.enum(MALL_ITEM_STATUSES)) })),
  /** One item as the admin edits it (any status, with its codes counts); NOT_FOUND when there is none. */
  adminGetItem: contract<MallItemAdminView>()(z.strictObject({ itemId: id })),
  /** Creates an item; the same requestId answers the same item. Physical items start with `stock`. */
  createItem: contract<MallItemAdminView>()(
    z.strictObject({
      ...itemFields,
      kind: z.enum(MALL_ITEM_KINDS),
      stock: z._default(z.int().check(z.gte(0), z.lte(MALL_LIMITS.stock)), 0),
      requestId: clientId,
    }),
  ),
  /** Changes any editable field; kind and stock are not editable here. */
  updateItem: contract<MallItemAdminView>()(z.extend(z.partial(z.strictObject(itemFields)), { itemId: id })),
  /** Physical items: adds (or with a negative delta removes) stock; stock never goes below zero. */
  restock: contract<MallItemAdminView>()(z.strictObject({ itemId: id, delta: z.int().check(z.gte(-MALL_LIMITS.stock), z.lte(MALL_LIMITS.stock)) })),
  /**
   * Virtual items: adds codes or voucher texts to the pool (one per order); each adds one to stock. With a
   * requestId, a retry of the same batch adds nothing (optional until the app sends one).
   */
  addCodes: contract<MallItemAdminView>()(
    z.strictObject({
      itemId: id,
      codes: z.array(text(MALL_LIMITS.codeLength).check(z.minLength(1))).check(z.minLength(1), z.maxLength(MALL_LIMITS.codesPerBatch)),
      requestId: z.optional(clientId),
    }),
  ),
  adminListOrders: contract<Page<OrderAdminView>>()(z.strictObject({ ...pageInputShape, status: z.optional(orderStatus) })),
  /** 发放: pending → fulfilled with a note such as a tracking number. */
  fulfilOrder: contract<OrderAdminView>()(z.strictObject({ orderId: id, note: text(MALL_LIMITS.orderNote) })),
  /**
   * 批量发货: rows pasted from Excel, each naming an order by its number or by the buyer's employee number
   * (their one pending order), with carrier and tracking number. Each pending order is shipped exactly once
   * however many calls race; the same requestId answers the same per-row results. `dryRun` matches and
   * changes nothing (the console's preview).
   */
  fulfilOrders: contract<BulkFulfilResult>()(
    z.strictObject({
      rows: z
        .array(
          z
            .strictObject({
              orderId: z.optional(id),
              employeeNo: z.optional(requiredText(BULK_FULFIL_LIMITS.employeeNo)),
              carrier: z._default(text(BULK_FULFIL_LIMITS.carrier), ''),
              trackingNo: requiredText(BULK_FULFIL_LIMITS.trackingNo),
            })
            .check(z.refine((row) => (row.orderId === undefined) !== (row.employeeNo === undefined), '每行需要订单号或工号之一')),
        )
        .check(z.minLength(1), z.maxLength(BULK_FULFIL_LIMITS.rows)),
      dryRun: z._default(z.boolean(), false),
      requestId: clientId,
    }),
  ),
  adminCancelOrder: contract<OrderAdminView>()(z.strictObject({ orderId: id, note: z._default(text(MALL_LIMITS.orderNote), '') })),
  /** An Excel workbook of the orders (default: pending, what has to be shipped), uploaded to cloud storage. */
  exportOrders: contract<OrdersExport>()(z.strictObject({ status: z._default(orderStatus, 'pending') })),
  getRules: contract<EarningRulesView>()(z.strictObject({})),
  setRules: contract<EarningRulesView>()(
    z.strictObject({ points: perType(pointsAmount()), dailyCaps: perType(cap), dailyTotalCap: cap, expiryEnabled: z.boolean() }),
  ),
  /**
   * 积分调整: + or −, with a required reason; never takes a balance below zero. A department-scoped admin
   * cannot credit themselves (FORBIDDEN) and credits at most their daily ceiling (ADJUST_LIMIT, see
   * AdjustSettings). Recorded in the admin audit log.
   */
  adjust: contract<AdjustmentResult>()(
    z.strictObject({
      memberId: id,
      amount: z.int().check(
        z.gte(-POINTS_LIMITS.amount),
        z.lte(POINTS_LIMITS.amount),
        z.refine((value) => value !== 0, '调整数量不能为 0'),
      ),
      reason: text(MALL_LIMITS.adjustReason).check(z.minLength(1)),
      requestId: clientId,
    }),
  ),
  /** The adjustment ceiling and what the caller has used of it today. */
  getAdjustSettings: contract<AdjustSettingsView>()(z.strictObject({})),
  /** Company-wide admins only. */
  setAdjustSettings: contract<AdjustSettingsView>()(z.strictObject({ scopedAdminDailyCeiling: cap })),
  /** 我的等级: the caller's learner level, progress to the next and every change. */
  myLevel: contract<LearnerLevelView>()(z.strictObject({})),
  /** The learner ladder (admins). */
  getLearnerLevels: contract<LearnerLevelSettingsView>()(z.strictObject({})),
  /** Company-wide admins only; audited. New thresholds apply from now on: levels reached stay. */
  setLearnerLevels: contract<LearnerLevelSettingsView>()(
    z.strictObject({
      levels: z
        .array(
          z.strictObject({ name: requiredText(LEARNER_LEVEL_LIMITS.levelName), minEarned: z.int().check(z.gte(1), z.lte(LEARNER_LEVEL_LIMITS.minEarned)) }),
        )
        .check(z.minLength(1), z.maxLength(LEARNER_LEVEL_LIMITS.levels)),
    }),
  ),
  /** A member's ledger, for the adjustment page. */
  memberHistory: contract<Page<LedgerEntryView> & { balance: number }>()(z.strictObject({ ...pageInputShape, memberId: id })),
};

export const pointsExpiryContracts = {
  /** Runs the yearly expiry now (the timer runs it every day); idempotent. */
  run: contract<ExpiryRunResult>()(z.strictObject({})),
};
