/** What the app sees of posts: never the writer's member id, only whether the caller wrote or liked it. */
import type { DiscussionLikeDoc, DiscussionPostDoc } from '../../../typings/domain';
import type { DiscussionAnswerView, DiscussionQuestionView } from '../../../typings/functions/discussion';
import { byIds, COLLECTIONS } from '../../core';
import type { Database } from '../../core';
import { isoDate } from '../../core/published';

export const likeId = (postId: string, memberId: string): string => `${postId}:${memberId}`;

/** The posts among `posts` the member liked (one read). */
export async function likedBy(db: Database, memberId: string, posts: readonly DiscussionPostDoc[]): Promise<Set<string>> {
  const found = await byIds<DiscussionLikeDoc>(
    db,
    COLLECTIONS.discussionLikes,
    posts.map((post) => likeId(post._id, memberId)),
  );
  return new Set([...found.values()].map((like) => like.postId));
}

function postView(post: DiscussionPostDoc, memberId: string, liked: ReadonlySet<string>) {
  return {
    id: post._id,
    text: post.text,
    writerName: post.writerName,
    badge: post.badge,
    mine: post.writerId === memberId,
    likes: post.likes,
    liked: liked.has(post._id),
    createdAt: isoDate(post.createdAt) ?? '',
  };
}

export function questionView(post: DiscussionPostDoc, memberId: string, liked: ReadonlySet<string>): DiscussionQuestionView {
  return {
    ...postView(post, memberId, liked),
    courseId: post.courseId,
    courseTitle: post.courseTitle,
    answers: post.answers,
    answered: post.answered,
    acceptedAnswerId: post.acceptedAnswerId,
  };
}

export function answerView(post: DiscussionPostDoc, memberId: string, liked: ReadonlySet<string>): DiscussionAnswerView {
  return { ...postView(post, memberId, liked), questionId: post.questionId, accepted: post.accepted };
}
