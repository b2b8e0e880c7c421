/** Documents as stored in the cloud database (server side; dates are Date objects). */
import type { RoleGrant } from './roles';

/** 职级: individual contributor, first-line manager, middle or senior manager. */
export type JobLevel = 'individual' | 'first_line_manager' | 'middle_senior_manager';

/** Collection `members`, `_id` = member id. An employee (员工) of the company. */
export interface MemberDoc {
  _id: string;
  /** Absent for external partners, who join by invitation code. */
  employeeNo?: string;
  name: string;
  departmentId: string;
  /** Department names from the top of the organisation down to the member's own department. */
  departmentPath: string[];
  jobLevel: JobLevel;
  /** Beijing calendar day, YYYY-MM-DD. */
  hireDate: string;
  active: boolean;
  roles: RoleGrant[];
  mobile?: string;
  /** External partner (外部合作伙伴), joined by invitation. */
  external?: boolean;
  /** OPENID of the WeChat user bound to this member: one roster entry binds to one WeChat identity. */
  boundOpenid?: string;
  leftAt?: Date;
  reactivatedAt?: Date;
  createdAt?: Date;
  updatedAt?: Date;
}

/** 受众: derived from the member, never stored; courses and assignments target these. */
export type Audience = 'new_hire' | 'individual' | 'first_line_manager' | 'middle_senior_manager' | 'external_partner';

/** Collection `bindings`, `_id` = OPENID: which member a WeChat user is bound to (绑定). */
export interface BindingDoc {
  _id: string;
  memberId: string;
  boundAt: Date;
}

/** Collection `departments`, `_id` = department id. */
export interface DepartmentDoc {
  _id: string;
  name: string;
  path: string[];
  parentId: string | null;
}

export type PublicationStatus = 'draft' | 'published' | 'archived';

export type CourseCategory = 'company_knowledge' | 'general_skills' | 'leadership' | 'professional_skills' | 'onboarding';
export type CourseFormat = 'article' | 'narrated_article' | 'video' | 'audio' | 'h5' | 'text';

/** A course's life: drafts and revisions under review live in `courseRevisions`; the course holds the published one. */
export type CourseStatus = 'draft' | 'in_review' | 'published' | 'archived';

/** One block of an article (图文): headings, paragraphs and pictures (cloud storage fileIDs). */
export type ContentBlock =
  | { type: 'heading' | 'paragraph'; text: string }
  | { type: 'image'; fileID: string; caption?: string };

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

export type QuizQuestionKind = 'single' | 'multiple' | 'true_false';

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
  /** Members who started the course. */
  learners: number;
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
  stats: CourseStats;
  createdAt: Date;
  updatedAt: Date;
  publishedAt: Date | null;
}

/** Collection `series`, `_id` = series id: an ordered set of courses (系列课). */
export interface SeriesDoc {
  _id: string;
  title: string;
  summary: string;
  cover: string | null;
  /** In learning order. */
  courseIds: string[];
  /** Each course opens only when the previous one is completed (逐级解锁). */
  stepUnlock: boolean;
  /** Empty = everyone. */
  audiences: Audience[];
  status: PublicationStatus;
  createdAt: Date;
  publishedAt?: Date | null;
}

/** Collection `campaigns`: a group check-in campaign (打卡活动), days are Beijing days. */
export interface CampaignDoc {
  _id: string;
  title: string;
  summary: string;
  startDay: string;
  endDay: string;
  status: PublicationStatus;
  publishedAt?: Date;
}

/** Collection `contests`: a micro-course competition (微课大赛). */
export interface ContestDoc {
  _id: string;
  title: string;
  theme: string;
  summary: string;
  status: PublicationStatus;
  publishedAt?: Date;
}

/** Collection `invitations`, `_id` = the code: a one-time invitation (邀请码) for a partner outside the roster. */
export interface InvitationDoc {
  _id: string;
  /** Who the code is for, as the admin typed it; becomes the partner's name. */
  name: string;
  note: string;
  departmentId: string;
  departmentPath: string[];
  /** `expired` is never stored: an open code past `expiresAt` is expired. */
  status: 'open' | 'used' | 'revoked';
  createdAt: Date;
  expiresAt: Date;
  createdByMemberId: string;
  usedAt?: Date;
  usedByMemberId?: string;
  revokedAt?: Date;
}
