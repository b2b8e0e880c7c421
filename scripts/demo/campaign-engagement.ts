/**
 * Demo engagement for the check-in campaigns running today: colleagues' likes and comments on recent
 * check-ins, the campaign owner's featured check-ins with reviews (点评), and reminder subscriptions for the
 * demo learner. Everything goes through the engagement half's domain functions, so every like and comment
 * count equals its list; choices come from SHA-256 of stable keys and comments carry fixed request ids, so
 * seeding again changes nothing. Runs after the campaigns and their check-ins are seeded.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Database } from '../../server/core';
import { COLLECTIONS } from '../../server/core';
import { postComment } from '../../server/campaign/engagement/comments';
import { placeLike, setFeatured, setReview } from '../../server/campaign/engagement/feed';
import { addSubscription, REMINDER_TEMPLATE_ENV } from '../../server/campaign/engagement/reminders';
import { WITHOUT_LISTS } from '../../server/campaign/engagement/checkins';
import { beijingDate } from '../../server/core/time';
import type { CampaignDoc, CheckinDoc, EnrollmentDoc } from '../../typings/domain';
import type { buildDemoCompany } from './company';

/** Recent check-ins per campaign that get likes and comments. */
const RECENT = 60;
const LIKE_SHARE = 0.18;
const FEATURED = 3;

const COMMENTS = [
  '写得真好，学到了！',
  '同感，明天我也试试这个方法',
  '坚持就是胜利 💪',
  '这个总结很实用，收藏了',
  '结论先行，清楚！',
  '打卡第一名，佩服',
  '一起加油！',
];
const REVIEWS = ['结构清晰，结论先行，值得大家参考。', '把课程方法用到了实际工作中，很棒！', '反思很到位，下一步可以补充具体的数据。'];

/** A stable number in [0, 1) from a key. */
function chance(key: string): number {
  return createHash('sha256').update(key).digest().readUInt32BE(0) / 2 ** 32;
}

/** The reminder template the local cloud gives the functions (cloudfunctions/campaignReminder/config.json). */
function demoTemplateId(): string | null {
  if (process.env[REMINDER_TEMPLATE_ENV]) return process.env[REMINDER_TEMPLATE_ENV] as string;
  const config = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../cloudfunctions/campaignReminder/config.json'), 'utf8')) as {
    envVariables?: Record<string, string>;
  };
  return config.envVariables?.[REMINDER_TEMPLATE_ENV] ?? null;
}

export interface CampaignEngagementDemo {
  campaigns: number;
  likes: number;
  comments: number;
  featured: number;
  subscriptions: number;
}

export async function seedCampaignEngagementDemo(db: Database, company: ReturnType<typeof buildDemoCompany>, now: Date): Promise<CampaignEngagementDemo> {
  const today = beijingDate(now);
  const _ = db.command;
  const result: CampaignEngagementDemo = { campaigns: 0, likes: 0, comments: 0, featured: 0, subscriptions: 0 };
  const running = (await db
    .collection(COLLECTIONS.campaigns)
    .where({ status: 'published', startDay: _.lte(today), endDay: _.gte(today) })
    .orderBy('_id', 'asc')
    .limit(20)
    .get()) as unknown as { data: CampaignDoc[] };
  for (const campaign of running.data) {
    const enrolled = (await db
      .collection(COLLECTIONS.campaignEnrollments)
      .where({ campaignId: campaign._id, status: 'enrolled' })
      .field({ memberId: true, name: true })
      .orderBy('_id', 'asc')
      .limit(1000)
      .get()) as unknown as { data: Pick<EnrollmentDoc, 'memberId' | 'name'>[] };
    const recent = (await db
      .collection(COLLECTIONS.campaignCheckins)
      .where({ campaignId: campaign._id })
      .field(WITHOUT_LISTS)
      .orderBy('createdAt', 'desc')
      .orderBy('_id', 'asc')
      .limit(RECENT)
      .get()) as unknown as { data: CheckinDoc[] };
    if (recent.data.length === 0) continue;
    result.campaigns += 1;
    for (const checkin of recent.data) {
      for (const member of enrolled.data) {
        if (member.memberId === checkin.memberId || chance(`like:${checkin._id}:${member.memberId}`) >= LIKE_SHARE) continue;
        await placeLike(db, member.memberId, checkin._id, true);
        result.likes += 1;
      }
      const commenters = enrolled.data
        .filter((member) => member.memberId !== checkin.memberId && chance(`comment:${checkin._id}:${member.memberId}`) < 0.04)
        .slice(0, 2);
      for (const [k, member] of commenters.entries()) {
        const text = COMMENTS[Math.floor(chance(`text:${checkin._id}:${k}`) * COMMENTS.length)] as string;
        // An hour after the check-in, never after now.
        const at = new Date(Math.min(new Date(checkin.createdAt).getTime() + 3_600_000 * (k + 1), now.getTime()));
        const requestId = `demo-${createHash('sha256').update(`${checkin._id}:${member.memberId}`).digest('hex').slice(0, 24)}`;
        await postComment(db, { _id: member.memberId, name: member.name }, checkin, { text, requestId }, at);
        result.comments += 1;
      }
    }
    // The owner features the longest recent check-ins and reviews them.
    const best = [...recent.data].sort((a, b) => b.text.length - a.text.length || (a._id < b._id ? -1 : 1)).slice(0, FEATURED);
    for (const [k, checkin] of best.entries()) {
      await setFeatured(db, checkin, true, now);
      if (!checkin.review)
        await setReview(db, checkin._id, {
          text: REVIEWS[k % REVIEWS.length] as string,
          reviewerId: campaign.ownerId,
          reviewerName: campaign.ownerName,
          at: now,
        });
      result.featured += 1;
    }
  }
  // The demo learner accepted the reminder panel three times (three reminders to come).
  const templateId = demoTemplateId();
  const learner = company.identities.find((identity) => identity.role === 'learner');
  if (templateId && learner) {
    for (let k = 0; k < 3; k += 1) await addSubscription(db, learner.memberId, learner.openid, templateId, `demo-reminder-panel-${k}`, now);
    result.subscriptions = 3;
  }
  return result;
}
