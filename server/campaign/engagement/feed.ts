/**
 * The campaign feed (打卡动态): check-ins newest first (or the featured ones, newest featured first), likes
 * (点赞), and the trainer's featuring (精选) and review (点评).
 *
 * Likes are hot: a featured check-in can be liked by hundreds of members at once. A like is therefore ONE
 * conditional update of the check-in, no transaction: "add me to `likedBy` and add 1 to `likeCount`, where
 * `likedBy` does not hold me yet" (unlike: the reverse, where it does). The database applies a single
 * document's update atomically, so the list and the count move together, exactly once per member however
 * many taps race or retry, and concurrent likes never conflict (a transaction on the check-in would).
 */
import type { CheckinDoc, CheckinReviewDoc } from '../../../typings/domain';
import { campaignEngagementContracts } from '../../../typings/functions/campaign-engagement';
import type { FeedItem, LikeResult } from '../../../typings/functions/campaign-engagement';
import { AppError, COLLECTIONS, defineAction, findPage, pageOf } from '../../core';
import type { Database, MemberCaller, SortKey } from '../../core';
import { checkComment } from '../../course/ratings';
import { loadVisibleCampaign } from '../access';
import { feedItem, likedAmong, loadCheckin, loadVisibleCheckin, WITHOUT_LISTS } from './checkins';

const NEWEST_FIRST: readonly SortKey[] = [
  { field: 'createdAt', direction: 'desc' },
  { field: '_id', direction: 'asc' },
];
const NEWEST_FEATURED_FIRST: readonly SortKey[] = [
  { field: 'featuredAt', direction: 'desc' },
  { field: '_id', direction: 'asc' },
];

export const feed = defineAction({
  ...campaignEngagementContracts.feed,
  roles: ['learner'],
  async handler({ db, caller, input, now }) {
    const { campaign, manager } = await loadVisibleCampaign(db, caller.member, input.campaignId, now());
    const filter: Record<string, unknown> = { campaignId: campaign._id };
    if (input.filter === 'featured') filter.featured = true;
    if (input.day !== undefined) filter.day = input.day;
    const sort = input.filter === 'featured' ? NEWEST_FEATURED_FIRST : NEWEST_FIRST;
    const found = await findPage<CheckinDoc>(db, COLLECTIONS.campaignCheckins, filter, sort, input, { fields: WITHOUT_LISTS });
    const liked = await likedAmong(db, found.docs.map((doc) => doc._id), caller.member._id);
    return { ...pageOf(found, input, (doc) => feedItem(campaign, doc, caller.member._id, liked.has(doc._id))), canManage: manager };
  },
});

async function likeCount(db: Database, checkinId: string): Promise<number> {
  return (await loadCheckin(db, checkinId)).likeCount;
}

/** Likes or unlikes as the caller; answers the state and the count after the change. */
async function setLike(db: Database, caller: MemberCaller, checkinId: string, liked: boolean, now: Date): Promise<LikeResult> {
  const { checkin } = await loadVisibleCheckin(db, caller.member, checkinId, now);
  const _ = db.command;
  const memberId = caller.member._id;
  await db
    .collection(COLLECTIONS.campaignCheckins)
    .where({ _id: checkin._id, likedBy: liked ? _.neq(memberId) : memberId })
    .update({ data: liked ? { likedBy: _.push([memberId]), likeCount: _.inc(1) } : { likedBy: _.pull(memberId), likeCount: _.inc(-1) } });
  return { checkinId: checkin._id, liked, likeCount: await likeCount(db, checkin._id) };
}

export const like = defineAction({
  ...campaignEngagementContracts.like,
  roles: ['learner'],
  handler: ({ db, caller, input, now }) => setLike(db, caller, input.checkinId, true, now()),
});

export const unlike = defineAction({
  ...campaignEngagementContracts.unlike,
  roles: ['learner'],
  handler: ({ db, caller, input, now }) => setLike(db, caller, input.checkinId, false, now()),
});

/** The check-in for a manager of its campaign (NOT_FOUND for those who cannot see it, FORBIDDEN for other members). */
async function loadManagedCheckin(db: Database, caller: MemberCaller, checkinId: string, now: Date) {
  const loaded = await loadVisibleCheckin(db, caller.member, checkinId, now);
  if (!loaded.manager) throw new AppError('FORBIDDEN', '只有活动的管理员可以精选和点评');
  return loaded;
}

async function updatedItem(db: Database, caller: MemberCaller, checkinId: string, now: Date): Promise<FeedItem> {
  const { checkin, campaign } = await loadVisibleCheckin(db, caller.member, checkinId, now);
  const liked = await likedAmong(db, [checkin._id], caller.member._id);
  return feedItem(campaign, checkin, caller.member._id, liked.has(checkin._id));
}

export const feature = defineAction({
  ...campaignEngagementContracts.feature,
  roles: ['trainer', 'admin'],
  async handler({ db, caller, input, now }) {
    const at = now();
    const { checkin } = await loadManagedCheckin(db, caller, input.checkinId, at);
    // Featuring again keeps the first featuredAt (its place in the featured list).
    if (checkin.featured !== input.featured) {
      await db
        .collection(COLLECTIONS.campaignCheckins)
        .where({ _id: checkin._id, featured: !input.featured })
        .update({ data: { featured: input.featured, featuredAt: input.featured ? at : null } });
    }
    return updatedItem(db, caller, checkin._id, at);
  },
});

export const review = defineAction({
  ...campaignEngagementContracts.review,
  roles: ['trainer', 'admin'],
  async handler({ db, cloud, caller, input, now }) {
    const at = now();
    const { checkin } = await loadManagedCheckin(db, caller, input.checkinId, at);
    if (input.text) await checkComment(cloud, caller.openid, input.text);
    const stored: CheckinReviewDoc | null = input.text ? { text: input.text, reviewerId: caller.member._id, reviewerName: caller.member.name, at } : null;
    // `set` of the whole field: a review replaces the previous one.
    await db.collection(COLLECTIONS.campaignCheckins).doc(checkin._id).update({ data: { review: stored === null ? null : db.command.set(stored) } });
    return updatedItem(db, caller, checkin._id, at);
  },
});
