/**
 * Area `authoring` (课程制作与审核): trainers write courses and series, reviewers score revisions, admins set
 * the review gate. Every change where two documents must agree runs in one transaction.
 */
import { randomBytes } from 'node:crypto';
import type { CourseAuthoringDoc, CourseFieldsDoc, CourseRevisionDoc, ReviewSettingsDoc } from '../../typings/domain';
import { authoringContracts } from '../../typings/functions/authoring';
import {
  AppError,
  assertOwnUploads,
  assertTakeawayUploads,
  checkText,
  checkTexts,
  COLLECTIONS,
  defineAction,
  defineFunction,
  findById,
  findPage,
  pageOf,
  releaseDroppedFiles,
  runTransaction,
  scopeFor,
  submitMediaChecks,
  takeawayFileUrl,
  txGet,
} from '../core';
import type { Database, MemberCaller, SortKey, WxCloud } from '../core';
import { assertEdits, authorOf, requireAuthoring } from './access';
import { assertCourseFields, courseFileIds, courseTexts, pickFields } from './fields';
import { assertSettings, chooseReviewers, readReviewSettings, REVIEW_SETTINGS_ID, scoreInTx } from './review';
import { txPut } from '../core/transaction';
import { draftRevision, editorsOf, newAuthoring, parseRevisionId, revisionId } from './revisions';
import { createSeries, listSeries, setSeriesStatus, updateSeries } from './series';
import { authoredCourseView, queueItem, revisionView } from './views';
import { myCreations as creationsOf } from './creations';
import { readAuthorSettings, saveAuthorSettings } from './levels';
import { payPublication, runAuthorRewards as runRewards } from './rewards';
import { withTimer } from '../core/timer';
import { listCourses } from './catalogue';
import { publishAwards, readAwardYear, readWinners, saveAwards, selectAwards } from './awards';
import { importedCourseId, importStatus as importStatusOf } from './imports';

const RECENT_FIRST: readonly SortKey[] = [
  { field: 'updatedAt', direction: 'desc' },
  { field: '_id', direction: 'asc' },
];
const OLDEST_SUBMISSION_FIRST: readonly SortKey[] = [
  { field: 'submittedAt', direction: 'asc' },
  { field: '_id', direction: 'asc' },
];

/** The fields as stored: validated across fields, key order fixed. */
function checkedFields(fields: CourseFieldsDoc): CourseFieldsDoc {
  const picked = pickFields(fields);
  assertCourseFields(picked);
  return picked;
}

/**
 * Course text passes WeChat's content check before it is stored (every member may author, and trainers and
 * reviewers read drafts). Only texts the course's current revision does not already hold are checked: those
 * passed when they were saved, and a long course would otherwise cost hundreds of checks on every save.
 */
async function checkCourseTexts(
  db: Database,
  cloud: WxCloud,
  caller: MemberCaller,
  fields: CourseFieldsDoc,
  authoring: CourseAuthoringDoc | null,
): Promise<void> {
  const current = authoring ? (authoring.openRevision ?? authoring.publishedRevision) : 0;
  const stored = authoring && current > 0 ? await findById<CourseRevisionDoc>(db, COLLECTIONS.courseRevisions, revisionId(authoring._id, current)) : null;
  const known = new Set(stored ? courseTexts(stored.fields) : []);
  await checkTexts(
    cloud,
    caller.openid,
    courseTexts(fields).filter((text) => !known.has(text)),
    'forum',
  );
}

async function requireRevision(db: Parameters<typeof findById>[0], id: string): Promise<CourseRevisionDoc> {
  const revision = await findById<CourseRevisionDoc>(db, COLLECTIONS.courseRevisions, id);
  if (!revision) throw new AppError('NOT_FOUND', '课程版本不存在');
  return revision;
}

/**
 * Every member may author courses: contest entries are courses their entrants make (the survey's contests
 * are how companies get experts to build courses). What they make stays a draft only they and the trainers
 * over them see until the review gate publishes it; taking courses off sale and series stay with trainers.
 */
const AUTHORS = ['learner'] as const;

export const listMyCourses = defineAction({
  ...authoringContracts.listMyCourses,
  roles: AUTHORS,
  async handler({ input, caller, db }) {
    const found = await findPage<CourseAuthoringDoc>(db, COLLECTIONS.courseAuthoring, { authorId: caller.member._id }, RECENT_FIRST, input);
    return pageOf(found, input, authoredCourseView);
  },
});

export const createCourse = defineAction({
  ...authoringContracts.createCourse,
  roles: AUTHORS,
  async handler({ input, caller, db, cloud, now }) {
    const fields = checkedFields(input.fields);
    assertOwnUploads(caller.openid, courseFileIds(fields));
    assertTakeawayUploads(caller.openid, fields.files ?? [], 'course-file', []);
    await checkCourseTexts(db, cloud, caller, fields, null);
    const at = now();
    const courseId = input.importKey ? importedCourseId(caller.member._id, input.importKey) : `c:${randomBytes(8).toString('hex')}`;
    const authoring: CourseAuthoringDoc = {
      ...newAuthoring(courseId, authorOf(caller.member), fields, at),
      latestRevision: 1,
      openRevision: 1,
      openStatus: 'draft',
    };
    const revision = draftRevision(courseId, 1, caller.member._id, fields, at);
    await runTransaction(db, async (tx) => {
      if (input.importKey && (await txGet<CourseAuthoringDoc>(tx, COLLECTIONS.courseAuthoring, courseId))) {
        throw new AppError('CONFLICT', `导入标识 ${input.importKey} 的课程已导入过`);
      }
      await txPut(tx, COLLECTIONS.courseAuthoring, authoring);
      await txPut(tx, COLLECTIONS.courseRevisions, revision);
    });
    await submitMediaChecks(db, cloud, caller, courseFileIds(fields), 'forum');
    return revisionView(revision, authoring, caller.member._id);
  },
});

export const importStatus = defineAction({
  ...authoringContracts.importStatus,
  roles: AUTHORS,
  handler: ({ input, caller, db }) => importStatusOf(db, caller.member._id, input.courseKeys, input.seriesKeys),
});

export const getDraft = defineAction({
  ...authoringContracts.getDraft,
  roles: AUTHORS,
  async handler({ input, caller, db }) {
    const authoring = await requireAuthoring(db, input.courseId);
    assertEdits(caller, authoring);
    const number = authoring.openRevision ?? authoring.publishedRevision;
    return revisionView(await requireRevision(db, revisionId(authoring._id, number)), authoring, caller.member._id);
  },
});

export const saveDraft = defineAction({
  ...authoringContracts.saveDraft,
  roles: AUTHORS,
  async handler({ input, caller, db, cloud, now }) {
    const fields = checkedFields(input.fields);
    const before = await requireAuthoring(db, input.courseId);
    assertEdits(caller, before);
    await checkCourseTexts(db, cloud, caller, fields, before);
    const at = now();
    const saved = await runTransaction(db, async (tx) => {
      const authoring = await txGet<CourseAuthoringDoc>(tx, COLLECTIONS.courseAuthoring, input.courseId);
      if (!authoring) throw new AppError('NOT_FOUND', '课程不存在');
      assertEdits(caller, authoring);
      if (authoring.openStatus === 'in_review') throw new AppError('CONFLICT', '课程正在审核中，审核结束后才能修改');
      let revision: CourseRevisionDoc;
      if (authoring.openRevision === null) {
        const published = await txGet<CourseRevisionDoc>(tx, COLLECTIONS.courseRevisions, revisionId(authoring._id, authoring.publishedRevision));
        assertOwnUploads(caller.openid, courseFileIds(fields), { kept: courseFileIds(published?.fields) });
        assertTakeawayUploads(caller.openid, fields.files ?? [], 'course-file', published?.fields.files);
        // Editing a published course opens the next revision; the published one stays live meanwhile.
        revision = draftRevision(authoring._id, authoring.latestRevision + 1, authoring.authorId, fields, at, caller.member._id);
      } else {
        const open = await txGet<CourseRevisionDoc>(tx, COLLECTIONS.courseRevisions, revisionId(authoring._id, authoring.openRevision));
        if (!open) throw new AppError('NOT_FOUND', '课程版本不存在');
        assertOwnUploads(caller.openid, courseFileIds(fields), { kept: courseFileIds(open.fields) });
        assertTakeawayUploads(caller.openid, fields.files ?? [], 'course-file', open.fields.files);
        if (input.baseUpdatedAt !== undefined && new Date(input.baseUpdatedAt).getTime() !== new Date(open.updatedAt).getTime()) {
          throw new AppError('CONFLICT', '草稿已在别处修改，请刷新后再编辑');
        }
        // A returned revision becomes a draft again; its reviews stay visible until it is resubmitted.
        // Whoever changes it joins its editors, who may not review it.
        revision = { ...open, fields, status: 'draft', editorIds: [...new Set([...editorsOf(open), caller.member._id])], updatedAt: at };
        await releaseDroppedFiles(tx, authoring._id, open.fields.files, fields.files, at);
      }
      const next: CourseAuthoringDoc = {
        ...authoring,
        title: authoring.publishedRevision > 0 ? authoring.title : fields.title,
        format: authoring.publishedRevision > 0 ? authoring.format : fields.format,
        category: authoring.publishedRevision > 0 ? authoring.category : fields.category,
        latestRevision: Math.max(authoring.latestRevision, revision.revision),
        openRevision: revision.revision,
        openStatus: 'draft',
        updatedAt: at,
      };
      await txPut(tx, COLLECTIONS.courseRevisions, revision);
      await txPut(tx, COLLECTIONS.courseAuthoring, next);
      return revisionView(revision, next, caller.member._id);
    });
    await submitMediaChecks(db, cloud, caller, courseFileIds(fields), 'forum');
    return saved;
  },
});

export const submitForReview = defineAction({
  ...authoringContracts.submitForReview,
  roles: AUTHORS,
  async handler({ input, caller, db, cloud, now }) {
    const before = await requireAuthoring(db, input.courseId);
    assertEdits(caller, before);
    if (before.openRevision === null) throw new AppError('CONFLICT', '没有待提交的草稿，请先编辑课程');
    // Saving checked the files already; this covers a save that stopped between its write and its checks.
    const openId = revisionId(before._id, before.openRevision);
    const draft = await requireRevision(db, openId);
    await submitMediaChecks(db, cloud, caller, courseFileIds(draft.fields), 'forum');
    const settings = await readReviewSettings(db);
    const editors = editorsOf(draft);
    const reviewers = await chooseReviewers(db, before, editors, openId, settings.reviewersPerRevision);
    if (reviewers.length === 0) throw new AppError('CONFLICT', '暂无可分配的审核员（作者和编辑过本版本的人不能审核），请联系管理员');
    const at = now();
    return runTransaction(db, async (tx) => {
      const authoring = await txGet<CourseAuthoringDoc>(tx, COLLECTIONS.courseAuthoring, input.courseId);
      if (!authoring || authoring.openRevision === null) throw new AppError('CONFLICT', '没有待提交的草稿，请先编辑课程');
      const open = await txGet<CourseRevisionDoc>(tx, COLLECTIONS.courseRevisions, revisionId(authoring._id, authoring.openRevision));
      if (!open) throw new AppError('NOT_FOUND', '课程版本不存在');
      // A retry after success answers the revision under review unchanged.
      if (open.status === 'in_review') return revisionView(open, authoring, caller.member._id);
      if (open.status !== 'draft' && open.status !== 'returned') throw new AppError('CONFLICT', '该版本不能提交审核');
      assertCourseFields(open.fields);
      // An edit between choosing and this transaction may have made a chosen reviewer an editor.
      if (editorsOf(open).some((id) => reviewers.some((member) => member._id === id))) throw new AppError('CONFLICT', '草稿刚被修改，请重新提交审核');
      const revision: CourseRevisionDoc = {
        ...open,
        status: 'in_review',
        reviewerIds: reviewers.map((member) => member._id),
        pendingReviewerIds: reviewers.map((member) => member._id),
        reviews: reviewers.map((member) => ({ reviewerId: member._id, reviewerName: member.name, scores: null, average: null, notes: '', scoredAt: null })),
        rubric: { dimensions: settings.dimensions, scale: settings.scale, threshold: settings.threshold },
        finalScore: null,
        submittedAt: at,
        decidedAt: null,
        updatedAt: at,
      };
      const next: CourseAuthoringDoc = {
        ...authoring,
        openStatus: 'in_review',
        courseStatus: authoring.publishedRevision > 0 ? authoring.courseStatus : 'in_review',
        updatedAt: at,
      };
      await txPut(tx, COLLECTIONS.courseRevisions, revision);
      await txPut(tx, COLLECTIONS.courseAuthoring, next);
      return revisionView(revision, next, caller.member._id);
    });
  },
});

function archiveAction(target: 'archived' | 'published') {
  return async ({
    input,
    caller,
    db,
    now,
  }: {
    input: { courseId: string };
    caller: Parameters<typeof assertEdits>[0];
    db: Parameters<typeof findById>[0];
    now(): Date;
  }) => {
    const at = now();
    return runTransaction(db, async (tx) => {
      const authoring = await txGet<CourseAuthoringDoc>(tx, COLLECTIONS.courseAuthoring, input.courseId);
      if (!authoring) throw new AppError('NOT_FOUND', '课程不存在');
      assertEdits(caller, authoring);
      if (authoring.publishedRevision === 0) throw new AppError('CONFLICT', '课程尚未发布，不能归档或恢复');
      const next: CourseAuthoringDoc = { ...authoring, courseStatus: target, updatedAt: at };
      if (authoring.courseStatus !== target) {
        await tx
          .collection(COLLECTIONS.courses)
          .doc(authoring._id)
          .update({ data: { status: target, updatedAt: at } });
        await txPut(tx, COLLECTIONS.courseAuthoring, next);
      }
      return authoredCourseView(next);
    });
  };
}

export const archiveCourse = defineAction({ ...authoringContracts.archiveCourse, roles: ['trainer'], handler: archiveAction('archived') });
export const unarchiveCourse = defineAction({ ...authoringContracts.unarchiveCourse, roles: ['trainer'], handler: archiveAction('published') });

export const reviewQueue = defineAction({
  ...authoringContracts.reviewQueue,
  roles: ['reviewer'],
  async handler({ input, caller, db }) {
    const me = caller.member._id;
    const filter = input.includeScored ? { reviewerIds: me } : { pendingReviewerIds: me, status: 'in_review' };
    const found = await findPage<CourseRevisionDoc>(db, COLLECTIONS.courseRevisions, filter, OLDEST_SUBMISSION_FIRST, input);
    const names = new Map<string, string>();
    for (const revision of found.docs) {
      if (!names.has(revision.courseId))
        names.set(revision.courseId, (await findById<CourseAuthoringDoc>(db, COLLECTIONS.courseAuthoring, revision.courseId))?.authorName ?? '');
    }
    return pageOf(found, input, (revision) => queueItem(revision, me, names.get(revision.courseId) ?? ''));
  },
});

/** The revision `revisionId` when the caller is one of its reviewers; FORBIDDEN otherwise. */
async function reviewersRevision(db: Database, revisionId: string, caller: MemberCaller): Promise<CourseRevisionDoc> {
  const revision = await requireRevision(db, revisionId);
  if (!revision.reviewerIds.includes(caller.member._id)) throw new AppError('FORBIDDEN', '你不是这门课程的审核员');
  return revision;
}

export const getReview = defineAction({
  ...authoringContracts.getReview,
  roles: ['reviewer'],
  async handler({ input, caller, db }) {
    const revision = await reviewersRevision(db, input.revisionId, caller);
    return revisionView(revision, await requireAuthoring(db, revision.courseId), caller.member._id);
  },
});

/** A take-away file of a revision under review, opened by one of its reviewers (课后资料 are judged too). */
export const reviewFileUrl = defineAction({
  ...authoringContracts.reviewFileUrl,
  roles: ['reviewer'],
  async handler({ input, caller, db, cloud }) {
    const revision = await reviewersRevision(db, input.revisionId, caller);
    const file = revision.fields.files?.[input.index];
    if (!file) throw new AppError('NOT_FOUND', '资料不存在，请刷新后再试');
    return takeawayFileUrl(cloud, file);
  },
});

export const scoreReview = defineAction({
  ...authoringContracts.scoreReview,
  roles: ['reviewer'],
  async handler({ input, caller, db, cloud, now }) {
    const parsed = parseRevisionId(input.revisionId);
    if (!parsed) throw new AppError('NOT_FOUND', '课程版本不存在');
    // The author reads the notes; they pass the content check like any comment.
    if (input.notes) await checkText(cloud, caller.openid, input.notes, 'comment');
    const at = now();
    const scored = await runTransaction(db, async (tx) => {
      const revision = await txGet<CourseRevisionDoc>(tx, COLLECTIONS.courseRevisions, input.revisionId);
      const authoring = await txGet<CourseAuthoringDoc>(tx, COLLECTIONS.courseAuthoring, parsed.courseId);
      if (!revision || !authoring) throw new AppError('NOT_FOUND', '课程版本不存在');
      if (revision.authorId === caller.member._id) throw new AppError('FORBIDDEN', '不能审核自己的课程');
      if (editorsOf(revision).includes(caller.member._id)) throw new AppError('FORBIDDEN', '不能审核自己编辑过的版本');
      return scoreInTx(tx, revision, authoring, caller.member._id, input.scores, input.notes, at);
    });
    // A revision passing review pays its author the first time only (the ledger keys the payment by course).
    if (scored.revision.status === 'published') await payPublication(db, scored.authoring._id, scored.revision.authorId, scored.revision.decidedAt ?? at, at);
    return revisionView(scored.revision, scored.authoring, caller.member._id);
  },
});

export const getReviewSettings = defineAction({
  ...authoringContracts.getReviewSettings,
  roles: ['admin', 'trainer', 'reviewer'],
  async handler({ db }) {
    return readReviewSettings(db);
  },
});

export const updateReviewSettings = defineAction({
  ...authoringContracts.updateReviewSettings,
  roles: ['admin'],
  async handler({ input, db, now }) {
    assertSettings(input);
    const doc: ReviewSettingsDoc = { _id: REVIEW_SETTINGS_ID, ...input, updatedAt: now() };
    await runTransaction(db, (tx) => txPut(tx, COLLECTIONS.authoringSettings, doc));
    return readReviewSettings(db);
  },
});

export const myCreations = defineAction({
  ...authoringContracts.myCreations,
  roles: AUTHORS,
  handler: ({ caller, db, now }) => creationsOf(db, caller.member._id, now()),
});

export const getAuthorSettings = defineAction({
  ...authoringContracts.getAuthorSettings,
  roles: ['admin'],
  handler: ({ db }) => readAuthorSettings(db),
});

export const setAuthorSettings = defineAction({
  ...authoringContracts.setAuthorSettings,
  roles: ['admin'],
  async handler({ input, caller, db, now }) {
    if (scopeFor(caller.member, 'admin') !== 'all') throw new AppError('FORBIDDEN', '仅限全公司范围的管理员设置作者等级');
    return saveAuthorSettings(db, input, caller.member._id, now());
  },
});

export const runAuthorRewards = defineAction({
  ...authoringContracts.runAuthorRewards,
  roles: ['admin'],
  async handler({ caller, db, now }) {
    if (scopeFor(caller.member, 'admin') !== 'all') throw new AppError('FORBIDDEN', '仅限全公司范围的管理员发放创作积分');
    return runRewards(db, now());
  },
});

const adminActor = (caller: MemberCaller) => ({ id: caller.member._id, name: caller.member.name });

/** The annual awards are company-wide: a department-scoped admin sees the results as a trainer does. */
function requireCompanyAdmin(caller: MemberCaller): void {
  if (scopeFor(caller.member, 'admin') !== 'all') throw new AppError('FORBIDDEN', '仅限全公司范围的管理员进行年度作者评选');
}

export const selectAuthorAwards = defineAction({
  ...authoringContracts.selectAuthorAwards,
  roles: ['admin'],
  async handler({ input, caller, db, now }) {
    requireCompanyAdmin(caller);
    return selectAwards(db, input, adminActor(caller), now());
  },
});

export const getAuthorAwards = defineAction({
  ...authoringContracts.getAuthorAwards,
  roles: ['admin', 'trainer'],
  handler: ({ input, caller, db }) => readAwardYear(db, input.year, scopeFor(caller.member, 'admin') === 'all'),
});

export const saveAuthorAwards = defineAction({
  ...authoringContracts.saveAuthorAwards,
  roles: ['admin'],
  async handler({ input, caller, db, now }) {
    requireCompanyAdmin(caller);
    return saveAwards(db, input.year, input.awards, adminActor(caller), now());
  },
});

export const publishAuthorAwards = defineAction({
  ...authoringContracts.publishAuthorAwards,
  roles: ['admin'],
  async handler({ input, caller, db, now }) {
    requireCompanyAdmin(caller);
    return publishAwards(db, input.year, adminActor(caller), now());
  },
});

export const authorAwardWinners = defineAction({
  ...authoringContracts.authorAwardWinners,
  roles: AUTHORS,
  handler: ({ input, db, now }) => readWinners(db, input.year, now()),
});

const authoringActions = defineFunction({
  name: 'authoring',
  actions: {
    listCourses,
    listMyCourses,
    createCourse,
    importStatus,
    getDraft,
    saveDraft,
    submitForReview,
    archiveCourse,
    unarchiveCourse,
    reviewQueue,
    getReview,
    reviewFileUrl,
    scoreReview,
    getReviewSettings,
    updateReviewSettings,
    listSeries,
    createSeries,
    updateSeries,
    setSeriesStatus,
    myCreations,
    getAuthorSettings,
    setAuthorSettings,
    runAuthorRewards,
    selectAuthorAwards,
    getAuthorAwards,
    saveAuthorAwards,
    publishAuthorAwards,
    authorAwardWinners,
  },
});

/** The hourly timer pays authoring rewards (server/authoring/rewards.ts); admins may also run it by hand. */
export const authoringFunction = withTimer(authoringActions, (db, _cloud, now) => runRewards(db, now));
