/**
 * Reading a discussion: a course's questions (newest or most liked first), one question's answers (the
 * marked answer first), and the desk's queue across the courses a member looks after (unanswered first).
 * Pages come from indexed queries (database/collections.json, `discussionPosts`), never a whole collection.
 */
import type { DiscussionPostDoc, MemberDoc } from '../../../typings/domain';
import type { DiscussionSort } from '../../../typings/functions/discussion';
import { discussionContracts } from '../../../typings/functions/discussion';
import { allOf, AppError, COLLECTIONS, defineAction, findPage, pageOf, scopeCondition, scopeFor, type SortKey } from '../../core';
import type { Database, Scope } from '../../core';
import { courseStanding, postStanding } from './access';
import { answerView, likedBy, questionView } from './views';

const NEWEST: readonly SortKey[] = [
  { field: 'createdAt', direction: 'desc' },
  { field: '_id', direction: 'asc' },
];
const ORDER: Record<DiscussionSort, readonly SortKey[]> = { newest: NEWEST, liked: [{ field: 'likes', direction: 'desc' }, ...NEWEST] };

export const discussionList = defineAction({
  ...discussionContracts.discussionList,
  roles: ['learner'],
  handler: async ({ db, caller, input, now }) => {
    const member = caller.member;
    const { course, badge } = await courseStanding(db, member, input.courseId, now());
    const filter = { courseId: course._id, kind: 'question', status: 'visible', ...(input.unanswered ? { answered: false } : {}) };
    const found = await findPage<DiscussionPostDoc>(db, COLLECTIONS.discussionPosts, filter, ORDER[input.sort], input);
    const liked = await likedBy(db, member._id, found.docs);
    return { ...pageOf(found, input, (doc) => questionView(doc, member._id, liked)), canModerate: badge !== null };
  },
});

export const discussionThread = defineAction({
  ...discussionContracts.discussionThread,
  roles: ['learner'],
  handler: async ({ db, caller, input, now }) => {
    const member = caller.member;
    const { post: question, badge } = await postStanding(db, member, input.questionId, now());
    if (question.kind !== 'question') throw new AppError('NOT_FOUND', '问题不存在或已删除');
    const found = await findPage<DiscussionPostDoc>(
      db,
      COLLECTIONS.discussionPosts,
      { questionId: question._id, kind: 'answer', status: 'visible' },
      [{ field: 'accepted', direction: 'desc' }, ...ORDER[input.sort]],
      input,
    );
    const liked = await likedBy(db, member._id, [question, ...found.docs]);
    return {
      question: questionView(question, member._id, liked),
      canModerate: badge !== null,
      canAccept: badge !== null || question.writerId === member._id,
      answers: pageOf(found, input, (doc) => answerView(doc, member._id, liked)),
    };
  },
});

/** The union of the member's trainer and admin scopes ('all' when either is unscoped). */
function deskScope(member: Pick<MemberDoc, 'roles'>): Scope {
  const roots = new Set<string>();
  for (const role of ['trainer', 'admin'] as const) {
    const scope = scopeFor(member, role);
    if (scope === 'all') return 'all';
    for (const root of scope ?? []) roots.add(root);
  }
  return [...roots].sort();
}

/** The questions a member looks after: of courses they wrote, or whose author's department their scope covers. */
function lookedAfter(db: Database, member: MemberDoc): Record<string, unknown> | null {
  const scope = deskScope(member);
  if (scope === 'all') return null;
  const mine = { courseAuthorId: member._id };
  if (scope.length === 0) return mine;
  return db.command.or([mine, scopeCondition(db, 'scopeDepartmentId', scope) as Record<string, unknown>]) as unknown as Record<string, unknown>;
}

export const discussionQueue = defineAction({
  ...discussionContracts.discussionQueue,
  roles: ['learner'],
  handler: async ({ db, caller, input }) => {
    const member = caller.member;
    const filter = allOf(db, [
      { kind: 'question', status: 'visible' },
      input.courseId ? { courseId: input.courseId } : null,
      input.unanswered ? { answered: false } : null,
      lookedAfter(db, member),
    ]);
    const found = await findPage<DiscussionPostDoc>(db, COLLECTIONS.discussionPosts, filter, [{ field: 'answered', direction: 'asc' }, ...NEWEST], input);
    const liked = await likedBy(db, member._id, found.docs);
    return pageOf(found, input, (doc) => questionView(doc, member._id, liked));
  },
});
