/** 课程编辑: fields and pickers, blocks editor with uploads, quiz editor, save / submit, returned notes, in-review lock. */
import { failure } from '../wx-stub';
import { settle, tap, wxStub } from '../harness';
import { backend, callsOf, fields, input, media, ok, openPage, revision, text, texts } from './studio-fixtures';

test('a new course: fill the fields, build the article with a picture, add a quiz, save, then submit', async () => {
  let saved: Record<string, unknown> = {};
  backend({
    'authoring.createCourse': (call) => {
      saved = call.event.fields as Record<string, unknown>;
      return ok(revision({ fields: saved }));
    },
    'authoring.saveDraft': (call) => ok(revision({ fields: call.event.fields, updatedAt: '2026-03-01T03:00:00.000Z' })),
    'authoring.submitForReview': () => ok(revision({ fields: saved, status: 'in_review' })),
  });
  const { page, simulate } = await openPage('packageStudio/editor/index');
  expect(wxStub().calls).toEqual([]);
  await input(simulate, page.querySelector('.title-input'), ' 高效沟通 ');
  await input(simulate, page.querySelector('.category-picker'), 2, 'change');
  await input(simulate, page.querySelector('.format-picker'), '0', 'change');
  await input(simulate, page.querySelector('.duration-input'), '12');
  await input(simulate, page.querySelector('.tags-input'), '沟通，协作 沟通');
  await tap(simulate, page.querySelectorAll('.audience')[2]!);

  await tap(simulate, page.querySelector('.add-heading')!);
  await tap(simulate, page.querySelector('.add-paragraph')!);
  const texts0 = page.querySelectorAll('.block-text');
  await input(simulate, texts0[0], '开场');
  await input(simulate, texts0[1], '先听后说。');
  wxStub().files.set('wxfile://tmp/pic.png', 'PNG');
  media.chooseMediaAnswer = [{ tempFilePath: 'wxfile://tmp/pic.png' }];
  await tap(simulate, page.querySelector('.add-image')!);
  await settle(simulate, 6);
  expect(media.chooseMediaOptions[0]).toMatchObject({ count: 1, mediaType: ['image'] });
  expect(wxStub().uploads[0]?.cloudPath).toMatch(/^course-media\/image\/\d+-pic\.png$/);
  // Move the picture to the top, then delete the heading.
  await tap(simulate, page.querySelectorAll('.move-up')[2]!);
  await tap(simulate, page.querySelectorAll('.move-up')[1]!);
  await tap(simulate, page.querySelectorAll('.remove-block')[1]!);
  expect(texts(page.querySelectorAll('.block-type'))).toEqual(['图片', '段落']);

  await input(simulate, page.querySelector('.quiz-switch'), true, 'change');
  await tap(simulate, page.querySelector('.add-question')!);
  await input(simulate, page.querySelector('.prompt-input'), '沟通的第一步？');
  const options = page.querySelectorAll('.option-input');
  await input(simulate, options[0], '倾听');
  await input(simulate, options[1], '反驳');
  await tap(simulate, page.querySelectorAll('.mark')[0]!);
  await input(simulate, page.querySelector('.pass-mark-input'), '80');

  await tap(simulate, page.querySelector('.save-button')!);
  await settle(simulate);
  expect(callsOf('authoring', 'createCourse')).toHaveLength(1);
  expect(saved).toEqual({
    title: '高效沟通',
    summary: '',
    cover: null,
    category: 'leadership',
    format: 'article',
    audiences: ['first_line_manager'],
    durationMinutes: 12,
    tags: ['沟通', '协作'],
    content: {
      blocks: [
        { type: 'image', fileID: `cloud://local-bucket/${wxStub().uploads[0]!.cloudPath}` },
        { type: 'paragraph', text: '先听后说。' },
      ],
    },
    quiz: {
      passMark: 80,
      attemptLimit: 0,
      requiredForCompletion: false,
      shuffle: true,
      questions: [{ id: 'q1', kind: 'single', prompt: '沟通的第一步？', options: [{ id: 'o1', text: '倾听' }, { id: 'o2', text: '反驳' }], answer: ['o1'] }],
    },
  });
  expect(wxStub().toasts).toEqual(['已保存']);
  expect(text(page.querySelector('.revision-label'))).toBe('第 1 版 · 草稿');

  await tap(simulate, page.querySelector('.submit-button')!);
  await settle(simulate);
  expect(callsOf('authoring', 'saveDraft')).toEqual([{ courseId: 'c1', fields: saved, baseUpdatedAt: '2026-03-01T02:00:00.000Z' }]);
  expect(callsOf('authoring', 'submitForReview')).toEqual([{ courseId: 'c1' }]);
  expect(text(page.querySelector('.locked'))).toContain('审核中');
});

test('obvious mistakes are caught before any call: no title, a video without its file, a question without an answer', async () => {
  backend({});
  const { page, simulate } = await openPage('packageStudio/editor/index');
  await tap(simulate, page.querySelector('.save-button')!);
  expect(text(page.querySelector('.form-error'))).toBe('请填写课程标题');
  await input(simulate, page.querySelector('.title-input'), '视频课');
  await input(simulate, page.querySelector('.format-picker'), 2, 'change');
  await tap(simulate, page.querySelector('.save-button')!);
  expect(text(page.querySelector('.form-error'))).toBe('请上传视频文件');
  await input(simulate, page.querySelector('.format-picker'), 5, 'change');
  await input(simulate, page.querySelector('.quiz-switch'), true, 'change');
  await tap(simulate, page.querySelector('.add-question')!);
  await input(simulate, page.querySelector('.prompt-input'), '题');
  await input(simulate, page.querySelectorAll('.option-input')[0], 'A');
  await input(simulate, page.querySelectorAll('.option-input')[1], 'B');
  await tap(simulate, page.querySelector('.save-button')!);
  expect(text(page.querySelector('.form-error'))).toBe('第 1 题：请标出正确答案');
  expect(wxStub().calls).toEqual([]);
});

test('a video is uploaded with its length; quiz kinds switch options; multiple choice keeps several answers', async () => {
  backend({ 'authoring.getDraft': () => ok(revision({ fields: fields({ format: 'video', content: { blocks: [] } }) })) });
  const { page, simulate } = await openPage('packageStudio/editor/index', { courseId: 'c1' });
  expect(callsOf('authoring', 'getDraft')).toEqual([{ courseId: 'c1' }]);
  wxStub().files.set('wxfile://tmp/v.mp4', 'MP4');
  media.chooseMediaAnswer = [{ tempFilePath: 'wxfile://tmp/v.mp4', duration: 93.4 }];
  await tap(simulate, page.querySelector('.upload-media')!);
  await settle(simulate, 6);
  expect(media.chooseMediaOptions[0]).toMatchObject({ mediaType: ['video'] });
  expect(text(page.querySelector('.media-name'))).toMatch(/v\.mp4$/);
  expect(page.instance.data.form.mediaSeconds).toBe('93');

  await input(simulate, page.querySelector('.quiz-switch'), true, 'change');
  await tap(simulate, page.querySelector('.add-question')!);
  await input(simulate, page.querySelector('.kind-picker'), 2, 'change');
  expect(texts(page.querySelectorAll('.option-input')).length).toBe(2);
  expect(page.instance.data.form.quiz.questions[0].options.map((option: { text: string }) => option.text)).toEqual(['正确', '错误']);
  await input(simulate, page.querySelector('.kind-picker'), 1, 'change');
  await tap(simulate, page.querySelector('.add-option')!);
  await tap(simulate, page.querySelectorAll('.mark')[0]!);
  await tap(simulate, page.querySelectorAll('.mark')[2]!);
  expect(page.instance.data.form.quiz.questions[0].options.map((option: { correct: boolean }) => option.correct)).toEqual([true, false, true]);
});

test('a returned revision shows the reviewers notes; one in review is read-only; a stale save says so', async () => {
  backend({
    'authoring.getDraft': () =>
      ok(
        revision({
          status: 'returned',
          finalScore: 2.8,
          rubric: RUBRIC_REF,
          reviews: [{ reviewerId: 'r1', reviewerName: '张审核', scores: { accuracy: 3 }, average: 2.8, notes: '案例太少', scoredAt: '2026-03-02T00:00:00.000Z' }],
        }),
      ),
    'authoring.saveDraft': () => failure('CONFLICT', '操作冲突，请稍后重试'),
  });
  const returned = await openPage('packageStudio/editor/index', { courseId: 'c1' });
  expect(text(returned.page.querySelector('.returned'))).toContain('综合得分 2.8（通过线 3.5）');
  expect(text(returned.page.querySelector('.note'))).toBe('张审核 · 2.8 分案例太少');
  await tap(returned.simulate, returned.page.querySelector('.save-button')!);
  await settle(returned.simulate);
  expect(text(returned.page.querySelector('.form-error'))).toContain('课程已在别处修改');

  backend({ 'authoring.getDraft': () => ok(revision({ status: 'in_review' })) });
  wxStub().calls = [];
  const locked = await openPage('packageStudio/editor/index', { courseId: 'c1' });
  await tap(locked.simulate, locked.page.querySelector('.submit-button')!);
  expect(callsOf('authoring', 'submitForReview')).toEqual([]);
  expect(text(locked.page.querySelector('.locked'))).toBe('审核中，评审结束前不能修改');
});

const RUBRIC_REF = { dimensions: [{ id: 'accuracy', name: '内容准确', weight: 1 }], scale: '1-5', threshold: 3.5 };

test('a course that cannot be loaded shows why and retries', async () => {
  backend({ 'authoring.getDraft': () => failure('NOT_FOUND', '内容不存在或已删除') });
  const { page, simulate } = await openPage('packageStudio/editor/index', { courseId: 'gone' });
  expect(text(page.querySelector('.error'))).toBe('内容不存在或已删除');
  backend({ 'authoring.getDraft': () => ok(revision()) });
  await tap(simulate, page.querySelector('.retry')!);
  await settle(simulate);
  expect((page.querySelector('.title-input')!.dom as HTMLInputElement | undefined)).toBeTruthy();
});
