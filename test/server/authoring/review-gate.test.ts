/**
 * Authoring through the real `main`, wx-server-sdk and the in-process local cloud: validation, the review
 * gate (assigned reviewers only, never the author, average against the threshold, notes returned), and
 * revisions that keep the published course and learners' records live. The gate's rules are this project's
 * (issue 4); CloudBase documents no such feature.
 */
import type { CourseDoc, LearningRecordDoc } from '../../../typings/domain';
import type { CourseFieldsInput, RevisionView } from '../../../typings/functions/authoring';
import type { Envelope } from '../../../typings/envelope';
import { callAction } from '../../helpers/invoke';
import { useTestCloud } from '../../helpers/local-cloud';
import { grant, insertAll, seedMember, testDb } from '../../helpers/db';
import { articleFields } from '../../helpers/course-fields';

const cloud = useTestCloud();

async function authorPayments(courseId: string): Promise<number[]> {
  const { data } = (await testDb()
    .collection('pointsLedger')
    .where({ memberId: 'm:author', reason: 'course_published', source: courseId })
    .get()) as unknown as { data: { amount: number }[] };
  return data.map((entry) => entry.amount);
}

const AUTHOR = { openid: 'o-author' };
const OTHER_TRAINER = { openid: 'o-trainer-2' };
const REVIEWERS = [{ openid: 'o-rev-1' }, { openid: 'o-rev-2' }, { openid: 'o-rev-3' }];
const ADMIN = { openid: 'o-admin' };

function ok<T>(answer: Envelope<T>): T {
  if (!answer.ok) throw new Error(`${answer.code}: ${answer.message}`);
  return answer.data;
}

beforeAll(async () => {
  // The author also holds the reviewer role: they must still never review their own course.
  await seedMember(AUTHOR.openid, 'm:author', { name: '作者', roles: [grant('trainer'), grant('reviewer')] });
  await seedMember(OTHER_TRAINER.openid, 'm:trainer-2', {
    name: '分部讲师',
    roles: [grant('trainer', 'dept:分部')],
    departmentId: 'dept:分部',
    departmentPath: ['分部'],
  });
  for (const [index, reviewer] of REVIEWERS.entries())
    await seedMember(reviewer.openid, `m:rev-${index + 1}`, { name: `审核员${index + 1}`, roles: [grant('reviewer')] });
  await seedMember(ADMIN.openid, 'm:admin', { roles: [grant('admin')] });
});

async function setGate(threshold: number, reviewersPerRevision = 2): Promise<void> {
  ok(
    await callAction(
      'authoring',
      'updateReviewSettings',
      {
        dimensions: [
          { id: 'accuracy', name: '内容准确', weight: 3 },
          { id: 'clarity', name: '表达清楚', weight: 1 },
        ],
        scale: '1-5',
        threshold,
        reviewersPerRevision,
      },
      ADMIN,
    ),
  );
}

function reviewerOf(memberId: string): { openid: string } {
  const index = Number(memberId.replace('m:rev-', '')) - 1;
  return REVIEWERS[index] as { openid: string };
}

async function scoreAll(view: RevisionView, scores: Record<string, number>, notes: string): Promise<RevisionView> {
  let last = view;
  for (const reviewerId of view.reviews.map((review) => review.reviewerId)) {
    last = ok(await callAction('authoring', 'scoreReview', { revisionId: view.revisionId, scores, notes: `${notes}-${reviewerId}` }, reviewerOf(reviewerId)));
  }
  return last;
}

async function courseDoc(id: string): Promise<CourseDoc | null> {
  const result = (await testDb().collection('courses').where({ _id: id }).get()) as unknown as { data: CourseDoc[] };
  return result.data[0] ?? null;
}

describe('validation', () => {
  it('rejects a video without its media file, naming the field in Chinese, and writes nothing', async () => {
    const answer = await callAction('authoring', 'createCourse', { fields: articleFields({ format: 'video' }) }, AUTHOR);
    expect(answer).toMatchObject({ ok: false, code: 'INVALID_INPUT', message: expect.stringContaining('content.mediaFileID') });
    expect(ok(await callAction('authoring', 'listMyCourses', {}, AUTHOR)).total).toBe(0);
  });

  it('rejects a quiz answer that is not among the options, and a single-choice question with two answers', async () => {
    const base = articleFields().quiz as NonNullable<CourseFieldsInput['quiz']>;
    const wrong = { ...base, questions: [{ ...base.questions[0]!, answer: ['x'] }] };
    expect(await callAction('authoring', 'createCourse', { fields: articleFields({ quiz: wrong }) }, AUTHOR)).toMatchObject({
      message: '测验第 1 题的答案不在选项之中',
    });
    const two = {
      ...base,
      questions: [
        {
          id: 'q1',
          kind: 'single' as const,
          prompt: '选一个',
          options: [
            { id: 'a', text: 'A' },
            { id: 'b', text: 'B' },
          ],
          answer: ['a', 'b'],
        },
      ],
    };
    expect(await callAction('authoring', 'createCourse', { fields: articleFields({ quiz: two }) }, AUTHOR)).toMatchObject({
      message: '测验第 1 题是单选题，只能有一个答案',
    });
  });
});

describe('the review gate', () => {
  let courseId: string;

  it('assigns reviewers other than the author, who alone see and score it; below the threshold it returns with notes', async () => {
    await setGate(3.5);
    const draft = ok(await callAction('authoring', 'createCourse', { fields: articleFields() }, AUTHOR));
    courseId = draft.courseId;
    expect(draft).toMatchObject({ revision: 1, status: 'draft', courseStatus: 'draft' });
    const submitted = ok(await callAction('authoring', 'submitForReview', { courseId }, AUTHOR));
    expect(submitted.status).toBe('in_review');
    const assigned = submitted.reviews.map((review) => review.reviewerId);
    expect(assigned).toHaveLength(2);
    expect(assigned).not.toContain('m:author');

    const outsider = REVIEWERS.find((reviewer) => !assigned.includes(`m:rev-${REVIEWERS.indexOf(reviewer) + 1}`)) as { openid: string };
    expect(await callAction('authoring', 'getReview', { revisionId: submitted.revisionId }, outsider)).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(
      await callAction('authoring', 'scoreReview', { revisionId: submitted.revisionId, scores: { accuracy: 5, clarity: 5 }, notes: '' }, outsider),
    ).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(
      await callAction('authoring', 'scoreReview', { revisionId: submitted.revisionId, scores: { accuracy: 5, clarity: 5 }, notes: '' }, AUTHOR),
    ).toMatchObject({ ok: false, code: 'FORBIDDEN', message: '不能审核自己的课程' });
    expect(ok(await callAction('authoring', 'reviewQueue', {}, outsider)).total).toBe(0);
    expect(ok(await callAction('authoring', 'reviewQueue', {}, reviewerOf(assigned[0] as string))).items.map((item) => item.revisionId)).toEqual([
      submitted.revisionId,
    ]);
    // A score outside the scale is refused.
    expect(
      await callAction(
        'authoring',
        'scoreReview',
        { revisionId: submitted.revisionId, scores: { accuracy: 6, clarity: 3 }, notes: '' },
        reviewerOf(assigned[0] as string),
      ),
    ).toMatchObject({ ok: false, code: 'INVALID_INPUT' });

    // Weighted averages (3*3+1*5)/4 = 3.5 and (3*3+1*3)/4 = 3 → final 3.25 < 3.5.
    const first = ok(
      await callAction(
        'authoring',
        'scoreReview',
        { revisionId: submitted.revisionId, scores: { accuracy: 3, clarity: 5 }, notes: '案例再多一些' },
        reviewerOf(assigned[0] as string),
      ),
    );
    expect(first.status).toBe('in_review');
    const decided = ok(
      await callAction(
        'authoring',
        'scoreReview',
        { revisionId: submitted.revisionId, scores: { accuracy: 3, clarity: 3 }, notes: '结构有点乱' },
        reviewerOf(assigned[1] as string),
      ),
    );
    expect(decided).toMatchObject({ status: 'returned', finalScore: 3.25, courseStatus: 'draft' });
    const mine = ok(await callAction('authoring', 'getDraft', { courseId }, AUTHOR));
    expect(mine.reviews.map((review) => review.notes).sort()).toEqual(['案例再多一些', '结构有点乱']);
    expect(await courseDoc(courseId)).toBeNull();
  });

  it('publishes once every reviewer scored and the average reaches the threshold', async () => {
    ok(await callAction('authoring', 'saveDraft', { courseId, fields: articleFields({ summary: '补充了案例' }) }, AUTHOR));
    const submitted = ok(await callAction('authoring', 'submitForReview', { courseId }, AUTHOR));
    expect(submitted.reviews.every((review) => review.scores === null)).toBe(true);
    const decided = await scoreAll(submitted, { accuracy: 4, clarity: 3 }, '可以');
    expect(decided).toMatchObject({ status: 'published', finalScore: 3.75, courseStatus: 'published' });
    expect(await courseDoc(courseId)).toMatchObject({ status: 'published', revision: 1, summary: '补充了案例', authorId: 'm:author' });
    // Passing review pays the author the earning rule's points (server/authoring/rewards.ts) and a first level.
    expect(await authorPayments(courseId)).toEqual([100]);
    expect(await cloud.database.getDocument('authorLevels', 'm:author')).toMatchObject({ rank: 1, name: '黄带' });
  });

  it('keeps the published revision live while a new one is edited and reviewed, and learners keep their records', async () => {
    const record: Partial<LearningRecordDoc> = { _id: `m:rev-3:${courseId}`, memberId: 'm:rev-3', courseId, percent: 40, completed: false };
    await insertAll('learningRecords', [record]);
    await testDb()
      .collection('courses')
      .doc(courseId)
      .update({ data: { 'stats.learners': 1 } });

    const draft = ok(await callAction('authoring', 'saveDraft', { courseId, fields: articleFields({ title: '安全生产基础（第二版）' }) }, AUTHOR));
    expect(draft).toMatchObject({ revision: 2, status: 'draft', courseStatus: 'published' });
    expect(await courseDoc(courseId)).toMatchObject({ title: '安全生产基础', revision: 1, status: 'published' });
    const submitted = ok(await callAction('authoring', 'submitForReview', { courseId }, AUTHOR));
    expect(await callAction('authoring', 'saveDraft', { courseId, fields: articleFields() }, AUTHOR)).toMatchObject({ ok: false, code: 'CONFLICT' });
    expect(await courseDoc(courseId)).toMatchObject({ title: '安全生产基础', revision: 1 });
    await scoreAll(submitted, { accuracy: 5, clarity: 5 }, '很好');
    expect(await courseDoc(courseId)).toMatchObject({ title: '安全生产基础（第二版）', revision: 2, stats: { learners: 1 } });
    const records = (await testDb().collection('learningRecords').where({ courseId }).get()) as unknown as { data: LearningRecordDoc[] };
    expect(records.data).toEqual([expect.objectContaining({ memberId: 'm:rev-3', percent: 40 })]);
    // A later revision passing review pays nothing more.
    expect(await authorPayments(courseId)).toEqual([100]);
  });

  it('lets only the author or a trainer whose scope covers them edit, and archives and restores', async () => {
    expect(await callAction('authoring', 'saveDraft', { courseId, fields: articleFields() }, OTHER_TRAINER)).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(ok(await callAction('authoring', 'archiveCourse', { courseId }, AUTHOR)).courseStatus).toBe('archived');
    expect((await courseDoc(courseId))?.status).toBe('archived');
    expect(ok(await callAction('authoring', 'unarchiveCourse', { courseId }, AUTHOR)).courseStatus).toBe('published');
    expect((await courseDoc(courseId))?.status).toBe('published');
  });

  it('assigns every eligible reviewer when fewer exist than asked, still never the author', async () => {
    await setGate(3, 5);
    const lonely = await startLonelyCourse();
    // All three reviewers are assigned (five asked, three eligible).
    expect(lonely.reviews.map((review) => review.reviewerId).sort()).toEqual(['m:rev-1', 'm:rev-2', 'm:rev-3']);
  });
});

async function startLonelyCourse(): Promise<RevisionView> {
  const draft = ok(await callAction('authoring', 'createCourse', { fields: articleFields({ title: '第二门课' }) }, AUTHOR));
  return ok(await callAction('authoring', 'submitForReview', { courseId: draft.courseId }, AUTHOR));
}

describe('members as authors', () => {
  const ENTRANT = { openid: 'o-entrant' };
  const COLLEAGUE = { openid: 'o-colleague' };

  it('lets a member without roles make a course for review, which only they and trainers over them can open', async () => {
    await seedMember(ENTRANT.openid, 'm:entrant', { name: '参赛员工' });
    await seedMember(COLLEAGUE.openid, 'm:colleague', { name: '同事' });
    await setGate(3, 1);
    const draft = ok(await callAction('authoring', 'createCourse', { fields: articleFields({ title: '一线经验课' }) }, ENTRANT));
    expect(ok(await callAction('authoring', 'listMyCourses', {}, ENTRANT)).items.map((item) => item.courseId)).toEqual([draft.courseId]);
    expect(await callAction('authoring', 'getDraft', { courseId: draft.courseId }, COLLEAGUE)).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(await callAction('authoring', 'saveDraft', { courseId: draft.courseId, fields: articleFields() }, COLLEAGUE)).toMatchObject({
      ok: false,
      code: 'FORBIDDEN',
    });
    expect(ok(await callAction('authoring', 'getDraft', { courseId: draft.courseId }, AUTHOR)).courseId).toBe(draft.courseId);
    // Publishing still goes through the gate; taking courses off sale stays with trainers.
    expect(ok(await callAction('authoring', 'submitForReview', { courseId: draft.courseId }, ENTRANT)).status).toBe('in_review');
    expect(await courseDoc(draft.courseId)).toBeNull();
    expect(await callAction('authoring', 'archiveCourse', { courseId: draft.courseId }, ENTRANT)).toMatchObject({ ok: false, code: 'FORBIDDEN' });
  });
});
