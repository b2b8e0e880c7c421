/**
 * Course text passes WeChat's content check (security.msgSecCheck, scene 3 "forum") before anything is
 * stored: every member may author courses, and trainers, reviewers and then learners read them. Reviewers'
 * notes go to the author and pass it too (scene 2 "comment"). The local cloud's block list makes the check
 * refuse; msgSecCheck takes at most 2,500 characters a call
 * (https://developers.weixin.qq.com/miniprogram/dev/OpenApiDoc/sec-center/sec-check/msgSecCheck.html).
 */
import type { CourseFieldsInput } from '../../../typings/functions/authoring';
import { callAction } from '../../helpers/invoke';
import { useTestCloud } from '../../helpers/local-cloud';
import { countAll, grant, seedMember } from '../../helpers/db';
import { codeOf, dataOf } from '../../helpers/envelope';
import { uploadedBy } from '../../helpers/uploads';
import { articleFields } from '../../helpers/course-fields';

const BLOCKED = '违禁词';
const cloud = useTestCloud();
const AUTHOR = { openid: 'o-cc-author' };
const TRAINER = { openid: 'o-cc-trainer' };
const REVIEWER = { openid: 'o-cc-reviewer' };

function fields(overrides: Partial<CourseFieldsInput> = {}): CourseFieldsInput {
  return articleFields({
    title: '消防安全',
    summary: '火情处置要点',
    content: { blocks: [{ type: 'paragraph', text: '发现火情先报警。' }] },
    quiz: {
      passMark: 60,
      attemptLimit: 0,
      requiredForCompletion: false,
      shuffle: true,
      questions: [
        {
          id: 'q1',
          kind: 'single',
          prompt: '先做什么',
          options: [
            { id: 'a', text: '报警' },
            { id: 'b', text: '逃跑' },
          ],
          answer: ['a'],
          explanation: '先报警',
        },
      ],
    },
    ...overrides,
  });
}

const quiz = (change: Record<string, unknown>): CourseFieldsInput['quiz'] => {
  const base = fields().quiz!;
  return { ...base, questions: [{ ...base.questions[0]!, ...change }] };
};

beforeAll(async () => {
  await seedMember(AUTHOR.openid, 'm:cc-author', { name: '作者' });
  await seedMember(TRAINER.openid, 'm:cc-trainer', { roles: [grant('trainer')] });
  await seedMember(REVIEWER.openid, 'm:cc-reviewer', { name: '审核员', roles: [grant('reviewer')] });
  cloud.openapi.setBlockList({ text: [BLOCKED], imageSha256: [] });
});

describe('course text', () => {
  it.each<[string, Partial<CourseFieldsInput>]>([
    ['title', { title: `标题${BLOCKED}` }],
    ['summary', { summary: `简介里有${BLOCKED}` }],
    ['the tags', { tags: ['安全', BLOCKED] }],
    ['the body', { content: { blocks: [{ type: 'paragraph', text: `正文${BLOCKED}` }] } }],
    [
      'a heading',
      {
        content: {
          blocks: [
            { type: 'heading', text: BLOCKED },
            { type: 'paragraph', text: '正文' },
          ],
        },
      },
    ],
    [
      'an image caption',
      {
        content: {
          blocks: [
            { type: 'paragraph', text: '正文' },
            { type: 'image', fileID: uploadedBy(AUTHOR.openid, 'course-media', 'p.png'), caption: BLOCKED },
          ],
        },
      },
    ],
    ['a quiz question', { quiz: quiz({ prompt: `题目${BLOCKED}` }) }],
    [
      'a quiz option',
      {
        quiz: quiz({
          options: [
            { id: 'a', text: BLOCKED },
            { id: 'b', text: '逃跑' },
          ],
        }),
      },
    ],
    ['a quiz explanation', { quiz: quiz({ explanation: BLOCKED }) }],
  ])('refuses a new course when %s fails the check, storing nothing', async (_label, change) => {
    expect(codeOf(await callAction('authoring', 'createCourse', { fields: fields(change) }, AUTHOR))).toBe('CONTENT_REJECTED');
    expect(await countAll('courseAuthoring')).toBe(0);
    expect(await countAll('courseRevisions')).toBe(0);
  });

  it('checks a long body in pieces, catching a word at the end and one across a cut', async () => {
    const long = (tail: string) => ({
      content: {
        blocks: [
          { type: 'paragraph' as const, text: '长'.repeat(4000) },
          { type: 'paragraph' as const, text: `${'文'.repeat(4990)}${tail}` },
        ],
      },
    });
    expect(codeOf(await callAction('authoring', 'createCourse', { fields: fields(long(BLOCKED)) }, AUTHOR))).toBe('CONTENT_REJECTED');
    // The first paragraph's first piece ends at character 2,500: the word straddles that cut.
    const straddling = { content: { blocks: [{ type: 'paragraph' as const, text: `${'长'.repeat(2499)}${BLOCKED}${'长'.repeat(100)}` }] } };
    expect(codeOf(await callAction('authoring', 'createCourse', { fields: fields(straddling) }, AUTHOR))).toBe('CONTENT_REJECTED');
    expect(codeOf(await callAction('authoring', 'createCourse', { fields: fields(long('结尾')) }, AUTHOR))).toBe('OK');
  });

  it('refuses a draft save with new blocked text and keeps the stored draft', async () => {
    const draft = dataOf(await callAction('authoring', 'createCourse', { fields: fields({ title: '草稿课程' }) }, AUTHOR));
    const save = (change: Partial<CourseFieldsInput>, who = AUTHOR) =>
      callAction('authoring', 'saveDraft', { courseId: draft.courseId, fields: fields({ title: '草稿课程', ...change }) }, who);
    expect(codeOf(await save({ summary: `改过的简介${BLOCKED}` }))).toBe('CONTENT_REJECTED');
    expect(codeOf(await save({ content: { blocks: [{ type: 'paragraph', text: BLOCKED }] } }, TRAINER))).toBe('CONTENT_REJECTED');
    const stored = dataOf(await callAction('authoring', 'getDraft', { courseId: draft.courseId }, AUTHOR));
    expect(stored.fields.summary).toBe('火情处置要点');
    expect(stored.updatedAt).toBe(draft.updatedAt);
    expect(codeOf(await save({ summary: '改过的简介' }))).toBe('OK');
  });
});

describe('series text', () => {
  it('refuses a series whose title or summary fails the check, storing nothing', async () => {
    const created = dataOf(await callAction('authoring', 'createCourse', { fields: fields({ title: '系列用课' }) }, AUTHOR));
    const series = { title: '入职必修', summary: '', cover: null, courseIds: [created.courseId], stepUnlock: false, audiences: [], publish: false };
    expect(codeOf(await callAction('authoring', 'createSeries', { ...series, title: `系列${BLOCKED}` }, TRAINER))).toBe('CONTENT_REJECTED');
    expect(codeOf(await callAction('authoring', 'createSeries', { ...series, summary: BLOCKED }, TRAINER))).toBe('CONTENT_REJECTED');
    expect(await countAll('series')).toBe(0);
  });
});

describe('review notes', () => {
  it("refuses a reviewer's blocked notes and leaves the revision unscored", async () => {
    const draft = dataOf(await callAction('authoring', 'createCourse', { fields: fields({ title: '待审课程' }) }, AUTHOR));
    const submitted = dataOf(await callAction('authoring', 'submitForReview', { courseId: draft.courseId }, AUTHOR));
    expect(submitted.reviews.map((review) => review.reviewerId)).toEqual(['m:cc-reviewer']);
    const scores = Object.fromEntries((submitted.rubric?.dimensions ?? []).map((dimension) => [dimension.id, 5]));
    const answer = await callAction('authoring', 'scoreReview', { revisionId: submitted.revisionId, scores, notes: `意见${BLOCKED}` }, REVIEWER);
    expect(codeOf(answer)).toBe('CONTENT_REJECTED');
    const review = dataOf(await callAction('authoring', 'getReview', { revisionId: submitted.revisionId }, REVIEWER));
    expect(review).toMatchObject({ status: 'in_review', reviews: [{ scores: null, notes: '' }] });
  });
});
