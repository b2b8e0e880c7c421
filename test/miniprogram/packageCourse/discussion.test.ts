/**
 * 讨论: the course page's section (newest few with the count), the discussion page (sorts, asking with the
 * content check's refusal kept under the box and one requestId per intent) and the question page (answering,
 * likes, 采纳 and 隐藏 as the server allows, deleting one's own).
 */
import { failure, ok } from '../wx-stub';
import { openPage, page, settle, switchTab, tap, text, texts, wxStub, fieldTarget } from '../harness';
import { callsOf, courseBackend, detail } from '../../helpers/pages/course';

function question(n: number, overrides: Record<string, unknown> = {}) {
  return {
    id: `dq${n}`,
    text: `问题${n}`,
    writerName: '王芳',
    badge: null,
    mine: false,
    likes: n,
    liked: false,
    createdAt: '2026-03-01T02:00:00.000Z',
    courseId: 'c1',
    courseTitle: '高效沟通',
    answers: 0,
    answered: false,
    acceptedAnswerId: null,
    ...overrides,
  };
}

function answer(n: number, overrides: Record<string, unknown> = {}) {
  return {
    id: `da${n}`,
    text: `回答${n}`,
    writerName: '李雷',
    badge: null,
    mine: false,
    likes: 0,
    liked: false,
    createdAt: '2026-03-01T03:00:00.000Z',
    questionId: 'dq1',
    accepted: false,
    ...overrides,
  };
}

test('the course page shows the newest questions with the count, and opens the discussion', async () => {
  courseBackend({
    'course.detail': () => ok(detail({ format: 'text' }, { blocks: [{ type: 'paragraph', text: '正文' }], mediaUrl: null })),
    'course.discussionList': () => ok({ ...page([question(1, { answered: true, answers: 2, badge: 'author' }), question(2)], 1, 7, 3), canModerate: false }),
  });
  const { page: course, simulate } = await openPage('packageCourse/course/index', { id: 'c1' });
  await settle(simulate);
  expect(callsOf('course.discussionList')).toEqual([{ action: 'discussionList', courseId: 'c1', page: 1, pageSize: 3, sort: 'newest' }]);
  const section = course.querySelector('#discussion')!;
  expect(text(section.querySelector('.discussion-count'))).toBe('7 个提问');
  expect(texts(section.querySelectorAll('.discussion-text'))).toEqual(['问题1', '问题2']);
  expect(text(section.querySelector('.discussion-item'))).toContain('作者');
  expect(text(section.querySelector('.discussion-item'))).toContain('已解决');
  await tap(simulate, section.querySelector('.discussion-all')!);
  expect(wxStub().navigations.at(-1)).toBe('/packageCourse/discussion/index?courseId=c1');
  await tap(simulate, section.querySelectorAll('.discussion-item')[1]!);
  expect(wxStub().navigations.at(-1)).toBe('/packageCourse/question/index?id=dq2');
  (course.instance as unknown as { onUnload(): void }).onUnload();
});

test('the discussion page sorts, asks with one requestId per question, and keeps a refused question', async () => {
  let asked = 0;
  courseBackend({
    'course.discussionList': (call) =>
      ok({ ...page(call.event.sort === 'liked' ? [question(9), question(1)] : [question(1), question(9)]), canModerate: false }),
    'course.discussionAsk': (call) => {
      asked += 1;
      return asked === 1 ? failure('CONTENT_REJECTED', '内容含有违规信息，请修改后再提交') : ok(question(3, { text: call.event.text, mine: true }));
    },
  });
  const { page: rendered, simulate } = await openPage('packageCourse/discussion/index', { courseId: 'c1' });
  expect(texts(rendered.querySelectorAll('.question-text'))).toEqual(['问题1', '问题9']);
  await switchTab(simulate, rendered, 1, '#sorts');
  expect(callsOf('course.discussionList').at(-1)).toMatchObject({ sort: 'liked', page: 1 });
  expect(texts(rendered.querySelectorAll('.question-text'))).toEqual(['问题9', '问题1']);

  await tap(simulate, rendered.querySelector('.ask-submit')!);
  expect(text(rendered.querySelector('.ask-error'))).toBe('问题至少 2 个字');
  fieldTarget(rendered.querySelector('.ask-input')!).dispatchEvent('input', { detail: { value: ' 有违禁的问题 ' } });
  await settle(simulate);
  await tap(simulate, rendered.querySelector('.ask-submit')!);
  await settle(simulate);
  expect(text(rendered.querySelector('.ask-error'))).toBe('内容含有违规信息，请修改后再提交');
  expect((rendered.instance as unknown as { data: { text: string } }).data.text).toBe(' 有违禁的问题 ');
  await tap(simulate, rendered.querySelector('.ask-submit')!);
  await settle(simulate);
  const asks = callsOf('course.discussionAsk');
  expect(asks).toHaveLength(2);
  expect(asks[0]).toMatchObject({ courseId: 'c1', text: '有违禁的问题' });
  // The retry after a refusal is the same intent: the same requestId.
  expect(asks[1]?.requestId).toBe(asks[0]?.requestId);
  expect(rendered.querySelector('.ask-error')).toBeFalsy();
  expect(callsOf('course.discussionList').at(-1)).toMatchObject({ sort: 'newest' });
  await tap(simulate, rendered.querySelector('.question')!);
  expect(wxStub().navigations.at(-1)).toBe('/packageCourse/question/index?id=dq1');
});

test("the question page answers, likes, marks the answer and hides as the server allows, and deletes one's own", async () => {
  let accepted = '';
  let hidden = '';
  courseBackend({
    'course.discussionThread': () =>
      ok({
        question: question(1, { answers: 2, answered: accepted !== '', acceptedAnswerId: accepted || null }),
        canAccept: true,
        canModerate: true,
        answers: page(
          [answer(1, { accepted: accepted === 'da1', badge: 'trainer' }), answer(2, { mine: true, accepted: accepted === 'da2' })].filter(
            (item) => item.id !== hidden,
          ),
        ),
      }),
    'course.discussionAnswer': (call) => ok(answer(3, { text: call.event.text, mine: true })),
    'course.discussionLike': (call) => ok({ liked: call.event.liked, likes: call.event.liked ? 5 : 4 }),
    'course.discussionAccept': (call) => {
      accepted = String(call.event.answerId);
      return ok(question(1, { answered: true, acceptedAnswerId: accepted }));
    },
    'course.discussionHide': (call) => {
      hidden = String(call.event.postId);
      return ok({ hidden: true });
    },
    'course.discussionDelete': () => ok({ deleted: true }),
  });
  const { page: rendered, simulate } = await openPage('packageCourse/question/index', { id: 'dq1' });
  expect(callsOf('course.discussionThread')).toEqual([{ action: 'discussionThread', questionId: 'dq1', page: 1, pageSize: 10, sort: 'newest' }]);
  expect(text(rendered.querySelector('.question-text'))).toBe('问题1');
  expect(texts(rendered.querySelectorAll('.answer-text'))).toEqual(['回答1', '回答2']);
  expect(text(rendered.querySelector('.answer'))).toContain('讲师');

  fieldTarget(rendered.querySelector('.answer-input')!).dispatchEvent('input', { detail: { value: '我的回答' } });
  await settle(simulate);
  await tap(simulate, rendered.querySelector('.answer-submit')!);
  expect(callsOf('course.discussionAnswer')).toMatchObject([{ questionId: 'dq1', text: '我的回答' }]);
  expect(callsOf('course.discussionThread')).toHaveLength(2);

  await tap(simulate, rendered.querySelectorAll('.answer .like')[0]!);
  expect(callsOf('course.discussionLike')).toEqual([{ action: 'discussionLike', postId: 'da1', liked: true }]);
  expect(text(rendered.querySelectorAll('.answer .like')[0])).toBe('赞 5');
  // One's own answer has no like.
  await tap(simulate, rendered.querySelectorAll('.answer .like')[1]!);
  expect(callsOf('course.discussionLike')).toHaveLength(1);

  await tap(simulate, rendered.querySelectorAll('.accept')[0]!);
  expect(callsOf('course.discussionAccept')).toEqual([{ action: 'discussionAccept', answerId: 'da1' }]);
  expect(text(rendered.querySelector('.answer-accepted'))).toContain('已采纳');

  wxStub().modalAnswers.push(true);
  await tap(simulate, rendered.querySelectorAll('.answer .hide')[0]!);
  await settle(simulate);
  expect(callsOf('course.discussionHide')).toEqual([{ action: 'discussionHide', postId: 'da1', reason: '' }]);
  expect(texts(rendered.querySelectorAll('.answer-text'))).toEqual(['回答2']);

  wxStub().modalAnswers.push(true);
  await tap(simulate, rendered.querySelector('.answer .delete')!);
  await settle(simulate);
  expect(callsOf('course.discussionDelete')).toEqual([{ action: 'discussionDelete', postId: 'da2' }]);
});
