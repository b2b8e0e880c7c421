/** 课后测验: questions without answers, choosing, one submission per attempt id, the graded result, attempts left. */
import { failure, ok } from '../wx-stub';
import { settle, tap, wxStub, openPage, text } from '../harness';
import { callsOf, courseBackend } from '../../helpers/pages/course';
import type { CallOf } from '../../helpers/backend';
import type { QuizAttemptView, QuizQuestionView, QuizResult } from '../../../typings/functions/course';

const QUESTIONS: QuizQuestionView[] = [
  {
    id: 'q1',
    kind: 'single',
    prompt: '单选题',
    options: [
      { id: 'a', text: '甲' },
      { id: 'b', text: '乙' },
    ],
  },
  {
    id: 'q2',
    kind: 'multiple',
    prompt: '多选题',
    options: [
      { id: 'a', text: '子' },
      { id: 'b', text: '丑' },
      { id: 'c', text: '寅' },
    ],
  },
  {
    id: 'q3',
    kind: 'true_false',
    prompt: '判断题',
    options: [
      { id: 't', text: '正确' },
      { id: 'f', text: '错误' },
    ],
  },
];

function attempt(call: CallOf<'course', 'quiz'>): QuizAttemptView {
  return {
    courseId: 'c1',
    attemptId: call.event.attemptId,
    questions: QUESTIONS,
    submitted: false,
    result: null,
    questionCount: 3,
    passMark: 60,
    attemptLimit: 3,
    attemptsLeft: 2,
    requiredForCompletion: true,
  };
}

const RESULT: QuizResult = {
  attemptId: '',
  score: 33,
  passed: false,
  correctCount: 1,
  questionCount: 3,
  attemptsUsed: 2,
  attemptsLeft: 1,
  questions: [
    { questionId: 'q1', correct: true, answer: null, explanation: '甲是对的' },
    { questionId: 'q2', correct: false, answer: null, explanation: null },
    { questionId: 'q3', correct: false, answer: null, explanation: null },
  ],
  courseCompleted: false,
  submittedAt: '2026-03-01T02:00:00.000Z',
};

async function choose(rendered: Awaited<ReturnType<typeof openPage>>, question: number, option: number) {
  // Options of all questions in page order.
  const first = QUESTIONS.slice(0, question).reduce((count, q) => count + q.options.length, 0);
  await tap(rendered.simulate, rendered.page.querySelectorAll('.option')[first + option]!);
}

test('shows the questions by kind, refuses to submit with unanswered ones, submits the choices with the attempt id', async () => {
  courseBackend({ 'course.quiz': (call) => ok(attempt(call)), 'course.submitQuiz': (call) => ok({ ...RESULT, attemptId: call.event.attemptId }) });
  const rendered = await openPage('packageCourse/quiz/index', { id: 'c1' });
  const { page, simulate } = rendered;
  const [started] = callsOf('course.quiz');
  expect(started).toEqual({ action: 'quiz', courseId: 'c1', attemptId: expect.stringMatching(/^[A-Za-z0-9_-]{8,64}$/) });
  expect(page.querySelectorAll('.question-kind').map(text)).toEqual(['[单选]', '[多选]', '[判断]']);
  expect(text(page.querySelector('.quiz-info'))).toBe('共 3 题 · 60 分及格 · 剩余 2 次');

  await choose(rendered, 0, 0);
  await choose(rendered, 0, 1);
  await tap(simulate, page.querySelector('.submit')!);
  expect(wxStub().toasts).toEqual(['还有 2 题未作答']);
  expect(callsOf('course.submitQuiz')).toEqual([]);

  await choose(rendered, 1, 0);
  await choose(rendered, 1, 2);
  await choose(rendered, 1, 0);
  await choose(rendered, 1, 1);
  await choose(rendered, 2, 1);
  await tap(simulate, page.querySelector('.submit')!);
  await settle(simulate);
  expect(callsOf('course.submitQuiz')).toEqual([
    { action: 'submitQuiz', courseId: 'c1', attemptId: started!.attemptId, answers: { q1: ['b'], q2: ['b', 'c'], q3: ['f'] } },
  ]);

  expect(text(page.querySelector('.result-score'))).toBe('33 分');
  expect(text(page.querySelector('.result-verdict'))).toBe('未通过，再接再厉');
  expect(text(page.querySelector('.result-line'))).toBe('答对 1/3 题 · 60 分及格 · 剩余 1 次');
  expect(page.querySelectorAll('.grading-verdict').map(text)).toEqual(['✓ 回答正确', '✗ 回答错误', '✗ 回答错误']);
  expect(text(page.querySelector('.grading-explanation'))).toBe('解析：甲是对的');
  expect(page.querySelector('.submit')).toBeFalsy();

  // Another attempt gets a new id.
  await tap(simulate, page.querySelector('.retry-attempt')!);
  await settle(simulate);
  const attempts = callsOf('course.quiz').map((call) => call.attemptId);
  expect(attempts).toHaveLength(2);
  expect(attempts[1]).not.toBe(attempts[0]);
  expect(page.querySelector('.result')).toBeFalsy();
});

test('a failed submission keeps the answers and resends the same attempt id; a pass reveals answers and no retry', async () => {
  let submissions = 0;
  courseBackend({
    'course.quiz': (call) => ok(attempt(call)),
    'course.submitQuiz': (call) => {
      submissions += 1;
      if (submissions === 1) return failure('INTERNAL', '服务器开小差了，请稍后重试');
      return ok({
        ...RESULT,
        attemptId: call.event.attemptId,
        score: 100,
        passed: true,
        correctCount: 3,
        courseCompleted: true,
        questions: RESULT.questions.map((question) => ({
          ...question,
          correct: true,
          answer: { q1: ['a'], q2: ['a', 'c'], q3: ['t'] }[question.questionId] ?? null,
        })),
      });
    },
  });
  const rendered = await openPage('packageCourse/quiz/index', { id: 'c1' });
  for (const [question, option] of [
    [0, 0],
    [1, 0],
    [1, 2],
    [2, 0],
  ] as const)
    await choose(rendered, question, option);
  await tap(rendered.simulate, rendered.page.querySelector('.submit')!);
  await settle(rendered.simulate);
  expect(wxStub().toasts).toEqual(['服务器开小差了，请稍后重试']);
  await tap(rendered.simulate, rendered.page.querySelector('.submit')!);
  await settle(rendered.simulate);
  const [first, second] = callsOf('course.submitQuiz');
  expect(second).toEqual(first);
  expect(text(rendered.page.querySelector('.result-verdict'))).toBe('恭喜，测验通过');
  expect(text(rendered.page.querySelector('.result-completed'))).toBe('本课程已完成');
  expect(rendered.page.querySelectorAll('.grading-answer').map(text)).toEqual(['正确答案：甲', '正确答案：子、寅', '正确答案：正确']);
  expect(rendered.page.querySelector('.retry-attempt')).toBeFalsy();
});

test('an attempt already submitted shows its result; a refusal shows its message', async () => {
  courseBackend({ 'course.quiz': (call) => ok({ ...attempt(call), submitted: true, attemptsLeft: 0, result: { ...RESULT, attemptsLeft: 0 } }) });
  const done = await openPage('packageCourse/quiz/index', { id: 'c1' });
  expect(text(done.page.querySelector('.result-score'))).toBe('33 分');
  expect(done.page.querySelector('.retry-attempt')).toBeFalsy();

  courseBackend({ 'course.quiz': () => failure('QUIZ_ATTEMPTS_USED', '测验次数已用完') });
  const refused = await openPage('packageCourse/quiz/index', { id: 'c1' });
  expect(text(refused.page.querySelector('#status'))).toContain('测验次数已用完');
});
