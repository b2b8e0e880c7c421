/** 课程编辑: fields and pickers, blocks editor with uploads, quiz editor, save / submit, returned notes, in-review lock. */
import { failure } from '../wx-stub';
import { pick, settle, tap, wxStub } from '../harness';
import { backend, callsOf, fields, input, ok, openPage, revision, storedFields, text, texts } from './studio-fixtures';
import type { AuthoredCourseView, CourseFields, CourseFieldsInput, RevisionView } from '../../../typings/functions/authoring';

test('a new course: fill the fields, build the article with a picture, add a quiz, save, then submit', async () => {
  let saved: CourseFieldsInput | undefined;
  backend({
    'authoring.createCourse': (call) => {
      saved = call.event.fields;
      return ok(revision({ fields: storedFields(saved) }));
    },
    'authoring.saveDraft': (call) => ok(revision({ fields: storedFields(call.event.fields), updatedAt: '2026-03-01T03:00:00.000Z' })),
    'authoring.submitForReview': () => ok(revision({ fields: storedFields(saved!), status: 'in_review' })),
  });
  const { page, simulate } = await openPage('packageStudio/editor/index');
  expect(wxStub().calls).toEqual([]);
  await input(simulate, page.querySelector('.title-input'), ' 高效沟通 ');
  await pick(simulate, page.querySelector('.category-picker'), 2);
  await pick(simulate, page.querySelector('.format-picker'), '0');
  await input(simulate, page.querySelector('.duration-input'), '12');
  await input(simulate, page.querySelector('.tags-input'), '沟通，协作 沟通');
  await tap(simulate, page.querySelector('.audiences')!.querySelectorAll('.chip')[2]!);

  await tap(simulate, page.querySelector('.add-heading')!);
  await tap(simulate, page.querySelector('.add-paragraph')!);
  const texts0 = page.querySelectorAll('.block-text');
  await input(simulate, texts0[0], '开场');
  await input(simulate, texts0[1], '先听后说。');
  wxStub().files.set('wxfile://tmp/pic.png', 'PNG');
  wxStub().chooseMediaAnswer = [{ tempFilePath: 'wxfile://tmp/pic.png' }];
  await tap(simulate, page.querySelector('.add-image')!);
  await settle(simulate, 6);
  expect(wxStub().chooseMediaOptions[0]).toMatchObject({ count: 1, mediaType: ['image'] });
  expect(wxStub().uploads[0]?.cloudPath).toMatch(/^uploads\/[^/]+\/course-media\/[A-Za-z0-9_-]+-pic\.png$/);
  // Move the picture to the top, then delete the heading.
  await tap(simulate, page.querySelectorAll('.move-up')[2]!);
  await tap(simulate, page.querySelectorAll('.move-up')[1]!);
  await tap(simulate, page.querySelectorAll('.remove-block')[1]!);
  expect(texts(page.querySelectorAll('.block-type'))).toEqual(['图片', '段落']);

  await tap(simulate, page.querySelector('.quiz-switch')!);
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
      questions: [
        {
          id: 'q1',
          kind: 'single',
          prompt: '沟通的第一步？',
          options: [
            { id: 'o1', text: '倾听' },
            { id: 'o2', text: '反驳' },
          ],
          answer: ['o1'],
        },
      ],
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
  await pick(simulate, page.querySelector('.format-picker'), 2);
  await tap(simulate, page.querySelector('.save-button')!);
  expect(text(page.querySelector('.form-error'))).toBe('请上传视频文件');
  await pick(simulate, page.querySelector('.format-picker'), 5);
  await tap(simulate, page.querySelector('.quiz-switch')!);
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
  wxStub().chooseMediaAnswer = [{ tempFilePath: 'wxfile://tmp/v.mp4', duration: 93.4 }];
  await tap(simulate, page.querySelector('.upload-media')!);
  await settle(simulate, 6);
  expect(wxStub().chooseMediaOptions[0]).toMatchObject({ mediaType: ['video'] });
  expect(text(page.querySelector('.media-name'))).toMatch(/v\.mp4$/);
  expect(page.instance.data.form.mediaSeconds).toBe('93');

  await tap(simulate, page.querySelector('.quiz-switch')!);
  await tap(simulate, page.querySelector('.add-question')!);
  await pick(simulate, page.querySelector('.kind-picker'), 2);
  expect(texts(page.querySelectorAll('.option-input')).length).toBe(2);
  expect(page.instance.data.form.quiz.questions[0].options.map((option: { text: string }) => option.text)).toEqual(['正确', '错误']);
  await pick(simulate, page.querySelector('.kind-picker'), 1);
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
          reviews: [
            {
              reviewerId: 'r1',
              reviewerName: '张审核',
              scores: { accuracy: 3 },
              average: 2.8,
              notes: '案例太少',
              scoredAt: '2026-03-02T00:00:00.000Z',
              sealed: false,
            },
          ],
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

test('a save the content check refuses says why next to the form and keeps what was written', async () => {
  backend({
    'authoring.getDraft': () => ok(revision({ status: 'draft' })),
    'authoring.saveDraft': () => failure('CONTENT_REJECTED', '内容含有违规信息，请修改后再提交'),
  });
  const { page, simulate } = await openPage('packageStudio/editor/index', { courseId: 'c1' });
  const before = JSON.stringify(page.instance.data.form);
  await tap(simulate, page.querySelector('.save-button')!);
  await settle(simulate);
  expect(callsOf('authoring', 'saveDraft')).toHaveLength(1);
  expect(text(page.querySelector('.form-error'))).toBe('内容含有违规信息，请修改后再提交');
  expect(JSON.stringify(page.instance.data.form)).toBe(before);
});

const RUBRIC_REF: RevisionView['rubric'] = { dimensions: [{ id: 'accuracy', name: '内容准确', weight: 1 }], scale: '1-5', threshold: 3.5 };

test('a course that cannot be loaded shows why and retries', async () => {
  backend({ 'authoring.getDraft': () => failure('NOT_FOUND', '内容不存在或已删除') });
  const { page, simulate } = await openPage('packageStudio/editor/index', { courseId: 'gone' });
  expect(text(page.querySelector('.error'))).toBe('内容不存在或已删除');
  backend({ 'authoring.getDraft': () => ok(revision()) });
  await tap(simulate, page.querySelector('.retry')!);
  await settle(simulate);
  expect(page.querySelector('.title-input')!.dom as HTMLInputElement | undefined).toBeTruthy();
});

describe('pictures show as previews through their temporary URLs', () => {
  const COVER = 'cloud://local-bucket/course-media/image/cover.png';
  const INSIDE = 'cloud://local-bucket/course-media/image/inside.png';
  const GONE = 'cloud://local-bucket/course-media/image/gone.png';

  test('the cover and the article images are resolved once; one that does not resolve shows a placeholder, never its fileID', async () => {
    wxStub().tempUrlHandler = (fileID) => (fileID === GONE ? null : `https://tmp.example.com/${fileID.slice(fileID.lastIndexOf('/') + 1)}`);
    const blocks: CourseFields['content']['blocks'] = [
      { type: 'image', fileID: INSIDE, caption: '流程图' },
      { type: 'paragraph', text: '见上图。' },
      { type: 'image', fileID: GONE },
    ];
    backend({
      'authoring.getDraft': () => ok(revision({ fields: fields({ cover: COVER, content: { blocks } }) })),
      'authoring.saveDraft': (call) => ok(revision({ fields: storedFields(call.event.fields), updatedAt: '2026-03-01T03:00:00.000Z' })),
    });
    const { page, simulate } = await openPage('packageStudio/editor/index', { courseId: 'c1' });
    await settle(simulate);
    // The rendered <image> keeps src as a property: read what the template was given.
    expect(page.instance.data.previews).toEqual({ [COVER]: 'https://tmp.example.com/cover.png', [INSIDE]: 'https://tmp.example.com/inside.png' });
    expect(wxStub().tempUrlCalls.map((call) => call.fileList)).toEqual([[COVER, INSIDE, GONE]]);
    expect(page.querySelectorAll('.cover-preview')).toHaveLength(1);
    expect(page.querySelector('.cover-preview.picture-missing')).toBeFalsy();
    expect(page.querySelectorAll('.image-preview')).toHaveLength(2);
    expect(texts(page.querySelectorAll('.picture-missing'))).toEqual(['无法预览该图片']);
    expect(text(page)).not.toContain('cloud://');
    expect(text(page.querySelector('.upload-cover'))).toBe('更换');

    // Saving keeps the fileIDs in the course and asks only for pictures not resolved yet.
    await tap(simulate, page.querySelector('.save-button')!);
    await settle(simulate);
    expect((callsOf('authoring', 'saveDraft')[0]!.fields as { cover: string }).cover).toBe(COVER);
    expect(wxStub().tempUrlCalls.map((call) => call.fileList)).toEqual([[COVER, INSIDE, GONE], [GONE]]);

    // Removing the cover shows 未上传 again.
    await tap(simulate, page.querySelector('.clear-cover')!);
    expect(page.querySelector('.cover-preview')).toBeFalsy();
    expect(text(page.querySelector('.cover-empty'))).toBe('未上传');
  });

  test('an uploaded cover and an added picture are previewed at once', async () => {
    backend({ 'authoring.getDraft': () => ok(revision()) });
    const { page, simulate } = await openPage('packageStudio/editor/index', { courseId: 'c1' });
    expect(wxStub().tempUrlCalls).toEqual([]);
    wxStub().files.set('wxfile://tmp/cover.png', 'PNG');
    wxStub().chooseMediaAnswer = [{ tempFilePath: 'wxfile://tmp/cover.png' }];
    await tap(simulate, page.querySelector('.upload-cover')!);
    await settle(simulate, 8);
    const cover = page.instance.data.form.cover as string;
    expect(cover).toMatch(/^cloud:\/\/local-bucket\/uploads\/[^/]+\/course-media\/[A-Za-z0-9_-]+-cover\.png$/);
    expect(page.instance.data.previews[cover]).toBe(`http://127.0.0.1:8787/storage/${cover.replace('cloud://local-bucket/', '')}`);
    expect(page.querySelector('.cover-preview.picture-missing')).toBeFalsy();
    expect(page.querySelector('.cover-preview')).toBeTruthy();

    wxStub().files.set('wxfile://tmp/step.png', 'PNG');
    wxStub().chooseMediaAnswer = [{ tempFilePath: 'wxfile://tmp/step.png' }];
    await tap(simulate, page.querySelector('.add-image')!);
    await settle(simulate, 8);
    const picture = page.instance.data.form.blocks[2].fileID as string;
    expect(page.instance.data.previews[picture]).toMatch(/step\.png$/);
    expect(page.querySelectorAll('.image-preview')).toHaveLength(1);
    expect(page.querySelector('.picture-missing')).toBeFalsy();
  });
});

describe('a published course is taken down and put back after a confirmation', () => {
  const authored = (courseStatus: AuthoredCourseView['courseStatus']): AuthoredCourseView => ({
    courseId: 'c1',
    title: '安全生产第一课',
    format: 'article',
    category: 'company_knowledge',
    courseStatus,
    publishedRevision: 1,
    openRevision: null,
    updatedAt: '2026-03-02T00:00:00.000Z',
  });

  test('下架 asks first, then archives; 重新上架 asks, then unarchives; cancelling changes nothing', async () => {
    backend({
      'authoring.getDraft': () => ok(revision({ status: 'published', courseStatus: 'published' })),
      'authoring.archiveCourse': () => ok(authored('archived')),
      'authoring.unarchiveCourse': () => ok(authored('published')),
    });
    const { page, simulate } = await openPage('packageStudio/editor/index', { courseId: 'c1' });
    expect(text(page.querySelector('.shelf-status'))).toBe('已发布');
    // The button's label sits in TDesign's slot (not in this page's DOM): the hint says which way it goes.
    expect(text(page.querySelector('.shelf-hint'))).toBe('下架后学员看不到这门课程，学习记录会保留。');

    wxStub().modalAnswers = [false];
    await tap(simulate, page.querySelector('.shelf-button')!);
    await settle(simulate);
    expect(wxStub().modals).toEqual([{ title: '下架课程', content: '下架后学员将看不到这门课程，已有的学习记录会保留，之后可重新上架。' }]);
    expect(callsOf('authoring', 'archiveCourse')).toEqual([]);

    wxStub().modalAnswers = [true];
    await tap(simulate, page.querySelector('.shelf-button')!);
    await settle(simulate);
    expect(callsOf('authoring', 'archiveCourse')).toEqual([{ courseId: 'c1' }]);
    expect(text(page.querySelector('.shelf-status'))).toBe('已下架');
    expect(text(page.querySelector('.shelf-hint'))).toBe('已下架：学员看不到这门课程，学习记录仍保留。');
    expect(wxStub().toasts).toEqual(['课程已下架']);

    wxStub().modalAnswers = [true];
    await tap(simulate, page.querySelector('.shelf-button')!);
    await settle(simulate);
    expect(wxStub().modals[2]?.title).toBe('重新上架');
    expect(callsOf('authoring', 'unarchiveCourse')).toEqual([{ courseId: 'c1' }]);
    expect(text(page.querySelector('.shelf-status'))).toBe('已发布');
    expect(wxStub().toasts).toEqual(['课程已下架', '课程已重新上架']);
  });

  test('a course never published offers no 下架; a refused archive says why and keeps the state', async () => {
    backend({ 'authoring.getDraft': () => ok(revision({ status: 'in_review', courseStatus: 'in_review' })) });
    const draft = await openPage('packageStudio/editor/index', { courseId: 'c1' });
    expect(draft.page.querySelector('.shelf')).toBeFalsy();

    backend({
      // A new revision being written: the published one stays live and can still be taken down.
      'authoring.getDraft': () => ok(revision({ revision: 2, status: 'draft', courseStatus: 'published' })),
      'authoring.archiveCourse': () => failure('FORBIDDEN', '只能管理自己创建的课程'),
    });
    const open = await openPage('packageStudio/editor/index', { courseId: 'c1' });
    wxStub().modalAnswers = [true];
    await tap(open.simulate, open.page.querySelector('.shelf-button')!);
    await settle(open.simulate);
    expect(callsOf('authoring', 'archiveCourse')).toEqual([{ courseId: 'c1' }]);
    expect(wxStub().toasts).toEqual(['只能管理自己创建的课程']);
    expect(text(open.page.querySelector('.shelf-status'))).toBe('已发布');
    expect(open.page.instance.data.busy).toBe(false);
  });
});
