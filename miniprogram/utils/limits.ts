/**
 * The contract's numeric limits the app's forms show and enforce (maxlength, counters, how many pictures).
 * The mini-program imports only types from typings/, so these are copies typed against the contract's
 * constants: a changed number there fails the type check here. Templates read them from page data.
 */
import type { CAMPAIGN_LIMITS as CONTRACT_CAMPAIGN_LIMITS } from '../../typings/functions/campaign';
import type { MAX_COMMENT_LENGTH, MAX_REVIEW_LENGTH } from '../../typings/functions/campaign-engagement';
import type { ADMIN_LIMITS as CONTRACT_ADMIN_LIMITS } from '../../typings/functions/admin';
import type { LIMITS as CONTRACT_AUTHORING_LIMITS } from '../../typings/functions/authoring';
import type { CONTEST_LIMITS as CONTRACT_CONTEST_LIMITS } from '../../typings/functions/contest';
import type { VOTING_LIMITS as CONTRACT_VOTING_LIMITS } from '../../typings/functions/contest-voting';
import type { LEARNER_LEVEL_LIMITS as CONTRACT_LEARNER_LEVEL_LIMITS, MALL_LIMITS as CONTRACT_MALL_LIMITS } from '../../typings/functions/points';
import type { BIND_LIMITS as CONTRACT_BIND_LIMITS } from '../../typings/functions/user';
import type { CERTIFICATE_LIMITS as CONTRACT_CERTIFICATE_LIMITS } from '../../typings/functions/certificate';
import type { POINTS_LIMITS as CONTRACT_POINTS_LIMITS } from '../../typings/schema';
import type { AUTHOR_LIMITS as CONTRACT_AUTHOR_LIMITS } from '../../typings/functions/authors';
import type { CLASSROOM_LIMITS as CONTRACT_CLASSROOM_LIMITS } from '../../typings/functions/classroom';
import type { DISCUSSION_LIMITS as CONTRACT_DISCUSSION_LIMITS } from '../../typings/functions/discussion';
import type { TAKEAWAY_LIMITS as CONTRACT_TAKEAWAY_LIMITS } from '../../typings/takeaway-files';

/** typings/functions/campaign.ts CAMPAIGN_LIMITS. */
export const CAMPAIGN_LIMITS: typeof CONTRACT_CAMPAIGN_LIMITS = {
  title: 40,
  summary: 2000,
  days: 100,
  taskPrompt: 500,
  departments: 50,
  teams: 20,
  teamName: 20,
  milestones: 10,
  checkinText: 2000,
  checkinPictures: 9,
};

/** typings/functions/campaign-engagement.ts: a comment on a check-in and a trainer's review of it. */
export const CHECKIN_COMMENT_LIMITS: { comment: typeof MAX_COMMENT_LENGTH; review: typeof MAX_REVIEW_LENGTH } = { comment: 500, review: 500 };

/** typings/functions/user.ts BIND_LIMITS. */
export const BIND_LIMITS: typeof CONTRACT_BIND_LIMITS = { employeeNo: 32, name: 32, bindCode: 32, invitationCode: 32, phoneCode: 128 };

/** typings/functions/authoring.ts LIMITS: courses, series, quizzes and reviews. */
export const AUTHORING_LIMITS: typeof CONTRACT_AUTHORING_LIMITS = {
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
  dimensions: 10,
  dimensionWeight: 100,
  reviewersPerRevision: 5,
  durationMinutes: 600,
  seriesCourses: 50,
};

/** typings/functions/contest.ts CONTEST_LIMITS and typings/functions/contest-voting.ts VOTING_LIMITS. */
export const CONTEST_LIMITS: typeof CONTRACT_CONTEST_LIMITS & typeof CONTRACT_VOTING_LIMITS = {
  title: 40,
  theme: 100,
  summary: 500,
  rules: 10_000,
  topicTitle: 40,
  topicDescription: 500,
  awardName: 20,
  roundName: 20,
  dimensionName: 20,
  teamName: 20,
  employeeNo: 32,
  teammateName: 40,
  entryTitle: 40,
  scoreComment: 1000,
  judgeKeyword: 40,
  dimensions: 10,
  teamMembers: 10,
  entryCourses: 10,
  voidReason: 200,
};

/** typings/functions/points.ts MALL_LIMITS. */
export const MALL_LIMITS: typeof CONTRACT_MALL_LIMITS = {
  itemName: 40,
  itemDescription: 2000,
  itemPictures: 9,
  stock: 1_000_000,
  perMemberLimit: 1000,
  codesPerBatch: 200,
  codeLength: 200,
  orderNote: 200,
  adjustReason: 100,
};

/** typings/functions/admin.ts ADMIN_LIMITS; `invitationDaysDigits` sizes the number input. */
export const ADMIN_LIMITS: typeof CONTRACT_ADMIN_LIMITS & { invitationDaysDigits: number } = {
  keyword: 32,
  employeeNo: 32,
  invitationName: 32,
  invitationNote: 100,
  invitationDays: 30,
  rosterFileBytes: 5 * 1024 * 1024,
  invitationDaysDigits: 2,
};

/** The learner ladder (typings/functions/points.ts LEARNER_LEVEL_LIMITS). */
export const LEARNER_LEVEL_LIMITS: typeof CONTRACT_LEARNER_LEVEL_LIMITS = { levels: 10, levelName: 10, minEarned: 100_000_000 };

/** typings/schema.ts POINTS_LIMITS: the largest points amount (prices, rules, adjustments) and award. */
export const POINTS_LIMITS: typeof CONTRACT_POINTS_LIMITS = { amount: 1_000_000, award: 100_000 };
/** The author ladder (typings/functions/authors.ts AUTHOR_LIMITS). */
export const AUTHOR_LIMITS: typeof CONTRACT_AUTHOR_LIMITS = { levels: 6, levelName: 10, count: 1_000_000 };

/** typings/functions/certificate.ts CERTIFICATE_LIMITS: a verification code, and what the code field accepts. */
export const CERTIFICATE_LIMITS: typeof CONTRACT_CERTIFICATE_LIMITS = { code: 16, codeInput: 24 };

/** typings/takeaway-files.ts TAKEAWAY_LIMITS: a course's or a session's take-away files. */
export const TAKEAWAY_LIMITS: typeof CONTRACT_TAKEAWAY_LIMITS = { files: 10, fileName: 60, fileBytes: 20 * 1024 * 1024 };

/** typings/functions/classroom.ts CLASSROOM_LIMITS. */
export const CLASSROOM_LIMITS: typeof CONTRACT_CLASSROOM_LIMITS = {
  title: 40,
  summary: 1000,
  place: 60,
  capacity: 500,
  departments: 50,
  ...TAKEAWAY_LIMITS,
  questions: 10,
  prompt: 100,
  openAnswer: 500,
  token: 32,
};

/** typings/functions/discussion.ts DISCUSSION_LIMITS: a course's questions and answers. */
export const DISCUSSION_LIMITS: typeof CONTRACT_DISCUSSION_LIMITS = {
  questionMin: 2,
  questionMax: 500,
  answerMin: 1,
  answerMax: 1000,
  postsPerHour: 30,
  courseSection: 3,
};
