/**
 * The contract's numeric limits the app's forms show and enforce (maxlength, counters, how many pictures).
 * The mini-program imports only types from typings/, so these are copies typed against the contract's
 * constants: a changed number there fails the type check here. Templates read them from page data.
 */
import type { CAMPAIGN_LIMITS as CONTRACT_CAMPAIGN_LIMITS } from '../../typings/functions/campaign';
import type { MAX_COMMENT_LENGTH, MAX_REVIEW_LENGTH } from '../../typings/functions/campaign-engagement';
import type { BIND_LIMITS as CONTRACT_BIND_LIMITS } from '../../typings/functions/user';
import type { AUTHOR_LIMITS as CONTRACT_AUTHOR_LIMITS } from '../../typings/functions/authors';

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

/** The author ladder (typings/functions/authors.ts AUTHOR_LIMITS). */
export const AUTHOR_LIMITS: typeof CONTRACT_AUTHOR_LIMITS = { levels: 6, levelName: 10, count: 1_000_000 };
