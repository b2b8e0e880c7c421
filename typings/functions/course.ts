/** Function `course`: the catalogue of micro-courses, series, quizzes, ratings, the 学习 home and 我的学习. */
import * as z from 'zod/mini';
import { contract, recordKey } from '../contract';
import { clientId, id } from '../schema';
import { COURSE_CATEGORIES, COURSE_FORMATS } from '../domain';
import type { AssignableKind, Audience, ContentBlock, CourseCategory, CourseFormat, QuizQuestionKind } from '../domain';
import { type TakeawayFileListing, type TakeawayFileUrl, takeawayFileIndex } from '../takeaway-files';
export type { TakeawayFileListing, TakeawayFileUrl } from '../takeaway-files';
import { type Page, pageInput, pageInputShape } from './paging';

export interface CourseSummary {
  id: string;
  title: string;
  summary: string;
  /** Temporary URL of the cover picture, or null. */
  coverUrl: string | null;
  category: CourseCategory;
  format: CourseFormat;
  durationMinutes: number;
  tags: string[];
  /** Empty = everyone. */
  audiences: Audience[];
  learners: number;
  /** Average rating 1–5 with one decimal, or null before the first rating. */
  rating: number | null;
  hasQuiz: boolean;
  /** ISO 8601. */
  publishedAt: string | null;
}

/** The caller's progress on one course (keyed by member and course, so it survives revisions). */
export interface MyProgress {
  /** Where to resume: seconds into the media (video, audio), else reading progress in percent. */
  position: number;
  /** Furthest point reached, same unit as `position`. */
  furthest: number;
  /** 0–100. */
  percent: number;
  /** Valid study time credited, whole seconds. */
  studySeconds: number;
  completed: boolean;
  /** ISO 8601. */
  completedAt: string | null;
  quizPassed: boolean;
  quizAttempts: number;
  /** Best quiz score in percent, or null before the first attempt. */
  quizBestScore: number | null;
  /** ISO 8601. */
  lastStudiedAt: string | null;
}

/** A content block as the app gets it: pictures carry a temporary URL. */
export type ContentBlockView = Exclude<ContentBlock, { type: 'image' }> | { type: 'image'; url: string; caption?: string };

export interface CourseContentView {
  blocks: ContentBlockView[];
  /** Temporary URLs (valid a few hours) of the media and the narration. */
  mediaUrl: string | null;
  narrationUrl: string | null;
  h5Url: string | null;
  mediaSeconds: number | null;
}

/** Position of the course in one series it belongs to. */
export interface SeriesPosition {
  seriesId: string;
  title: string;
  /** 0-based. */
  index: number;
  count: number;
  stepUnlock: boolean;
  previousCourseId: string | null;
  nextCourseId: string | null;
}

/** The quiz as described before starting it: never its questions' answers. */
export interface QuizInfo {
  questionCount: number;
  passMark: number;
  /** 0 = unlimited. */
  attemptLimit: number;
  attemptsLeft: number | null;
  requiredForCompletion: boolean;
}

export interface CourseDetail extends CourseSummary {
  revision: number;
  /** Null while the course is locked (a step-by-step series whose previous course is not completed). */
  content: CourseContentView | null;
  locked: boolean;
  /** Why it is locked, in Chinese, or null. */
  lockedReason: string | null;
  series: SeriesPosition[];
  quiz: QuizInfo | null;
  /** Null when the caller has not started. */
  progress: MyProgress | null;
  /** The caller's own rating. */
  myRating: { rating: number; comment: string } | null;
  /** What completion takes for this course, in Chinese (the rule of server/learning/completion.ts). */
  completionRule: string;
  /** Take-away files (课后资料), opened through `fileUrl`; empty while the course is locked. */
  files: TakeawayFileListing[];
}

export interface QuizOptionView {
  id: string;
  text: string;
}

export interface QuizQuestionView {
  id: string;
  kind: QuizQuestionKind;
  prompt: string;
  options: QuizOptionView[];
}

/** One attempt's questions, in the attempt's order, without answers. */
export interface QuizAttemptView extends QuizInfo {
  courseId: string;
  attemptId: string;
  questions: QuizQuestionView[];
  /** True when this attempt id was already submitted (its result is in `result`). */
  submitted: boolean;
  result: QuizResult | null;
}

export interface QuizQuestionResult {
  questionId: string;
  correct: boolean;
  /** Revealed only once the quiz is passed or no attempt is left. */
  answer: string[] | null;
  explanation: string | null;
}

export interface QuizResult {
  attemptId: string;
  /** Percent of questions right, 0–100 (whole number). */
  score: number;
  passed: boolean;
  correctCount: number;
  questionCount: number;
  attemptsUsed: number;
  attemptsLeft: number | null;
  questions: QuizQuestionResult[];
  /** Whether the course is completed after this attempt. */
  courseCompleted: boolean;
  /** ISO 8601. */
  submittedAt: string;
}

export interface RatingView {
  courseId: string;
  rating: number;
  comment: string;
  /** The rater's name as on the roster. */
  memberName: string;
  /** ISO 8601. */
  updatedAt: string;
}

export interface RateResult {
  rating: number;
  comment: string;
  ratingCount: number;
  /** Average rating 1–5 with one decimal. */
  average: number;
}

export interface SeriesSummary {
  id: string;
  title: string;
  summary: string;
  coverUrl: string | null;
  courseCount: number;
  stepUnlock: boolean;
  /** Courses of the series the caller has completed. */
  completedCount: number;
}

export interface SeriesCourse extends CourseSummary {
  index: number;
  locked: boolean;
  completed: boolean;
  percent: number;
}

export interface SeriesDetail extends SeriesSummary {
  courses: SeriesCourse[];
}

/** A required course or series (必修) on the home page. */
export interface RequiredItem {
  assignmentId: string;
  kind: AssignableKind;
  /** Course or series id. */
  targetId: string;
  title: string;
  coverUrl: string | null;
  /** Beijing day, YYYY-MM-DD. */
  dueDay: string;
  overdue: boolean;
  completed: boolean;
  /** How far the learner is, 0–100: the course's own progress, or the share of the series' courses completed. */
  percent: number;
}

export interface ContinueItem extends CourseSummary {
  percent: number;
  /** ISO 8601. */
  lastStudiedAt: string | null;
}

/** The 学习 home: each section a bounded list. */
export interface HomeView {
  /** Overdue first, then by due day. */
  required: RequiredItem[];
  continueLearning: ContinueItem[];
  /** Published for the caller's audiences (or everyone), newest first, not yet started. */
  recommended: CourseSummary[];
  series: SeriesSummary[];
}

export interface LearningHistoryItem extends ContinueItem {
  completed: boolean;
  completedAt: string | null;
  studySeconds: number;
}

/** 我的学习. */
export interface MyLearningView extends Page<LearningHistoryItem> {
  totals: { studySeconds: number; coursesStarted: number; coursesCompleted: number };
}

export const HOME_LIMITS = { required: 10, continueLearning: 5, recommended: 6, series: 5 } as const;

export const courseContracts = {
  /** The catalogue: published courses for the caller's audiences (or everyone), newest first. */
  list: contract<Page<CourseSummary>>()(
    z.strictObject({
      ...pageInputShape,
      category: z.optional(z.enum(COURSE_CATEGORIES)),
      format: z.optional(z.enum(COURSE_FORMATS)),
      seriesId: z.optional(id),
      /** Part of a title or a tag. */
      keyword: z.optional(z.string().check(z.trim(), z.maxLength(32))),
    }),
  ),
  detail: contract<CourseDetail>()(z.strictObject({ courseId: id })),
  /**
   * A temporary download URL of the course's take-away file at `index` (of `detail`'s `files`), for a
   * caller who may see the course's content (its audience; not while the course is locked).
   */
  fileUrl: contract<TakeawayFileUrl>()(z.strictObject({ courseId: id, index: takeawayFileIndex })),
  seriesList: contract<Page<SeriesSummary>>()(pageInput),
  seriesDetail: contract<SeriesDetail>()(z.strictObject({ seriesId: id })),
  /** The questions of one attempt (the app makes `attemptId` once per attempt). */
  quiz: contract<QuizAttemptView>()(z.strictObject({ courseId: id, attemptId: clientId })),
  /** Graded on the server; submitting the same `attemptId` again answers the first result. */
  submitQuiz: contract<QuizResult>()(
    z.strictObject({
      courseId: id,
      attemptId: clientId,
      /** Question id → chosen option ids. */
      answers: z.record(recordKey, z.array(z.string().check(z.maxLength(64))).check(z.maxLength(20))),
    }),
  ),
  /** One rating per member and course; rating again updates it. The comment passes the content check. */
  rate: contract<RateResult>()(
    z.strictObject({
      courseId: id,
      rating: z.int().check(z.gte(1), z.lte(5)),
      comment: z._default(z.string().check(z.trim(), z.maxLength(500)), ''),
    }),
  ),
  /** Ratings with a comment, newest first. */
  comments: contract<Page<RatingView>>()(z.strictObject({ ...pageInputShape, courseId: id })),
  home: contract<HomeView>()(z.strictObject({})),
  /** 我的学习: history (most recent first), optionally completed courses only, and the totals. */
  myLearning: contract<MyLearningView>()(z.strictObject({ ...pageInputShape, completedOnly: z._default(z.boolean(), false) })),
};
