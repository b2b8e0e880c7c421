/**
 * Demo data for points and the gift mall: earning rules, a dozen items (books, mugs, training vouchers,
 * extra half-day leave, an e-book with codes…), earned history for the demo identities and some of their
 * colleagues, an adjustment and a few orders. Everything goes through the domain functions, so every balance
 * equals its ledger, and request ids / event sources make a second seeding change nothing.
 */
import fs from 'node:fs';
import path from 'node:path';
import partition from 'lodash/partition';
import type { Database, WxCloud } from '../../server/core';
import { COLLECTIONS } from '../../server/core';
import { addCodes, createItem, unrestrictedItem } from '../../server/points/mall/items';
import type { ItemFields } from '../../server/points/mall/items';
import { cancelOrder, fulfilOrder, redeem } from '../../server/points/mall/orders';
import { adjustBalance } from '../../server/points/adjust';
import { awardPointsForEvent } from '../../server/points/events';
import type { PointsEventType } from '../../server/points/events';
import { RULES_ID } from '../../server/points/rules';
import { deriveAudiences } from '../../server/core';
import type { EarningRules } from '../../typings/functions/points';
import type { MemberDoc } from '../../typings/domain';
import type { buildDemoCompany } from './company';
import { DEMO_CONTENT_DIR, MALL_PICTURES } from './media';

const DAY_MS = 86_400_000;

const RULES: EarningRules = {
  points: {
    course_completed: 20,
    quiz_passed: 10,
    checkin: 2,
    streak_bonus: 10,
    competition_award: 100,
    course_published: 120,
    course_learner: 2,
    course_rated: 50,
    course_award: 100,
    session_attended: 30,
  },
  dailyCaps: {
    course_completed: 60,
    quiz_passed: 30,
    checkin: 2,
    streak_bonus: 10,
    competition_award: null,
    course_published: null,
    course_learner: 40,
    course_rated: null,
    course_award: null,
    session_attended: null,
  },
  dailyTotalCap: 150,
  expiryEnabled: true,
};

type DemoItem = Pick<ItemFields, 'name' | 'description' | 'price'> &
  Partial<ItemFields> & { slug: string; kind: 'physical' | 'virtual'; stock: number; codes?: string[] };

const ITEMS: DemoItem[] = [
  { slug: 'book-management', name: '《卓有成效的管理者》', description: '德鲁克经典管理读物，纸质版。', price: 120, kind: 'physical', stock: 30 },
  { slug: 'book-sales', name: '《销售就是要玩转情商》', description: '一线销售推荐读物，纸质版。', price: 100, kind: 'physical', stock: 25 },
  { slug: 'book-excel', name: '《Excel 数据处理与分析》', description: '办公效率提升必备。', price: 90, kind: 'physical', stock: 20 },
  { slug: 'mug-logo', name: '微课定制马克杯', description: '陶瓷马克杯，印有公司标志。', price: 60, kind: 'physical', stock: 50, limitTotal: 2 },
  { slug: 'mug-thermos', name: '保温杯', description: '不锈钢保温杯 450ml。', price: 150, kind: 'physical', stock: 15, limitTotal: 1 },
  { slug: 'notebook', name: '皮面笔记本', description: 'A5 皮面笔记本，适合会议记录。', price: 40, kind: 'physical', stock: 80, limitPerMonth: 2 },
  {
    slug: 'voucher-pm',
    name: '项目管理实训营代金券',
    description: '可抵扣公司外训项目管理实训营报名费 500 元。',
    price: 400,
    kind: 'physical',
    stock: 10,
    limitTotal: 1,
  },
  {
    slug: 'voucher-english',
    name: '商务英语课程代金券',
    description: '合作机构商务英语课程，抵扣 300 元。',
    price: 300,
    kind: 'physical',
    stock: 10,
    limitTotal: 1,
  },
  {
    slug: 'leave-half-day',
    name: '额外半天假',
    description: '兑换后由人力资源部登记，当年有效。',
    price: 500,
    kind: 'physical',
    stock: 20,
    limitTotal: 2,
    limitPerMonth: 1,
    audiences: ['individual', 'first_line_manager', 'middle_senior_manager'],
  },
  { slug: 'umbrella', name: '折叠晴雨伞', description: '公司定制折叠伞。', price: 80, kind: 'physical', stock: 40 },
  { slug: 'powerbank', name: '移动电源', description: '10000mAh 移动电源。', price: 200, kind: 'physical', stock: 12, limitTotal: 1 },
  {
    slug: 'ebook-code',
    name: '电子书会员月卡',
    description: '兑换后立即显示兑换码，在电子书平台「兑换会员」中使用。',
    price: 50,
    kind: 'virtual',
    stock: 0,
    codes: Array.from({ length: 20 }, (_, i) => `WKEBOOK-2026-${String(i + 1).padStart(4, '0')}`),
  },
];

/** Orders for the console's desk: [index among the earners, item, what became of it]. */
const DESK_ORDERS: [number, string, 'pending' | 'fulfilled' | 'cancelled'][] = [
  [2, 'book-excel', 'pending'],
  [3, 'umbrella', 'pending'],
  [4, 'mug-logo', 'pending'],
  [5, 'book-sales', 'pending'],
  [6, 'notebook', 'fulfilled'],
  [7, 'umbrella', 'cancelled'],
];

export interface PointsDemoResult {
  items: number;
  members: number;
  orders: number;
}

/** Who earns in the demo: the demo identities first, then colleagues, active employees only. */
function earners(company: ReturnType<typeof buildDemoCompany>): MemberDoc[] {
  const identities = new Set(company.identities.map((identity) => identity.memberId));
  const active = company.members.filter((member) => member.active && !member.external);
  const [demo, colleagues] = partition(active, (member) => identities.has(member._id));
  return [...demo, ...colleagues].slice(0, 20);
}

/** Uploads the item's picture from content/demo (scripts/demo/media.ts draws it) and answers its fileID. */
async function uploadPicture(cloud: WxCloud, slug: string): Promise<string> {
  const { fileID } = (await cloud.uploadFile({
    cloudPath: `mall/items/${slug}.png`,
    fileContent: fs.readFileSync(path.join(DEMO_CONTENT_DIR, `mall-${slug}.png`)),
  })) as { fileID: string };
  return fileID;
}

export async function seedPointsDemo(db: Database, cloud: WxCloud, company: ReturnType<typeof buildDemoCompany>, now: Date): Promise<PointsDemoResult> {
  const admin = company.identities.find((identity) => identity.role === 'admin');
  if (!admin) throw new Error('演示公司缺少管理员身份');
  await db
    .collection(COLLECTIONS.pointsRules)
    .doc(RULES_ID)
    .set({ data: { ...RULES, updatedAt: now, updatedBy: admin.memberId } });

  const items = [];
  for (const { slug, codes, kind, stock, ...fields } of ITEMS) {
    const pictures = (MALL_PICTURES as readonly string[]).includes(slug) ? [await uploadPicture(cloud, slug)] : [];
    const item = await createItem(
      db,
      { ...unrestrictedItem(), ...fields, pictures, kind, stock, requestId: `demo-item-${slug}` },
      admin.memberId,
      new Date(now.getTime() - 40 * DAY_MS),
    );
    items.push(codes ? await addCodes(db, item._id, codes, item.createdAt, `demo-codes-${slug}`) : item);
  }

  // Two weeks of history: check-ins most days, a course now and then, quizzes after some courses.
  const members = earners(company);
  for (const [index, member] of members.entries()) {
    for (let day = 14; day >= 1; day -= 1) {
      const occurredAt = new Date(now.getTime() - day * DAY_MS);
      const events: PointsEventType[] = [];
      if ((index + day) % 4 !== 0) events.push('checkin');
      if ((index * 7 + day) % 5 === 0) events.push('course_completed');
      if ((index * 7 + day) % 10 === 0) events.push('quiz_passed');
      for (const type of events) await awardPointsForEvent(db, { type, memberId: member._id, sourceId: `demo-${type}-${day}`, occurredAt });
    }
  }
  const top = members[0] as MemberDoc;
  await awardPointsForEvent(db, {
    type: 'competition_award',
    memberId: top._id,
    sourceId: 'demo-contest-2026-spring',
    occurredAt: new Date(now.getTime() - 10 * DAY_MS),
  });
  await adjustBalance(db, top, {
    amount: 300,
    reason: '季度学习之星奖励',
    admin: { id: admin.memberId, name: admin.name },
    ceiling: null,
    requestId: 'demo-adjust-star',
    at: new Date(now.getTime() - 5 * DAY_MS),
  });

  // A few orders: a mug and a notebook pending for the admin to ship, and an e-book code already revealed.
  const orders: [MemberDoc, string][] = [
    [top, 'mug-logo'],
    [top, 'ebook-code'],
    [members[1] as MemberDoc, 'notebook'],
  ];
  for (const [member, slug] of orders) {
    const item = items[ITEMS.findIndex((candidate) => candidate.slug === slug)];
    if (!item) throw new Error(`演示礼品 ${slug} 不存在`);
    await redeem(db, member, deriveAudiences(member, now), item._id, `demo-order-${slug}`, new Date(now.getTime() - DAY_MS));
  }

  // The console's order desk: gifts waiting to ship (to paste tracking numbers for), one shipped, one
  // cancelled. The buyers were rewarded first, so they can afford them.
  for (const [index, [m, slug, outcome]] of DESK_ORDERS.entries()) {
    const member = members[m] as MemberDoc;
    const item = items[ITEMS.findIndex((candidate) => candidate.slug === slug)];
    if (!item) throw new Error(`演示礼品 ${slug} 不存在`);
    const at = new Date(now.getTime() - 2 * DAY_MS + index * 3_600_000);
    await adjustBalance(db, member, {
      amount: 200,
      reason: '读书会分享奖励',
      admin: { id: admin.memberId, name: admin.name },
      ceiling: null,
      requestId: `demo-adjust-desk-${m}`,
      at: new Date(at.getTime() - 60_000),
    });
    const { order } = await redeem(db, member, deriveAudiences(member, now), item._id, `demo-desk-order-${m}`, at);
    if (order.status !== 'pending') continue;
    if (outcome === 'fulfilled') await fulfilOrder(db, order._id, `顺丰 SF${String(1_000_000 + index)}`, new Date(at.getTime() + DAY_MS / 2));
    if (outcome === 'cancelled') await cancelOrder(db, order._id, { kind: 'admin' }, '库存颜色缺货，已与员工沟通', new Date(at.getTime() + DAY_MS / 2));
  }
  return { items: items.length, members: members.length, orders: orders.length + DESK_ORDERS.length };
}
