/**
 * The `points` function's actions (积分与积分商城): the member's balance, history and leaderboards, the gift
 * mall and orders, and the admin side (items, stock, orders, earning rules, adjustments, export).
 */
import { pointsContracts } from '../../typings/functions/points';
import {
  AppError,
  assertOwnUploads,
  checkTexts,
  COLLECTIONS,
  defineAction,
  defineFunction,
  findById,
  findPage,
  loadMediaGate,
  orderedPages,
  pageOf,
  scopeCondition,
  submitMediaChecks,
  subtreeCondition,
  transactWithBackoff,
  txGet,
  txPut,
} from '../core';
import type { Database, MemberCaller, SortKey } from '../core';
import { adminScope, assertManages, managedMember, requireCompanyAdmin } from '../admin';
import { deriveAudiences } from '../core';
import { addCodes, createItem, findOffered, NEWEST_FIRST, restock, updateItem } from './mall/items';
import { isAvailable, remainingFor } from './mall/availability';
import { exportOrders } from './mall/export';
import { balancesExport, LEDGER_EXPORT } from './export';
import { pointsExportContracts } from '../../typings/functions/exports';
import { exportRows, pathSegment } from '../core/workbook';
import type { MallItemDoc, MallOrderDoc } from '../../typings/docs/mall';
import { cancelOrder, fulfilOrder, redeem as redeemItem, requireItemIn } from './mall/orders';
import { itemAdminView, itemView, orderAdminView, orderView } from './mall/views';
import { adjustBalance, adjustSettingsView, ceilingFor, readAdjustSettings, setAdjustSettings } from './adjust';
import type { ItemMedia } from './mall/views';
import type { LedgerEntryDoc, PointsAccountDoc, PointsRulesDoc } from '../../typings/docs/points';
import { readRules, RULES_ID, rulesOf } from './rules';
import { learnerLevelView, levelNameOf } from './levels';
import { learnerLevelSettings, saveLearnerLevels } from './level-settings';
import { notify } from '../core/notify';
import type { NotificationDraft } from '../core/notify';
import { fulfilMany as fulfilOrders } from './mall/bulk-fulfil';
import { beijingDate, beijingMonth } from '../core/time';
import { balanceView, entryView, rulesView } from './views';

const LEADERBOARD_ORDER: readonly SortKey[] = [
  { field: 'balance', direction: 'desc' },
  { field: '_id', direction: 'asc' },
];

function account(db: Database, memberId: string): Promise<PointsAccountDoc | null> {
  return findById<PointsAccountDoc>(db, COLLECTIONS.pointsAccounts, memberId);
}

function historyOf(db: Database, memberId: string, page: { page: number; pageSize: number }) {
  return findPage<LedgerEntryDoc>(db, COLLECTIONS.pointsLedger, { memberId }, NEWEST_FIRST, page).then((found) => pageOf(found, page, entryView));
}

/** Mall, orders and rules are company-wide: a department-scoped admin manages members, not the shop. */
const COMPANY_ONLY = '仅限全公司范围的管理员操作积分商城和积分规则';

export const balance = defineAction({
  ...pointsContracts.balance,
  roles: ['learner'],
  async handler({ caller, db }) {
    const [{ rules }, mine] = await Promise.all([readRules(db), account(db, caller.member._id)]);
    return balanceView(mine, rules.expiryEnabled);
  },
});

export const history = defineAction({
  ...pointsContracts.history,
  roles: ['learner'],
  handler: ({ input, caller, db }) => historyOf(db, caller.member._id, input),
});

export const leaderboard = defineAction({
  ...pointsContracts.leaderboard,
  roles: ['learner'],
  async handler({ input, caller, db }) {
    const _ = db.command;
    const board: Record<string, unknown> = input.scope === 'department' ? { departmentId: caller.member.departmentId } : {};
    const [found, { levels }] = await Promise.all([findPage<PointsAccountDoc>(db, COLLECTIONS.pointsAccounts, board, LEADERBOARD_ORDER, input), readRules(db)]);
    const first = (input.page - 1) * input.pageSize;
    const page = pageOf(found, input, (doc) => doc);
    const items = page.items.map((doc, index) => ({
      rank: first + index + 1,
      memberId: doc.memberId,
      name: doc.name,
      departmentPath: doc.departmentPath,
      balance: doc.balance,
      level: levelNameOf(doc, levels),
      isMe: doc.memberId === caller.member._id,
    }));
    const mine = await account(db, caller.member._id);
    let myRank: number | null = null;
    if (mine && (input.scope === 'company' || mine.departmentId === caller.member.departmentId)) {
      // Ahead of me: a higher balance, or the same balance and a smaller id (the board's own order).
      const ahead = _.or([{ balance: _.gt(mine.balance) }, { balance: mine.balance, _id: _.lt(mine._id) }]);
      const { total } = (await db
        .collection(COLLECTIONS.pointsAccounts)
        .where(_.and([board, ahead]) as unknown as Record<string, unknown>)
        .count()) as unknown as { total: number };
      myRank = total + 1;
    }
    return { ...page, items, myRank, myBalance: mine?.balance ?? 0 };
  },
});

const itemFiles = (item: MallItemDoc) => item.pictures;
const orderFiles = (order: MallOrderDoc) => [order.itemPicture];

/** Items or orders as `caller` may see them (pictures under the media check only for their uploader). */
async function withMedia<D, V>(
  db: Database,
  caller: MemberCaller,
  docs: readonly D[],
  files: (doc: D) => (string | null)[],
  view: (doc: D, media: ItemMedia) => V,
): Promise<(doc: D) => V> {
  const media = { gate: await loadMediaGate(db, docs.flatMap(files)), viewerId: caller.member._id };
  return (doc) => view(doc, media);
}

async function viewOne<D, V>(
  db: Database,
  caller: MemberCaller,
  doc: D,
  files: (doc: D) => (string | null)[],
  view: (doc: D, media: ItemMedia) => V,
): Promise<V> {
  return (await withMedia(db, caller, [doc], files, view))(doc);
}

const adminItem = (db: Database, caller: MemberCaller, item: MallItemDoc) => viewOne(db, caller, item, itemFiles, itemAdminView);

export const listItems = defineAction({
  ...pointsContracts.listItems,
  roles: ['learner'],
  async handler({ input, caller, db, now }) {
    // The balance for the mall's header comes with the page: one more read, in parallel, instead of a second call.
    const [found, mine] = await Promise.all([findOffered(db, deriveAudiences(caller.member, now()), now(), input), account(db, caller.member._id)]);
    return { ...pageOf(found, input, await withMedia(db, caller, found.docs, itemFiles, itemView)), myBalance: mine?.balance ?? 0 };
  },
});

export const getItem = defineAction({
  ...pointsContracts.getItem,
  roles: ['learner'],
  async handler({ input, caller, db, now }) {
    const at = now();
    const item = await findById<MallItemDoc>(db, COLLECTIONS.mallItems, input.itemId);
    // An item the member may not see answers like a missing one.
    if (!item || !isAvailable(item, deriveAudiences(caller.member, at), at)) throw new AppError('NOT_FOUND', '礼品不存在或已下架');
    // The member's quotas live on their account (mall/orders.ts): one read answers both.
    const mine = await account(db, caller.member._id);
    return {
      ...(await viewOne(db, caller, item, itemFiles, itemView)),
      remainingForMe: remainingFor(item, mine?.quotas?.[item._id] ?? null, beijingMonth(at)),
      myBalance: mine?.balance ?? 0,
    };
  },
});

export const redeem = defineAction({
  ...pointsContracts.redeem,
  roles: ['learner'],
  async handler({ input, caller, db, now }) {
    const at = now();
    const outcome = await redeemItem(db, caller.member, deriveAudiences(caller.member, at), input.itemId, input.requestId, at);
    // The order's picture gate comes with the redemption (kept with the item: one read less per call).
    return { order: orderView(outcome.order, { gate: outcome.media, viewerId: caller.member._id }), balance: outcome.balance };
  },
});

export const myOrders = defineAction({
  ...pointsContracts.myOrders,
  roles: ['learner'],
  async handler({ input, caller, db }) {
    const filter = input.status === undefined ? { memberId: caller.member._id } : { memberId: caller.member._id, status: input.status };
    const found = await findPage<MallOrderDoc>(db, COLLECTIONS.mallOrders, filter, NEWEST_FIRST, input);
    return pageOf(found, input, await withMedia(db, caller, found.docs, orderFiles, orderView));
  },
});

export const cancelMyOrder = defineAction({
  ...pointsContracts.cancelOrder,
  roles: ['learner'],
  async handler({ input, caller, db, now }) {
    return viewOne(db, caller, await cancelOrder(db, input.orderId, { kind: 'member', memberId: caller.member._id }, null, now()), orderFiles, orderView);
  },
});

export const adminListItems = defineAction({
  ...pointsContracts.adminListItems,
  roles: ['admin'],
  async handler({ input, caller, db }) {
    requireCompanyAdmin(caller, COMPANY_ONLY);
    const filter = input.status === undefined ? {} : { status: input.status };
    const found = await findPage<MallItemDoc>(db, COLLECTIONS.mallItems, filter, NEWEST_FIRST, input);
    return pageOf(found, input, await withMedia(db, caller, found.docs, itemFiles, itemAdminView));
  },
});

export const adminGetItem = defineAction({
  ...pointsContracts.adminGetItem,
  roles: ['admin'],
  async handler({ input, caller, db }) {
    requireCompanyAdmin(caller, COMPANY_ONLY);
    return adminItem(db, caller, requireItemIn(await findById<MallItemDoc>(db, COLLECTIONS.mallItems, input.itemId)));
  },
});

export const createMallItem = defineAction({
  ...pointsContracts.createItem,
  roles: ['admin'],
  async handler({ input, caller, db, cloud, now }) {
    requireCompanyAdmin(caller, COMPANY_ONLY);
    assertOwnUploads(caller.openid, input.pictures, { purpose: 'mall-item' });
    // Every member reads the mall: its texts pass WeChat's content check like members' own.
    await checkTexts(cloud, caller.openid, [input.name, input.description], 'forum');
    const created = await createItem(db, input, caller.member._id, now());
    // After the write, so a refused item writes nothing; the pictures stay hidden until they pass.
    await submitMediaChecks(db, cloud, caller, input.pictures, 'profile');
    return adminItem(db, caller, created);
  },
});

export const updateMallItem = defineAction({
  ...pointsContracts.updateItem,
  roles: ['admin'],
  async handler({ input, caller, db, cloud, now }) {
    requireCompanyAdmin(caller, COMPANY_ONLY);
    const { itemId, ...changes } = input;
    // Pictures the item already shows (another admin's uploads among them) may stay.
    if (changes.pictures)
      assertOwnUploads(caller.openid, changes.pictures, {
        purpose: 'mall-item',
        kept: (await findById<MallItemDoc>(db, COLLECTIONS.mallItems, itemId))?.pictures,
      });
    await checkTexts(cloud, caller.openid, [changes.name, changes.description], 'forum');
    const updated = await updateItem(db, itemId, changes, now());
    await submitMediaChecks(db, cloud, caller, changes.pictures ?? [], 'profile');
    return adminItem(db, caller, updated);
  },
});

export const restockItem = defineAction({
  ...pointsContracts.restock,
  roles: ['admin'],
  async handler({ input, caller, db, now }) {
    requireCompanyAdmin(caller, COMPANY_ONLY);
    if (input.delta === 0) throw new AppError('INVALID_INPUT', '库存调整数量不能为 0');
    return adminItem(db, caller, await restock(db, input.itemId, input.delta, now()));
  },
});

export const addItemCodes = defineAction({
  ...pointsContracts.addCodes,
  roles: ['admin'],
  async handler({ input, caller, db, now }) {
    requireCompanyAdmin(caller, COMPANY_ONLY);
    return adminItem(db, caller, await addCodes(db, input.itemId, input.codes, now(), input.requestId));
  },
});

export const adminListOrders = defineAction({
  ...pointsContracts.adminListOrders,
  roles: ['admin'],
  async handler({ input, caller, db }) {
    requireCompanyAdmin(caller, COMPANY_ONLY);
    const filter = input.status === undefined ? {} : { status: input.status };
    const found = await findPage<MallOrderDoc>(db, COLLECTIONS.mallOrders, filter, NEWEST_FIRST, input);
    return pageOf(found, input, await withMedia(db, caller, found.docs, orderFiles, orderAdminView));
  },
});

export const fulfil = defineAction({
  ...pointsContracts.fulfilOrder,
  roles: ['admin'],
  async handler({ input, caller, db, now }) {
    requireCompanyAdmin(caller, COMPANY_ONLY);
    const at = now();
    const order = await fulfilOrder(db, input.orderId, input.note, at);
    await notify(db, [shippedNotice(order)], at);
    return viewOne(db, caller, order, orderFiles, orderAdminView);
  },
});

/** The buyer's 礼品已发放 message; one per order (notify skips a second). */
function shippedNotice(order: MallOrderDoc): NotificationDraft {
  const body = order.note ? `备注：${order.note}` : '请留意领取';
  return {
    memberId: order.memberId,
    kind: 'order_shipped',
    source: order._id,
    title: `礼品已发放：${order.itemName}`,
    body,
    page: 'packagePoints/orders/index',
  };
}

export const fulfilMany = defineAction({
  ...pointsContracts.fulfilOrders,
  roles: ['admin'],
  async handler({ input, caller, db, now }) {
    requireCompanyAdmin(caller, COMPANY_ONLY);
    const at = now();
    const { result, shipped } = await fulfilOrders(db, input.rows, input.requestId, input.dryRun, at);
    // A retry tells buyers its first run may have died before telling; notify creates each message once.
    if (!input.dryRun && shipped.length > 0) await notify(db, shipped.map(shippedNotice), at);
    return result;
  },
});

export const adminCancel = defineAction({
  ...pointsContracts.adminCancelOrder,
  roles: ['admin'],
  async handler({ input, caller, db, now }) {
    requireCompanyAdmin(caller, COMPANY_ONLY);
    return viewOne(
      db,
      caller,
      await cancelOrder(db, input.orderId, { kind: 'admin' }, input.note === '' ? null : input.note, now()),
      orderFiles,
      orderAdminView,
    );
  },
});

export const exportOrderSheet = defineAction({
  ...pointsContracts.exportOrders,
  roles: ['admin'],
  async handler({ input, caller, db, cloud, now }) {
    requireCompanyAdmin(caller, COMPANY_ONLY);
    return exportOrders(db, cloud, input.status, now(), caller.member._id);
  },
});

export const getRules = defineAction({
  ...pointsContracts.getRules,
  roles: ['admin'],
  async handler({ db }) {
    const { rules, updatedAt } = await readRules(db);
    return rulesView(rules, updatedAt);
  },
});

export const setRules = defineAction({
  ...pointsContracts.setRules,
  roles: ['admin'],
  async handler({ input, caller, db, now }) {
    requireCompanyAdmin(caller, COMPANY_ONLY);
    const at = now();
    // Read and replace in one transaction: the learner ladder shares the document (level-settings.ts), and a
    // ladder saved between a plain read and a whole-document write would be lost.
    const rules = await transactWithBackoff(db, async (tx) => {
      const stored = await txGet<PointsRulesDoc>(tx, COLLECTIONS.pointsRules, RULES_ID);
      const { rules: current, levels, levelsUpdatedAt } = rulesOf(stored);
      // A client that leaves out the authoring kinds keeps their saved values.
      const next = { ...input, points: { ...current.points, ...input.points }, dailyCaps: { ...current.dailyCaps, ...input.dailyCaps } };
      const ladder = levelsUpdatedAt ? { learnerLevels: [...levels], learnerLevelsUpdatedAt: levelsUpdatedAt } : {};
      await txPut<PointsRulesDoc>(tx, COLLECTIONS.pointsRules, { _id: RULES_ID, ...next, ...ladder, updatedAt: at, updatedBy: caller.member._id });
      return next;
    });
    return rulesView(rules, at);
  },
});

export const adjust = defineAction({
  ...pointsContracts.adjust,
  roles: ['admin'],
  async handler({ input, caller, db, now }) {
    const { scope, member } = await managedMember(db, caller, input.memberId);
    const companyWide = scope === 'all';
    if (!companyWide && input.amount > 0 && member._id === caller.member._id) {
      throw new AppError('FORBIDDEN', '不能给自己增加积分，请由其他管理员操作');
    }
    const [{ settings }, { levels }] = await Promise.all([readAdjustSettings(db), readRules(db)]);
    return adjustBalance(db, member, {
      levels,
      amount: input.amount,
      reason: input.reason,
      admin: { id: caller.member._id, name: caller.member.name },
      ceiling: ceilingFor(settings, companyWide),
      requestId: input.requestId,
      at: now(),
    });
  },
});

export const getAdjustSettings = defineAction({
  ...pointsContracts.getAdjustSettings,
  roles: ['admin'],
  handler: ({ caller, db, now }) => adjustSettingsView(db, caller.member._id, adminScope(caller) === 'all', now()),
});

export const setAdjustSettingsAction = defineAction({
  ...pointsContracts.setAdjustSettings,
  roles: ['admin'],
  async handler({ input, caller, db, now }) {
    requireCompanyAdmin(caller, COMPANY_ONLY);
    const at = now();
    await setAdjustSettings(db, input, { id: caller.member._id, name: caller.member.name }, at);
    return adjustSettingsView(db, caller.member._id, true, at);
  },
});

export const myLevel = defineAction({
  ...pointsContracts.myLevel,
  roles: ['learner'],
  async handler({ caller, db }) {
    const [{ levels }, mine] = await Promise.all([readRules(db), account(db, caller.member._id)]);
    return learnerLevelView(mine, levels);
  },
});

export const getLearnerLevels = defineAction({
  ...pointsContracts.getLearnerLevels,
  roles: ['admin'],
  handler: ({ db }) => learnerLevelSettings(db),
});

export const setLearnerLevels = defineAction({
  ...pointsContracts.setLearnerLevels,
  roles: ['admin'],
  async handler({ input, caller, db, now }) {
    requireCompanyAdmin(caller, COMPANY_ONLY);
    const { levels, updatedAt } = await saveLearnerLevels(db, input.levels, { id: caller.member._id, name: caller.member.name }, now());
    return { levels, updatedAt };
  },
});

export const memberHistory = defineAction({
  ...pointsContracts.memberHistory,
  roles: ['admin'],
  async handler({ input, caller, db }) {
    const { member } = await managedMember(db, caller, input.memberId);
    const [page, mine] = await Promise.all([historyOf(db, member._id, input), account(db, member._id)]);
    return { ...page, balance: mine?.balance ?? 0 };
  },
});

/** 积分余额: every account the admin manages (or `departmentId`'s subtree), highest balance first. */
export const exportBalances = defineAction({
  ...pointsExportContracts.exportBalances,
  roles: ['admin'],
  async handler({ input, caller, db, cloud, now }) {
    const scope = adminScope(caller);
    if (input.departmentId !== undefined) assertManages(scope, input.departmentId);
    const filter =
      (input.departmentId !== undefined ? subtreeCondition(db, 'departmentId', input.departmentId) : scopeCondition(db, 'departmentId', scope)) ?? {};
    const at = now();
    // The ladder, read once for the whole export: each row's level comes from its own account.
    const { levels } = await readRules(db);
    const pages = orderedPages<PointsAccountDoc>(db, COLLECTIONS.pointsAccounts, filter as Record<string, unknown>, 'balance', 'desc');
    return exportRows(cloud, balancesExport(levels), pages, { label: `points-balances/${beijingDate(at)}`, ownerId: caller.member._id, now: at });
  },
});

/** 积分明细: one member's ledger, newest first; a member the admin manages, as memberHistory. */
export const exportLedger = defineAction({
  ...pointsExportContracts.exportLedger,
  roles: ['admin'],
  async handler({ input, caller, db, cloud, now }) {
    const { member } = await managedMember(db, caller, input.memberId);
    const at = now();
    const pages = orderedPages<LedgerEntryDoc>(db, COLLECTIONS.pointsLedger, { memberId: member._id }, 'createdAt', 'desc');
    return exportRows(cloud, LEDGER_EXPORT, pages, {
      label: `points-ledger/${pathSegment(member._id)}-${beijingDate(at)}`,
      ownerId: caller.member._id,
      now: at,
    });
  },
});

export const pointsFunction = defineFunction({
  name: 'points',
  actions: {
    balance,
    history,
    leaderboard,
    listItems,
    getItem,
    redeem,
    myOrders,
    cancelOrder: cancelMyOrder,
    adminListItems,
    adminGetItem,
    createItem: createMallItem,
    updateItem: updateMallItem,
    restock: restockItem,
    addCodes: addItemCodes,
    adminListOrders,
    fulfilOrder: fulfil,
    fulfilOrders: fulfilMany,
    adminCancelOrder: adminCancel,
    exportOrders: exportOrderSheet,
    getRules,
    setRules,
    adjust,
    getAdjustSettings,
    setAdjustSettings: setAdjustSettingsAction,
    memberHistory,
    exportBalances,
    exportLedger,
    myLevel,
    getLearnerLevels,
    setLearnerLevels,
  },
});
