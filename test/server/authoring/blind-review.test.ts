/**
 * Blind review (server/authoring/views.ts): a reviewer sees the other reviewers' scores and notes only after
 * submitting their own, whichever action answers the revision; and nobody reviews a revision they edited
 * (server/authoring/revisions.ts `editorsOf`), not only the course's author.
 */
import type { CourseRevisionDoc } from '../../../typings/domain';
import { callAction } from '../../helpers/invoke';
import { readDoc } from '../../helpers/db';
import { dataOf as ok } from '../../helpers/envelope';
import { useTestCloud } from '../../helpers/local-cloud';
import { grant, seedMember, testDb } from '../../helpers/db';
import { articleFields } from '../../helpers/course-fields';

useTestCloud();

const AUTHOR = { openid: 'o-blind-author' };
// A trainer over the author who is also a reviewer: they may edit the course, then must not review it.
const EDITOR = { openid: 'o-blind-editor' };
const REVIEWER_A = { openid: 'o-blind-a' };
const REVIEWER_B = { openid: 'o-blind-b' };
const ADMIN = { openid: 'o-blind-admin' };

const revisionDoc = async (id: string): Promise<CourseRevisionDoc> => (await readDoc<CourseRevisionDoc>('courseRevisions', id)) as CourseRevisionDoc;

beforeAll(async () => {
  await seedMember(AUTHOR.openid, 'm:blind-author', { name: '作者', departmentId: 'dept:分部/一组', departmentPath: ['分部', '一组'] });
  await seedMember(EDITOR.openid, 'm:blind-editor', { name: '讲师兼审核员', roles: [grant('trainer', 'dept:分部'), grant('reviewer')] });
  await seedMember(REVIEWER_A.openid, 'm:blind-a', { name: '审核员甲', roles: [grant('reviewer')] });
  await seedMember(REVIEWER_B.openid, 'm:blind-b', { name: '审核员乙', roles: [grant('reviewer')] });
  await seedMember(ADMIN.openid, 'm:blind-admin', { roles: [grant('admin')] });
  ok(
    await callAction(
      'authoring',
      'updateReviewSettings',
      { dimensions: [{ id: 'accuracy', name: '内容准确', weight: 1 }], scale: '1-5', threshold: 3, reviewersPerRevision: 2 },
      ADMIN,
    ),
  );
});

let revisionId: string;

it('no reviewing a revision you edited: a trainer who changed the draft is never assigned, and is refused if named', async () => {
  const draft = ok(await callAction('authoring', 'createCourse', { fields: articleFields() }, AUTHOR));
  ok(await callAction('authoring', 'saveDraft', { courseId: draft.courseId, fields: articleFields({ summary: '讲师补充' }) }, EDITOR));
  expect((await revisionDoc(draft.revisionId)).editorIds?.sort()).toEqual(['m:blind-author', 'm:blind-editor']);
  const submitted = ok(await callAction('authoring', 'submitForReview', { courseId: draft.courseId }, AUTHOR));
  revisionId = submitted.revisionId;
  expect(submitted.reviews.map((review) => review.reviewerId).sort()).toEqual(['m:blind-a', 'm:blind-b']);

  // A revision from before editors were tracked that names the editor as a reviewer (for example assigned
  // by hand): scoring is still refused, and nothing changes.
  const forged = { ...(await revisionDoc(revisionId)) };
  const { _id, ...rest } = forged;
  const named = {
    ...rest,
    reviewerIds: [...rest.reviewerIds, 'm:blind-editor'],
    pendingReviewerIds: [...rest.pendingReviewerIds, 'm:blind-editor'],
    reviews: [...rest.reviews, { reviewerId: 'm:blind-editor', reviewerName: '讲师兼审核员', scores: null, average: null, notes: '', scoredAt: null }],
  };
  await testDb().collection('courseRevisions').doc(_id).set({ data: named });
  const before = await revisionDoc(revisionId);
  expect(await callAction('authoring', 'scoreReview', { revisionId, scores: { accuracy: 5 }, notes: '' }, EDITOR)).toMatchObject({
    ok: false,
    code: 'FORBIDDEN',
    message: '不能审核自己编辑过的版本',
  });
  expect(await revisionDoc(revisionId)).toEqual(before);
  await testDb().collection('courseRevisions').doc(_id).set({ data: rest });
});

it('blind review: other reviewers scores and notes are sealed until the caller has submitted their own', async () => {
  const first = ok(await callAction('authoring', 'scoreReview', { revisionId, scores: { accuracy: 2 }, notes: '甲的意见' }, REVIEWER_A));
  // The one who submitted sees their own; B has not scored yet.
  expect(first.reviews.find((review) => review.reviewerId === 'm:blind-a')).toMatchObject({ scores: { accuracy: 2 }, notes: '甲的意见', sealed: false });

  const seenByB = ok(await callAction('authoring', 'getReview', { revisionId }, REVIEWER_B));
  expect(seenByB.reviews.find((review) => review.reviewerId === 'm:blind-a')).toEqual({
    reviewerId: 'm:blind-a',
    reviewerName: '审核员甲',
    scores: null,
    average: null,
    notes: '',
    scoredAt: null,
    sealed: true,
  });
  expect(JSON.stringify(seenByB)).not.toContain('甲的意见');

  const afterB = ok(await callAction('authoring', 'scoreReview', { revisionId, scores: { accuracy: 4 }, notes: '乙的意见' }, REVIEWER_B));
  expect(afterB.reviews.map((review) => [review.notes, review.sealed]).sort()).toEqual([
    ['乙的意见', false],
    ['甲的意见', false],
  ]);
  expect(ok(await callAction('authoring', 'getReview', { revisionId }, REVIEWER_A)).reviews.every((review) => !review.sealed)).toBe(true);
});
