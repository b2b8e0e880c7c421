/** The engagement actions of `campaign` (feed, leaderboards, certificates, reminders, dashboard). */
export const engagementActions = {};
