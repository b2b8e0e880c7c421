/**
 * Every collection the server uses, by name. database/collections.json declares each one (a test checks it);
 * server code names collections only through this map.
 */
export const COLLECTIONS = {
  members: 'members',
  bindings: 'bindings',
  departments: 'departments',
  /** Failed binding attempts per OPENID / employee number and time window (throttling). */
  bindAttempts: 'bindAttempts',
  /** One-time invitation codes (邀请码), `_id` = the code. */
  invitations: 'invitations',
  courses: 'courses',
  /** Ordered sets of courses (系列课). */
  series: 'series',
  /** One learner's record per course, `_id` = `<memberId>:<courseId>`. */
  learningRecords: 'learningRecords',
  /** Last progress report per player session, `_id` = `<memberId>:<courseId>:<sessionId>`. */
  studySessions: 'studySessions',
  /** A learner's study totals, `_id` = member id. */
  memberStudy: 'memberStudy',
  /** Graded quiz submissions, `_id` = `<memberId>:<courseId>:<attemptId>`. */
  quizAttempts: 'quizAttempts',
  /** Ratings and comments, `_id` = `<courseId>:<memberId>`. */
  courseRatings: 'courseRatings',
  campaigns: 'campaigns',
  contests: 'contests',
} as const;

export type CollectionName = (typeof COLLECTIONS)[keyof typeof COLLECTIONS];
