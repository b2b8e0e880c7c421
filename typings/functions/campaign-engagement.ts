/**
 * Function `campaign`, the engagement half (打卡社区与看板): the feed, leaderboards, certificates, reminder
 * subscriptions and the trainer's dashboard. Spread into `campaignContracts`.
 */
export const campaignEngagementContracts = {};
