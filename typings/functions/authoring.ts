/**
 * Function `authoring` (课程制作与审核): trainers write courses and series, reviewers score revisions on a
 * rubric, admins set the review gate. A course document holds the PUBLISHED revision; drafts and revisions
 * under review live in `courseRevisions/<courseId>:<n>` until they pass.
 */
import * as z from 'zod/mini';
import { contract, notPrototypeKey, recordKey } from '../contract';
import { fileId, id, requiredText, text } from '../schema';
import { AUDIENCES, COURSE_CATEGORIES, COURSE_FORMATS, COURSE_STATUSES, QUIZ_QUESTION_KINDS, REVIEW_SCALES, TEXT_BLOCK_TYPES } from '../domain';
import type { Audience, CourseCategory, CourseFieldsDoc, CourseFormat, CourseStatus, PublicationStatus, ReviewScale, RevisionStatus } from '../domain';
export type { RevisionStatus } from '../domain';
import { type TakeawayFileUrl, takeawayFileIndex, takeawayFilesSchema } from '../takeaway-files';
import { authorContracts } from './authors';
import { authorAwardContracts } from './author-awards';
import { type Page, pageInputShape } from './paging';

/** Where a revision stands: being written, waiting for scores, passed (published), or sent back. */

export const LIMITS = {
  title: 40,
  summary: 200,
  tags: 10,
  tag: 12,
  blocks: 200,
  blockText: 5000,
  questions: 50,
  options: 8,
  optionText: 200,
  prompt: 500,
  notes: 1000,
  dimensionName: 20,
  /** Review settings: dimensions, a dimension's weight, reviewers per revision. */
  dimensions: 10,
  dimensionWeight: 100,
  reviewersPerRevision: 5,
  durationMinutes: 600,
  seriesCourses: 50,
} as const;

const contentBlock = z.union([
  z.strictObject({ type: z.enum(TEXT_BLOCK_TYPES), text: requiredText(LIMITS.blockText) }),
  z.strictObject({ type: z.literal('image'), fileID: fileId, caption: z.optional(text(LIMITS.optionText)) }),
]);

export const courseContentSchema = z.strictObject({
  blocks: z.array(contentBlock).check(z.maxLength(LIMITS.blocks)),
  mediaFileID: z.optional(fileId),
  narrationFileID: z.optional(fileId),
  h5Url: z.optional(z.string().check(z.startsWith('https://'), z.maxLength(512))),
  mediaSeconds: z.optional(z.int().check(z.gte(1), z.lte(36_000))),
});

const quizQuestion = z.strictObject({
  /** Stored as a field name (the answers of an attempt). */
  id: recordKey,
  kind: z.enum(QUIZ_QUESTION_KINDS),
  prompt: requiredText(LIMITS.prompt),
  options: z
    .array(z.strictObject({ id: z.string().check(z.minLength(1), z.maxLength(32)), text: requiredText(LIMITS.optionText) }))
    .check(z.minLength(2), z.maxLength(LIMITS.options)),
  answer: z.array(z.string().check(z.minLength(1), z.maxLength(32))).check(z.minLength(1), z.maxLength(LIMITS.options)),
  explanation: z.optional(text(LIMITS.prompt)),
});

export const quizSchema = z.strictObject({
  passMark: z.int().check(z.gte(0), z.lte(100)),
  attemptLimit: z.int().check(z.gte(0), z.lte(100)),
  requiredForCompletion: z.boolean(),
  shuffle: z._default(z.boolean(), true),
  questions: z.array(quizQuestion).check(z.minLength(1), z.maxLength(LIMITS.questions)),
});

/**
 * Every field an author edits. Cross-field rules (a video needs its media file, option ids unique, the
 * answer among the options, one answer for single/true-false questions…) are checked by the server with
 * Chinese messages naming the field.
 */
export const courseFieldsSchema = z.strictObject({
  title: requiredText(LIMITS.title),
  summary: text(LIMITS.summary),
  cover: z.nullable(fileId),
  category: z.enum(COURSE_CATEGORIES),
  format: z.enum(COURSE_FORMATS),
  /** Empty = everyone. */
  audiences: z.array(z.enum(AUDIENCES)).check(z.maxLength(AUDIENCES.length)),
  durationMinutes: z.int().check(z.gte(1), z.lte(LIMITS.durationMinutes)),
  tags: z.array(requiredText(LIMITS.tag)).check(z.maxLength(LIMITS.tags)),
  content: courseContentSchema,
  quiz: z.nullable(quizSchema),
  /** Take-away files (课后资料), uploaded under the editor's own `course-file` folder. */
  files: takeawayFilesSchema,
});

export type CourseFieldsInput = z.input<typeof courseFieldsSchema>;

/** The editable fields as stored on a revision (and copied into `courses/<id>` when it passes). */
export type CourseFields = CourseFieldsDoc;

/** One rubric dimension (评分维度) with its weight in the average. */
export interface RubricDimension {
  id: string;
  name: string;
  weight: number;
}

/** The review gate's settings (admin). */
export interface ReviewSettings {
  dimensions: RubricDimension[];
  /** Each dimension is scored 1–5 or 0–100. */
  scale: ReviewScale;
  /** The weighted average (on the scale) a revision needs to be published. */
  threshold: number;
  /** Reviewers assigned per submission (fewer when fewer eligible reviewers exist, at least one). */
  reviewersPerRevision: number;
}

export interface ReviewScoreView {
  reviewerId: string;
  reviewerName: string;
  /** Scores by dimension id; null until this reviewer has scored. */
  scores: Record<string, number> | null;
  /** Weighted average of this reviewer's scores. */
  average: number | null;
  notes: string;
  /** ISO 8601. */
  scoredAt: string | null;
  /**
   * Blind review: another reviewer's scores, average and notes are withheld (null, '') from a reviewer of
   * this round until they have submitted their own; `sealed` says so (the page shows 提交后可见).
   */
  sealed: boolean;
}

/** A revision as its author or a reviewer sees it: every field, quiz answers included. */
export interface RevisionView {
  /** `<courseId>:<revision>`. */
  revisionId: string;
  courseId: string;
  revision: number;
  status: RevisionStatus;
  /** The course document's status (what learners see): published stays live while a new revision is edited. */
  courseStatus: CourseStatus;
  authorId: string;
  authorName: string;
  fields: CourseFields;
  reviews: ReviewScoreView[];
  /** Weighted average over all reviewers once everyone scored. */
  finalScore: number | null;
  /** The rubric the scores were given against (a snapshot taken at submission). */
  rubric: Pick<ReviewSettings, 'dimensions' | 'scale' | 'threshold'> | null;
  /** ISO 8601. */
  updatedAt: string;
  submittedAt: string | null;
  decidedAt: string | null;
}

/** One row of the author's course list (我的课程). */
export interface AuthoredCourseView {
  courseId: string;
  title: string;
  format: CourseFormat;
  category: CourseCategory;
  courseStatus: CourseStatus;
  /** The published revision number (0 before the first publication). */
  publishedRevision: number;
  /** The revision being written or reviewed, if any. */
  openRevision: { revision: number; status: RevisionStatus } | null;
  /** ISO 8601. */
  updatedAt: string;
}

/** One row of the staff catalogue (课程目录, the console): any author's course within the caller's scope. */
export interface CatalogueCourseView extends AuthoredCourseView {
  authorId: string;
  authorName: string;
  /** ISO 8601. */
  createdAt: string;
}

/** What the staff catalogue can be ordered by (each served by an index on courseAuthoring). */
export const CATALOGUE_SORTS = ['updatedAt', 'createdAt'] as const;
export type CatalogueSort = (typeof CATALOGUE_SORTS)[number];
export const SORT_DIRECTIONS = ['asc', 'desc'] as const;
export type SortDirection = (typeof SORT_DIRECTIONS)[number];

/** One entry of a reviewer's queue (待审核). */
export interface ReviewQueueItem {
  revisionId: string;
  courseId: string;
  revision: number;
  title: string;
  format: CourseFormat;
  authorName: string;
  /** ISO 8601. */
  submittedAt: string;
  /** Whether the caller has already scored it. */
  scored: boolean;
}

export interface SeriesView {
  seriesId: string;
  title: string;
  summary: string;
  cover: string | null;
  courses: { courseId: string; title: string; courseStatus: CourseStatus | null }[];
  stepUnlock: boolean;
  audiences: Audience[];
  status: PublicationStatus;
  /** ISO 8601. */
  createdAt: string;
}

const seriesFields = {
  title: requiredText(LIMITS.title),
  summary: text(LIMITS.summary),
  cover: z.nullable(fileId),
  courseIds: z.array(id).check(z.minLength(1), z.maxLength(LIMITS.seriesCourses)),
  stepUnlock: z.boolean(),
  audiences: z.array(z.enum(AUDIENCES)).check(z.maxLength(AUDIENCES.length)),
};

const score = z.number().check(z.gte(0), z.lte(100));

/**
 * A bulk import's stable name for a course or series: its folder name or series.yaml id
 * (typings/course-folder.ts COURSE_SLUG). With it the server derives the id from the caller and the key, so
 * importing the same folder again finds what the first run made instead of making a copy.
 */
const importKey = z.string().check(z.regex(/^[a-z0-9][a-z0-9-]{0,63}$/));

/** Courses, and series, one importStatus call asks about: the console imports a folder of at most this many. */
export const IMPORT_KEYS_MAX = 200;

/** What an earlier import made of one import key (importStatus). */
export interface ImportedCourseView {
  importKey: string;
  courseId: string;
  title: string;
  courseStatus: CourseStatus;
  /** The revision being written or reviewed, if any (a draft left by an interrupted import is `draft`). */
  openStatus: RevisionStatus | null;
}

export interface ImportedSeriesView {
  importKey: string;
  seriesId: string;
  status: PublicationStatus;
}

/** What a series' status may be set to (a draft is only ever new). */
export const SERIES_STATUS_CHANGES = ['published', 'archived'] as const;

export const authoringContracts = {
  /**
   * The staff catalogue (trainers, reviewers, admins): every author's course whose author's department lies
   * in the scope of one of the caller's trainer, reviewer or admin grants, plus the caller's own; filtered by
   * status, category, author and a title keyword, ordered by last change or creation.
   */
  listCourses: contract<Page<CatalogueCourseView>>()(
    z.strictObject({
      ...pageInputShape,
      keyword: z.optional(requiredText(LIMITS.title)),
      status: z.optional(z.enum(COURSE_STATUSES)),
      category: z.optional(z.enum(COURSE_CATEGORIES)),
      authorId: z.optional(id),
      sort: z._default(z.enum(CATALOGUE_SORTS), 'updatedAt'),
      direction: z._default(z.enum(SORT_DIRECTIONS), 'desc'),
    }),
  ),
  /** Courses the caller authored (trainers), newest change first. */
  listMyCourses: contract<Page<AuthoredCourseView>>()(z.strictObject({ ...pageInputShape })),
  /**
   * Starts a new course: a draft revision 1 and a course document that learners do not see yet. With
   * `importKey` (bulk import) the course id is derived from the caller and the key, and a second create with
   * the same key is refused (CONFLICT) whatever the timing.
   */
  createCourse: contract<RevisionView>()(z.strictObject({ fields: courseFieldsSchema, importKey: z.optional(importKey) })),
  /** What the caller's earlier imports made of these import keys (absent keys: nothing yet). */
  importStatus: contract<{ courses: ImportedCourseView[]; series: ImportedSeriesView[] }>()(
    z.strictObject({
      courseKeys: z.array(importKey).check(z.maxLength(IMPORT_KEYS_MAX)),
      seriesKeys: z._default(z.array(importKey).check(z.maxLength(IMPORT_KEYS_MAX)), []),
    }),
  ),
  /**
   * The revision the author works on: the open draft/returned/in-review revision, else the published one
   * (read-only until `saveDraft` opens a new revision).
   */
  getDraft: contract<RevisionView>()(z.strictObject({ courseId: id })),
  /**
   * Saves all fields of the open draft; on a published course without an open revision it opens revision
   * n+1 (the published one stays live). `baseUpdatedAt` (the `updatedAt` the editor loaded) rejects a stale save.
   */
  saveDraft: contract<RevisionView>()(z.strictObject({ courseId: id, fields: courseFieldsSchema, baseUpdatedAt: z.optional(z.string()) })),
  /** Sends the open draft to review and assigns reviewers (never the author). */
  submitForReview: contract<RevisionView>()(z.strictObject({ courseId: id })),
  /** Hides a course from learners (progress kept); unarchive shows it again. */
  archiveCourse: contract<AuthoredCourseView>()(z.strictObject({ courseId: id })),
  unarchiveCourse: contract<AuthoredCourseView>()(z.strictObject({ courseId: id })),

  /** Revisions waiting for the caller's scores (reviewers), oldest submission first. */
  reviewQueue: contract<Page<ReviewQueueItem>>()(z.strictObject({ ...pageInputShape, includeScored: z._default(z.boolean(), false) })),
  /** A revision assigned to the caller for review, in full. */
  getReview: contract<RevisionView>()(z.strictObject({ revisionId: id })),
  /** One of a revision's take-away files, for its reviewers. */
  reviewFileUrl: contract<TakeawayFileUrl>()(z.strictObject({ revisionId: id, index: takeawayFileIndex })),
  /** Scores every rubric dimension plus notes; the last reviewer's score decides publish or return. */
  scoreReview: contract<RevisionView>()(z.strictObject({ revisionId: id, scores: z.record(recordKey, score), notes: text(LIMITS.notes) })),

  getReviewSettings: contract<ReviewSettings>()(z.strictObject({})),
  updateReviewSettings: contract<ReviewSettings>()(
    z.strictObject({
      dimensions: z
        .array(
          z.strictObject({
            id: z.string().check(z.regex(/^[a-z][a-z0-9_]{0,31}$/), notPrototypeKey),
            name: requiredText(LIMITS.dimensionName),
            weight: z.number().check(z.gt(0), z.lte(LIMITS.dimensionWeight)),
          }),
        )
        .check(z.minLength(1), z.maxLength(LIMITS.dimensions)),
      scale: z.enum(REVIEW_SCALES),
      threshold: z.number().check(z.gte(0), z.lte(100)),
      reviewersPerRevision: z.int().check(z.gte(1), z.lte(LIMITS.reviewersPerRevision)),
    }),
  ),

  listSeries: contract<Page<SeriesView>>()(z.strictObject({ ...pageInputShape, includeArchived: z._default(z.boolean(), false) })),
  /** With `importKey` (bulk import), as createCourse: the id is derived, and a second create is refused. */
  createSeries: contract<SeriesView>()(z.strictObject({ ...seriesFields, publish: z._default(z.boolean(), true), importKey: z.optional(importKey) })),
  updateSeries: contract<SeriesView>()(z.strictObject({ seriesId: id, ...seriesFields })),
  /** Archives (status `archived`) or restores (`published`) a series. */
  setSeriesStatus: contract<SeriesView>()(z.strictObject({ seriesId: id, status: z.enum(SERIES_STATUS_CHANGES) })),
  ...authorContracts,
  ...authorAwardContracts,
};
