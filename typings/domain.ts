/** Documents as stored in the cloud database (server side; dates are Date objects). */
import type { Audience, CourseCategory, CourseFieldsDoc, CourseFormat, CourseStatus, PublicationStatus } from './docs/course';
import type { RoleGrant } from './roles';

/** An invitation code as stored (`expired` is derived on read). */
export const INVITATION_DOC_STATUSES = ['open', 'used', 'revoked'] as const;
export type InvitationDocStatus = (typeof INVITATION_DOC_STATUSES)[number];

export const BIND_CODE_STATUSES = ['open', 'used'] as const;
export type BindCodeStatus = (typeof BIND_CODE_STATUSES)[number];

/** The second factor of a binding: the phone number WeChat verified, or an admin's one-time bind code. */
export const BIND_FACTORS = ['phone', 'bind_code'] as const;
export type BindFactor = (typeof BIND_FACTORS)[number];

export const REVISION_STATUSES = ['draft', 'in_review', 'published', 'returned'] as const;
export type RevisionStatus = (typeof REVISION_STATUSES)[number];

/** What a required assignment (必修) targets, and whether it still runs. */
export const ASSIGNABLE_KINDS = ['course', 'series'] as const;
export type AssignableKind = (typeof ASSIGNABLE_KINDS)[number];
export const ASSIGNMENT_STATUSES = ['active', 'cancelled'] as const;
export type AssignmentStatus = (typeof ASSIGNMENT_STATUSES)[number];

/** What a learner's page reports it is doing (learning.heartbeat). */
export const STUDY_STATES = ['playing', 'reading', 'paused', 'background'] as const;
export type StudyState = (typeof STUDY_STATES)[number];

/** 职级: individual contributor, first-line manager, middle or senior manager. */
export const JOB_LEVELS = ['individual', 'first_line_manager', 'middle_senior_manager'] as const;
export type JobLevel = (typeof JOB_LEVELS)[number];

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
  /**
   * Who manages the series, like a course's author (server/authoring/access.ts): the trainer who created it
   * and trainers whose scope covers `ownerDepartmentId` (the creator's department). Missing or null (the bulk
   * import, series made before scoping) = a headquarters series, managed by unscoped trainers only.
   */
  ownerId?: string | null;
  ownerDepartmentId?: string | null;
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
  status: InvitationDocStatus;
  createdAt: Date;
  expiresAt: Date;
  createdByMemberId: string;
  usedAt?: Date;
  usedByMemberId?: string;
  revokedAt?: Date;
}

/**
 * Collection `bindCodes`, `_id` = member id: the one open bind code (绑定码) an admin issued for a roster
 * member, a second factor for binding when the roster has no phone (or it changed). Issuing again replaces
 * it; binding consumes it. Only a salted SHA-256 of the code is stored.
 */
export interface BindCodeDoc {
  _id: string;
  departmentId: string;
  salt: string;
  codeHash: string;
  status: BindCodeStatus;
  issuedAt: Date;
  issuedByMemberId: string;
  expiresAt: Date;
  usedAt?: Date;
}

/** How a binding attempt ended, and why (for admins; the caller only ever sees one generic refusal). */
export const BIND_LOG_OUTCOMES = ['bound', 'refused', 'rate_limited'] as const;
export type BindLogOutcome = (typeof BIND_LOG_OUTCOMES)[number];
export type BindLogReason =
  | 'bound'
  | 'already_bound'
  | 'rate_limited'
  | 'no_member'
  | 'name_mismatch'
  | 'no_phone_on_roster'
  | 'phone_mismatch'
  | 'phone_code_invalid'
  | 'bind_code_invalid'
  | 'inactive'
  | 'taken';

/** Collection `bindLog`: one document per binding attempt (绑定记录), success or failure. */
export interface BindLogDoc {
  _id: string;
  openid: string;
  /** The employee number as tried (normalised when well-formed). */
  employeeNo: string;
  /** The roster member of that number, when there is one (scopes the log for department admins). */
  memberId: string | null;
  departmentId: string | null;
  factor: BindFactor;
  outcome: BindLogOutcome;
  reason: BindLogReason;
  at: Date;
}

/** One reviewer's part of a review round; `scores` is null until they scored. */
export interface RevisionReview {
  reviewerId: string;
  reviewerName: string;
  scores: Record<string, number> | null;
  average: number | null;
  notes: string;
  scoredAt: Date | null;
}

/** A review dimension is scored 1–5 or 0–100. */
export const REVIEW_SCALES = ['1-5', '0-100'] as const;
export type ReviewScale = (typeof REVIEW_SCALES)[number];

/** The rubric (评分标准) a review round uses, copied from the settings at submission. */
export interface RubricDoc {
  dimensions: { id: string; name: string; weight: number }[];
  scale: ReviewScale;
  threshold: number;
}

/** Collection `authoringSettings`, `_id` = 'review': the review gate (admin). */
export interface ReviewSettingsDoc extends RubricDoc {
  _id: string;
  reviewersPerRevision: number;
  updatedAt: Date;
}

/**
 * Collection `courseRevisions`, `_id` = `<courseId>:<revision>`: a draft, a revision under review, a revision
 * sent back with notes (returned), or a published one (kept as history).
 */
export interface CourseRevisionDoc {
  _id: string;
  courseId: string;
  revision: number;
  status: RevisionStatus;
  authorId: string;
  /**
   * Everyone who created or changed this revision (the author, trainers who edited it); none of them may
   * review it. Missing on revisions written before it was tracked: then the author alone.
   */
  editorIds?: string[];
  fields: CourseFieldsDoc;
  /** Reviewers of the current round, and those of them who have not scored yet (the review queue). */
  reviewerIds: string[];
  pendingReviewerIds: string[];
  reviews: RevisionReview[];
  rubric: RubricDoc | null;
  finalScore: number | null;
  createdAt: Date;
  updatedAt: Date;
  submittedAt: Date | null;
  decidedAt: Date | null;
}

/**
 * Collection `courseAuthoring`, `_id` = course id: the author's side of a course (我的课程), read in the
 * transactions that open, submit and publish revisions.
 */
export interface CourseAuthoringDoc {
  _id: string;
  authorId: string;
  authorName: string;
  /** The author's department, for trainers scoped to a subtree. */
  authorDepartmentId: string;
  title: string;
  format: CourseFormat;
  category: CourseCategory;
  /** What learners see: `draft`/`in_review` until the first publication, then `published` or `archived`. */
  courseStatus: CourseStatus;
  publishedRevision: number;
  latestRevision: number;
  /** The revision being written or reviewed, or null. */
  openRevision: number | null;
  openStatus: CourseRevisionDoc['status'] | null;
  createdAt: Date;
  updatedAt: Date;
}

/** Collection `assignments`: a required course or series (必修) for departments, roles or audiences. */
export interface AssignmentDoc {
  _id: string;
  kind: AssignableKind;
  courseId: string | null;
  seriesId: string | null;
  title: string;
  /** The courses a member must complete (the series' courses when it was assigned). */
  courseIds: string[];
  departmentIds: string[];
  departmentNames: string[];
  roles: RoleGrant['role'][];
  audiences: Audience[];
  /** A scoped trainer's departments: only members inside them are targeted; null = everyone. */
  scopeDepartmentIds: string[] | null;
  /** Beijing day, YYYY-MM-DD. */
  dueDay: string;
  status: AssignmentStatus;
  /** Maintained counters: targeted members, and those of them who completed. */
  assignedCount: number;
  completedCount: number;
  createdById: string;
  createdByName: string;
  createdAt: Date;
  updatedAt: Date;
}

/**
 * Collection `assignmentTargets`, `_id` = `<assignmentId>:<memberId>`: one targeted member and their
 * progress, so completion per department is an aggregation over an indexed field, not a scan of members.
 */
export interface AssignmentTargetDoc {
  _id: string;
  assignmentId: string;
  memberId: string;
  name: string;
  employeeNo: string | null;
  departmentId: string;
  departmentPath: string[];
  courseIds: string[];
  completedCourseIds: string[];
  done: boolean;
  doneAt: Date | null;
  createdAt: Date;
}

/**
 * Collection `learningRecords`, `_id` = `<memberId>:<courseId>`: one learner's record of one course. Keyed by
 * course, never by revision, so progress survives new revisions.
 */
export interface LearningRecordDoc {
  _id: string;
  memberId: string;
  courseId: string;
  /** Resume point: seconds into the media (video, audio), else reading progress in percent. */
  position: number;
  /** Furthest point reached, same unit as `position`. */
  furthest: number;
  percent: number;
  /** Valid study time credited (有效学习时长), milliseconds. */
  studyMs: number;
  /** Server time up to which study time is credited: sessions on two devices never count the same moment twice. */
  creditedUntil: Date | null;
  completed: boolean;
  completedAt: Date | null;
  /** The course_completed points event was handed to the points module (it is idempotent itself). */
  completionEmitted: boolean;
  quizAttempts: number;
  quizPassed: boolean;
  quizBestScore: number | null;
  quizPassEmitted: boolean;
  /**
   * The course's and its series' certificates were looked at once the course was passed (completed, and its
   * quiz passed when it has one: server/learning/certificates.ts). Absent before then.
   */
  certificatesEmitted?: boolean;
  startedAt: Date;
  lastStudiedAt: Date;
  updatedAt: Date;
  /**
   * Bumped by every write of the record: progress reports write it with one update conditional on the
   * version they read (server/learning/report.ts). Absent on records written before it existed.
   */
  version?: number;
  /** The last report of each recent player session, by session id (the most recent RECENT_SESSIONS). */
  sessions?: Record<string, RecordSession>;
  /** Player sessions started on this course (views, 浏览次数). */
  sessionCount?: number;
  /**
   * Learning activity on this course per Beijing day and time slot, keyed `<day>|<slot>`, for the heatmap
   * (the report rollup derives `learningActivity` from it). Slots older than ACTIVITY_KEEP_DAYS are dropped.
   */
  activity?: Record<string, RecordActivity>;
  /**
   * What the report rollup has counted for this record in its course's figures (server/report/course-fold.ts).
   * Absent: the record as it stands (it last changed before the rollup's last whole read of the course). A
   * write that changes a record without it keeps the figures it had (server/learning/record.ts `withFolded`);
   * a new record carries NOTHING_FOLDED.
   */
  folded?: FoldedFigures;
  /**
   * Views of the sessions started before a record counted them (the `studySessions` of earlier versions),
   * added to `sessionCount` once by the migration that read them (server/learning/legacy-sessions.ts).
   */
  legacyViews?: number;
}

/** The last report of one player session, kept in its learning record. */
export interface RecordSession {
  seq: number;
  state: StudyState;
  /** Server time of the report. */
  at: Date;
  /** The device's clock, for diagnosis only. */
  clientTime: number | null;
}

/** Valid study time credited and sessions started in one time slot of one Beijing day; `at` = last change. */
export interface RecordActivity {
  studyMs: number;
  sessions: number;
  at: Date;
}

/** Collection `quizAttempts`, `_id` = `<memberId>:<courseId>:<attemptId>`: one graded submission. */
export interface QuizAttemptDoc {
  _id: string;
  memberId: string;
  courseId: string;
  attemptId: string;
  /** The course revision whose quiz was graded. */
  revision: number;
  answers: Record<string, string[]>;
  /** Question ids answered right. */
  correctIds: string[];
  questionCount: number;
  score: number;
  passed: boolean;
  /** The member's attempt number (1-based). */
  attemptNo: number;
  submittedAt: Date;
}

/** Collection `courseRatings`, `_id` = `<courseId>:<memberId>`: one rating (1–5) and comment per member and course. */
export interface CourseRatingDoc {
  _id: string;
  courseId: string;
  memberId: string;
  memberName: string;
  rating: number;
  comment: string;
  /** Whether `comment` is non-empty (lets the comment list use an index). */
  hasComment: boolean;
  createdAt: Date;
  updatedAt: Date;
}
export * from './docs/course';
export * from './docs/share';
export * from './docs/contest';
export * from './docs/contest-voting';
export * from './docs/campaign';
export * from './docs/report';
export * from './docs/migration';
import type { FoldedFigures } from './docs/report';
export * from './docs/campaign-engagement';
export * from './docs/notification';
export * from './docs/certificate';
export * from './docs/classroom';
export * from './docs/discussion';
