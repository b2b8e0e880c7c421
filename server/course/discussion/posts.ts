/**
 * Asking and answering. A post's `_id` is hashed from its writer and the client's request id, so a retried
 * post collides with the first and answers it. Before anything is written the writer's posts of the last
 * hour are counted (DISCUSSION_LIMITS.postsPerHour: a soft limit, two posts at the very same moment may
 * both pass) and the text passes WeChat's content check (msgSecCheck, scene 3 = forum post:
 * https://developers.weixin.qq.com/miniprogram/dev/OpenApiDoc/sec-center/sec-check/msgSecCheck.html); a
 * refusal writes nothing. The course's author hears of a question, the asker of an answer, through the
 * message centre (server/core/notify.ts; a member who turned the kind off does not see it).
 */
import type { DiscussionBadge, DiscussionPostDoc, MemberDoc } from '../../../typings/domain';
import { DISCUSSION_LIMITS, discussionContracts } from '../../../typings/functions/discussion';
import { AppError, checkText, COLLECTIONS, defineAction, findById, hashId, isDuplicate, transactWithBackoff, txGet, txPut } from '../../core';
import type { Database, WxCloud } from '../../core';
import { notify } from '../../core/notify';
import { courseStanding, postStanding } from './access';
import { rollUp, txCount } from './counters';
import { answerView, questionView } from './views';

const HOUR_MS = 3_600_000;

/** The mini-program's pages a notification opens. */
export const discussionPage = {
  course: (courseId: string) => `packageCourse/discussion/index?courseId=${encodeURIComponent(courseId)}`,
  question: (questionId: string) => `packageCourse/question/index?id=${encodeURIComponent(questionId)}`,
};

/** Refuses a post beyond the hourly limit, then one the content check refuses; writes nothing either way. */
async function admitText(db: Database, cloud: WxCloud, openid: string, member: MemberDoc, text: string, at: Date): Promise<void> {
  const { total } = (await db
    .collection(COLLECTIONS.discussionPosts)
    .where({ writerId: member._id, createdAt: db.command.gte(new Date(at.getTime() - HOUR_MS)) })
    .count()) as { total: number };
  if (total >= DISCUSSION_LIMITS.postsPerHour) throw new AppError('RATE_LIMITED', `每小时最多发布 ${DISCUSSION_LIMITS.postsPerHour} 条提问或回答，请稍后再试`);
  await checkText(cloud, openid, text, 'forum');
}

function newPost(
  fields: Pick<DiscussionPostDoc, '_id' | 'kind' | 'courseId' | 'courseTitle' | 'courseAuthorId' | 'scopeDepartmentId' | 'questionId' | 'text'>,
  member: MemberDoc,
  badge: DiscussionBadge | null,
  at: Date,
): DiscussionPostDoc {
  return {
    ...fields,
    writerId: member._id,
    writerName: member.name,
    badge,
    status: 'visible',
    likes: 0,
    likeVersion: 0,
    answers: 0,
    answerVersion: 0,
    answered: false,
    acceptedAnswerId: null,
    accepted: false,
    createdAt: at,
    updatedAt: at,
  };
}

export const discussionAsk = defineAction({
  ...discussionContracts.discussionAsk,
  roles: ['learner'],
  handler: async ({ db, cloud, caller, input, now }) => {
    const at = now();
    const member = caller.member;
    const { course, standing, badge } = await courseStanding(db, member, input.courseId, at, true);
    await admitText(db, cloud, caller.openid, member, input.text, at);
    const id = hashId('dq', `${member._id}:${input.requestId}`);
    const doc = newPost(
      { _id: id, kind: 'question', courseId: course._id, courseTitle: course.title, ...standing, questionId: id, text: input.text },
      member,
      badge,
      at,
    );
    try {
      await db.collection(COLLECTIONS.discussionPosts).add({ data: { ...doc } });
    } catch (err) {
      if (!isDuplicate(err)) throw err;
      const first = await findById<DiscussionPostDoc>(db, COLLECTIONS.discussionPosts, id);
      if (!first) throw err;
      return questionView(first, member._id, new Set());
    }
    if (course.authorId && course.authorId !== member._id) {
      await notify(
        db,
        [
          {
            memberId: course.authorId,
            kind: 'discussion_question',
            source: id,
            title: `新提问：${course.title}`,
            body: `${member.name}：${input.text}`,
            page: discussionPage.question(id),
          },
        ],
        at,
      );
    }
    return questionView(doc, member._id, new Set());
  },
});

export const discussionAnswer = defineAction({
  ...discussionContracts.discussionAnswer,
  roles: ['learner'],
  handler: async ({ db, cloud, caller, input, now }) => {
    const at = now();
    const member = caller.member;
    const { post: question, badge } = await postStanding(db, member, input.questionId, at);
    if (question.kind !== 'question') throw new AppError('NOT_FOUND', '问题不存在或已删除');
    await admitText(db, cloud, caller.openid, member, input.text, at);
    const id = hashId('da', `${member._id}:${input.requestId}`);
    const { courseId, courseTitle, courseAuthorId, scopeDepartmentId } = question;
    const draft = newPost(
      { _id: id, kind: 'answer', courseId, courseTitle, courseAuthorId, scopeDepartmentId, questionId: question._id, text: input.text },
      member,
      badge,
      at,
    );
    const { doc, created } = await transactWithBackoff(db, async (tx) => {
      const first = await txGet<DiscussionPostDoc>(tx, COLLECTIONS.discussionPosts, id);
      if (first) return { doc: { ...first, _id: id }, created: false };
      await txPut<DiscussionPostDoc>(tx, COLLECTIONS.discussionPosts, draft);
      await txCount(tx, question._id, 'answers', member._id, 1);
      return { doc: draft, created: true };
    });
    if (!created) return answerView(doc, member._id, new Set());
    await rollUp(db, question._id, 'answers');
    if (question.writerId !== member._id) {
      await notify(
        db,
        [
          {
            memberId: question.writerId,
            kind: 'discussion_answered',
            source: id,
            title: `你的提问有新回答：${courseTitle}`,
            body: `${member.name}：${input.text}`,
            page: discussionPage.question(question._id),
          },
        ],
        at,
      );
    }
    return answerView(doc, member._id, new Set());
  },
});
