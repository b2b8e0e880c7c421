/**
 * The engagement demo seeded over a running campaign: every like and comment count equals its list, the
 * owner's featured check-ins carry reviews, the demo learner has reminder subscriptions, and seeding again
 * changes nothing; the likes cost one operation each.
 */
import type { CampaignCommentDoc, CheckinDoc, CheckinEngagementFields, MemberDoc, ReminderSubscriptionDoc } from '../../../../typings/domain';
import { subscriptionId } from '../../../../server/campaign/engagement/reminders';
import { buildDemoCompany } from '../../../../scripts/demo/company';
import { seedCampaignEngagementDemo } from '../../../../scripts/demo/campaign-engagement';
import { useTestCloud } from '../../../helpers/local-cloud';
import { addDays } from '../../../../server/core/time';
import { testDb } from '../../../helpers/db';
import { beijing, campaignFields, makeCampaign, readWhere, seedMembers, seedTrainer } from '../helpers';
import { checkInOn, signUpAll } from './helpers';

jest.setTimeout(120_000);

const cloud = useTestCloud();

type Stored = CheckinDoc & CheckinEngagementFields;

async function state() {
  const [checkins, comments, subscriptions] = await Promise.all([
    readWhere<Stored>('campaignCheckins', {}),
    readWhere<CampaignCommentDoc>('campaignComments', {}),
    readWhere<ReminderSubscriptionDoc>('campaignReminderSubscriptions', {}),
  ]);
  return { checkins, comments, subscriptions };
}

it('seeds likes, comments, featured reviews and subscriptions with exact counts, once', async () => {
  const start = '2026-10-05';
  const today = addDays(start, 2);
  const now = beijing(today, '18:00');
  const trainer = await seedTrainer('m:demo-trainer');
  const campaign = await makeCampaign(trainer, campaignFields(start, 21), beijing(addDays(start, -2)));
  const members = await seedMembers(Array.from({ length: 12 }, (_, i) => `m:demo-engage-${i}`));
  await signUpAll(campaign, members, beijing(addDays(start, -1)));
  for (let d = 0; d <= 2; d += 1) {
    for (const [i, member] of members.entries()) if ((i + d) % 3 !== 0) await checkInOn(campaign, member as MemberDoc, addDays(start, d), '08:30');
  }
  const company = buildDemoCompany(now);
  cloud.actions.reset();
  const first = await seedCampaignEngagementDemo(testDb(), company, now);
  // A like is one conditional update (the like action reads the count back; the seed needs no answer): here
  // 131 operations, 181 when each like read its check-in again.
  expect(cloud.actions.databaseOperations()).toBeLessThanOrEqual(first.likes + 10 * first.comments);
  expect(first.campaigns).toBe(1);
  expect(first.likes).toBeGreaterThan(10);
  expect(first.comments).toBeGreaterThan(0);
  expect(first).toMatchObject({ featured: 3, subscriptions: 3 });

  const seeded = await state();
  const live = seeded.comments.filter((comment) => !comment.deleted);
  expect(live).toHaveLength(first.comments);
  for (const checkin of seeded.checkins) {
    expect(checkin.likeCount).toBe(new Set(checkin.likedBy ?? []).size);
    expect(checkin.likeCount).toBe((checkin.likedBy ?? []).length);
    expect((checkin.likedBy ?? []).includes(checkin.memberId)).toBe(false);
    const mine = live.filter((comment) => comment.checkinId === checkin._id).map((comment) => comment._id);
    expect([...(checkin.commentIds ?? [])].sort()).toEqual(mine.sort());
    expect(checkin.commentCount).toBe(mine.length);
  }
  expect(seeded.checkins.reduce((sum, checkin) => sum + checkin.likeCount, 0)).toBe(first.likes);
  const featured = seeded.checkins.filter((checkin) => checkin.featured);
  expect(featured).toHaveLength(3);
  expect(featured.every((checkin) => checkin.review?.reviewerName === trainer.name && checkin.featuredAt !== null)).toBe(true);
  const learner = company.identities.find((identity) => identity.role === 'learner')!;
  expect(seeded.subscriptions).toEqual([
    expect.objectContaining({ _id: subscriptionId(learner.memberId, 'weike-campaign-checkin-reminder'), remaining: 3, openid: learner.openid }),
  ]);

  // Seeding again changes nothing.
  await seedCampaignEngagementDemo(testDb(), company, new Date(now.getTime() + 60_000));
  const again = await state();
  expect(again).toEqual(seeded);
});
