/**
 * 课程评审 queue and review page: the queue, the revision in full with quiz answers and take-away files (opened
 * through authoring.reviewFileUrl), rubric scoring and its outcome.
 */
import { failure } from '../wx-stub';
import { inStatus, settle, tap, wxStub } from '../harness';
import type { TakeawayFileDoc } from '../../../typings/domain';
import { RUBRIC, backend, callsOf, fields, input, ok, openPage, page, revision, text, texts } from './studio-fixtures';
import type { CourseFields, ReviewQueueItem } from '../../../typings/functions/authoring';

function entry(n: number, scored = false): ReviewQueueItem {
  return {
    revisionId: `c${n}:1`,
    courseId: `c${n}`,
    revision: 1,
    title: `课程${n}`,
    format: 'article',
    authorName: '李培训',
    submittedAt: '2026-03-01T02:00:00.000Z',
    scored,
  };
}

test('the queue lists revisions to score, can include scored ones, and opens a review', async () => {
  backend({ 'authoring.reviewQueue': (call) => ok(page(call.event.includeScored ? [entry(1), entry(2, true)] : [entry(1)], 1, 1)) });
  const { page: rendered, simulate } = await openPage('packageStudio/review-queue/index');
  expect(callsOf('authoring', 'reviewQueue')).toEqual([{ page: 1, pageSize: 10, includeScored: false }]);
  expect(text(rendered.querySelector('.entry-meta'))).toBe('图文 · 第 1 版 · 李培训 · 提交于 2026-03-01 10:00');
  await input(simulate, rendered.querySelector('.scored-switch'), true, 'change');
  expect(callsOf('authoring', 'reviewQueue')[1]).toEqual({ page: 1, pageSize: 10, includeScored: true });
  const cards = texts(rendered.querySelectorAll('.entry'));
  expect(cards[0]).toContain('待评分');
  expect(cards[1]).toContain('已评分');
  await tap(simulate, rendered.querySelector('.entry')!);
  expect(wxStub().navigations).toEqual(['/packageStudio/review/index?revisionId=c1%3A1']);
});

const QUIZ: CourseFields['quiz'] = {
  passMark: 60,
  attemptLimit: 2,
  requiredForCompletion: true,
  shuffle: true,
  questions: [
    {
      id: 'q1',
      kind: 'single',
      prompt: '先做什么？',
      options: [
        { id: 'a', text: '倾听' },
        { id: 'b', text: '反驳' },
      ],
      answer: ['a'],
    },
  ],
};

test('the review shows the revision with its answers, checks the scores, and submits them with the notes', async () => {
  backend({
    'authoring.getReview': () => ok(revision({ status: 'in_review', rubric: RUBRIC, fields: fields({ quiz: QUIZ, audiences: ['new_hire'] }) })),
    'authoring.scoreReview': () => ok(revision({ status: 'published', finalScore: 4.3, rubric: RUBRIC })),
  });
  const { page: rendered, simulate } = await openPage('packageStudio/review/index', { revisionId: 'c1:1' });
  expect(callsOf('authoring', 'getReview')).toEqual([{ revisionId: 'c1:1' }]);
  expect(text(rendered.querySelector('.course-meta'))).toBe('企业知识 · 图文 · 8 分钟 · 李培训');
  expect(text(rendered.querySelector('.course-audiences'))).toBe('新员工');
  expect(texts(rendered.querySelectorAll('.block'))).toEqual(['一、总则', '安全第一。']);
  expect(texts(rendered.querySelectorAll('.option-correct'))).toEqual(['✓ 倾听']);
  expect(text(rendered.querySelector('.quiz-rules'))).toBe('及格 60% · 最多 2 次 · 通过才算完成');
  expect(texts(rendered.querySelectorAll('.dimension-name'))).toEqual(['内容准确（权重 2）', '教学设计（权重 1）']);

  const scores = rendered.querySelectorAll('.score-input');
  await input(simulate, scores[0], '5');
  await input(simulate, scores[1], '6');
  await tap(simulate, rendered.querySelector('.submit-button')!);
  expect(text(rendered.querySelector('.form-error'))).toBe('请为「教学设计」打 1 到 5 的整数分');
  expect(callsOf('authoring', 'scoreReview')).toEqual([]);

  await input(simulate, scores[1], '3');
  await input(simulate, rendered.querySelector('.notes-input'), ' 结构清晰 ');
  await tap(simulate, rendered.querySelector('.submit-button')!);
  await settle(simulate);
  expect(callsOf('authoring', 'scoreReview')).toEqual([{ revisionId: 'c1:1', scores: { accuracy: 5, design: 3 }, notes: '结构清晰' }]);
  expect(text(rendered.querySelector('.outcome'))).toBe('评审完成：综合得分 4.3，课程已发布');
  expect(rendered.querySelector('.rubric')).toBeFalsy();
});

test('the review lists the revision’s take-away files and opens the tapped one from the URL the server gives', async () => {
  const files: TakeawayFileDoc[] = [
    { name: '讲义.pdf', fileID: 'cloud://env/uploads/o-a/course-file/a.pdf', fileType: 'pdf', size: 2_048 },
    { name: '练习.xlsx', fileID: 'cloud://env/uploads/o-a/course-file/b.xlsx', fileType: 'xlsx', size: 9_000 },
  ];
  backend({
    'authoring.getReview': () => ok(revision({ status: 'in_review', rubric: RUBRIC, fields: fields({ files }) })),
    'authoring.reviewFileUrl': (call) => {
      const { name, fileType, size } = files[call.event.index]!;
      return ok({ name, fileType, size, url: `https://files.example/${call.event.index}` });
    },
  });
  const { page: rendered, simulate } = await openPage('packageStudio/review/index', { revisionId: 'c1:1' });
  const list = rendered.querySelector('.takeaway-files')!;
  expect(texts(list.querySelectorAll('.file-name'))).toEqual(['讲义.pdf', '练习.xlsx']);
  expect(texts(list.querySelectorAll('.file-meta'))).toEqual(['PDF · 2 KB', 'XLSX · 9 KB']);
  expect(list.querySelector('.add-file')).toBeFalsy();
  await tap(simulate, list.querySelectorAll('.file')[1]!);
  await settle(simulate, 6);
  expect(callsOf('authoring', 'reviewFileUrl')).toEqual([{ revisionId: 'c1:1', index: 1 }]);
  expect(wxStub().openedDocuments).toEqual([{ filePath: wxStub().downloadTempFilePath, fileType: 'xlsx', showMenu: true }]);

  backend({ 'authoring.getReview': () => ok(revision({ status: 'in_review', rubric: RUBRIC })) });
  const plain = await openPage('packageStudio/review/index', { revisionId: 'c1:1' });
  expect(plain.page.querySelector('.takeaway-files')).toBeFalsy();
});

test('a refused score keeps the form; a decided revision cannot be scored', async () => {
  backend({
    'authoring.getReview': () => ok(revision({ status: 'in_review', rubric: { ...RUBRIC, scale: '0-100' } })),
    'authoring.scoreReview': () => failure('CONFLICT', '你已评过分'),
  });
  const { page: rendered, simulate } = await openPage('packageStudio/review/index', { revisionId: 'c1:1' });
  await input(simulate, rendered.querySelectorAll('.score-input')[0], '90');
  await input(simulate, rendered.querySelectorAll('.score-input')[1], '70');
  await tap(simulate, rendered.querySelector('.submit-button')!);
  await settle(simulate);
  expect(text(rendered.querySelector('.form-error'))).toBe('你已评过分');
  expect(rendered.querySelector('.rubric')).toBeTruthy();

  backend({ 'authoring.getReview': () => ok(revision({ status: 'returned', rubric: RUBRIC })) });
  const decided = await openPage('packageStudio/review/index', { revisionId: 'c1:1' });
  expect(decided.page.querySelector('.rubric')).toBeFalsy();
  expect(text(decided.page.querySelector('.outcome'))).toBe('本版本已退回');
});

test('blind review: other reviewers show 提交后可见 until this reviewer submits, then their scores and notes', async () => {
  const sealed = { reviewerId: 'm:other', reviewerName: '王评审', scores: null, average: null, notes: '', scoredAt: null, sealed: true };
  const mine = { reviewerId: 'm:me', reviewerName: '我', scores: null, average: null, notes: '', scoredAt: null, sealed: false };
  backend({
    'authoring.getReview': () => ok(revision({ status: 'in_review', rubric: RUBRIC, reviews: [sealed, mine] })),
    'authoring.scoreReview': () =>
      ok(
        revision({
          status: 'in_review',
          rubric: RUBRIC,
          reviews: [
            { ...sealed, scores: { accuracy: 4, design: 4 }, average: 4, notes: '案例很好', scoredAt: '2026-03-01T03:00:00.000Z', sealed: false },
            { ...mine, scores: { accuracy: 5, design: 3 }, average: 4.33, scoredAt: '2026-03-01T04:00:00.000Z' },
          ],
        }),
      ),
  });
  const { page: rendered, simulate } = await openPage('packageStudio/review/index', { revisionId: 'c1:1' });
  expect(texts(rendered.querySelectorAll('.review-sealed .review-score'))).toEqual(['提交后可见']);
  expect(rendered.querySelector('.review-notes')).toBeFalsy();
  const scores = rendered.querySelectorAll('.score-input');
  await input(simulate, scores[0], '5');
  await input(simulate, scores[1], '3');
  await tap(simulate, rendered.querySelector('.submit-button')!);
  await settle(simulate);
  expect(rendered.querySelector('.review-sealed')).toBeFalsy();
  expect(texts(rendered.querySelectorAll('.review-score'))).toEqual(['4 分', '4.33 分']);
  expect(texts(rendered.querySelectorAll('.review-notes'))).toEqual(['案例很好']);
});

test('a review that cannot be loaded says why; 重试 loads it again', async () => {
  let fail = true;
  backend({
    'authoring.getReview': () => (fail ? failure('NOT_FOUND', '课程版本不存在') : ok(revision({ status: 'in_review', rubric: RUBRIC }))),
  });
  const { page: rendered, simulate } = await openPage('packageStudio/review/index', { revisionId: 'c1:1' });
  expect(text(inStatus(rendered, '.state-error'))).toContain('课程版本不存在');
  expect(rendered.querySelector('.rubric')).toBeFalsy();
  fail = false;
  await tap(simulate, inStatus(rendered, '.retry')!);
  await settle(simulate);
  expect(callsOf('authoring', 'getReview')).toEqual([{ revisionId: 'c1:1' }, { revisionId: 'c1:1' }]);
  expect(rendered.querySelectorAll('.score-input')).toHaveLength(2);
});
