/**
 * The authorisation matrix: every action of every function in server/functions.ts, called as each kind of
 * caller, allowed or denied with the exact code. Adding an action without a row here fails this test.
 * Inputs are minimal and valid where easy; an allowed call may still answer INVALID_INPUT, NOT_FOUND etc.
 */
import type { Access, Role } from '../../typings/roles';
import { FUNCTIONS } from '../../server/functions';
import { CONTEST_ORGANISER_ROLES } from '../../typings/functions/contest';
import { useTestCloud } from '../helpers/local-cloud';
import { functionOf, invoke } from '../helpers/invoke';
import { grant, seedMember } from '../helpers/db';

type Identity = 'anonymous' | 'nonMember' | 'inactive' | 'learner' | 'trainer' | 'reviewer' | 'judge' | 'admin';

const OPENIDS: Record<Exclude<Identity, 'anonymous'>, string> = {
  nonMember: 'o-matrix-stranger',
  inactive: 'o-matrix-inactive',
  learner: 'o-matrix-learner',
  trainer: 'o-matrix-trainer',
  reviewer: 'o-matrix-reviewer',
  judge: 'o-matrix-judge',
  admin: 'o-matrix-admin',
};

interface Row {
  roles: Access;
  input: Record<string, unknown>;
}

const ADMIN_ONLY: Access = ['admin'];
const MEMBERS: Access = ['learner'];
/** Contests are run by trainers and admins (typings/functions/contest.ts). */
const ORGANISERS: Access = CONTEST_ORGANISER_ROLES;

/** Every action, who may call it, and a minimal input. */
const MATRIX: Record<string, Record<string, Row>> = {
  user: {
    me: { roles: 'anyone', input: {} },
    bind: { roles: 'anyone', input: { employeeNo: 'M404', name: '无此人', bindCode: 'AAAA-BBBB-CCCC' } },
    redeemInvitation: { roles: 'anyone', input: { code: 'ZZZZZZZZ' } },
    uploadFolder: { roles: MEMBERS, input: {} },
  },
  course: {
    list: { roles: MEMBERS, input: {} },
    detail: { roles: MEMBERS, input: { courseId: 'course:none' } },
    fileUrl: { roles: MEMBERS, input: { courseId: 'course:none', index: 0 } },
    seriesList: { roles: MEMBERS, input: {} },
    seriesDetail: { roles: MEMBERS, input: { seriesId: 'series:none' } },
    quiz: { roles: MEMBERS, input: { courseId: 'course:none', attemptId: 'attempt-0001' } },
    submitQuiz: { roles: MEMBERS, input: { courseId: 'course:none', attemptId: 'attempt-0001', answers: {} } },
    rate: { roles: MEMBERS, input: { courseId: 'course:none', rating: 5 } },
    comments: { roles: MEMBERS, input: { courseId: 'course:none' } },
    discussionList: { roles: MEMBERS, input: { courseId: 'course:none' } },
    discussionThread: { roles: MEMBERS, input: { questionId: 'dq-none' } },
    discussionAsk: { roles: MEMBERS, input: { courseId: 'course:none', requestId: 'matrix-ask-1', text: '请问这门课' } },
    discussionAnswer: { roles: MEMBERS, input: { questionId: 'dq-none', requestId: 'matrix-answer-1', text: '答' } },
    discussionLike: { roles: MEMBERS, input: { postId: 'dq-none', liked: true } },
    discussionAccept: { roles: MEMBERS, input: { answerId: 'da-none' } },
    discussionHide: { roles: MEMBERS, input: { postId: 'dq-none' } },
    discussionDelete: { roles: MEMBERS, input: { postId: 'dq-none' } },
    discussionQueue: { roles: MEMBERS, input: {} },
    home: { roles: MEMBERS, input: {} },
    myLearning: { roles: MEMBERS, input: {} },
  },
  learning: { report: { roles: MEMBERS, input: { courseId: 'course:none', sessionId: 'session-0001', seq: 1, position: 0, state: 'playing' } } },
  campaign: {
    list: { roles: MEMBERS, input: {} },
    mine: { roles: MEMBERS, input: {} },
    detail: { roles: MEMBERS, input: { campaignId: 'c:none' } },
    signUp: { roles: MEMBERS, input: { campaignId: 'c:none' } },
    quit: { roles: MEMBERS, input: { campaignId: 'c:none' } },
    checkIn: { roles: MEMBERS, input: { campaignId: 'c:none', text: '打卡', requestId: 'request-0001' } },
    makeUp: { roles: MEMBERS, input: { campaignId: 'c:none', day: '2026-01-01', text: '补卡', requestId: 'request-0001' } },
    myCheckin: { roles: MEMBERS, input: { campaignId: 'c:none', day: '2026-01-01' } },
    calendar: { roles: MEMBERS, input: { campaignId: 'c:none' } },
    streak: { roles: MEMBERS, input: { campaignId: 'c:none' } },
    managed: { roles: ['trainer', 'admin'], input: {} },
    get: { roles: ['trainer', 'admin'], input: { campaignId: 'c:none' } },
    create: { roles: ['trainer', 'admin'], input: { title: '' } },
    scopeChoices: { roles: ['trainer', 'admin'], input: {} },
    moveScope: { roles: ADMIN_ONLY, input: { campaignId: 'c:none', scopeDepartmentId: null } },
    update: { roles: ['trainer', 'admin'], input: { campaignId: 'c:none' } },
    publish: { roles: ['trainer', 'admin'], input: { campaignId: 'c:none' } },
    end: { roles: ['trainer', 'admin'], input: { campaignId: 'c:none' } },
    archive: { roles: ['trainer', 'admin'], input: { campaignId: 'c:none' } },
    members: { roles: ['trainer', 'admin'], input: { campaignId: 'c:none' } },
    decide: { roles: ['trainer', 'admin'], input: { campaignId: 'c:none', memberId: 'm:none', decision: 'approve' } },
    decideMany: { roles: ['trainer', 'admin'], input: { campaignId: 'c:none', memberIds: ['m:none'], decision: 'approve' } },
    assignTeam: { roles: ['trainer', 'admin'], input: { campaignId: 'c:none', memberId: 'm:none', teamId: 't1' } },
    // The engagement half: members who may see the campaign, then its managers.
    feed: { roles: MEMBERS, input: { campaignId: 'c:none' } },
    like: { roles: MEMBERS, input: { checkinId: 'c:none:m:none:2026-01-01' } },
    unlike: { roles: MEMBERS, input: { checkinId: 'c:none:m:none:2026-01-01' } },
    comments: { roles: MEMBERS, input: { checkinId: 'c:none:m:none:2026-01-01' } },
    comment: { roles: MEMBERS, input: { checkinId: 'c:none:m:none:2026-01-01', text: '加油', requestId: 'request-0001' } },
    deleteComment: { roles: MEMBERS, input: { commentId: 'cc:none' } },
    memberLeaderboard: { roles: MEMBERS, input: { campaignId: 'c:none' } },
    teamLeaderboard: { roles: MEMBERS, input: { campaignId: 'c:none' } },
    myCertificate: { roles: MEMBERS, input: { campaignId: 'c:none' } },
    reminderSettings: { roles: MEMBERS, input: {} },
    subscribeReminder: { roles: MEMBERS, input: { templateId: 'none', requestId: 'request-0001' } },
    feature: { roles: ['trainer', 'admin'], input: { checkinId: 'c:none:m:none:2026-01-01', featured: true } },
    review: { roles: ['trainer', 'admin'], input: { checkinId: 'c:none:m:none:2026-01-01', text: '' } },
    dashboard: { roles: ['trainer', 'admin'], input: { campaignId: 'c:none' } },
    dashboardMembers: { roles: ['trainer', 'admin'], input: { campaignId: 'c:none' } },
    exportRoster: { roles: ['trainer', 'admin'], input: { campaignId: 'c:none' } },
  },
  campaignReminder: { run: { roles: ADMIN_ONLY, input: {} } },
  contest: {
    list: { roles: MEMBERS, input: {} },
    detail: { roles: MEMBERS, input: { contestId: 'ct-none' } },
    signUp: { roles: MEMBERS, input: { contestId: 'ct-none', kind: 'individual', title: '作品', requestId: 'request-0001' } },
    myEntry: { roles: MEMBERS, input: { contestId: 'ct-none' } },
    submitEntry: { roles: MEMBERS, input: { entryId: 'en-none', title: '作品', courseIds: ['c:none'] } },
    entry: { roles: MEMBERS, input: { entryId: 'en-none' } },
    entries: { roles: MEMBERS, input: { roundId: 'ct-none:r1' } },
    entryCourse: { roles: MEMBERS, input: { entryId: 'en-none', courseId: 'c:none' } },
    invite: { roles: MEMBERS, input: { entryId: 'en-none', teammates: [{ employeeNo: 'E404', name: '无此人' }] } },
    withdrawInvitation: { roles: MEMBERS, input: { invitationId: 'en-none:m:none' } },
    invitations: { roles: MEMBERS, input: {} },
    answerInvitation: { roles: MEMBERS, input: { invitationId: 'en-none:m:none', accept: true } },
    leaveTeam: { roles: MEMBERS, input: { entryId: 'en-none' } },
    results: { roles: MEMBERS, input: { roundId: 'ct-none:r1' } },
    awards: { roles: MEMBERS, input: { contestId: 'ct-none' } },
    judgeRounds: { roles: ['judge'], input: {} },
    judgeAssignments: { roles: ['judge'], input: { roundId: 'ct-none:r1' } },
    judgeEntry: { roles: ['judge'], input: { roundId: 'ct-none:r1', entryId: 'en-none' } },
    saveScores: { roles: ['judge'], input: { roundId: 'ct-none:r1', entryId: 'en-none', scores: {} } },
    adminList: { roles: ORGANISERS, input: {} },
    adminDetail: { roles: ORGANISERS, input: { contestId: 'ct-none' } },
    createContest: { roles: ORGANISERS, input: {} },
    updateContest: { roles: ORGANISERS, input: { contestId: 'ct-none' } },
    updateRound: { roles: ORGANISERS, input: { roundId: 'ct-none:r1' } },
    setStatus: { roles: ORGANISERS, input: { contestId: 'ct-none', status: 'published' } },
    judgeCandidates: { roles: ORGANISERS, input: { keyword: '评委' } },
    roundEntries: { roles: ORGANISERS, input: { roundId: 'ct-none:r1', status: 'draft' } },
    setJudges: { roles: ORGANISERS, input: { roundId: 'ct-none:r1', judgeIds: ['m:a', 'm:b', 'm:c'], judgesPerEntry: 3 } },
    assignJudges: { roles: ORGANISERS, input: { roundId: 'ct-none:r1' } },
    judgeProgress: { roles: ORGANISERS, input: { roundId: 'ct-none:r1' } },
    previewResults: { roles: ORGANISERS, input: { roundId: 'ct-none:r1' } },
    publishResults: { roles: ORGANISERS, input: { roundId: 'ct-none:r1' } },
    giveAward: { roles: ORGANISERS, input: { contestId: 'ct-none', awardId: 'none', entryIds: ['en-none'] } },
    vote: { roles: MEMBERS, input: { entryId: 'en-none', requestId: 'request-0001' } },
    votesLeft: { roles: MEMBERS, input: { roundId: 'ct-none:r1', entryIds: ['en-none'] } },
    voteLeaderboard: { roles: MEMBERS, input: { roundId: 'ct-none:r1' } },
    voteAbuseReport: { roles: ORGANISERS, input: { roundId: 'ct-none:r1' } },
    voteBallots: { roles: ORGANISERS, input: { roundId: 'ct-none:r1' } },
    voidVotes: { roles: ORGANISERS, input: { ballotIds: ['cb:none'], reason: '刷票', requestId: 'request-0001' } },
  },
  admin: {
    listMembers: { roles: ADMIN_ONLY, input: {} },
    grantRole: { roles: ADMIN_ONLY, input: { memberId: 'm:none', role: 'judge' } },
    revokeRole: { roles: ADMIN_ONLY, input: { memberId: 'm:none', role: 'judge' } },
    unbindMember: { roles: ADMIN_ONLY, input: { memberId: 'm:none' } },
    listDepartments: { roles: ['admin', 'trainer'], input: {} },
    createInvitation: { roles: ADMIN_ONLY, input: { name: '伙伴', departmentId: 'dept:none' } },
    listInvitations: { roles: ADMIN_ONLY, input: {} },
    revokeInvitation: { roles: ADMIN_ONLY, input: { code: 'NONE' } },
    importRoster: { roles: ADMIN_ONLY, input: { fileID: 'cloud://local.bucket/none.csv', dryRun: true } },
    importRosterTable: { roles: ADMIN_ONLY, input: { fileName: 'none.csv', table: { kind: 'csv', text: '' }, dryRun: true } },
    issueBindCode: { roles: ADMIN_ONLY, input: { memberId: 'm:none' } },
    listBindAttempts: { roles: ADMIN_ONLY, input: {} },
    auditLog: { roles: ADMIN_ONLY, input: {} },
    exportAudit: { roles: ADMIN_ONLY, input: { kind: 'role_grant', fromDay: '2026-01-01', toDay: '2026-01-01' } },
    memberRecord: { roles: ADMIN_ONLY, input: { memberId: 'm:none' } },
    exportMemberRecord: { roles: ADMIN_ONLY, input: { memberId: 'm:none' } },
    exportMembers: { roles: ADMIN_ONLY, input: { departmentId: 'dept:none' } },
  },
  points: {
    balance: { roles: MEMBERS, input: {} },
    history: { roles: MEMBERS, input: {} },
    leaderboard: { roles: MEMBERS, input: { scope: 'department' } },
    listItems: { roles: MEMBERS, input: {} },
    getItem: { roles: MEMBERS, input: { itemId: 'item:none' } },
    redeem: { roles: MEMBERS, input: { itemId: 'item:none', requestId: 'request-0001' } },
    myOrders: { roles: MEMBERS, input: {} },
    cancelOrder: { roles: MEMBERS, input: { orderId: 'o:none' } },
    adminListItems: { roles: ADMIN_ONLY, input: {} },
    adminGetItem: { roles: ADMIN_ONLY, input: { itemId: 'item:none' } },
    createItem: { roles: ADMIN_ONLY, input: {} },
    updateItem: { roles: ADMIN_ONLY, input: { itemId: 'item:none', price: 1 } },
    restock: { roles: ADMIN_ONLY, input: { itemId: 'item:none', delta: 1 } },
    addCodes: { roles: ADMIN_ONLY, input: { itemId: 'item:none', codes: ['CODE'] } },
    adminListOrders: { roles: ADMIN_ONLY, input: {} },
    fulfilOrder: { roles: ADMIN_ONLY, input: { orderId: 'o:none', note: '' } },
    fulfilOrders: { roles: ADMIN_ONLY, input: { rows: [{ orderId: 'o:none', trackingNo: 'SF0001' }], dryRun: true, requestId: 'request-0001' } },
    adminCancelOrder: { roles: ADMIN_ONLY, input: { orderId: 'o:none' } },
    exportOrders: { roles: ADMIN_ONLY, input: { status: 'none' } },
    getRules: { roles: ADMIN_ONLY, input: {} },
    setRules: { roles: ADMIN_ONLY, input: {} },
    adjust: { roles: ADMIN_ONLY, input: { memberId: 'm:none', amount: 1, reason: '测试', requestId: 'request-0001' } },
    memberHistory: { roles: ADMIN_ONLY, input: { memberId: 'm:none' } },
    exportBalances: { roles: ADMIN_ONLY, input: { departmentId: 'dept:none' } },
    exportLedger: { roles: ADMIN_ONLY, input: { memberId: 'm:none' } },
    getAdjustSettings: { roles: ADMIN_ONLY, input: {} },
    setAdjustSettings: { roles: ADMIN_ONLY, input: { scopedAdminDailyCeiling: 'none' } },
    myLevel: { roles: MEMBERS, input: {} },
    getLearnerLevels: { roles: ADMIN_ONLY, input: {} },
    setLearnerLevels: { roles: ADMIN_ONLY, input: { levels: [{ name: '新星', minEarned: 'none' }] } },
  },
  pointsExpiry: { run: { roles: ADMIN_ONLY, input: {} } },
  storageCleanup: { run: { roles: ADMIN_ONLY, input: {} } },
  share: {
    create: { roles: MEMBERS, input: { targetKind: 'course', targetId: 'c-none', channel: 'chat', requestId: 'matrix-share-1' } },
    open: { roles: 'anyone', input: { token: 'AAAAAAAAAAAA' } },
    poster: { roles: MEMBERS, input: { targetKind: 'course', targetId: 'c-none' } },
    mine: { roles: MEMBERS, input: {} },
    leaderboard: { roles: MEMBERS, input: { boardKind: 'campaign', boardId: 'cp-none' } },
  },
  report: {
    courses: { roles: ['trainer', 'admin'], input: {} },
    course: { roles: ['trainer', 'admin'], input: { courseId: 'c-none' } },
    departments: { roles: ['trainer', 'admin'], input: {} },
    trends: { roles: ['trainer', 'admin'], input: {} },
    heatmap: { roles: ['trainer', 'admin'], input: {} },
    campaigns: { roles: ['trainer', 'admin'], input: {} },
    contests: { roles: ['trainer', 'admin'], input: {} },
    export: { roles: ['trainer', 'admin'], input: { table: 'heatmap' } },
    exportShareBoard: { roles: ['trainer', 'admin'], input: { boardKind: 'campaign', boardId: 'c:none' } },
    exportContestRanking: { roles: ORGANISERS, input: { roundId: 'ct-none:r1' } },
    exportReviewOutcomes: { roles: ['reviewer', 'trainer', 'admin'], input: {} },
    exportContestVotes: { roles: ORGANISERS, input: { roundId: 'ct-none:r1' } },
  },
  reportRollup: { run: { roles: ADMIN_ONLY, input: {} } },
  certificate: {
    mine: { roles: MEMBERS, input: {} },
    verify: { roles: 'anyone', input: { code: 'ABCDEFGHJKLMNPQR' } },
  },
  classroom: {
    list: { roles: MEMBERS, input: {} },
    detail: { roles: MEMBERS, input: { sessionId: 'none' } },
    signUp: { roles: MEMBERS, input: { sessionId: 'none' } },
    cancelSignUp: { roles: MEMBERS, input: { sessionId: 'none' } },
    attend: { roles: MEMBERS, input: { token: 'none' } },
    submitSurvey: { roles: MEMBERS, input: { sessionId: 'none', ratings: {} } },
    managed: { roles: ['trainer', 'admin'], input: {} },
    get: { roles: ['trainer', 'admin'], input: { sessionId: 'none' } },
    save: { roles: ['trainer', 'admin'], input: { sessionId: 'none' } },
    cancel: { roles: ['trainer', 'admin'], input: { sessionId: 'none' } },
    attendanceCode: { roles: ['trainer', 'admin'], input: { sessionId: 'none' } },
    attendees: { roles: ['trainer', 'admin'], input: { sessionId: 'none' } },
    surveyResults: { roles: ['trainer', 'admin'], input: { sessionId: 'none' } },
    exportAttendance: { roles: ['trainer', 'admin'], input: { sessionId: 'none' } },
    exportSurvey: { roles: ['trainer', 'admin'], input: { sessionId: 'none' } },
  },
  notification: {
    list: { roles: MEMBERS, input: {} },
    unreadCount: { roles: MEMBERS, input: {} },
    markRead: { roles: MEMBERS, input: { notificationId: 'n:none' } },
    markAllRead: { roles: MEMBERS, input: {} },
    settings: { roles: MEMBERS, input: {} },
    setKind: { roles: MEMBERS, input: { kind: 'overdue', enabled: true } },
    subscribe: { roles: MEMBERS, input: { templateIds: ['none'], requestId: 'request-0001' } },
    run: { roles: ADMIN_ONLY, input: {} },
  },
  mediaCheck: {
    pendingReviews: { roles: ['admin', 'reviewer'], input: {} },
    review: { roles: ['admin', 'reviewer'], input: { checkId: `mc_${'0'.repeat(40)}`, verdict: 'pass' } },
    retry: { roles: ADMIN_ONLY, input: {} },
  },
  authoring: {
    listCourses: { roles: ['trainer', 'reviewer', 'admin'], input: {} },
    listMyCourses: { roles: MEMBERS, input: {} },
    createCourse: { roles: MEMBERS, input: { fields: {} } },
    importStatus: { roles: MEMBERS, input: { courseKeys: [] } },
    getDraft: { roles: MEMBERS, input: { courseId: 'c:none' } },
    saveDraft: { roles: MEMBERS, input: { courseId: 'c:none', fields: {} } },
    submitForReview: { roles: MEMBERS, input: { courseId: 'c:none' } },
    archiveCourse: { roles: ['trainer'], input: { courseId: 'c:none' } },
    unarchiveCourse: { roles: ['trainer'], input: { courseId: 'c:none' } },
    reviewQueue: { roles: ['reviewer'], input: {} },
    getReview: { roles: ['reviewer'], input: { revisionId: 'c:none:1' } },
    reviewFileUrl: { roles: ['reviewer'], input: { revisionId: 'c:none:1', index: 0 } },
    scoreReview: { roles: ['reviewer'], input: { revisionId: 'c:none:1', scores: {}, notes: '' } },
    getReviewSettings: { roles: ['admin', 'trainer', 'reviewer'], input: {} },
    updateReviewSettings: { roles: ADMIN_ONLY, input: { dimensions: [], scale: '1-5', threshold: 3, reviewersPerRevision: 1 } },
    listSeries: { roles: ['trainer'], input: {} },
    createSeries: { roles: ['trainer'], input: { title: '', summary: '', cover: null, courseIds: [], stepUnlock: false, audiences: [] } },
    updateSeries: { roles: ['trainer'], input: { seriesId: 's:none' } },
    setSeriesStatus: { roles: ['trainer'], input: { seriesId: 's:none', status: 'archived' } },
    myCreations: { roles: MEMBERS, input: {} },
    getAuthorSettings: { roles: ADMIN_ONLY, input: {} },
    setAuthorSettings: {
      roles: ADMIN_ONLY,
      input: {
        levels: [{ name: '黄带', minCourses: 1, minCategories: 1, minQuizCourses: 0, minLearners: 0, minAverageRating: 0 }],
        ratedCourse: { minAverage: 4.5, minRatings: 10 },
      },
    },
    runAuthorRewards: { roles: ADMIN_ONLY, input: {} },
    selectAuthorAwards: { roles: ADMIN_ONLY, input: { year: 2025, minRatings: 10, points: { most_learners: 1, best_rated: 1, most_improved: 1 } } },
    getAuthorAwards: { roles: ['admin', 'trainer'], input: { year: 2025 } },
    saveAuthorAwards: { roles: ADMIN_ONLY, input: { year: 2025, awards: [] } },
    publishAuthorAwards: { roles: ADMIN_ONLY, input: { year: 2025 } },
    authorAwardWinners: { roles: MEMBERS, input: {} },
  },
  assignment: {
    create: { roles: ['trainer'], input: { courseId: 'c:none', departmentIds: ['dept:none'], dueDay: '2000-01-01', idempotencyKey: 'matrix-key' } },
    list: { roles: ['trainer'], input: {} },
    stats: { roles: ['trainer'], input: { assignmentId: 'a:none' } },
    pending: { roles: ['trainer'], input: { assignmentId: 'a:none' } },
    exportPending: { roles: ['trainer'], input: { assignmentId: 'a:none' } },
    exportCompletion: { roles: ['trainer'], input: { assignmentId: 'a:none' } },
    refreshTargets: { roles: ['trainer'], input: { assignmentId: 'a:none' } },
    cancel: { roles: ['trainer'], input: { assignmentId: 'a:none' } },
  },
  webConsole: {
    requestLogin: { roles: 'browser', input: { browser: 'Chrome 130 · Linux' } },
    loginStatus: { roles: 'browser', input: { loginId: 'AAAAAAAAAAAAAAAAAAAAAAAA' } },
    loginDetail: { roles: MEMBERS, input: { loginId: 'AAAAAAAAAAAAAAAAAAAAAAAA' } },
    confirmLogin: { roles: MEMBERS, input: { loginId: 'AAAAAAAAAAAAAAAAAAAAAAAA' } },
    cancelLogin: { roles: MEMBERS, input: { loginId: 'AAAAAAAAAAAAAAAAAAAAAAAA' } },
    sessions: { roles: MEMBERS, input: {} },
    endSession: { roles: MEMBERS, input: { sessionId: 'csAAAAAAAAAAAAAAAAAAAAAA' } },
    signOut: { roles: MEMBERS, input: {} },
    home: { roles: ['trainer', 'reviewer', 'judge', 'admin'], input: {} },
  },
};

const IDENTITIES: Identity[] = ['anonymous', 'nonMember', 'inactive', 'learner', 'trainer', 'reviewer', 'judge', 'admin'];
const GUARD_CODES = ['UNAUTHENTICATED', 'NOT_MEMBER', 'MEMBER_INACTIVE', 'FORBIDDEN'];

/** What the guard must answer: 'allow' or the exact deny code. */
function expected(roles: Access, identity: Identity): string {
  // Browser actions (the web console before its sign-in) refuse every mini-program caller.
  if (identity === 'anonymous' || roles === 'browser') return 'UNAUTHENTICATED';
  if (roles === 'anyone') return 'allow';
  if (identity === 'nonMember') return 'NOT_MEMBER';
  if (identity === 'inactive') return 'MEMBER_INACTIVE';
  return roles.includes('learner') || roles.includes(identity as Role) ? 'allow' : 'FORBIDDEN';
}

useTestCloud();

beforeAll(async () => {
  await seedMember(OPENIDS.inactive, 'm:matrix-inactive', { active: false, roles: [grant('admin')] });
  await seedMember(OPENIDS.learner, 'm:matrix-learner');
  for (const role of ['trainer', 'reviewer', 'judge', 'admin'] as const) await seedMember(OPENIDS[role], `m:matrix-${role}`, { roles: [grant(role)] });
});

it('lists exactly the registered functions and actions, with their declared roles', () => {
  const registered = Object.fromEntries(Object.entries(FUNCTIONS).map(([name, fn]) => [name, Object.keys(fn.actions).sort()]));
  const listed = Object.fromEntries(Object.entries(MATRIX).map(([name, actions]) => [name, Object.keys(actions).sort()]));
  expect(listed).toEqual(registered);
  for (const [name, fn] of Object.entries(FUNCTIONS)) {
    for (const [action, definition] of Object.entries(fn.actions as Record<string, { roles: Access }>)) {
      expect({ action: `${name}.${action}`, roles: definition.roles }).toEqual({ action: `${name}.${action}`, roles: MATRIX[name]?.[action]?.roles });
    }
  }
});

it("loads each function alone for the tests (test/helpers/invoke.ts functionOf) as the registry's very entry", async () => {
  for (const [name, fn] of Object.entries(FUNCTIONS)) expect(await functionOf(name as keyof typeof FUNCTIONS)).toBe(fn);
});

const CASES = Object.entries(MATRIX).flatMap(([fn, actions]) => Object.entries(actions).map(([action, row]) => [`${fn}.${action}`, fn, action, row] as const));

it.each(CASES)('%s allows and denies exactly as the matrix says', async (_label, fn, action, row) => {
  const main = FUNCTIONS[fn as keyof typeof FUNCTIONS].main;
  const outcomes: Record<string, string> = {};
  const wanted: Record<string, string> = {};
  for (const identity of IDENTITIES) {
    const answer = await invoke(main, { action, ...row.input }, identity === 'anonymous' ? {} : { openid: OPENIDS[identity] });
    // An allowed call may be refused by the action itself, but never crash.
    outcomes[identity] = answer.ok || (!GUARD_CODES.includes(answer.code) && answer.code !== 'INTERNAL') ? 'allow' : answer.code;
    wanted[identity] = expected(row.roles, identity);
  }
  expect(outcomes).toEqual(wanted);
});
