/**
 * Function `classroom` (线下课, blended learning around a classroom session): trainers create, edit and
 * cancel sessions, show the rotating attendance code, follow attendance and the evaluation survey, and
 * export both; members in the audience sign up (a pre-test pass may be required), cancel, attend by
 * scanning the code, answer the survey and open the take-away files.
 *
 * Times are Beijing wall-clock: a day `YYYY-MM-DD` and `HH:mm` start and end on that day.
 */
import * as z from 'zod/mini';
import { contract, recordKey } from '../contract';
import type { Audience, ClassroomSessionStatus, SurveyQuestionKind, TakeawayFileDoc, TakeawayFileType } from '../domain';
import { AUDIENCES, SURVEY_QUESTION_KINDS } from '../domain';
import { clientId, day, id, requiredText, text } from '../schema';
import { TAKEAWAY_LIMITS, takeawayFilesSchema } from '../takeaway-files';
export { takeawayFileOf } from '../takeaway-files';
import { type Page, pageInputShape } from './paging';

export const CLASSROOM_LIMITS = {
  title: 40,
  summary: 1000,
  place: 60,
  /** Seats per session: also bounds attendance and survey answers, which the trainer's views read whole. */
  capacity: 500,
  departments: 50,
  ...TAKEAWAY_LIMITS,
  questions: 10,
  prompt: 100,
  openAnswer: 500,
  /** The attendance code's token (the mini-program code's scene holds at most 32 characters). */
  token: 32,
} as const;

/**
 * When a member may scan (签到时间): from this many minutes before the start until the end. Signing up and
 * cancelling close when scanning opens; the survey opens at the member's scan and stays open until
 * SURVEY_OPEN_DAYS after the end.
 */
export const ATTEND_EARLY_MINUTES = 30;
export const SURVEY_OPEN_DAYS = 7;
/** The attendance code changes every this many seconds; a code is accepted for two periods (up to a minute). */
export const ATTEND_CODE_SECONDS = 30;

/**
 * Where a session stands: open (报名中), full (已满), in_progress (签到中: the attendance window is open,
 * sign-ups are closed), ended (已结束), cancelled (已取消).
 */
export const SESSION_PHASES = ['open', 'full', 'in_progress', 'ended', 'cancelled'] as const;
export type SessionPhase = (typeof SESSION_PHASES)[number];

/** The member's part: none, signed up, attended (已签到). */
export const MY_SESSION_STATES = ['none', 'signed_up', 'attended'] as const;
export type MySessionState = (typeof MY_SESSION_STATES)[number];

const hhmm = z.string().check(z.regex(/^([01]\d|2[0-3]):[0-5]\d$/, '时间格式应为 HH:mm'));
const sessionRef = { sessionId: id };

const surveyQuestion = z.strictObject({
  id: recordKey,
  kind: z.enum(SURVEY_QUESTION_KINDS),
  prompt: requiredText(CLASSROOM_LIMITS.prompt),
});

/** What a trainer edits. Course ids name published courses; the pre-test's course must have a quiz. */
export const sessionFieldsShape = {
  title: requiredText(CLASSROOM_LIMITS.title),
  summary: z._default(text(CLASSROOM_LIMITS.summary), ''),
  place: requiredText(CLASSROOM_LIMITS.place),
  day,
  startTime: hhmm,
  endTime: hhmm,
  capacity: z.int().check(z.gte(1), z.lte(CLASSROOM_LIMITS.capacity)),
  departmentIds: z._default(z.array(id).check(z.maxLength(CLASSROOM_LIMITS.departments)), []),
  audiences: z._default(z.array(z.enum(AUDIENCES)).check(z.maxLength(AUDIENCES.length)), []),
  preReadingCourseId: z._default(z.nullable(id), null),
  preTestCourseId: z._default(z.nullable(id), null),
  preTestRequired: z._default(z.boolean(), false),
  postQuizCourseId: z._default(z.nullable(id), null),
  survey: z._default(z.array(surveyQuestion).check(z.maxLength(CLASSROOM_LIMITS.questions)), []),
  files: takeawayFilesSchema,
};

export interface LinkedCourseView {
  courseId: string;
  title: string;
}

export interface SurveyQuestionView {
  id: string;
  kind: SurveyQuestionKind;
  prompt: string;
}

/** One line of a session list. */
export interface SessionSummaryView {
  id: string;
  title: string;
  place: string;
  day: string;
  startTime: string;
  endTime: string;
  capacity: number;
  signedUp: number;
  phase: SessionPhase;
  mine: MySessionState;
}

/** A session as a member sees it. */
export interface SessionView extends SessionSummaryView {
  summary: string;
  /** ISO 8601 instants of the start, the end and the attendance window's opening. */
  startAt: string;
  endAt: string;
  attendFrom: string;
  departmentNames: string[];
  audiences: Audience[];
  preReading: LinkedCourseView | null;
  /** The pre-test, and whether the caller passed it (null: not taken yet). */
  preTest: (LinkedCourseView & { required: boolean; passed: boolean }) | null;
  postQuiz: LinkedCourseView | null;
  survey: SurveyQuestionView[];
  /** Whether the caller may answer the survey now, and whether they did. */
  surveyOpen: boolean;
  surveyed: boolean;
  /** Take-away files with a temporary download URL (null when the file cannot be served). */
  files: { name: string; fileType: TakeawayFileType; url: string | null }[];
  /** The caller manages this session. */
  manager: boolean;
  status: ClassroomSessionStatus;
}

/** A session as its trainer edits it. */
export interface SessionEditView {
  id: string;
  title: string;
  summary: string;
  place: string;
  day: string;
  startTime: string;
  endTime: string;
  capacity: number;
  departmentIds: string[];
  departmentNames: string[];
  audiences: Audience[];
  preReadingCourseId: string | null;
  preTestCourseId: string | null;
  preTestRequired: boolean;
  postQuizCourseId: string | null;
  /** The linked courses with their titles as saved (an editor shows them without reading each course). */
  preReading: LinkedCourseView | null;
  preTest: LinkedCourseView | null;
  postQuiz: LinkedCourseView | null;
  survey: SurveyQuestionView[];
  files: TakeawayFileDoc[];
  status: ClassroomSessionStatus;
  signedUp: number;
  attended: number;
  surveyed: number;
  /** The managing scope's display path ('全公司' when company-wide). */
  scopeLabel: string;
}

/** The code the trainer shows: a mini-program code image carrying the current token. */
export interface AttendanceCodeView {
  token: string;
  /** `data:image/png;base64,...` */
  code: string;
  /** The page and query the code opens, for a device that cannot scan (and for tests). */
  page: string;
  /** ISO 8601: when the trainer's page should fetch the next code. */
  refreshAt: string;
  attended: number;
  signedUp: number;
}

export interface AttendeeView {
  memberId: string;
  name: string;
  employeeNo: string | null;
  departmentPath: string[];
  signedUpAt: string;
  attendedAt: string | null;
  surveyed: boolean;
}

export interface RatingResultView {
  questionId: string;
  prompt: string;
  answers: number;
  /** Average to two decimals, or null without answers. */
  average: number | null;
  /** How many answered 1, 2, 3, 4, 5. */
  distribution: [number, number, number, number, number];
}

export interface OpenResultView {
  questionId: string;
  prompt: string;
  /** Non-empty answers, newest first (anonymous). */
  answers: string[];
}

export interface SurveyResultsView {
  responses: number;
  attended: number;
  ratings: RatingResultView[];
  open: OpenResultView[];
}

export interface AttendResult {
  sessionId: string;
  title: string;
  attendedAt: string;
  /** False when the member had already attended (a second scan changes nothing). */
  firstTime: boolean;
  /** Points this scan paid under the admin's rule for 线下课签到 (0 on a repeat, when the rule pays none or a cap is reached). */
  points: number;
}

export interface ClassroomExport {
  fileID: string;
  url: string;
  rows: number;
}

export const classroomContracts = {
  /** Sessions the caller may sign up for or signed up for, from those that end within the last week, soonest first. */
  list: contract<Page<SessionSummaryView>>()(z.strictObject({ ...pageInputShape })),
  detail: contract<SessionView>()(z.strictObject(sessionRef)),
  signUp: contract<SessionView>()(z.strictObject(sessionRef)),
  cancelSignUp: contract<SessionView>()(z.strictObject(sessionRef)),
  /** The token read from the trainer's code (`scene` of the mini-program code). */
  attend: contract<AttendResult>()(z.strictObject({ token: z.string().check(z.trim(), z.minLength(1), z.maxLength(CLASSROOM_LIMITS.token)) })),
  submitSurvey: contract<SessionView>()(
    z.strictObject({
      ...sessionRef,
      ratings: z.record(recordKey, z.int().check(z.gte(1), z.lte(5))),
      answers: z._default(z.record(recordKey, text(CLASSROOM_LIMITS.openAnswer)), {}),
    }),
  ),
  /** Sessions the caller manages, newest start first. */
  managed: contract<Page<SessionSummaryView>>()(z.strictObject({ ...pageInputShape })),
  get: contract<SessionEditView>()(z.strictObject(sessionRef)),
  /**
   * Creates a session (no `sessionId`; `requestId` required, so a retry creates it once) or edits one;
   * answers the saved session.
   */
  save: contract<SessionEditView>()(z.strictObject({ sessionId: z.optional(id), requestId: z.optional(clientId), ...sessionFieldsShape })),
  cancel: contract<SessionEditView>()(z.strictObject(sessionRef)),
  attendanceCode: contract<AttendanceCodeView>()(z.strictObject(sessionRef)),
  attendees: contract<Page<AttendeeView>>()(z.strictObject({ ...sessionRef, ...pageInputShape })),
  surveyResults: contract<SurveyResultsView>()(z.strictObject(sessionRef)),
  exportAttendance: contract<ClassroomExport>()(z.strictObject(sessionRef)),
  exportSurvey: contract<ClassroomExport>()(z.strictObject(sessionRef)),
};
