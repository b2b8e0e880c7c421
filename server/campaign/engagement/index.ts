/** The engagement actions of `campaign` (feed, leaderboards, certificates, reminders, dashboard). */
import { myCertificate } from './certificate';
import { comment, comments, deleteComment } from './comments';
import { dashboard, dashboardMembers } from './dashboard';
import { exportRoster } from './export';
import { feature, feed, like, review, unlike } from './feed';
import { memberLeaderboard, teamLeaderboard } from './leaderboards';
import { reminderSettings, subscribeReminder } from './reminders';

export const engagementActions = {
  feed,
  like,
  unlike,
  comments,
  comment,
  deleteComment,
  memberLeaderboard,
  teamLeaderboard,
  myCertificate,
  reminderSettings,
  subscribeReminder,
  feature,
  review,
  dashboard,
  dashboardMembers,
  exportRoster,
};

export { issueCertificateIfEligible } from './certificate';
export { runReminders } from './reminder-run';
