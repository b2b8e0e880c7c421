/**
 * The check-ins of the feed as the engagement half reads them: loaded for a member who may see their
 * campaign, without the engagement lists (`likedBy`, `commentIds`) that can grow with the campaign, and
 * turned into feed items.
 */
import type { CampaignDoc, CheckinDoc, CheckinEngagementFields, MemberDoc } from '../../../typings/domain';
import type { FeedItem } from '../../../typings/functions/campaign-engagement';
import { AppError, COLLECTIONS } from '../../core';
import type { Database } from '../../core';
import { isoDate } from '../../core/published';
import { loadVisibleCampaign } from '../access';
import type { VisibleCampaign } from '../access';
import { checkinView, teamName } from '../views';
import type { MediaGate } from '../../core/media-check';

export type StoredCheckin = CheckinDoc & CheckinEngagementFields;

/** Leaves out the lists only the like and comment writes need. */
export const WITHOUT_LISTS: Record<string, boolean> = { likedBy: false, commentIds: false };

export const CHECKIN_NOT_FOUND = '打卡记录不存在或已删除';

export async function loadCheckin(db: Database, checkinId: string): Promise<CheckinDoc> {
  const result = (await db.collection(COLLECTIONS.campaignCheckins).where({ _id: checkinId }).field(WITHOUT_LISTS).limit(1).get()) as unknown as {
    data: CheckinDoc[];
  };
  const checkin = result.data[0];
  if (!checkin) throw new AppError('NOT_FOUND', CHECKIN_NOT_FOUND);
  return checkin;
}

/** A check-in with its campaign, for a member who may see the campaign (else NOT_FOUND, as for the campaign). */
export async function loadVisibleCheckin(db: Database, member: MemberDoc, checkinId: string, now: Date): Promise<{ checkin: CheckinDoc } & VisibleCampaign> {
  const checkin = await loadCheckin(db, checkinId);
  return { checkin, ...(await loadVisibleCampaign(db, member, checkin.campaignId, now)) };
}

/** Which of `checkinIds` the member liked: one query on the ids, answering ids only. */
export async function likedAmong(db: Database, checkinIds: readonly string[], memberId: string): Promise<Set<string>> {
  if (checkinIds.length === 0) return new Set();
  const result = (await db
    .collection(COLLECTIONS.campaignCheckins)
    .where({ _id: db.command.in([...checkinIds]), likedBy: memberId })
    .field({ _id: true })
    .limit(checkinIds.length)
    .get()) as unknown as { data: { _id: string }[] };
  return new Set(result.data.map((doc) => doc._id));
}

export function feedItem(
  campaign: CampaignDoc,
  checkin: CheckinDoc,
  memberId: string,
  likedByMe: boolean,
  gate: MediaGate,
  memberLevel: string | null = null,
): FeedItem {
  return {
    ...checkinView(campaign, checkin, { gate, viewerId: memberId }),
    teamName: teamName(campaign, checkin.teamId),
    memberLevel,
    featuredAt: isoDate(checkin.featuredAt),
    likedByMe,
    mine: checkin.memberId === memberId,
  };
}
