/**
 * Documents of classroom sessions (线下课, blended learning): a session a trainer runs at a time and place,
 * members' sign-ups with their attendance, and the evaluation survey's answers. Server side: dates are Dates.
 */
import type { Audience, TakeawayFileDoc } from './course';

/** published (open to sign-ups until it starts) or cancelled (取消) by its trainer. */
export const CLASSROOM_SESSION_STATUSES = ['published', 'cancelled'] as const;
export type ClassroomSessionStatus = (typeof CLASSROOM_SESSION_STATUSES)[number];

/** A survey question: a rating from 1 to 5 (评分题) or an open answer (问答题). */
export const SURVEY_QUESTION_KINDS = ['rating', 'open'] as const;
export type SurveyQuestionKind = (typeof SURVEY_QUESTION_KINDS)[number];

export interface SurveyQuestionDoc {
  /** Stable within the session (`q1`, `q2`...): answers are keyed by it. */
  id: string;
  kind: SurveyQuestionKind;
  prompt: string;
}

/** A linked course, with its title when the session was saved (pages show it without reading courses). */
export interface LinkedCourseDoc {
  courseId: string;
  title: string;
}

/** Collection `classroomSessions`, `_id` = 12 random letters and digits (short: it rides in the attendance code). */
export interface ClassroomSessionDoc {
  _id: string;
  title: string;
  summary: string;
  place: string;
  startAt: Date;
  endAt: Date;
  /** Seats; sign-ups never exceed it (`signedUp` is kept in the same transaction as each sign-up). */
  capacity: number;
  signedUp: number;
  /** Who may sign up: members in one of `departmentIds` (subtrees; empty = anyone) holding one of `audiences` (empty = any). */
  departmentIds: string[];
  departmentNames: string[];
  audiences: Audience[];
  preReading: LinkedCourseDoc | null;
  /** The pre-test (课前测验): a course with a quiz; `preTestRequired` makes its pass a condition of signing up. */
  preTest: LinkedCourseDoc | null;
  preTestRequired: boolean;
  postQuiz: LinkedCourseDoc | null;
  /** The evaluation survey (课后评估); empty = none. */
  survey: SurveyQuestionDoc[];
  files: TakeawayFileDoc[];
  status: ClassroomSessionStatus;
  /** The managing scope: trainers and admins whose scope covers it; null = company-wide (unscoped grants only). */
  scopeDepartmentId: string | null;
  ownerId: string;
  ownerName: string;
  /** Signs the rotating attendance codes (server/classroom/attendance.ts); never leaves the server. */
  attendSecret: string;
  /** The sign-up lease (server/core/lease.ts); absent when free. */
  lease?: { holder: string; until: Date } | null;
  createdAt: Date;
  updatedAt: Date;
  cancelledAt: Date | null;
}

/** signed_up (已报名) or cancelled (已取消) by the member; attendance is `attendedAt`. */
export const CLASSROOM_SIGNUP_STATUSES = ['signed_up', 'cancelled'] as const;
export type ClassroomSignupStatus = (typeof CLASSROOM_SIGNUP_STATUSES)[number];

/** Collection `classroomSignups`, `_id` = `<sessionId>:<memberId>`: one per member and session, attendance included. */
export interface ClassroomSignupDoc {
  _id: string;
  sessionId: string;
  memberId: string;
  name: string;
  employeeNo: string | null;
  departmentId: string;
  departmentPath: string[];
  status: ClassroomSignupStatus;
  signedUpAt: Date;
  cancelledAt: Date | null;
  /** Set once, by the first accepted scan (签到). */
  attendedAt: Date | null;
  /** Whether the member answered the survey (its answers live in `classroomSurveys`, anonymous to the trainer). */
  surveyed: boolean;
  updatedAt: Date;
}

/** Collection `classroomSurveys`, `_id` = `<sessionId>:<memberId>`: one answer sheet per attendee. */
export interface ClassroomSurveyDoc {
  _id: string;
  sessionId: string;
  memberId: string;
  /** Rating questions' answers, 1–5, by question id. */
  ratings: Record<string, number>;
  /** Open questions' answers (content-checked), by question id. */
  answers: Record<string, string>;
  submittedAt: Date;
}
