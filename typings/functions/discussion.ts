/**
 * Actions of function `course` for a course's discussion (讨论): questions and answers, likes, the answer
 * marked as the answer (采纳), hiding and deleting, and the staff's queue across their courses.
 */
import * as z from 'zod/mini';
import { contract } from '../contract';
import { clientId, id } from '../schema';
import type { DiscussionBadge } from '../domain';
import { type Page, pageInputShape } from './paging';

/**
 * Named limits: text lengths, and posts (questions and answers together) one member may write in an hour
 * (chosen: generous for a conversation, small for a script).
 */
export const DISCUSSION_LIMITS = { questionMin: 2, questionMax: 500, answerMin: 1, answerMax: 1000, postsPerHour: 30, courseSection: 3 } as const;

export const DISCUSSION_SORTS = ['newest', 'liked'] as const;
export type DiscussionSort = (typeof DISCUSSION_SORTS)[number];

interface DiscussionPostView {
  id: string;
  text: string;
  writerName: string;
  /** The writer's standing in the course (作者 / 讲师 / 管理员), or null. */
  badge: DiscussionBadge | null;
  /** Written by the caller (who may delete it). */
  mine: boolean;
  likes: number;
  /** Liked by the caller. */
  liked: boolean;
  /** ISO 8601. */
  createdAt: string;
}

export interface DiscussionQuestionView extends DiscussionPostView {
  courseId: string;
  courseTitle: string;
  answers: number;
  answered: boolean;
  acceptedAnswerId: string | null;
}

export interface DiscussionAnswerView extends DiscussionPostView {
  questionId: string;
  accepted: boolean;
}

/** What the caller may do besides asking, answering and liking. */
export interface DiscussionPowers {
  /** Hide posts: the course's author, trainers and admins whose scope covers the course. */
  canModerate: boolean;
}

export interface DiscussionListView extends Page<DiscussionQuestionView>, DiscussionPowers {}

export interface DiscussionThreadView extends DiscussionPowers {
  question: DiscussionQuestionView;
  /** Mark an answer as the answer: the asker, or a moderator. */
  canAccept: boolean;
  /** The marked answer first, then by the chosen order. */
  answers: Page<DiscussionAnswerView>;
}

export interface DiscussionLikeResult {
  liked: boolean;
  likes: number;
}

const sort = z._default(z.enum(DISCUSSION_SORTS), 'newest');
const postText = (min: number, max: number) => z.string().check(z.trim(), z.minLength(min, `至少 ${min} 个字`), z.maxLength(max, `最多 ${max} 个字`));

export const discussionContracts = {
  /** A course's questions, newest or most liked first; optionally the unanswered ones only. */
  discussionList: contract<DiscussionListView>()(z.strictObject({ ...pageInputShape, courseId: id, sort, unanswered: z._default(z.boolean(), false) })),
  /** One question with its answers. */
  discussionThread: contract<DiscussionThreadView>()(z.strictObject({ ...pageInputShape, questionId: id, sort })),
  /** Asks a question (content-checked); `requestId` once per question, so a retry posts it once. */
  discussionAsk: contract<DiscussionQuestionView>()(
    z.strictObject({ courseId: id, requestId: clientId, text: postText(DISCUSSION_LIMITS.questionMin, DISCUSSION_LIMITS.questionMax) }),
  ),
  discussionAnswer: contract<DiscussionAnswerView>()(
    z.strictObject({ questionId: id, requestId: clientId, text: postText(DISCUSSION_LIMITS.answerMin, DISCUSSION_LIMITS.answerMax) }),
  ),
  /** Sets the caller's like on a question or answer (repeating it changes nothing). */
  discussionLike: contract<DiscussionLikeResult>()(z.strictObject({ postId: id, liked: z.boolean() })),
  /** Marks an answer as the question's answer (replacing an earlier mark): the asker or a moderator. */
  discussionAccept: contract<DiscussionQuestionView>()(z.strictObject({ answerId: id })),
  /** Hides a post (moderators, recorded in the audit log). */
  discussionHide: contract<{ hidden: true }>()(z.strictObject({ postId: id, reason: z._default(z.string().check(z.trim(), z.maxLength(100)), '') })),
  /** Deletes the caller's own post. */
  discussionDelete: contract<{ deleted: true }>()(z.strictObject({ postId: id })),
  /**
   * Staff desk (讲师 / 管理员): questions on the courses in the caller's scope, unanswered first, then newest;
   * optionally one course.
   */
  discussionQueue: contract<Page<DiscussionQuestionView>>()(
    z.strictObject({ ...pageInputShape, courseId: z.optional(id), unanswered: z._default(z.boolean(), false) }),
  ),
};
