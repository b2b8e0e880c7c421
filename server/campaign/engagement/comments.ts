/**
 * Comments (评论) on check-ins: content-checked, one per request id, deletable by their author (and by the
 * campaign's managers).
 *
 * The comment document is written first (in a transaction keyed by author and request id, so a retry finds
 * it), then counted on the check-in with one conditional update: "add the id to `commentIds` and 1 to
 * `commentCount`, where `commentIds` does not hold it yet". A delete marks the comment deleted, then removes
 * the id and 1 the same way. Each step is idempotent, so a retry after a failure in between completes the
 * count exactly, and parallel comments on one check-in never conflict.
 */
import type { CampaignCommentDoc, CheckinDoc, MemberDoc } from '../../../typings/domain';
import { campaignEngagementContracts } from '../../../typings/functions/campaign-engagement';
import type { CommentView } from '../../../typings/functions/campaign-engagement';
import { AppError, checkText, COLLECTIONS, defineAction, findById, findPage, pageOf } from '../../core';
import type { Database, SortKey } from '../../core';
import { isoDate } from '../../core/published';
import { hashId } from '../../core/ids';
import { loadVisibleCampaign } from '../access';
import { loadCheckin, loadVisibleCheckin } from './checkins';
import { insertOnce } from '../../core/once';

const OLDEST_FIRST: readonly SortKey[] = [
  { field: 'createdAt', direction: 'asc' },
  { field: '_id', direction: 'asc' },
];

export const commentId = (memberId: string, requestId: string): string => hashId('cc:', `${memberId}:${requestId}`);

function commentView(comment: CampaignCommentDoc, memberId: string, manager: boolean): CommentView {
  const mine = comment.memberId === memberId;
  return {
    id: comment._id,
    checkinId: comment.checkinId,
    memberId: comment.memberId,
    memberName: comment.memberName,
    text: comment.text,
    createdAt: isoDate(comment.createdAt) ?? '',
    mine,
    canDelete: mine || manager,
  };
}

/** Adds (`counted`) or removes the comment's id and 1 on its check-in, unless already done. */
async function countComment(db: Database, checkinId: string, id: string, counted: boolean): Promise<number> {
  const _ = db.command;
  await db
    .collection(COLLECTIONS.campaignCheckins)
    .where({ _id: checkinId, commentIds: counted ? _.neq(id) : id })
    .update({ data: counted ? { commentIds: _.push([id]), commentCount: _.inc(1) } : { commentIds: _.pull(id), commentCount: _.inc(-1) } });
  return (await loadCheckin(db, checkinId)).commentCount;
}

export const comments = defineAction({
  ...campaignEngagementContracts.comments,
  roles: ['learner'],
  async handler({ db, caller, input, now }) {
    const { checkin, manager } = await loadVisibleCheckin(db, caller.member, input.checkinId, now());
    const found = await findPage<CampaignCommentDoc>(db, COLLECTIONS.campaignComments, { checkinId: checkin._id, deleted: false }, OLDEST_FIRST, input);
    return pageOf(found, input, (doc) => commentView(doc, caller.member._id, manager));
  },
});

/**
 * Stores the member's comment once per request id and counts it (access and content already checked);
 * answers the comment and the check-in's count after it.
 */
export async function postComment(
  db: Database,
  member: Pick<MemberDoc, '_id' | 'name'>,
  checkin: Pick<CheckinDoc, '_id' | 'campaignId' | 'commentCount'>,
  input: { text: string; requestId: string },
  at: Date,
): Promise<{ comment: CampaignCommentDoc; commentCount: number }> {
  const id = commentId(member._id, input.requestId);
  const stored = await insertOnce<CampaignCommentDoc>(db, COLLECTIONS.campaignComments, {
    _id: id,
    campaignId: checkin.campaignId,
    checkinId: checkin._id,
    memberId: member._id,
    memberName: member.name,
    text: input.text,
    requestId: input.requestId,
    deleted: false,
    createdAt: at,
    deletedAt: null,
    deletedBy: null,
  });
  if (stored.checkinId !== checkin._id) throw new AppError('INVALID_INPUT', '该请求编号已用于另一条评论');
  // A retry of a comment deleted meanwhile stays deleted and uncounted.
  return { comment: stored, commentCount: stored.deleted ? checkin.commentCount : await countComment(db, checkin._id, id, true) };
}

export const comment = defineAction({
  ...campaignEngagementContracts.comment,
  roles: ['learner'],
  async handler({ db, cloud, caller, input, now }) {
    const at = now();
    const member = caller.member;
    const { checkin, manager } = await loadVisibleCheckin(db, member, input.checkinId, at);
    const earlier = await findById<CampaignCommentDoc>(db, COLLECTIONS.campaignComments, commentId(member._id, input.requestId));
    if (!earlier) await checkText(cloud, caller.openid, input.text);
    const posted = await postComment(db, member, checkin, input, at);
    return { comment: commentView(posted.comment, member._id, manager), commentCount: posted.commentCount };
  },
});

export const deleteComment = defineAction({
  ...campaignEngagementContracts.deleteComment,
  roles: ['learner'],
  async handler({ db, caller, input, now }) {
    const at = now();
    const stored = await findById<CampaignCommentDoc>(db, COLLECTIONS.campaignComments, input.commentId);
    if (!stored) throw new AppError('NOT_FOUND', '评论不存在或已删除');
    const { manager } = await loadVisibleCampaign(db, caller.member, stored.campaignId, at);
    if (stored.memberId !== caller.member._id && !manager) throw new AppError('FORBIDDEN', '只能删除自己的评论');
    if (!stored.deleted) {
      await db
        .collection(COLLECTIONS.campaignComments)
        .where({ _id: stored._id, deleted: false })
        .update({ data: { deleted: true, deletedAt: at, deletedBy: caller.member._id } });
    }
    const commentCount = await countComment(db, stored.checkinId, stored._id, false);
    return { commentId: stored._id, checkinId: stored.checkinId, commentCount };
  },
});
