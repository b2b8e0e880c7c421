/** The one status-to-colour map: a state reads in the same colour wherever the app shows it. */
import {
  campaignPhaseTheme,
  CONTEST_STATUS_THEMES,
  COURSE_STATUS_THEMES,
  DONE_THEME,
  doneTheme,
  ENROLLMENT_STATUS_THEMES,
  LATE_THEME,
  OPEN_THEME,
  REVISION_STATUS_THEMES,
  WAITING_THEME,
} from '../../../miniprogram/utils/status-themes';

test('done or live is success, waiting is warning, refused or late is danger, open to act on is primary', () => {
  expect([
    COURSE_STATUS_THEMES.published,
    REVISION_STATUS_THEMES.published,
    CONTEST_STATUS_THEMES.published,
    ENROLLMENT_STATUS_THEMES.enrolled,
    DONE_THEME,
  ]).toEqual(Array(5).fill('success'));
  expect(campaignPhaseTheme({ phase: 'running', signUpOpen: false })).toBe('success');
  expect(campaignPhaseTheme({ phase: 'running', signUpOpen: true })).toBe('success');
  expect([COURSE_STATUS_THEMES.in_review, ENROLLMENT_STATUS_THEMES.pending, ENROLLMENT_STATUS_THEMES.waitlisted, WAITING_THEME]).toEqual(
    Array(4).fill('warning'),
  );
  expect([REVISION_STATUS_THEMES.returned, ENROLLMENT_STATUS_THEMES.rejected, LATE_THEME]).toEqual(Array(3).fill('danger'));
  expect([campaignPhaseTheme({ phase: 'upcoming', signUpOpen: true }), OPEN_THEME]).toEqual(['primary', 'primary']);
  expect([
    campaignPhaseTheme({ phase: 'upcoming', signUpOpen: false }),
    campaignPhaseTheme({ phase: 'ended', signUpOpen: false }),
    COURSE_STATUS_THEMES.draft,
    ENROLLMENT_STATUS_THEMES.quit,
  ]).toEqual(Array(4).fill('default'));
  expect([doneTheme(true), doneTheme(false)]).toEqual(['success', 'warning']);
});
