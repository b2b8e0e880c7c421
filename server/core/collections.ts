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
  /** One-time bind codes (绑定码) an admin issued, `_id` = member id; only a salted hash of the code is stored. */
  bindCodes: 'bindCodes',
  /** Every binding attempt (绑定记录), success or failure, for admins to review. */
  bindLog: 'bindLog',
  /** Web console sign-in requests (扫码登录), `_id` = the mini-program code's scene; good for 2 minutes, once. */
  consoleLogins: 'consoleLogins',
  consoleLoginLimits: 'consoleLoginLimits',
  /** Signed-in web consoles (登录设备), `_id` = the CloudBase custom user id (server/core/console-session.ts). */
  consoleSessions: 'consoleSessions',
  /** One-time invitation codes (邀请码), `_id` = the code. */
  invitations: 'invitations',
  courses: 'courses',
  /** Ordered sets of courses (系列课). */
  series: 'series',
  /** One learner's record per course (with its recent sessions and activity), `_id` = `<memberId>:<courseId>`. */
  learningRecords: 'learningRecords',
  /** Graded quiz submissions, `_id` = `<memberId>:<courseId>:<attemptId>`. */
  quizAttempts: 'quizAttempts',
  /** Ratings and comments, `_id` = `<courseId>:<memberId>`. */
  courseRatings: 'courseRatings',
  /** A course's rating count and sum, sharded by member hash, `_id` = `<courseId>:<shard>` (course/ratings.ts). */
  courseRatingShards: 'courseRatingShards',
  /** A course's discussion (讨论): questions and answers, likes, and the shards of their counts. */
  discussionPosts: 'discussionPosts',
  discussionLikes: 'discussionLikes',
  discussionCounters: 'discussionCounters',
  campaigns: 'campaigns',
  /** One member's part in a campaign, `_id` = `<campaignId>:<memberId>`, with their maintained progress. */
  campaignEnrollments: 'campaignEnrollments',
  /** Check-ins (打卡), `_id` = `<campaignId>:<memberId>:<day>`: one per member and planned day. */
  campaignCheckins: 'campaignCheckins',
  /** Per-day and per-team check-in counters, sharded by member hash, `_id` = `<campaignId>:<shard>`. */
  campaignCounterShards: 'campaignCounterShards',
  /** Comments on check-ins (评论), `_id` from the author and the app's request id. */
  campaignComments: 'campaignComments',
  /** Certificates of every kind (证书), `_id` = `<kind>:<source>:<memberId>` (server/core/certificates.ts). */
  certificates: 'certificates',
  /** One-time reminder subscriptions left, `_id` = `<memberId>:<templateId>`. */
  campaignReminderSubscriptions: 'campaignReminderSubscriptions',
  /** Accepted subscription panels, counted once per request id. */
  campaignReminderGrants: 'campaignReminderGrants',
  /** The one reminder per member, campaign and day, `_id` = `<campaignId>:<day>:<memberId>`. */
  campaignReminderSends: 'campaignReminderSends',
  /** How far a campaign's reminders of a day have gone, `_id` = `<campaignId>:<day>`. */
  campaignReminderRuns: 'campaignReminderRuns',
  /** The message centre (消息中心), `_id` = `<kind>:<source>:<memberId>` (server/core/notify.ts). */
  notifications: 'notifications',
  /** A member's notification kinds turned off, `_id` = member id. */
  notificationSettings: 'notificationSettings',
  /** The notification timer's cursor per source and Beijing day. */
  notificationRuns: 'notificationRuns',
  contests: 'contests',
  /** Rounds of a contest (初赛/复赛/决赛), `_id` = `<contestId>:r<n>`. */
  contestRounds: 'contestRounds',
  /** Contest entries (参赛作品). */
  contestEntries: 'contestEntries',
  /** One per member and contest, `<contestId>:<memberId>`: a member is in one entry. */
  contestParticipants: 'contestParticipants',
  /** Team invitations (组队邀请), `<entryId>:<memberId>`: pending until the invitee confirms or declines. */
  contestInvitations: 'contestInvitations',
  /** An entry's courses as submitted, `<entryId>:<courseId>`. */
  contestEntryCourses: 'contestEntryCourses',
  /** A judge's assignment and scores, `<roundId>:<entryId>:<judgeId>`. */
  contestScores: 'contestScores',
  /** An entry's standing in a round (votes, result), `<roundId>:<entryId>`. */
  contestStandings: 'contestStandings',
  /** Decided awards, `<contestId>:<awardId>`. */
  contestAwards: 'contestAwards',
  /** Published round results, 100 rows by rank per document, `<roundId>:<chunk>`. */
  contestResults: 'contestResults',
  /** Public votes (选票), `_id` a hash of round, voter, day, entry or slot: the quota lies in the ids. */
  contestBallots: 'contestBallots',
  /** Sharded vote counts of an entry in a round, `<roundId>:<entryId>:<shard>`. */
  contestVoteShards: 'contestVoteShards',
  /** A voter's counted votes per round and Beijing day, `<roundId>:<voterId>:<day>`. */
  contestVoterDays: 'contestVoterDays',
  /** Audit records of voided votes (作废记录), `<adminId>:<requestId>`. */
  contestVoteVoids: 'contestVoteVoids',
  /** Drafts, revisions under review and published history (`<courseId>:<n>`). */
  courseRevisions: 'courseRevisions',
  /** The author's side of each course (我的课程), `_id` = course id. */
  courseAuthoring: 'courseAuthoring',
  /** Review gate settings (`_id` = 'review'), the author ladder ('authors') and the authoring rewards' watermarks ('rewards'). */
  authoringSettings: 'authoringSettings',
  /** An author's level (作者等级) and its changes, `_id` = member id. */
  authorLevels: 'authorLevels',
  /** 年度作者评选, `_id` = `y<year>`: the year's award list, draft then published (server/authoring/awards.ts). */
  authorAwardYears: 'authorAwardYears',
  /** Required courses and series (必修). */
  assignments: 'assignments',
  /** One targeted member per assignment, `<assignmentId>:<memberId>`, with their progress. */
  assignmentTargets: 'assignmentTargets',
  /** Maintained points balances (积分余额), `_id` = member id. */
  pointsAccounts: 'pointsAccounts',
  /** Append-only points ledger (积分明细), `_id` from the entry's idempotency key. */
  pointsLedger: 'pointsLedger',
  /** No longer written: the daily caps' totals live on the account (server/points/events.ts). Kept declared for existing data. */
  pointsDaily: 'pointsDaily',
  /** Earning rules (积分规则), one document `current`. */
  pointsRules: 'pointsRules',
  /** Gift mall items (积分商城礼品). */
  mallItems: 'mallItems',
  /** Codes of virtual items, `_id` = `<itemId>:<sequence>`, handed out in order. */
  mallCodes: 'mallCodes',
  /** Redemption orders (兑换订单), `_id` from member + request id. */
  mallOrders: 'mallOrders',
  /** No longer written: the limits' counts live on the account (server/points/mall/orders.ts). Kept declared for existing data. */
  mallQuotas: 'mallQuotas',
  /** Shares (分享), `_id` = the share token. */
  shares: 'shares',
  /** Sharded counters of a share, `_id` = `<token>:<shard>`. */
  shareCounters: 'shareCounters',
  /** A member's open of a share, `_id` = `<token>:<memberId>`. */
  shareOpens: 'shareOpens',
  /** An outsider's open of a share, `_id` = `<token>:<hash of the OPENID>`. */
  shareOutsiders: 'shareOutsiders',
  /** The first share that brought a member to a target, `_id` = `<memberId>:<targetKind>:<targetId>`. */
  shareAttributions: 'shareAttributions',
  /** A sharer's totals per campaign or contest share leaderboard, `_id` = `<boardKind>:<boardId>:<sharerId>`. */
  shareBoards: 'shareBoards',
  /** Per member, course, Beijing day and time slot: learning activity (heatmap), derived from the records by the report rollup, `_id` = `<memberId>:<courseId>:<day>:<slot>`. */
  learningActivity: 'learningActivity',
  /** Rolled-up course figures per department, `_id` = `<courseId>|<departmentId>`. */
  reportCourseDepts: 'reportCourseDepts',
  /** Rolled-up figures of each department over all courses, `_id` = department id ('*' for everyone). */
  reportDepts: 'reportDepts',
  /** Rolled-up heatmap cells per department and ISO week, `_id` = `<departmentId>|<week>`. */
  reportActivity: 'reportActivity',
  /** The rollup's watermarks and lease, `_id` = 'rollup'. */
  reportState: 'reportState',
  /** Data migrations' progress, `_id` = the migration's id (server/core/migrations.ts). */
  migrations: 'migrations',
  /** The admin audit log (操作日志), append-only; see server/core/audit.ts. */
  adminAudit: 'adminAudit',
  /** Points one admin adjusted on one Beijing day, `_id` = `<adminId>:<YYYY-MM-DD>` (the daily ceiling). */
  pointsAdjusterDaily: 'pointsAdjusterDaily',
  /** Exported workbooks in private storage (导出文件), `_id` = the file's random name; deleted after a day. */
  exportFiles: 'exportFiles',
  /** Take-away files a course dropped, `_id` derived from the file id; see typings/docs/storage.ts. */
  releasedFiles: 'releasedFiles',
  /** WeChat media checks of member uploads (内容安全), `_id` derived from the file id (server/core/media-check.ts). */
  mediaChecks: 'mediaChecks',
  /** Classroom sessions (线下课), `_id` = 12 random letters and digits (typings/docs/classroom.ts). */
  classroomSessions: 'classroomSessions',
  /** A member's sign-up and attendance (签到) per session, `_id` = `<sessionId>:<memberId>`. */
  classroomSignups: 'classroomSignups',
  /** Evaluation survey answers (课后评估), one per attendee, `_id` = `<sessionId>:<memberId>`. */
  classroomSurveys: 'classroomSurveys',
} as const;

export type CollectionName = (typeof COLLECTIONS)[keyof typeof COLLECTIONS];
