/**
 * A course's discussion through the real main and the local cloud: who takes part (audiences, the author,
 * covering trainers), badges decided by the server, the marked answer, hiding (audit-logged) and deleting,
 * the content check and the hourly limit writing nothing, notifications and their opt-out, retried posts,
 * and database operations per action.
 */
import type { AdminAuditDoc } from '../../../../typings/docs/admin-audit';
import type { DiscussionPostDoc, NotificationDoc } from '../../../../typings/domain';
import { callAction } from '../../../helpers/invoke';
import { useTestCloud } from '../../../helpers/local-cloud';
import { grant, insertAll, readDoc, readWhere, seedMember } from '../../../helpers/db';
import { codeOf, dataOf } from '../../../helpers/envelope';
import { courseDoc, seedCourses } from '../../../helpers/courses';

jest.setTimeout(120_000);

const cloud = useTestCloud();
const A = 'dept:甲分公司';
const B = 'dept:乙分公司';
const ASKER = { openid: 'o-d-asker' };
const OTHER = { openid: 'o-d-other' };
const AUTHOR = { openid: 'o-d-author' };
const TRAINER_A = { openid: 'o-d-trainer-a' };
const TRAINER_B = { openid: 'o-d-trainer-b' };
const ADMIN = { openid: 'o-d-admin' };
const MANAGER = { openid: 'o-d-manager' };
const BUSY = { openid: 'o-d-busy' };

beforeAll(async () => {
  const inA = { departmentId: `${A}/销售部`, departmentPath: ['甲分公司', '销售部'] };
  await seedMember(ASKER.openid, 'm:d-asker', { ...inA, name: '提问人' });
  await seedMember(OTHER.openid, 'm:d-other', { ...inA, name: '同事' });
  await seedMember(AUTHOR.openid, 'm:d-author', { ...inA, name: '作者' });
  await seedMember(TRAINER_A.openid, 'm:d-trainer-a', { departmentId: A, departmentPath: ['甲分公司'], name: '甲讲师', roles: [grant('trainer', A)] });
  await seedMember(TRAINER_B.openid, 'm:d-trainer-b', { departmentId: B, departmentPath: ['乙分公司'], name: '乙讲师', roles: [grant('trainer', B)] });
  await seedMember(ADMIN.openid, 'm:d-admin', { departmentId: B, departmentPath: ['乙分公司'], name: '管理员', roles: [grant('admin')] });
  await seedMember(MANAGER.openid, 'm:d-manager', { ...inA, name: '经理', jobLevel: 'middle_senior_manager' });
  await seedMember(BUSY.openid, 'm:d-busy', { ...inA, name: '话多的人' });
  await seedCourses(
    courseDoc('course:open', { title: '高效沟通', authorId: 'm:d-author' }),
    courseDoc('course:managers', { title: '领导力', authorId: 'm:d-author', audiences: ['middle_senior_manager'] }),
    courseDoc('course:draft', { title: '草稿', authorId: 'm:d-author', status: 'draft' }),
  );
  const authoring = (id: string) => ({ _id: id, authorId: 'm:d-author', authorName: '作者', authorDepartmentId: inA.departmentId });
  await insertAll('courseAuthoring', [authoring('course:open'), authoring('course:managers'), authoring('course:draft')]);
});

let seq = 0;
const requestId = () => `req-discussion-${(seq += 1)}`;

async function ask(identity: { openid: string }, courseId: string, text: string) {
  return dataOf(await callAction('course', 'discussionAsk', { courseId, requestId: requestId(), text }, identity));
}

async function answer(identity: { openid: string }, questionId: string, text: string) {
  return dataOf(await callAction('course', 'discussionAnswer', { questionId, requestId: requestId(), text }, identity));
}

describe('asking and answering', () => {
  it('marks the author and a covering trainer on their answers, tells the author of a question and the asker of answers', async () => {
    const question = await ask(ASKER, 'course:open', '课后练习在哪里下载？');
    expect(question).toMatchObject({ badge: null, mine: true, answers: 0, answered: false, courseTitle: '高效沟通', writerName: '提问人' });
    const byAuthor = await answer(AUTHOR, question.id, '在课程页底部');
    const byTrainer = await answer(TRAINER_A, question.id, '我补充一下链接');
    const byAdmin = await answer(ADMIN, question.id, '已转给讲师');
    const byColleague = await answer(OTHER, question.id, '我也在找');
    expect([byAuthor.badge, byTrainer.badge, byAdmin.badge, byColleague.badge]).toEqual(['author', 'trainer', 'admin', null]);
    // A trainer of another branch is a plain participant on a course everyone sees.
    expect((await answer(TRAINER_B, question.id, '乙分公司也想要')).badge).toBeNull();
    const thread = dataOf(await callAction('course', 'discussionThread', { questionId: question.id }, ASKER));
    expect(thread.question.answers).toBe(5);
    expect(thread).toMatchObject({ canAccept: true, canModerate: false });
    expect(thread.answers.items.map((item) => item.text)).toEqual(['乙分公司也想要', '我也在找', '已转给讲师', '我补充一下链接', '在课程页底部']);

    const told = await readWhere<NotificationDoc>('notifications', { memberId: 'm:d-author' });
    expect(told.filter((doc) => doc.kind === 'discussion_question').map((doc) => doc.page)).toEqual([
      `packageCourse/question/index?id=${encodeURIComponent(question.id)}`,
    ]);
    const asker = await readWhere<NotificationDoc>('notifications', { memberId: 'm:d-asker', kind: 'discussion_answered' });
    expect(asker).toHaveLength(5);
    // The asker turns the kind off: the message centre no longer shows them.
    dataOf(await callAction('notification', 'setKind', { kind: 'discussion_answered', enabled: false }, ASKER));
    const inbox = dataOf(await callAction('notification', 'list', {}, ASKER));
    expect(inbox.items.filter((item) => item.kind === 'discussion_answered')).toEqual([]);
    dataOf(await callAction('notification', 'setKind', { kind: 'discussion_answered', enabled: true }, ASKER));
  });

  it("posts a retried question once, and answering one's own question tells nobody", async () => {
    const input = { courseId: 'course:open', requestId: 'req-retried-question', text: '同一个问题发两次' };
    const first = dataOf(await callAction('course', 'discussionAsk', input, OTHER));
    const again = dataOf(await callAction('course', 'discussionAsk', input, OTHER));
    expect(again.id).toBe(first.id);
    expect(await readWhere<DiscussionPostDoc>('discussionPosts', { text: '同一个问题发两次' })).toHaveLength(1);
    const before = (await readWhere<NotificationDoc>('notifications', { memberId: 'm:d-other' })).length;
    const mine = await answer(OTHER, first.id, '我自己找到了');
    expect(mine.mine).toBe(true);
    expect(await readWhere<NotificationDoc>('notifications', { memberId: 'm:d-other' })).toHaveLength(before);
    // The author asking on their own course is not told of it.
    const own = await ask(AUTHOR, 'course:open', '大家觉得这门课难吗？');
    expect(own.badge).toBe('author');
    expect(await readWhere<NotificationDoc>('notifications', { memberId: 'm:d-author', kind: 'discussion_question' })).toHaveLength(2);
  });

  it('refuses text the content check rejects and posts beyond the hourly limit, writing nothing', async () => {
    const question = await ask(ASKER, 'course:open', '关于第二节的问题');
    cloud.openapi.setBlockList({ text: ['违禁词'], imageSha256: [] });
    const before = (await readWhere('discussionPosts')).length;
    const rejected = await callAction('course', 'discussionAsk', { courseId: 'course:open', requestId: requestId(), text: '这里有违禁词' }, ASKER);
    expect(codeOf(rejected)).toBe('CONTENT_REJECTED');
    expect(rejected.ok ? '' : rejected.message).toBe('内容含有违规信息，请修改后再提交');
    expect(codeOf(await callAction('course', 'discussionAnswer', { questionId: question.id, requestId: requestId(), text: '违禁词' }, OTHER))).toBe(
      'CONTENT_REJECTED',
    );
    expect(await readWhere('discussionPosts')).toHaveLength(before);
    expect(await readDoc<DiscussionPostDoc>('discussionPosts', question.id)).toMatchObject({ answers: 0, answerVersion: 0 });
    cloud.openapi.setBlockList({ text: [], imageSha256: [] });

    // 30 posts in the last hour (the contract's DISCUSSION_LIMITS.postsPerHour).
    const template = await readDoc<DiscussionPostDoc>('discussionPosts', question.id);
    const recent = Array.from({ length: 30 }, (_, i) => ({
      ...template,
      _id: `dq-flood-${i}`,
      writerId: 'm:d-busy',
      createdAt: new Date(Date.now() - 60_000),
    }));
    await insertAll('discussionPosts', recent);
    const limited = await callAction('course', 'discussionAsk', { courseId: 'course:open', requestId: requestId(), text: '第三十一条' }, BUSY);
    expect(codeOf(limited)).toBe('RATE_LIMITED');
    expect(limited.ok ? '' : limited.message).toBe('每小时最多发布 30 条提问或回答，请稍后再试');
    expect(await readWhere('discussionPosts')).toHaveLength(before + 30);
    expect(codeOf(await callAction('course', 'discussionAsk', { courseId: 'course:open', requestId: requestId(), text: '好' }, ASKER))).toBe('INVALID_INPUT');
  });
});

describe('who takes part', () => {
  it("hides a course outside the member's audience: no reading, asking, answering or liking", async () => {
    const question = await ask(MANAGER, 'course:managers', '领导力第一课的案例？');
    const before = (await readWhere('discussionPosts')).length;
    const calls = [
      callAction('course', 'discussionList', { courseId: 'course:managers' }, ASKER),
      callAction('course', 'discussionAsk', { courseId: 'course:managers', requestId: requestId(), text: '我也想问' }, ASKER),
      callAction('course', 'discussionThread', { questionId: question.id }, ASKER),
      callAction('course', 'discussionAnswer', { questionId: question.id, requestId: requestId(), text: '偷偷回答' }, ASKER),
      callAction('course', 'discussionLike', { postId: question.id, liked: true }, ASKER),
      callAction('course', 'discussionAccept', { answerId: question.id }, ASKER),
      callAction('course', 'discussionHide', { postId: question.id }, TRAINER_B),
      callAction('course', 'discussionList', { courseId: 'course:draft' }, AUTHOR),
    ];
    for (const call of calls) expect(codeOf(await call)).toBe('NOT_FOUND');
    expect(await readWhere('discussionPosts')).toHaveLength(before);
    // The author and the trainer covering the author's department take part though the course is not for them.
    expect((await answer(AUTHOR, question.id, '案例在附件')).badge).toBe('author');
    const list = dataOf(await callAction('course', 'discussionList', { courseId: 'course:managers' }, TRAINER_A));
    expect(list).toMatchObject({ canModerate: true, total: 1 });
    expect(list.items[0]).toMatchObject({ id: question.id, answers: 1 });
  });

  it('lets the author, a covering trainer or an admin hide a post (audit-logged), and the writer delete their own', async () => {
    const question = await ask(ASKER, 'course:open', '可以隐藏吗？');
    const first = await answer(OTHER, question.id, '不当言论');
    const second = await answer(OTHER, question.id, '我写错了');
    for (const identity of [ASKER, TRAINER_B]) {
      const denied = await callAction('course', 'discussionHide', { postId: first.id }, identity);
      expect(codeOf(denied)).toBe('FORBIDDEN');
    }
    expect(codeOf(await callAction('course', 'discussionDelete', { postId: second.id }, ASKER))).toBe('FORBIDDEN');
    expect(await readWhere<AdminAuditDoc>('adminAudit', { action: 'discussion_hide' })).toEqual([]);

    dataOf(await callAction('course', 'discussionHide', { postId: first.id, reason: '与课程无关' }, TRAINER_A));
    const audit = await readWhere<AdminAuditDoc>('adminAudit', { action: 'discussion_hide' });
    expect(audit).toMatchObject([
      {
        actorId: 'm:d-trainer-a',
        targetKind: 'discussion',
        targetId: first.id,
        before: { text: '不当言论' },
        after: { status: 'hidden', reason: '与课程无关' },
      },
    ]);
    dataOf(await callAction('course', 'discussionDelete', { postId: second.id }, OTHER));
    expect(await readDoc<DiscussionPostDoc>('discussionPosts', second.id)).toMatchObject({ status: 'deleted', text: '' });
    const thread = dataOf(await callAction('course', 'discussionThread', { questionId: question.id }, ASKER));
    expect(thread.question.answers).toBe(0);
    expect(thread.answers.items).toEqual([]);
    // Hidden or deleted is gone for everyone; hiding again is not possible.
    expect(codeOf(await callAction('course', 'discussionLike', { postId: first.id, liked: true }, ASKER))).toBe('NOT_FOUND');
    expect(codeOf(await callAction('course', 'discussionHide', { postId: first.id }, ADMIN))).toBe('NOT_FOUND');
    // An unscoped admin hides a question.
    dataOf(await callAction('course', 'discussionHide', { postId: question.id }, ADMIN));
    expect(codeOf(await callAction('course', 'discussionThread', { questionId: question.id }, ASKER))).toBe('NOT_FOUND');
  });
});

describe('the marked answer and likes', () => {
  it('lets the asker or the author mark the answer; the mark moves, and leaves with its answer', async () => {
    const question = await ask(ASKER, 'course:open', '哪个答案对？');
    const one = await answer(OTHER, question.id, '答案一');
    const two = await answer(TRAINER_B, question.id, '答案二');
    expect(codeOf(await callAction('course', 'discussionAccept', { answerId: one.id }, OTHER))).toBe('FORBIDDEN');
    expect(codeOf(await callAction('course', 'discussionAccept', { answerId: question.id }, ASKER))).toBe('NOT_FOUND');
    expect(dataOf(await callAction('course', 'discussionAccept', { answerId: one.id }, ASKER))).toMatchObject({ answered: true, acceptedAnswerId: one.id });
    expect(dataOf(await callAction('course', 'discussionAccept', { answerId: two.id }, AUTHOR))).toMatchObject({ answered: true, acceptedAnswerId: two.id });
    expect(await readDoc<DiscussionPostDoc>('discussionPosts', one.id)).toMatchObject({ accepted: false });
    const thread = dataOf(await callAction('course', 'discussionThread', { questionId: question.id, sort: 'newest' }, OTHER));
    expect(thread.answers.items.map((item) => [item.text, item.accepted])).toEqual([
      ['答案二', true],
      ['答案一', false],
    ]);
    expect(thread.canAccept).toBe(false);
    const unanswered = dataOf(await callAction('course', 'discussionList', { courseId: 'course:open', unanswered: true, pageSize: 50 }, ASKER));
    expect(unanswered.items.map((item) => item.id)).not.toContain(question.id);
    dataOf(await callAction('course', 'discussionDelete', { postId: two.id }, TRAINER_B));
    expect(await readDoc<DiscussionPostDoc>('discussionPosts', question.id)).toMatchObject({ answered: false, acceptedAnswerId: null, answers: 1 });
  });

  it("likes once per member, not one's own post, and sorts by most liked", async () => {
    const quiet = await ask(OTHER, 'course:open', '没人点赞的问题');
    const liked = await ask(ASKER, 'course:open', '很多人点赞的问题');
    expect(codeOf(await callAction('course', 'discussionLike', { postId: liked.id, liked: true }, ASKER))).toBe('INVALID_INPUT');
    for (const identity of [OTHER, AUTHOR, OTHER]) {
      dataOf(await callAction('course', 'discussionLike', { postId: liked.id, liked: true }, identity));
    }
    expect(dataOf(await callAction('course', 'discussionLike', { postId: liked.id, liked: true }, TRAINER_A))).toEqual({ liked: true, likes: 3 });
    expect(dataOf(await callAction('course', 'discussionLike', { postId: liked.id, liked: false }, AUTHOR))).toEqual({ liked: false, likes: 2 });
    const list = dataOf(await callAction('course', 'discussionList', { courseId: 'course:open', sort: 'liked', pageSize: 50 }, OTHER));
    expect(list.items[0]).toMatchObject({ id: liked.id, likes: 2, liked: true });
    expect(list.items.find((item) => item.id === quiet.id)).toMatchObject({ likes: 0, liked: false, mine: true });
  });
});

describe('the desk queue', () => {
  it("lists the questions of courses in the caller's scope or of their own, unanswered first", async () => {
    const queue = async (identity: { openid: string }, input: { courseId?: string; unanswered?: boolean } = {}) =>
      dataOf(await callAction('course', 'discussionQueue', { pageSize: 50, ...input }, identity));
    const mine = await queue(TRAINER_A);
    expect(mine.total).toBeGreaterThan(0);
    const answeredAt = mine.items.findIndex((item) => item.answered);
    expect(answeredAt === -1 || mine.items.slice(answeredAt).every((item) => item.answered)).toBe(true);
    expect((await queue(AUTHOR)).total).toBe(mine.total);
    expect((await queue(ADMIN)).total).toBe(mine.total);
    expect((await queue(TRAINER_B)).total).toBe(0);
    expect((await queue(ASKER)).total).toBe(0);
    const managers = await queue(TRAINER_A, { courseId: 'course:managers' });
    expect(managers.items.map((item) => item.courseId)).toEqual(['course:managers']);
    expect((await queue(TRAINER_A, { unanswered: true })).items.every((item) => !item.answered)).toBe(true);
  });
});

describe('database operations', () => {
  it("counts each action's operations, guard included", async () => {
    const ops = async (run: () => Promise<unknown>) => {
      cloud.actions.reset();
      await run();
      return cloud.actions.databaseOperations();
    };
    let questionId = '';
    // Guard 1, course 1, authoring 1, the hourly count 1, the insert 1, the author's notification 1.
    expect(
      await ops(async () => {
        questionId = (await ask(ASKER, 'course:open', '数一数操作')).id;
      }),
    ).toBe(6);
    let answerId = '';
    // Guard 1, question 1, course 1, hourly count 1, transaction 6 (start, answer, shard, two writes, commit), roll-up 2, notification 1.
    expect(
      await ops(async () => {
        answerId = (await answer(OTHER, questionId, '一个回答')).id;
      }),
    ).toBe(13);
    // Guard 1, post 1, course 1, transaction 6 (start, like, shard, two writes, commit), roll-up 2.
    expect(await ops(async () => dataOf(await callAction('course', 'discussionLike', { postId: answerId, liked: true }, ASKER)))).toBe(11);
    // Guard 1, course 1, count 1, page 1, the caller's likes 1.
    expect(await ops(async () => dataOf(await callAction('course', 'discussionList', { courseId: 'course:open' }, ASKER)))).toBe(5);
    // Guard 1, question 1, course 1, count 1, page 1, likes 1.
    expect(await ops(async () => dataOf(await callAction('course', 'discussionThread', { questionId }, ASKER)))).toBe(6);
    // Guard 1, answer 1, course 1, transaction 6 (start, question, answer, two writes, commit), the caller's like 1.
    expect(await ops(async () => dataOf(await callAction('course', 'discussionAccept', { answerId }, ASKER)))).toBe(10);
    // Hiding the marked answer: guard 1, post 1, course 1, transaction 8 (start, post, its write, shard read and write, the
    // question's mark cleared, audit add, commit), roll-up 2.
    expect(await ops(async () => dataOf(await callAction('course', 'discussionHide', { postId: answerId }, AUTHOR)))).toBe(13);
  });
});
