/**
 * The one status-to-colour map: every page that shows a status as a TDesign tag takes its theme from here, so
 * a state reads in the same colour wherever it appears (the campaign list and its detail page once painted
 * 进行中 and 已报名 in different colours). Keyed by the contract's unions like utils/labels.ts, so a new state
 * fails type-checking until it has a colour.
 *
 * Meaning of the themes: success = done or live (进行中, 已报名, 已发布); primary = open to act on (报名中,
 * 评审中); warning = waiting on someone (待审核, 候补中, 待评分); danger = refused or late (未通过, 已退回,
 * 已逾期); default = not active (草稿, 已结束).
 */
import type { CourseStatus, EnrollmentStatus, PublicationStatus } from '../../typings/domain';
import type { RevisionStatus } from '../../typings/functions/authoring';
import type { CampaignPhase } from '../../typings/functions/campaign';

/** The `theme` values of TDesign's t-tag. */
export type TagTheme = 'default' | 'primary' | 'success' | 'warning' | 'danger';

export const CAMPAIGN_PHASE_THEMES: Record<CampaignPhase, TagTheme> = {
  draft: 'default',
  upcoming: 'default',
  running: 'success',
  ended: 'default',
  archived: 'default',
};

/** A campaign's phase tag; an upcoming campaign whose sign-up is open (报名中) invites action. */
export function campaignPhaseTheme(campaign: { phase: CampaignPhase; signUpOpen: boolean }): TagTheme {
  return campaign.signUpOpen && campaign.phase === 'upcoming' ? 'primary' : CAMPAIGN_PHASE_THEMES[campaign.phase];
}

export const ENROLLMENT_STATUS_THEMES: Record<EnrollmentStatus, TagTheme> = {
  enrolled: 'success',
  pending: 'warning',
  waitlisted: 'warning',
  rejected: 'danger',
  quit: 'default',
};

/** The publishing states courses, revisions and contests share (草稿 → 审核中 → 已发布, 已退回, 已归档): one colour each. */
const PUBLISHING_THEMES = {
  draft: 'default',
  in_review: 'warning',
  published: 'success',
  returned: 'danger',
  archived: 'default',
} as const satisfies Record<CourseStatus | RevisionStatus | 'archived', TagTheme>;

export const COURSE_STATUS_THEMES: Record<CourseStatus, TagTheme> = PUBLISHING_THEMES;
export const REVISION_STATUS_THEMES: Record<RevisionStatus, TagTheme> = PUBLISHING_THEMES;
export const CONTEST_STATUS_THEMES: Record<PublicationStatus, TagTheme> = PUBLISHING_THEMES;

/** Two-state work items (评分, 提交, 必修课): done, or still waiting. */
export const DONE_THEME: TagTheme = 'success';
export const WAITING_THEME: TagTheme = 'warning';
/** Past its deadline and not done. */
export const LATE_THEME: TagTheme = 'danger';
/** Open for the member to act on now (评审中, the current round). */
export const OPEN_THEME: TagTheme = 'primary';

/** The tag of a two-state item: done, or still waiting for someone. */
export function doneTheme(done: boolean): TagTheme {
  return done ? DONE_THEME : WAITING_THEME;
}
