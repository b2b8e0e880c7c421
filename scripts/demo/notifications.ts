/**
 * Demo notifications (消息中心) for the demo learner, one of every kind: the assignment and contest-result
 * ones derived by the timer's own code (server/notification/derive.ts), the others from the learner's real
 * demo records where there are some (a campaign, an order, a certificate) through server/core/notify.ts, as
 * the actions that cause them do. Ids are deterministic, so seeding again adds nothing. Runs last.
 */
import type { Database } from '../../server/core';
import { COLLECTIONS } from '../../server/core';
import type { NotificationDraft } from '../../server/core/notify';
import { notify } from '../../server/core/notify';
import { deriveAssignments, deriveCancellations, deriveResults, deriveSessions } from '../../server/notification/derive';
import { addDays, beijingDate } from '../../server/core/time';
import type { AssignmentDoc, CampaignDoc, NotificationDoc, NotificationKind } from '../../typings/domain';
import { NOTIFICATION_KINDS } from '../../typings/domain';
import type { buildDemoCompany } from './company';

async function first<T>(db: Database, collection: (typeof COLLECTIONS)[keyof typeof COLLECTIONS], where: Record<string, unknown>): Promise<T | null> {
  const { data } = (await db.collection(collection).where(where).limit(1).get()) as unknown as { data: T[] };
  return data[0] ?? null;
}

/** One draft per kind the timer did not produce for the learner (a demo has no assignment due tomorrow, say). */
function fallbacks(
  memberId: string,
  today: string,
  campaign: CampaignDoc | null,
  assignment: AssignmentDoc | null,
): Record<NotificationKind, NotificationDraft> {
  const course = assignment ? `packageCourse/course/index?id=${encodeURIComponent(assignment.courseIds[0] ?? '')}` : null;
  const title = assignment?.title ?? '信息安全意识';
  return {
    required_course: {
      memberId,
      kind: 'required_course',
      source: 'demo-assignment',
      title: `新的必修课：${title}`,
      body: `请在 ${addDays(today, 14)} 前完成`,
      page: course,
    },
    due_tomorrow: {
      memberId,
      kind: 'due_tomorrow',
      source: 'demo-assignment',
      title: `必修课明天截止：${title}`,
      body: `截止 ${addDays(today, 1)}，尚未完成`,
      page: course,
    },
    overdue: {
      memberId,
      kind: 'overdue',
      source: 'demo-assignment-old',
      title: `必修课已逾期：${title}`,
      body: `${addDays(today, -1)} 已截止，请尽快完成`,
      page: course,
    },
    signup_approved: {
      memberId,
      kind: 'signup_approved',
      source: campaign?._id ?? 'demo-campaign',
      title: `报名成功：${campaign?.title ?? '21 天晨读打卡'}`,
      body: '已通过审核，记得按时打卡',
      page: campaign ? `packageCampaign/detail/index?id=${encodeURIComponent(campaign._id)}` : null,
    },
    vote_results: { memberId, kind: 'vote_results', source: 'demo-round', title: '初赛结果已公布', body: '微课大赛', page: 'pages/contests/index' },
    order_shipped: {
      memberId,
      kind: 'order_shipped',
      source: 'demo-order',
      title: '礼品已发放：定制马克杯',
      body: '备注：顺丰 SF1234567890',
      page: 'packagePoints/orders/index',
    },
    certificate_issued: {
      memberId,
      kind: 'certificate_issued',
      source: 'demo-certificate',
      title: `获得证书：${campaign?.title ?? '21 天晨读打卡'}`,
      body: '点击查看证书',
      page: null,
    },
    session_tomorrow: {
      memberId,
      kind: 'session_tomorrow',
      source: 'demo-session',
      title: '明天上课：高效沟通工作坊',
      body: '14:00 总部 3 楼培训室',
      page: 'packageClassroom/list/index',
    },
    discussion_question: {
      memberId,
      kind: 'discussion_question',
      source: 'demo-question',
      title: `新提问：${title}`,
      body: '这门课的练习题在哪里下载？',
      page: null,
    },
    discussion_answered: {
      memberId,
      kind: 'discussion_answered',
      source: 'demo-answer',
      title: `你的提问有新回答：${title}`,
      body: '讲师：在课程页底部的资料区',
      page: null,
    },
    learner_level: {
      memberId,
      kind: 'learner_level',
      source: 'rank1',
      title: '升级为「学习新星」',
      body: '恭喜达到学员等级「学习新星」',
      page: 'packagePoints/level/index',
    },
    author_level: {
      memberId,
      kind: 'author_level',
      source: 'rank1',
      title: '升级为「黄带」作者',
      body: '恭喜达到作者等级「黄带」',
      page: 'packageStudio/creations/index',
    },
    author_award: {
      memberId,
      kind: 'author_award',
      source: 'demo-award',
      title: '荣获年度最受欢迎作者',
      body: '获得 500 积分和荣誉证书',
      page: 'packageStudio/author-awards/index',
    },
    session_cancelled: {
      memberId,
      kind: 'session_cancelled',
      source: 'demo-session-cancelled',
      title: '课程已取消：Excel 数据透视表实操',
      body: `原定 ${addDays(today, 3)} 14:00`,
      page: 'packageClassroom/list/index',
    },
  };
}

export async function seedNotificationDemo(db: Database, company: ReturnType<typeof buildDemoCompany>, now: Date): Promise<{ notifications: number }> {
  const budget = { started: Date.now(), budgetMs: 60_000 };
  let created =
    (await deriveAssignments(db, now, budget)).created +
    (await deriveResults(db, now, budget)).created +
    (await deriveSessions(db, now, budget)).created +
    (await deriveCancellations(db, now, budget)).created;
  const learner = company.identities.find((identity) => identity.role === 'learner');
  if (!learner) return { notifications: created };
  const today = beijingDate(now);
  const mine = (await db.collection(COLLECTIONS.notifications).where({ memberId: learner.memberId }).limit(1000).get()) as unknown as {
    data: NotificationDoc[];
  };
  const have = new Set(mine.data.map((doc) => doc.kind));
  const campaign = await first<CampaignDoc>(db, COLLECTIONS.campaigns, { status: 'published' });
  const assignment = await first<AssignmentDoc>(db, COLLECTIONS.assignments, { status: 'active' });
  const drafts = fallbacks(learner.memberId, today, campaign, assignment);
  // Spread over the last days, oldest kind first, so the list reads like a history; the oldest two are read.
  for (const [index, kind] of NOTIFICATION_KINDS.entries()) {
    if (have.has(kind)) continue;
    created += await notify(db, [drafts[kind]], new Date(now.getTime() - (NOTIFICATION_KINDS.length - index) * 3 * 3_600_000));
  }
  const oldest = NOTIFICATION_KINDS.slice(0, 2).map((kind) => `${kind}:${drafts[kind].source}:${learner.memberId}`);
  await db
    .collection(COLLECTIONS.notifications)
    .where({ _id: db.command.in(oldest) })
    .update({ data: { read: true, readAt: now } });
  return { notifications: created };
}
