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
import { AppError, checkText, COLLECTIONS, defineAction, findPage, loadMediaGate, pageOf } from '../../core';
import type { Database, MemberCaller, SortKey } from '../../core';
import { loadVisibleCampaign } from '../access';
import { learnerLevelsOf } from '../../points';
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
    const [liked, gate, levels] = await Promise.all([
      likedAmong(
        db,
        found.docs.map((doc) => doc._id),
        caller.member._id,
      ),
      loadMediaGate(
        db,
        found.docs.flatMap((doc) => doc.pictures),
      ),
      learnerLevelsOf(
        db,
        found.docs.map((doc) => doc.memberId),
      ),
    ]);
    return {
      ...pageOf(found, input, (doc) => feedItem(campaign, doc, caller.member._id, liked.has(doc._id), gate, levels.get(doc.memberId) ?? null)),
      canManage: manager,
    };
  },
});

/** Sets the member's like of a check-in (access already checked): one conditional update, nothing if already so. */
export async function placeLike(db: Database, memberId: string, checkinId: string, liked: boolean): Promise<void> {
  const _ = db.command;
  await db
    .collection(COLLECTIONS.campaignCheckins)
    .where({ _id: checkinId, likedBy: liked ? _.neq(memberId) : memberId })
    .update({ data: liked ? { likedBy: _.push([memberId]), likeCount: _.inc(1) } : { likedBy: _.pull(memberId), likeCount: _.inc(-1) } });
}

/** Sets the member's like of a check-in (access already checked); answers the state and the count after it. */
export async function setLike(db: Database, memberId: string, checkinId: string, liked: boolean): Promise<LikeResult> {
  await placeLike(db, memberId, checkinId, liked);
  return { checkinId, liked, likeCount: (await loadCheckin(db, checkinId)).likeCount };
}

async function likeAs(db: Database, caller: MemberCaller, checkinId: string, liked: boolean, now: Date): Promise<LikeResult> {
  const { checkin } = await loadVisibleCheckin(db, caller.member, checkinId, now);
  return setLike(db, caller.member._id, checkin._id, liked);
}

export const like = defineAction({
  ...campaignEngagementContracts.like,
  roles: ['learner'],
  handler: ({ db, caller, input, now }) => likeAs(db, caller, input.checkinId, true, now()),
});

export const unlike = defineAction({
  ...campaignEngagementContracts.unlike,
  roles: ['learner'],
  handler: ({ db, caller, input, now }) => likeAs(db, caller, input.checkinId, false, now()),
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
  return feedItem(campaign, checkin, caller.member._id, liked.has(checkin._id), await loadMediaGate(db, checkin.pictures));
}

/** Features or un-features a check-in (access already checked); featuring again keeps its first featuredAt. */
export async function setFeatured(db: Database, checkin: Pick<CheckinDoc, '_id' | 'featured'>, featured: boolean, at: Date): Promise<void> {
  if (checkin.featured === featured) return;
  await db
    .collection(COLLECTIONS.campaignCheckins)
    .where({ _id: checkin._id, featured: !featured })
    .update({ data: { featured, featuredAt: featured ? at : null } });
}

/** Writes (or with null removes) the review of a check-in (access and content already checked). */
export async function setReview(db: Database, checkinId: string, review: CheckinReviewDoc | null): Promise<void> {
  // `set` of the whole field: a review replaces the previous one.
  await db
    .collection(COLLECTIONS.campaignCheckins)
    .doc(checkinId)
    .update({ data: { review: review === null ? null : db.command.set(review) } });
}

export const feature = defineAction({
  ...campaignEngagementContracts.feature,
  roles: ['trainer', 'admin'],
  async handler({ db, caller, input, now }) {
    const at = now();
    const { checkin } = await loadManagedCheckin(db, caller, input.checkinId, at);
    await setFeatured(db, checkin, input.featured, at);
    return updatedItem(db, caller, checkin._id, at);
  },
});

export const review = defineAction({
  ...campaignEngagementContracts.review,
  roles: ['trainer', 'admin'],
  async handler({ db, cloud, caller, input, now }) {
    const at = now();
    const { checkin } = await loadManagedCheckin(db, caller, input.checkinId, at);
    if (input.text) await checkText(cloud, caller.openid, input.text);
    await setReview(db, checkin._id, input.text ? { text: input.text, reviewerId: caller.member._id, reviewerName: caller.member.name, at } : null);
    return updatedItem(db, caller, checkin._id, at);
  },
});
