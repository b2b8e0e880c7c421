/**
 * Documents of a course's discussion (讨论, questions and answers): posts, likes and the sharded counters
 * behind the like and answer counts (server/course/discussion).
 */

export const DISCUSSION_POST_KINDS = ['question', 'answer'] as const;
export type DiscussionPostKind = (typeof DISCUSSION_POST_KINDS)[number];

/** `hidden` by the course's author, a trainer or an admin (audit-logged); `deleted` by its writer. */
export const DISCUSSION_POST_STATUSES = ['visible', 'hidden', 'deleted'] as const;
export type DiscussionPostStatus = (typeof DISCUSSION_POST_STATUSES)[number];

/**
 * How a post's writer stands to the course, decided by the server when the post is written: the course's
 * author (作者), a trainer or an admin whose scope covers the course (讲师 / 管理员), or null (a learner).
 */
export const DISCUSSION_BADGES = ['author', 'trainer', 'admin'] as const;
export type DiscussionBadge = (typeof DISCUSSION_BADGES)[number];

/**
 * Collection `discussionPosts`: a question (`_id` `dq…`) or an answer (`da…`), each id hashed from the
 * writer and the client's request id, so a retried post collides instead of posting twice.
 */
export interface DiscussionPostDoc {
  _id: string;
  kind: DiscussionPostKind;
  courseId: string;
  courseTitle: string;
  /** The course's author and their department (for scoped trainers' queues), when the post was written. */
  courseAuthorId: string;
  scopeDepartmentId: string;
  /** The question itself for a question; the question answered for an answer. */
  questionId: string;
  writerId: string;
  writerName: string;
  badge: DiscussionBadge | null;
  text: string;
  status: DiscussionPostStatus;
  /** Rolled up from the like shards; `likeVersion` is the shard writes the figure sums. */
  likes: number;
  likeVersion: number;
  /** Questions: visible answers (rolled up like `likes`), and the answer marked as the answer (采纳). */
  answers: number;
  answerVersion: number;
  answered: boolean;
  acceptedAnswerId: string | null;
  /** Answers: whether this is the question's marked answer. */
  accepted: boolean;
  createdAt: Date;
  updatedAt: Date;
}

/** Collection `discussionLikes`, `_id` = `<postId>:<memberId>`: one like per member and post. */
export interface DiscussionLikeDoc {
  _id: string;
  postId: string;
  memberId: string;
  createdAt: Date;
}

/** What a discussion counter counts: a post's likes, or a question's answers. */
export const DISCUSSION_COUNTERS = ['likes', 'answers'] as const;
export type DiscussionCounter = (typeof DISCUSSION_COUNTERS)[number];

/**
 * Collection `discussionCounters`, `_id` = `<postId>:<counter>:<shard>`: a part of one post's like count or
 * one question's answer count; a member always writes the same shard.
 */
export interface DiscussionCounterDoc {
  _id: string;
  postId: string;
  counter: DiscussionCounter;
  shard: number;
  value: number;
  /** Writes to this shard so far. */
  version: number;
}
