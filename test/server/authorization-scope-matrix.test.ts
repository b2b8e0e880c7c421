/**
 * The authorisation matrix's second dimension: scoped grants against resources inside and outside their
 * scope. Identities: a branch admin (admin of branch 甲), a branch trainer (trainer of 甲), and a member with
 * two roles (trainer of 甲 + reviewer of 甲). Resources: courses, revisions, series, campaigns, check-ins,
 * contests and rounds, assignments, invitations, members, mall items and orders, departments, in 甲 and
 * outside it (branch 乙 or headquarters).
 *
 * For every action of server/functions.ts whose input names a resource (a key ending in `Id`/`Ids`, or an
 * invitation `code`/share `token`), a row either runs the out-of-scope call as each scoped identity and
 * asserts the exact denial and that no collection changed, then the in-scope call and that it is not denied
 * by scope; or says why grant scope does not govern that action (members acting on what they may see, judges
 * on rounds they are assigned to). An action taking a resource id without a row fails this test, like
 * test/server/authorization-matrix.test.ts.
 */
import type { CampaignDoc, MemberDoc } from '../../typings/domain';
import { FUNCTIONS } from '../../server/functions';
import { COLLECTIONS } from '../../server/core/collections';
import { createCampaign, publishCampaign } from '../../server/campaign/edit';
import { startTestCloud, type TestCloud } from '../helpers/local-cloud';
import { invoke } from '../helpers/invoke';
import { beijingDate } from '../../server/core/time';
import { campaignFields } from './campaign/helpers';
import { round } from './contest/helpers';
import { articleFields } from '../helpers/course-fields';
import { grant, insertAll, seedMember, testDb } from '../helpers/db';
import { sessionDoc } from '../helpers/classroom';

jest.setTimeout(300_000);

type Identity = 'branchAdmin' | 'branchTrainer' | 'twoRoles';

const A = 'dept:甲分公司';
const B = 'dept:乙分公司';
const HQ = 'dept:总部';

const OPENID: Record<Identity | 'hqAdmin' | 'hqTrainer' | 'bAdmin' | 'bReviewer' | 'memberA' | 'memberB', string> = {
  branchAdmin: 'o-sm-branch-admin',
  branchTrainer: 'o-sm-branch-trainer',
  twoRoles: 'o-sm-two-roles',
  hqAdmin: 'o-sm-hq-admin',
  hqTrainer: 'o-sm-hq-trainer',
  bAdmin: 'o-sm-b-admin',
  bReviewer: 'o-sm-b-reviewer',
  memberA: 'o-sm-member-a',
  memberB: 'o-sm-member-b',
};

/** Ids of the seeded resources, in scope (甲) and out of it. */
const R = {
  courseIn: '',
  courseOut: '',
  revisionIn: '',
  revisionOut: '',
  seriesIn: '',
  seriesOut: 's:sm-headquarters',
  campaignIn: '',
  campaignOut: '',
  checkinIn: '',
  checkinOut: '',
  contestIn: '',
  contestOut: '',
  roundIn: '',
  roundOut: '',
  assignmentIn: '',
  assignmentOut: '',
  invitationIn: '',
  invitationOut: '',
  memberIn: 'm:sm-member-a',
  memberOut: 'm:sm-member-b',
  publishedCourse: 'c:sm-published',
  sessionIn: 'sm0sessionin',
  sessionOut: 'sm0sessionot',
  /** Questions on the published course, by a course author of each branch. */
  discussionIn: 'dq-sm-in',
  discussionOut: 'dq-sm-out',
};

type Input = () => Record<string, unknown>;

interface ScopedRow {
  as: Identity[];
  out: Input;
  /** The same call on a resource in scope; omitted where the action has none for scoped grants. */
  in?: Input;
  denial: 'FORBIDDEN' | 'NOT_FOUND';
}

/** Why grant scope does not govern the action (its own tests cover who may call it on what). */
interface ReasonRow {
  reason: string;
}

type Row = ScopedRow | ReasonRow;

const TRAINERS: Identity[] = ['branchTrainer', 'twoRoles'];
const MANAGERS: Identity[] = ['branchTrainer', 'twoRoles', 'branchAdmin'];
const ADMINS: Identity[] = ['branchAdmin'];

const MEMBER_FACING =
  'members act on what they may see (audiences, eligibility, enrollment, their own records), not through a scoped grant; see the area tests';
const JUDGING = 'judges act on the rounds they are assigned to (server/contest/judging.ts), tested in test/server/contest';
const CATALOGUE = 'published catalogue courses are not scoped: any trainer may list them in a series; the series itself is checked (updateSeries)';

const scoped = (as: Identity[], out: Input, inScope: Input | undefined, denial: ScopedRow['denial'] = 'FORBIDDEN'): ScopedRow => ({
  as,
  out,
  in: inScope,
  denial,
});
const reason = (text: string): ReasonRow => ({ reason: text });

function contestInput(departmentId: string, requestId: string) {
  return {
    title: '分公司微课大赛',
    theme: '服务创新',
    summary: '用微课分享一线经验',
    rules: '每人限报一件作品。',
    eligibility: { everyone: false, departmentIds: [departmentId], audiences: [] },
    topics: [{ id: 'free', title: '自选题目' }],
    awards: [{ id: 'best', kind: 'best_overall' as const, name: '最佳微课', points: 100 }],
    rounds: [round('初赛', { submit: ['2030-03-01', '2030-03-05'], judge: ['2030-03-06', '2030-03-08'] }, {})],
    requestId,
  };
}

const FIELDS = { summary: '', cover: null, stepUnlock: false, audiences: [] };

/** A classroom session's fields, two days ahead (Beijing), for 甲's departments. */
function sessionFields() {
  return {
    title: '分公司线下课',
    place: '甲分公司会议室',
    day: beijingDate(new Date(Date.now() + 2 * 86_400_000)),
    startTime: '14:00',
    endTime: '16:00',
    capacity: 20,
    departmentIds: [A],
  };
}
const SCORES = { accuracy: 4, structure: 4, engagement: 4 };
const JUDGES = ['m:sm-member-a', 'm:sm-member-b', 'm:sm-branch-admin'];

const MATRIX: Record<string, Record<string, Row>> = {
  user: { redeemInvitation: reason(MEMBER_FACING) },
  course: {
    list: reason(MEMBER_FACING),
    detail: reason(MEMBER_FACING),
    fileUrl: reason(`${MEMBER_FACING}; a member outside the course's audience is refused (test/server/course/files.test.ts)`),
    seriesDetail: reason(MEMBER_FACING),
    quiz: reason(MEMBER_FACING),
    submitQuiz: reason(MEMBER_FACING),
    rate: reason(MEMBER_FACING),
    comments: reason(MEMBER_FACING),
    discussionList: reason(MEMBER_FACING),
    discussionThread: reason(MEMBER_FACING),
    discussionAsk: reason(MEMBER_FACING),
    discussionAnswer: reason(MEMBER_FACING),
    discussionLike: reason(MEMBER_FACING),
    discussionAccept: reason('the asker, or the course author / a trainer or admin covering it (test/server/course/discussion)'),
    discussionDelete: reason('the writer deletes their own post only (test/server/course/discussion)'),
    discussionQueue: reason("lists only the questions of courses in the caller's scope or of their own; `courseId` narrows it (test/server/course/discussion)"),
    discussionHide: scoped(
      MANAGERS,
      () => ({ postId: R.discussionOut }),
      () => ({ postId: R.discussionIn }),
    ),
  },
  learning: { report: reason(MEMBER_FACING) },
  campaign: {
    detail: reason(MEMBER_FACING),
    signUp: reason(MEMBER_FACING),
    quit: reason(MEMBER_FACING),
    checkIn: reason(MEMBER_FACING),
    makeUp: reason(MEMBER_FACING),
    myCheckin: reason(MEMBER_FACING),
    calendar: reason(MEMBER_FACING),
    streak: reason(MEMBER_FACING),
    feed: reason(MEMBER_FACING),
    like: reason(MEMBER_FACING),
    unlike: reason(MEMBER_FACING),
    comments: reason(MEMBER_FACING),
    comment: reason(MEMBER_FACING),
    deleteComment: reason(MEMBER_FACING),
    memberLeaderboard: reason(MEMBER_FACING),
    teamLeaderboard: reason(MEMBER_FACING),
    myCertificate: reason(MEMBER_FACING),
    subscribeReminder: reason('`templateId` names a WeChat subscribe-message template, not a resource of ours'),
    get: scoped(
      MANAGERS,
      () => ({ campaignId: R.campaignOut }),
      () => ({ campaignId: R.campaignIn }),
    ),
    create: scoped(
      ['branchTrainer', 'branchAdmin'],
      () => ({ ...campaignFields('2030-01-01', 3, { departmentIds: [A] }), scopeDepartmentId: B, requestId: 'sm-create-out' }),
      () => ({ ...campaignFields('2030-01-01', 3, { departmentIds: [A] }), scopeDepartmentId: A, requestId: 'sm-create-in' }),
    ),
    update: scoped(
      MANAGERS,
      () => ({ campaignId: R.campaignOut, title: '越权改名' }),
      () => ({ campaignId: R.campaignIn, title: '本分公司打卡' }),
    ),
    publish: scoped(
      MANAGERS,
      () => ({ campaignId: R.campaignOut }),
      () => ({ campaignId: R.campaignIn }),
    ),
    members: scoped(
      MANAGERS,
      () => ({ campaignId: R.campaignOut }),
      () => ({ campaignId: R.campaignIn }),
    ),
    decide: scoped(
      MANAGERS,
      () => ({ campaignId: R.campaignOut, memberId: R.memberOut, decision: 'reject' }),
      () => ({ campaignId: R.campaignIn, memberId: R.memberIn, decision: 'approve' }),
    ),
    decideMany: scoped(
      MANAGERS,
      () => ({ campaignId: R.campaignOut, memberIds: [R.memberOut], decision: 'reject' }),
      () => ({ campaignId: R.campaignIn, memberIds: [R.memberIn], decision: 'approve' }),
    ),
    assignTeam: scoped(
      MANAGERS,
      () => ({ campaignId: R.campaignOut, memberId: R.memberOut, teamId: 't1' }),
      () => ({ campaignId: R.campaignIn, memberId: R.memberIn, teamId: 't1' }),
    ),
    feature: scoped(
      MANAGERS,
      () => ({ checkinId: R.checkinOut, featured: true }),
      () => ({ checkinId: R.checkinIn, featured: true }),
    ),
    review: scoped(
      MANAGERS,
      () => ({ checkinId: R.checkinOut, text: '越权点评' }),
      () => ({ checkinId: R.checkinIn, text: '写得好' }),
    ),
    dashboard: scoped(
      MANAGERS,
      () => ({ campaignId: R.campaignOut }),
      () => ({ campaignId: R.campaignIn }),
    ),
    dashboardMembers: scoped(
      MANAGERS,
      () => ({ campaignId: R.campaignOut }),
      () => ({ campaignId: R.campaignIn }),
    ),
    exportRoster: scoped(
      MANAGERS,
      () => ({ campaignId: R.campaignOut }),
      () => ({ campaignId: R.campaignIn }),
    ),
    moveScope: scoped(
      ADMINS,
      () => ({ campaignId: R.campaignOut, scopeDepartmentId: A }),
      () => ({ campaignId: R.campaignIn, scopeDepartmentId: `${A}/销售部` }),
    ),
    // Last: they change the life cycle the rows above rely on.
    end: scoped(
      MANAGERS,
      () => ({ campaignId: R.campaignOut }),
      () => ({ campaignId: R.campaignIn }),
    ),
    archive: scoped(
      MANAGERS,
      () => ({ campaignId: R.campaignOut }),
      () => ({ campaignId: R.campaignIn }),
    ),
  },
  contest: {
    detail: reason(MEMBER_FACING),
    signUp: reason(MEMBER_FACING),
    myEntry: reason(MEMBER_FACING),
    submitEntry: reason(MEMBER_FACING),
    entry: reason(MEMBER_FACING),
    entries: reason(MEMBER_FACING),
    entryCourse: reason(MEMBER_FACING),
    results: reason(MEMBER_FACING),
    awards: reason(MEMBER_FACING),
    vote: reason(MEMBER_FACING),
    votesLeft: reason(MEMBER_FACING),
    voteLeaderboard: reason(MEMBER_FACING),
    // Team invitations: the leader acts on their own entry, an invitee on an invitation addressed to them;
    // anyone else is refused (test/server/contest/teams.test.ts, "who may call what").
    invite: reason(MEMBER_FACING),
    withdrawInvitation: reason(MEMBER_FACING),
    invitations: reason(MEMBER_FACING),
    answerInvitation: reason(MEMBER_FACING),
    leaveTeam: reason(MEMBER_FACING),
    judgeAssignments: reason(JUDGING),
    judgeEntry: reason(JUDGING),
    saveScores: reason(JUDGING),
    voidVotes: reason(
      'ballots of contests the admin does not administer are answered as not found and left as they are (server/contest/voting/admin.ts), tested in test/server/contest/voting/admin.test.ts',
    ),
    createContest: scoped(
      MANAGERS,
      () => contestInput(B, 'sm-contest-out'),
      () => contestInput(A, 'sm-contest-in-2'),
    ),
    adminDetail: scoped(
      MANAGERS,
      () => ({ contestId: R.contestOut }),
      () => ({ contestId: R.contestIn }),
    ),
    updateContest: scoped(
      MANAGERS,
      () => ({ contestId: R.contestOut, title: '越权改名' }),
      () => ({ contestId: R.contestIn, title: '甲分公司微课大赛' }),
    ),
    updateRound: scoped(
      MANAGERS,
      () => ({ roundId: R.roundOut, name: '越权' }),
      () => ({ roundId: R.roundIn, name: '初赛（甲）' }),
    ),
    setJudges: scoped(
      MANAGERS,
      () => ({ roundId: R.roundOut, judgeIds: JUDGES, judgesPerEntry: 3 }),
      () => ({ roundId: R.roundIn, judgeIds: JUDGES, judgesPerEntry: 3 }),
    ),
    assignJudges: scoped(
      MANAGERS,
      () => ({ roundId: R.roundOut }),
      () => ({ roundId: R.roundIn }),
    ),
    roundEntries: scoped(
      MANAGERS,
      () => ({ roundId: R.roundOut, status: 'draft' }),
      () => ({ roundId: R.roundIn, status: 'draft' }),
    ),
    judgeProgress: scoped(
      MANAGERS,
      () => ({ roundId: R.roundOut }),
      () => ({ roundId: R.roundIn }),
    ),
    previewResults: scoped(
      MANAGERS,
      () => ({ roundId: R.roundOut }),
      () => ({ roundId: R.roundIn }),
    ),
    publishResults: scoped(
      MANAGERS,
      () => ({ roundId: R.roundOut }),
      () => ({ roundId: R.roundIn }),
    ),
    giveAward: scoped(
      MANAGERS,
      () => ({ contestId: R.contestOut, awardId: 'best', entryIds: ['en-none'] }),
      () => ({ contestId: R.contestIn, awardId: 'best', entryIds: ['en-none'] }),
    ),
    // The vote audit does not reveal that another branch's round exists.
    voteAbuseReport: scoped(
      MANAGERS,
      () => ({ roundId: R.roundOut }),
      () => ({ roundId: R.roundIn }),
      'NOT_FOUND',
    ),
    voteBallots: scoped(
      MANAGERS,
      () => ({ roundId: R.roundOut }),
      () => ({ roundId: R.roundIn }),
      'NOT_FOUND',
    ),
    setStatus: scoped(
      MANAGERS,
      () => ({ contestId: R.contestOut, status: 'archived' }),
      () => ({ contestId: R.contestIn, status: 'published' }),
    ),
  },
  admin: {
    listMembers: scoped(
      ADMINS,
      () => ({ departmentId: B }),
      () => ({ departmentId: A }),
    ),
    grantRole: scoped(
      ADMINS,
      () => ({ memberId: R.memberOut, role: 'judge' }),
      () => ({ memberId: R.memberIn, role: 'judge', scopeDepartmentId: A }),
    ),
    // h1-admin owns these two (scope of the grant revoked, unbinding); the member dimension is asserted here.
    revokeRole: scoped(
      ADMINS,
      () => ({ memberId: R.memberOut, role: 'judge' }),
      () => ({ memberId: R.memberIn, role: 'judge', scopeDepartmentId: A }),
    ),
    unbindMember: scoped(ADMINS, () => ({ memberId: R.memberOut }), undefined),
    createInvitation: scoped(
      ADMINS,
      () => ({ name: '伙伴乙', departmentId: B }),
      () => ({ name: '伙伴甲', departmentId: A }),
    ),
    revokeInvitation: scoped(
      ADMINS,
      () => ({ code: R.invitationOut }),
      () => ({ code: R.invitationIn }),
    ),
    issueBindCode: scoped(
      ADMINS,
      () => ({ memberId: R.memberOut }),
      () => ({ memberId: 'm:sm-plain-a' }),
    ),
    // The audit log is for company-wide admins: a scoped admin is refused whatever it names
    // (server/admin/audit-log.ts; test/server/admin/audit-log.test.ts).
    auditLog: reason('company-wide admins only, whatever the filter names'),
    exportAudit: reason('company-wide admins only, whatever the filter names'),
    memberRecord: scoped(
      ADMINS,
      () => ({ memberId: R.memberOut }),
      () => ({ memberId: R.memberIn }),
    ),
    exportMemberRecord: scoped(
      ADMINS,
      () => ({ memberId: R.memberOut }),
      () => ({ memberId: R.memberIn }),
    ),
    exportMembers: scoped(
      ADMINS,
      () => ({ departmentId: B }),
      () => ({ departmentId: A }),
    ),
  },
  points: {
    getItem: reason(MEMBER_FACING),
    redeem: reason(MEMBER_FACING),
    cancelOrder: reason(MEMBER_FACING),
    // The mall is company-wide: only unscoped admins run it (server/points/actions.ts), so a branch admin has
    // no item or order in scope.
    adminGetItem: scoped(ADMINS, () => ({ itemId: 'item:sm-any' }), undefined),
    updateItem: scoped(ADMINS, () => ({ itemId: 'item:sm-any', price: 1 }), undefined),
    restock: scoped(ADMINS, () => ({ itemId: 'item:sm-any', delta: 1 }), undefined),
    addCodes: scoped(ADMINS, () => ({ itemId: 'item:sm-any', codes: ['CODE-1'], requestId: 'sm-codes-1' }), undefined),
    fulfilOrder: scoped(ADMINS, () => ({ orderId: 'o:sm-any', note: '' }), undefined),
    // Rows name orders by number or by employee number; a branch admin ships none, in or out of 甲.
    fulfilOrders: scoped(
      ADMINS,
      () => ({
        rows: [
          { orderId: 'o:sm-any', carrier: '顺丰', trackingNo: 'SF0001' },
          { employeeNo: 'SM-B-1', trackingNo: 'SF0002' },
        ],
        requestId: 'sm-fulfil-1',
      }),
      undefined,
    ),
    adminCancelOrder: scoped(ADMINS, () => ({ orderId: 'o:sm-any' }), undefined),
    // h1-admin adds the self-credit ban and a daily ceiling to `adjust`; its member scope is asserted here.
    adjust: scoped(
      ADMINS,
      () => ({ memberId: R.memberOut, amount: 5, reason: '越权加分', requestId: 'sm-adjust-out' }),
      () => ({ memberId: R.memberIn, amount: 5, reason: '奖励', requestId: 'sm-adjust-in' }),
    ),
    memberHistory: scoped(
      ADMINS,
      () => ({ memberId: R.memberOut }),
      () => ({ memberId: R.memberIn }),
    ),
    exportBalances: scoped(
      ADMINS,
      () => ({ departmentId: B }),
      () => ({ departmentId: A }),
    ),
    exportLedger: scoped(
      ADMINS,
      () => ({ memberId: R.memberOut }),
      () => ({ memberId: R.memberIn }),
    ),
    // The learner ladder is company-wide: a branch admin has nothing in scope.
    setLearnerLevels: scoped(ADMINS, () => ({ levels: [{ name: '越权', minEarned: 1 }] }), undefined),
  },
  authoring: {
    // authorId is a filter inside the caller's scope, never a way out of it (test/server/authoring/catalogue.test.ts).
    listCourses: reason(
      "the staff catalogue lists only courses whose author is in the caller's scope; authorId narrows that list (test/server/authoring/catalogue.test.ts)",
    ),
    getDraft: scoped(
      TRAINERS,
      () => ({ courseId: R.courseOut }),
      () => ({ courseId: R.courseIn }),
    ),
    saveDraft: scoped(
      TRAINERS,
      () => ({ courseId: R.courseOut, fields: articleFields({ title: '越权修改' }) }),
      () => ({ courseId: R.courseIn, fields: articleFields({ title: '讲师修改' }) }),
    ),
    submitForReview: scoped(
      TRAINERS,
      () => ({ courseId: R.courseOut }),
      () => ({ courseId: R.courseIn }),
    ),
    getReview: scoped(
      ['twoRoles'],
      () => ({ revisionId: R.revisionOut }),
      () => ({ revisionId: R.revisionIn }),
    ),
    reviewFileUrl: scoped(
      ['twoRoles'],
      () => ({ revisionId: R.revisionOut, index: 0 }),
      () => ({ revisionId: R.revisionIn, index: 0 }),
    ),
    scoreReview: scoped(
      ['twoRoles'],
      () => ({ revisionId: R.revisionOut, scores: SCORES, notes: '' }),
      () => ({ revisionId: R.revisionIn, scores: SCORES, notes: '不错' }),
    ),
    archiveCourse: scoped(
      TRAINERS,
      () => ({ courseId: R.courseOut }),
      () => ({ courseId: R.courseIn }),
    ),
    unarchiveCourse: scoped(
      TRAINERS,
      () => ({ courseId: R.courseOut }),
      () => ({ courseId: R.courseIn }),
    ),
    createSeries: reason(CATALOGUE),
    updateSeries: scoped(
      TRAINERS,
      () => ({ seriesId: R.seriesOut, title: '越权', courseIds: [R.publishedCourse], ...FIELDS }),
      () => ({ seriesId: R.seriesIn, title: '甲系列', courseIds: [R.publishedCourse], ...FIELDS }),
    ),
    setSeriesStatus: scoped(
      TRAINERS,
      () => ({ seriesId: R.seriesOut, status: 'archived' }),
      () => ({ seriesId: R.seriesIn, status: 'published' }),
    ),
    // The author ladder and the authoring rewards are company-wide: a branch admin has nothing in scope.
    setAuthorSettings: scoped(
      ADMINS,
      () => ({
        levels: [{ name: '越权', minCourses: 0, minCategories: 0, minQuizCourses: 0, minLearners: 0, minAverageRating: 0 }],
        ratedCourse: { minAverage: 1, minRatings: 1 },
      }),
      undefined,
    ),
    runAuthorRewards: scoped(ADMINS, () => ({}), undefined),
    // The annual author awards are company-wide: a branch admin may not select, edit or publish them, and
    // sees only published results (server/authoring/awards.ts; test/server/authoring/awards.test.ts).
    selectAuthorAwards: scoped(ADMINS, () => ({ year: 2025, minRatings: 10, points: { most_learners: 1, best_rated: 1, most_improved: 1 } }), undefined),
    saveAuthorAwards: scoped(
      ADMINS,
      () => ({ year: 2025, awards: [{ kind: 'named', title: '越权', memberId: R.memberOut, basis: '', points: 1 }] }),
      undefined,
    ),
    publishAuthorAwards: scoped(ADMINS, () => ({ year: 2025 }), undefined),
    getAuthorAwards: reason(
      'a year’s awards are company-wide: drafts show to company-wide admins only, results to every admin and trainer (test/server/authoring/awards.test.ts)',
    ),
    authorAwardWinners: reason(MEMBER_FACING),
    // 我的创作 reads only the caller's own courses (server/authoring/creations.ts).
    myCreations: reason(MEMBER_FACING),
  },
  assignment: {
    create: scoped(
      TRAINERS,
      () => ({ courseId: R.publishedCourse, departmentIds: [B], dueDay: '2030-01-01', idempotencyKey: 'sm-assign-out' }),
      () => ({ courseId: R.publishedCourse, departmentIds: [A], dueDay: '2030-01-01', idempotencyKey: 'sm-assign-in-2' }),
    ),
    stats: scoped(
      TRAINERS,
      () => ({ assignmentId: R.assignmentOut }),
      () => ({ assignmentId: R.assignmentIn }),
    ),
    pending: scoped(
      TRAINERS,
      () => ({ assignmentId: R.assignmentOut }),
      () => ({ assignmentId: R.assignmentIn }),
    ),
    exportPending: scoped(
      TRAINERS,
      () => ({ assignmentId: R.assignmentOut }),
      () => ({ assignmentId: R.assignmentIn }),
    ),
    exportCompletion: scoped(
      TRAINERS,
      () => ({ assignmentId: R.assignmentOut }),
      () => ({ assignmentId: R.assignmentIn }),
    ),
    refreshTargets: scoped(
      TRAINERS,
      () => ({ assignmentId: R.assignmentOut }),
      () => ({ assignmentId: R.assignmentIn }),
    ),
    cancel: scoped(
      TRAINERS,
      () => ({ assignmentId: R.assignmentOut }),
      () => ({ assignmentId: R.assignmentIn }),
    ),
  },
  share: {
    create: reason(MEMBER_FACING),
    open: reason(MEMBER_FACING),
    poster: reason(MEMBER_FACING),
    leaderboard: reason(MEMBER_FACING),
  },
  report: {
    courses: scoped(
      MANAGERS,
      () => ({ departmentId: B }),
      () => ({ departmentId: A }),
    ),
    course: scoped(
      MANAGERS,
      () => ({ courseId: R.publishedCourse, departmentId: B }),
      () => ({ courseId: R.publishedCourse, departmentId: A }),
    ),
    departments: scoped(
      MANAGERS,
      () => ({ departmentId: B }),
      () => ({ departmentId: A }),
    ),
    trends: scoped(
      MANAGERS,
      () => ({ departmentId: B }),
      () => ({ departmentId: A }),
    ),
    heatmap: scoped(
      MANAGERS,
      () => ({ departmentId: B }),
      () => ({ departmentId: A }),
    ),
    export: scoped(
      MANAGERS,
      () => ({ table: 'departments', departmentId: B }),
      () => ({ table: 'departments', departmentId: A }),
    ),
    // Another branch's campaign is answered like one that does not exist.
    exportShareBoard: scoped(
      MANAGERS,
      () => ({ boardKind: 'campaign', boardId: R.campaignOut }),
      () => ({ boardKind: 'campaign', boardId: R.campaignIn }),
      'NOT_FOUND',
    ),
    exportContestRanking: scoped(
      MANAGERS,
      () => ({ roundId: R.roundOut }),
      () => ({ roundId: R.roundIn }),
    ),
    exportContestVotes: scoped(
      MANAGERS,
      () => ({ roundId: R.roundOut }),
      () => ({ roundId: R.roundIn }),
    ),
  },
  certificate: {
    verify: reason('anyone holding a certificate’s code may see it (its 80 random bits are the secret); asserted in test/server/certificate'),
  },
  classroom: {
    detail: reason(MEMBER_FACING),
    signUp: reason(MEMBER_FACING),
    cancelSignUp: reason(MEMBER_FACING),
    submitSurvey: reason(MEMBER_FACING),
    attend: reason('the token is the trainer’s rotating attendance code; only members signed up may attend (test/server/classroom)'),
    get: scoped(
      MANAGERS,
      () => ({ sessionId: R.sessionOut }),
      () => ({ sessionId: R.sessionIn }),
    ),
    save: scoped(
      MANAGERS,
      () => ({ sessionId: R.sessionOut, ...sessionFields() }),
      () => ({ sessionId: R.sessionIn, ...sessionFields() }),
    ),
    attendanceCode: scoped(
      MANAGERS,
      () => ({ sessionId: R.sessionOut }),
      () => ({ sessionId: R.sessionIn }),
    ),
    attendees: scoped(
      MANAGERS,
      () => ({ sessionId: R.sessionOut }),
      () => ({ sessionId: R.sessionIn }),
    ),
    surveyResults: scoped(
      MANAGERS,
      () => ({ sessionId: R.sessionOut }),
      () => ({ sessionId: R.sessionIn }),
    ),
    exportAttendance: scoped(
      MANAGERS,
      () => ({ sessionId: R.sessionOut }),
      () => ({ sessionId: R.sessionIn }),
    ),
    exportSurvey: scoped(
      MANAGERS,
      () => ({ sessionId: R.sessionOut }),
      () => ({ sessionId: R.sessionIn }),
    ),
    cancel: scoped(
      MANAGERS,
      () => ({ sessionId: R.sessionOut }),
      () => ({ sessionId: R.sessionIn }),
    ),
  },
  notification: {
    // Every member reads and marks only their own notifications: another member's is NOT_FOUND and
    // unchanged (test/server/notification/inbox.test.ts, "scope").
    markRead: reason('a member marks only their own notifications; asserted in test/server/notification/inbox.test.ts'),
    subscribe: reason('template ids are checked against the configuration; a subscription is always the caller’s own (test/server/notification/timer.test.ts)'),
  },
  mediaCheck: {
    // A reviewer scoped to a branch finds no upload outside it (NOT_FOUND, the check is not revealed) and
    // never reviews their own: test/server/media-check/media-check.test.ts, "contest pitch videos".
    review: reason('a scoped reviewer finds only uploads of their subtrees; asserted with the uploads it needs in test/server/media-check'),
  },
  webConsole: {
    // A login request belongs to the browser that asked (its CloudBase uid) until a member confirms it from
    // the code they scanned; no grant is involved. Another browser gets NOT_FOUND: test/server/webConsole.
    loginStatus: reason('only the browser that asked may poll its login request; asserted in test/server/webConsole'),
    loginDetail: reason('whoever scanned the code sees the request; only console roles may confirm it (test/server/webConsole)'),
    confirmLogin: reason('the member confirms their own sign-in; a member without a console role is refused (test/server/webConsole)'),
    cancelLogin: reason('whoever scanned the code may cancel it; asserted in test/server/webConsole'),
  },
};

/** Input keys that name a resource of ours (request, attempt and session ids are the caller's own). */
const NOT_RESOURCES = new Set(['requestId', 'attemptId', 'sessionId', 'idempotencyKey']);
function resourceKeys(schema: unknown): string[] {
  const def = (schema as { _zod: { def: { shape?: Record<string, unknown> } } })._zod.def;
  return Object.keys(def.shape ?? {}).filter((key) => !NOT_RESOURCES.has(key) && (/(Id|Ids)$/.test(key) || key === 'code' || key === 'token'));
}

let cloud: TestCloud;

async function ok(fn: string, action: string, input: Record<string, unknown>, openid: string): Promise<Record<string, unknown>> {
  const answer = await invoke<Record<string, unknown>>(FUNCTIONS[fn as keyof typeof FUNCTIONS].main, { action, ...input }, { openid });
  if (!answer.ok) throw new Error(`${fn}.${action}: ${answer.code} ${answer.message}`);
  return answer.data;
}

/**
 * Every document of every collection, as JSON, read from the local cloud's store in this process: the same
 * comparison as reading each collection through the SDK, without two round trips per collection per case
 * (that set-up was most of this file's time).
 */
async function snapshot(): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const name of Object.values(COLLECTIONS)) {
    const data = cloud.database.listDocuments(name) as { _id: string }[];
    out[name] = JSON.stringify([...data].sort((a, b) => (a._id < b._id ? -1 : 1)));
  }
  return out;
}

beforeAll(async () => {
  cloud = await startTestCloud();
  await insertAll('departments', [
    { _id: HQ, name: '总部', path: ['总部'], parentId: null },
    { _id: A, name: '甲分公司', path: ['甲分公司'], parentId: null },
    { _id: `${A}/销售部`, name: '销售部', path: ['甲分公司', '销售部'], parentId: A },
    { _id: B, name: '乙分公司', path: ['乙分公司'], parentId: null },
  ]);
  const inA = { departmentId: A, departmentPath: ['甲分公司'] };
  const inB = { departmentId: B, departmentPath: ['乙分公司'] };
  await seedMember(OPENID.branchAdmin, 'm:sm-branch-admin', { ...inA, name: '甲管理员', roles: [grant('admin', A)] });
  await seedMember(OPENID.branchTrainer, 'm:sm-branch-trainer', { ...inA, name: '甲讲师', roles: [grant('trainer', A)] });
  await seedMember(OPENID.twoRoles, 'm:sm-two-roles', { ...inA, name: '甲讲师兼审核', roles: [grant('trainer', A), grant('reviewer', A)] });
  await seedMember(OPENID.hqAdmin, 'm:sm-hq-admin', { departmentId: HQ, departmentPath: ['总部'], name: '总部管理员', roles: [grant('admin')] });
  const hqTrainer = await seedMember(OPENID.hqTrainer, 'm:sm-hq-trainer', {
    departmentId: HQ,
    departmentPath: ['总部'],
    name: '总部讲师',
    roles: [grant('trainer')],
  });
  await seedMember(OPENID.bAdmin, 'm:sm-b-admin', { ...inB, name: '乙管理员', roles: [grant('admin', B)] });
  await seedMember(OPENID.bReviewer, 'm:sm-b-reviewer', { ...inB, name: '乙审核', roles: [grant('reviewer', B)] });
  await seedMember(OPENID.memberA, R.memberIn, { ...inA, name: '甲员工', roles: [grant('judge')] });
  // In 甲 with no grant at all: a branch admin may act on them where a grant beyond 甲 would forbid it.
  await seedMember('o-sm-plain-a', 'm:sm-plain-a', { ...inA, name: '甲新人', roles: [] });
  await seedMember(OPENID.memberB, R.memberOut, { ...inB, name: '乙员工', roles: [grant('judge')] });

  // Courses by a member of each branch, submitted: one reviewer each, the one whose scope covers the author.
  await ok(
    'authoring',
    'updateReviewSettings',
    {
      dimensions: [
        { id: 'accuracy', name: '内容准确', weight: 40 },
        { id: 'structure', name: '结构清晰', weight: 30 },
        { id: 'engagement', name: '形式生动', weight: 30 },
      ],
      scale: '1-5',
      threshold: 3,
      reviewersPerRevision: 1,
    },
    OPENID.hqAdmin,
  );
  const courseIn = await ok('authoring', 'createCourse', { fields: articleFields({ title: '甲的课' }) }, OPENID.memberA);
  const courseOut = await ok('authoring', 'createCourse', { fields: articleFields({ title: '乙的课' }) }, OPENID.memberB);
  R.courseIn = courseIn.courseId as string;
  R.courseOut = courseOut.courseId as string;
  R.revisionIn = (await ok('authoring', 'submitForReview', { courseId: R.courseIn }, OPENID.memberA)).revisionId as string;
  R.revisionOut = (await ok('authoring', 'submitForReview', { courseId: R.courseOut }, OPENID.memberB)).revisionId as string;

  // Series: one of 甲's, one from headquarters (imported, no owner).
  await insertAll('courses', [
    {
      _id: R.publishedCourse,
      title: '公开课',
      status: 'published',
      seriesIds: [],
      audiences: [],
      format: 'article',
      category: 'company_knowledge',
      durationMinutes: 5,
      tags: [],
      summary: '',
      cover: null,
      content: { blocks: [] },
      quiz: null,
      stats: { learners: 0, completions: 0, ratingCount: 0, ratingSum: 0 },
      createdAt: new Date(),
      updatedAt: new Date(),
      publishedAt: new Date(),
    },
  ]);
  const question = (id: string, scopeDepartmentId: string, courseAuthorId: string) => ({
    _id: id,
    kind: 'question',
    courseId: R.publishedCourse,
    courseTitle: '公开课',
    courseAuthorId,
    scopeDepartmentId,
    questionId: id,
    writerId: 'm:sm-plain-a',
    writerName: '甲新人',
    badge: null,
    text: '请问',
    status: 'visible',
    likes: 0,
    likeVersion: 0,
    answers: 0,
    answerVersion: 0,
    answered: false,
    acceptedAnswerId: null,
    accepted: false,
    createdAt: new Date(),
    updatedAt: new Date(),
  });
  await insertAll('discussionPosts', [question(R.discussionIn, A, R.memberIn), question(R.discussionOut, B, R.memberOut)]);
  R.seriesIn = (await ok('authoring', 'createSeries', { title: '甲系列', courseIds: [R.publishedCourse], ...FIELDS }, OPENID.branchTrainer)).seriesId as string;
  await insertAll('series', [
    {
      _id: R.seriesOut,
      title: '总部系列',
      summary: '',
      cover: null,
      courseIds: [],
      stepUnlock: false,
      audiences: [],
      status: 'published',
      createdAt: new Date(),
      publishedAt: new Date(),
    },
  ]);

  // Campaigns managed in 甲 and in 乙, running today, each with a check-in by a member of that branch.
  const today = beijingDate(new Date());
  const make = async (scope: string, key: string): Promise<CampaignDoc> => {
    const draft = await createCampaign(
      testDb(),
      hqTrainer as MemberDoc,
      campaignFields(today, 5, { teamMode: 'assigned', teams: [{ name: '一组' }, { name: '二组' }] }),
      key,
      new Date(),
      scope,
    );
    return publishCampaign(testDb(), draft._id, new Date());
  };
  R.campaignIn = (await make(A, 'sm-campaign-in-1'))._id;
  R.campaignOut = (await make(B, 'sm-campaign-out-1'))._id;
  await ok('campaign', 'signUp', { campaignId: R.campaignIn }, OPENID.memberA);
  await ok('campaign', 'signUp', { campaignId: R.campaignOut }, OPENID.memberB);
  R.checkinIn = (
    (await ok('campaign', 'checkIn', { campaignId: R.campaignIn, text: '打卡', requestId: 'sm-checkin-in' }, OPENID.memberA)).checkin as { id: string }
  ).id;
  R.checkinOut = (
    (await ok('campaign', 'checkIn', { campaignId: R.campaignOut, text: '打卡', requestId: 'sm-checkin-out' }, OPENID.memberB)).checkin as { id: string }
  ).id;

  // Contests run by each branch's admin.
  const contestIn = await ok('contest', 'createContest', contestInput(A, 'sm-contest-in-1'), OPENID.branchAdmin);
  const contestOut = await ok('contest', 'createContest', contestInput(B, 'sm-contest-out-1'), OPENID.bAdmin);
  R.contestIn = contestIn.id as string;
  R.contestOut = contestOut.id as string;
  R.roundIn = (contestIn.rounds as { id: string }[])[0]!.id;
  R.roundOut = (contestOut.rounds as { id: string }[])[0]!.id;

  // Assignments: 甲's by its trainer, 乙's by headquarters.
  R.assignmentIn = (
    await ok(
      'assignment',
      'create',
      { courseId: R.publishedCourse, departmentIds: [A], dueDay: '2030-01-01', idempotencyKey: 'sm-assign-in-1' },
      OPENID.branchTrainer,
    )
  ).assignmentId as string;
  R.assignmentOut = (
    await ok(
      'assignment',
      'create',
      { courseId: R.publishedCourse, departmentIds: [B], dueDay: '2030-01-01', idempotencyKey: 'sm-assign-out-1' },
      OPENID.hqTrainer,
    )
  ).assignmentId as string;

  // Classroom sessions managed in 甲 and in 乙.
  await insertAll('classroomSessions', [
    sessionDoc({ _id: R.sessionIn, scopeDepartmentId: A, departmentIds: [A], departmentNames: ['甲分公司'] }),
    sessionDoc({ _id: R.sessionOut, scopeDepartmentId: B, departmentIds: [B], departmentNames: ['乙分公司'] }),
  ]);

  // Invitations attached to each branch.
  R.invitationIn = (await ok('admin', 'createInvitation', { name: '伙伴甲', departmentId: A }, OPENID.hqAdmin)).code as string;
  R.invitationOut = (await ok('admin', 'createInvitation', { name: '伙伴乙', departmentId: B }, OPENID.hqAdmin)).code as string;
});

afterAll(async () => {
  await cloud?.dispose();
});

it('has a row for exactly every action that takes a resource id (and rows only for registered actions)', () => {
  const taking: string[] = [];
  for (const [fn, definition] of Object.entries(FUNCTIONS)) {
    for (const [action, spec] of Object.entries(definition.actions as Record<string, { input: unknown }>)) {
      if (resourceKeys(spec.input).length > 0) taking.push(`${fn}.${action}`);
    }
  }
  const rows = Object.entries(MATRIX).flatMap(([fn, actions]) => Object.keys(actions).map((action) => `${fn}.${action}`));
  const registered = new Set(Object.entries(FUNCTIONS).flatMap(([fn, definition]) => Object.keys(definition.actions).map((action) => `${fn}.${action}`)));
  expect(taking.filter((name) => !rows.includes(name))).toEqual([]);
  expect(rows.filter((name) => !registered.has(name))).toEqual([]);
});

const CASES = Object.entries(MATRIX).flatMap(([fn, actions]) =>
  Object.entries(actions)
    .filter((entry): entry is [string, ScopedRow] => 'as' in entry[1])
    .flatMap(([action, row]) => row.as.map((identity) => [`${fn}.${action} as ${identity}`, fn, action, row, identity] as const)),
);

it.each(CASES)('%s: out of scope is denied exactly and changes nothing; in scope is not denied by scope', async (_label, fn, action, row, identity) => {
  const main = FUNCTIONS[fn as keyof typeof FUNCTIONS].main;
  const before = await snapshot();
  const out = await invoke(main, { action, ...row.out() }, { openid: OPENID[identity] });
  expect({ ok: out.ok, code: out.ok ? 'OK' : out.code }).toEqual({ ok: false, code: row.denial });
  expect(await snapshot()).toEqual(before);
  if (row.in) {
    const inside = await invoke(main, { action, ...row.in() }, { openid: OPENID[identity] });
    const code = inside.ok ? 'OK' : inside.code;
    expect({ action: `${fn}.${action}`, code, denied: code === 'FORBIDDEN' || code === row.denial || code === 'INTERNAL' }).toMatchObject({ denied: false });
  }
});
