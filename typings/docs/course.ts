/**
 * Course documents and the vocabulary courses share with campaigns, contests and assignments (audiences,
 * formats, publication states). Its own module so `docs/*` never import `domain.ts`, which re-exports them.
 */

/** 受众: derived from the member, never stored; courses and assignments target these. */
export const AUDIENCES = ['new_hire', 'individual', 'first_line_manager', 'middle_senior_manager', 'external_partner'] as const;
export type Audience = (typeof AUDIENCES)[number];

export const PUBLICATION_STATUSES = ['draft', 'published', 'archived'] as const;
export type PublicationStatus = (typeof PUBLICATION_STATUSES)[number];

export const COURSE_CATEGORIES = ['company_knowledge', 'general_skills', 'leadership', 'professional_skills', 'onboarding'] as const;
export type CourseCategory = (typeof COURSE_CATEGORIES)[number];
export const COURSE_FORMATS = ['article', 'narrated_article', 'video', 'audio', 'h5', 'text'] as const;
export type CourseFormat = (typeof COURSE_FORMATS)[number];

/** A course's life: drafts and revisions under review live in `courseRevisions`; the course holds the published one. */
export const COURSE_STATUSES = ['draft', 'in_review', 'published', 'archived'] as const;
export type CourseStatus = (typeof COURSE_STATUSES)[number];

/** One block of an article (图文): headings, paragraphs and pictures (cloud storage fileIDs). */
export const TEXT_BLOCK_TYPES = ['heading', 'paragraph'] as const;

export type ContentBlock = { type: (typeof TEXT_BLOCK_TYPES)[number]; text: string } | { type: 'image'; fileID: string; caption?: string };

/** What a course's player shows; which fields apply depends on the format. */
export interface CourseContent {
  blocks: ContentBlock[];
  /** Video or audio file (video, audio). */
  mediaFileID?: string;
  /** Narration audio of a narrated article (图文配音). */
  narrationFileID?: string;
  /** The H5 page shown in a `web-view` (h5). */
  h5Url?: string;
  /** Length of the media in seconds (video, audio, narration). */
  mediaSeconds?: number;
}

export const QUIZ_QUESTION_KINDS = ['single', 'multiple', 'true_false'] as const;
export type QuizQuestionKind = (typeof QUIZ_QUESTION_KINDS)[number];

export interface QuizOption {
  id: string;
  text: string;
}

export interface QuizQuestion {
  id: string;
  kind: QuizQuestionKind;
  prompt: string;
  options: QuizOption[];
  /** Ids of the correct options. NEVER sent to the app before the learner submits. */
  answer: string[];
  explanation?: string;
}

/** File types members open in the app with `wx.openDocument` (its documented `fileType` values). */
export const TAKEAWAY_FILE_TYPES = ['pdf', 'ppt', 'pptx', 'doc', 'docx', 'xls', 'xlsx'] as const;
export type TakeawayFileType = (typeof TAKEAWAY_FILE_TYPES)[number];

/**
 * A take-away file (课后资料) of a course or a classroom session: uploaded by its editor under
 * `uploads/<openid>/<purpose>/` (`course-file`, `classroom-file`); rules in typings/takeaway-files.ts.
 */
export interface TakeawayFileDoc {
  name: string;
  fileID: string;
  fileType: TakeawayFileType;
  /** Bytes. */
  size: number;
}

/** A course's quiz (测验). */
export interface QuizDoc {
  /** Percent of questions right needed to pass, 0–100. */
  passMark: number;
  /** Attempts a learner may submit; 0 = unlimited. */
  attemptLimit: number;
  /** Whether passing is needed to complete the course. */
  requiredForCompletion: boolean;
  /** Whether each attempt shows the questions in its own order. */
  shuffle: boolean;
  questions: QuizQuestion[];
}

/** Maintained counters of a course (never recounted on reads). */
export interface CourseStats {
  /** Members who started the course: counted from its learning records by the report rollup (course-rollup.ts). */
  learners: number;
  /** Members who completed it, counted likewise. */
  completions: number;
  ratingCount: number;
  ratingSum: number;
}

/** Collection `courses`, `_id` = course id: a micro-course (微课), its PUBLISHED revision. */
export interface CourseDoc {
  _id: string;
  title: string;
  /** Cloud storage fileID, or null. */
  cover: string | null;
  summary: string;
  category: CourseCategory;
  /** Empty = everyone. */
  audiences: Audience[];
  format: CourseFormat;
  durationMinutes: number;
  tags: string[];
  /** Member id of the author. */
  authorId: string;
  seriesIds: string[];
  status: CourseStatus;
  /** The published revision number. */
  revision: number;
  content: CourseContent;
  quiz: QuizDoc | null;
  /** Take-away files (课后资料); absent when there are none (courses saved before files existed have none). */
  files?: TakeawayFileDoc[];
  stats: CourseStats;
  /** The shard writes the rating figures in `stats` sum (server/course/ratings.ts); absent before the first rating. */
  ratingVersion?: number;
  createdAt: Date;
  updatedAt: Date;
  publishedAt: Date | null;
}

/** The fields an author edits; a revision stores them, and publishing copies them into `courses/<id>`. */
export type CourseFieldsDoc = Pick<
  CourseDoc,
  'title' | 'summary' | 'cover' | 'category' | 'format' | 'audiences' | 'durationMinutes' | 'tags' | 'content' | 'quiz' | 'files'
>;

/**
 * The uploader's own files that the media check (内容安全) has not passed yet, by file id: `pending`
 * (审核中) or `rejected` (未通过). Other members never see these files.
 */
export type MediaReview = Record<string, 'pending' | 'rejected'>;

/** Collection `courseRatingShards`: a part of one course's rating count and sum. */
export interface CourseRatingShardDoc {
  _id: string;
  courseId: string;
  shard: number;
  ratingCount: number;
  ratingSum: number;
  /** Writes to this shard so far. */
  version: number;
}
