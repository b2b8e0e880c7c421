/**
 * Likes, the answer marked as the answer (采纳), hiding (the course's author, a covering trainer or admin;
 * recorded in the audit log by the same transaction) and deleting one's own post. A hidden or deleted
 * answer leaves the question's answer count and, when it was the marked answer, the question's mark.
 */
import type { DiscussionLikeDoc, DiscussionPostDoc } from '../../../typings/domain';
import { discussionContracts } from '../../../typings/functions/discussion';
import { AppError, COLLECTIONS, defineAction, memberActor, recordAudit, runTransaction, transactWithBackoff, txGet, txPut } from '../../core';
import type { AuditActor, Database } from '../../core';
import { postStanding } from './access';
import { rollUp, txCount } from './counters';
import { likedBy, likeId, questionView } from './views';

export const discussionLike = defineAction({
  ...discussionContracts.discussionLike,
  roles: ['learner'],
  handler: async ({ db, caller, input, now }) => {
    const at = now();
    const member = caller.member;
    const { post } = await postStanding(db, member, input.postId, at);
    if (input.liked && post.writerId === member._id) throw new AppError('INVALID_INPUT', '不能给自己的发言点赞');
    const id = likeId(post._id, member._id);
    const changed = await transactWithBackoff(db, async (tx) => {
      const before = await txGet<DiscussionLikeDoc>(tx, COLLECTIONS.discussionLikes, id);
      if ((before !== null) === input.liked) return false;
      if (input.liked) await txPut<DiscussionLikeDoc>(tx, COLLECTIONS.discussionLikes, { _id: id, postId: post._id, memberId: member._id, createdAt: at });
      else await tx.collection(COLLECTIONS.discussionLikes).doc(id).remove();
      await txCount(tx, post._id, 'likes', member._id, input.liked ? 1 : -1);
      return true;
    });
    return { liked: input.liked, likes: changed ? await rollUp(db, post._id, 'likes') : post.likes };
  },
});

export const discussionAccept = defineAction({
  ...discussionContracts.discussionAccept,
  roles: ['learner'],
  handler: async ({ db, caller, input, now }) => {
    const at = now();
    const member = caller.member;
    const { post: answer, badge } = await postStanding(db, member, input.answerId, at);
    if (answer.kind !== 'answer') throw new AppError('NOT_FOUND', '回答不存在或已删除');
    const question = await runTransaction(db, async (tx) => {
      const asked = await txGet<DiscussionPostDoc>(tx, COLLECTIONS.discussionPosts, answer.questionId);
      if (asked?.status !== 'visible') throw new AppError('NOT_FOUND', '问题不存在或已删除');
      if (asked.writerId !== member._id && badge === null) throw new AppError('FORBIDDEN', '只有提问者、课程作者或讲师可以采纳回答');
      const current = await txGet<DiscussionPostDoc>(tx, COLLECTIONS.discussionPosts, answer._id);
      if (current?.status !== 'visible') throw new AppError('NOT_FOUND', '回答不存在或已删除');
      if (asked.acceptedAnswerId === answer._id) return asked;
      if (asked.acceptedAnswerId) {
        const previous = await txGet<DiscussionPostDoc>(tx, COLLECTIONS.discussionPosts, asked.acceptedAnswerId);
        if (previous)
          await tx
            .collection(COLLECTIONS.discussionPosts)
            .doc(previous._id)
            .update({ data: { accepted: false, updatedAt: at } });
      }
      await tx
        .collection(COLLECTIONS.discussionPosts)
        .doc(answer._id)
        .update({ data: { accepted: true, updatedAt: at } });
      await tx
        .collection(COLLECTIONS.discussionPosts)
        .doc(asked._id)
        .update({ data: { answered: true, acceptedAnswerId: answer._id, updatedAt: at } });
      return { ...asked, answered: true, acceptedAnswerId: answer._id };
    });
    const marked = { ...question, _id: answer.questionId };
    return questionView(marked, member._id, await likedBy(db, member._id, [marked]));
  },
});

/**
 * Takes a visible post out of the discussion (`hidden` or `deleted`); false when it was gone already. An
 * answer leaves its question's count (the writer's shard, as when it was counted) and mark.
 */
async function retire(db: Database, post: DiscussionPostDoc, status: 'hidden' | 'deleted', at: Date, audit: { actor: AuditActor; reason: string } | null) {
  const changed = await transactWithBackoff(db, async (tx) => {
    const current = await txGet<DiscussionPostDoc>(tx, COLLECTIONS.discussionPosts, post._id);
    if (current?.status !== 'visible') return false;
    await tx
      .collection(COLLECTIONS.discussionPosts)
      .doc(post._id)
      .update({ data: { status, accepted: false, ...(status === 'deleted' ? { text: '' } : {}), updatedAt: at } });
    if (current.kind === 'answer') {
      await txCount(tx, current.questionId, 'answers', current.writerId, -1);
      if (current.accepted) {
        await tx
          .collection(COLLECTIONS.discussionPosts)
          .doc(current.questionId)
          .update({ data: { answered: false, acceptedAnswerId: null, updatedAt: at } });
      }
    }
    if (audit) {
      await recordAudit(tx, {
        actor: audit.actor,
        action: 'discussion_hide',
        target: { kind: 'discussion', id: post._id, name: post.courseTitle },
        before: { status: 'visible', writer: post.writerName, text: current.text },
        after: { status, reason: audit.reason },
        at,
        id: `audit:discussion_hide:${post._id}`,
      });
    }
    return true;
  });
  if (changed && post.kind === 'answer') await rollUp(db, post.questionId, 'answers');
}

export const discussionHide = defineAction({
  ...discussionContracts.discussionHide,
  roles: ['learner'],
  handler: async ({ db, caller, input, now }) => {
    const at = now();
    const { post, badge } = await postStanding(db, caller.member, input.postId, at);
    if (badge === null) throw new AppError('FORBIDDEN', '只有课程作者、讲师或管理员可以隐藏讨论');
    await retire(db, post, 'hidden', at, { actor: memberActor(caller.member), reason: input.reason });
    return { hidden: true as const };
  },
});

export const discussionDelete = defineAction({
  ...discussionContracts.discussionDelete,
  roles: ['learner'],
  handler: async ({ db, caller, input, now }) => {
    const at = now();
    const { post } = await postStanding(db, caller.member, input.postId, at);
    if (post.writerId !== caller.member._id) throw new AppError('FORBIDDEN', '只能删除自己的发言');
    await retire(db, post, 'deleted', at, null);
    return { deleted: true as const };
  },
});
