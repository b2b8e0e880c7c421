/** Contract-shaped answers for the campaign pages and a backend routing `campaign.<action>` to handlers. */
import { backend as route, scoped, type RoutesOf } from '../backend';
export { callsOfAction as callsOf, okWith } from '../backend';
import type {
  CalendarDay,
  CalendarView,
  CampaignAdminView,
  CampaignDetail,
  CampaignMemberRow,
  CampaignSummary,
  CheckinResult,
  CheckinView,
  EnrollmentView,
  ManagedCampaignRow,
} from '../../../typings/functions/campaign';

export function summary(n: number, overrides: Partial<CampaignSummary> = {}): CampaignSummary {
  return {
    id: `c${n}`,
    title: `21 天阅读打卡 ${n}`,
    summary: `每天读一点 ${n}`,
    cover: null,
    startDay: '2026-03-01',
    endDay: '2026-03-21',
    totalDays: 21,
    publishedAt: '2026-02-20T02:00:00.000Z',
    status: 'published',
    phase: 'running',
    signUpStartDay: '2026-02-20',
    signUpEndDay: '2026-03-05',
    signUpOpen: false,
    capacity: 50,
    enrolledCount: 30,
    teamMode: 'none',
    myStatus: null,
    ...overrides,
  };
}

export function enrollment(overrides: Partial<EnrollmentView> = {}): EnrollmentView {
  return {
    campaignId: 'c1',
    status: 'enrolled',
    teamId: null,
    teamName: null,
    waitPosition: null,
    daysDone: 5,
    madeUpDays: 1,
    currentStreak: 3,
    longestStreak: 4,
    lastCheckinDay: '2026-03-06',
    makeUpCardsLeft: 2,
    signedUpAt: '2026-02-21T02:00:00.000Z',
    ...overrides,
  };
}

export function task(index: number, overrides: Partial<CampaignDetail['tasks'][number]> = {}): CampaignDetail['tasks'][number] {
  const day = `2026-03-${String(index).padStart(2, '0')}`;
  return {
    day,
    index,
    courseId: index % 2 === 1 ? `course-${index}` : null,
    courseTitle: index % 2 === 1 ? `第 ${index} 课` : null,
    prompt: `今日思考 ${index}`,
    ...overrides,
  };
}

export function detail(overrides: Partial<CampaignDetail> = {}): CampaignDetail {
  const tasks = Array.from({ length: 21 }, (_, i) => task(i + 1));
  return {
    ...summary(1),
    tasks,
    today: '2026-03-07',
    todayTask: tasks[6] ?? null,
    requirement: { minTextLength: 20, minPictures: 1, maxPictures: 9, requireCourse: true },
    inviteOnly: false,
    approvalRequired: false,
    teams: [],
    pointsPerCheckin: 10,
    streakMilestones: [
      { days: 7, points: 50 },
      { days: 14, points: 100 },
    ],
    makeUp: { cardsPerMember: 3, daysBack: 3, pointsCost: 5 },
    makeUpCountsForStreak: true,
    reminderTime: '20:00',
    certificatePercent: 80,
    pendingCount: 0,
    waitlistedCount: 0,
    ownerName: '王培训',
    myEnrollment: enrollment(),
    checkedInToday: false,
    todayCheckinPoints: 10,
    canManage: false,
    ...overrides,
  };
}

export function adminView(overrides: Partial<CampaignAdminView> = {}): CampaignAdminView {
  return {
    ...detail({ myEnrollment: null, canManage: true }),
    scopeDepartmentId: null,
    scopeName: '全公司',
    canMoveScope: false,
    pointsWarnings: [],
    departmentIds: [],
    departmentNames: [],
    audiences: [],
    inviteToken: 'invite-token-1',
    createdAt: '2026-02-10T02:00:00.000Z',
    updatedAt: '2026-02-11T02:00:00.000Z',
    ...overrides,
  };
}

export function checkin(overrides: Partial<CheckinView> = {}): CheckinView {
  return {
    id: 'c1:m1:2026-03-07',
    campaignId: 'c1',
    memberId: 'm1',
    memberName: '张三',
    teamId: null,
    day: '2026-03-07',
    dayIndex: 7,
    kind: 'on_time',
    text: '今天读完了第七章，收获很多。',
    pictures: [],
    mediaReview: null,
    courseId: 'course-7',
    likeCount: 0,
    commentCount: 0,
    featured: false,
    review: null,
    createdAt: '2026-03-07T12:00:00.000Z',
    ...overrides,
  };
}

export function checkinResult(overrides: Partial<CheckinResult> = {}): CheckinResult {
  return {
    checkin: checkin(),
    enrollment: enrollment({ daysDone: 6, currentStreak: 4, longestStreak: 4 }),
    pointsAwarded: 10,
    bonusAwarded: 0,
    milestonesReached: [],
    pointsSpent: 0,
    ...overrides,
  };
}

export function calendar(days: CalendarDay[], overrides: Partial<CalendarView> = {}): CalendarView {
  return { campaignId: 'c1', today: '2026-03-07', days, makeUpCardsLeft: 2, currentStreak: 3, longestStreak: 4, ...overrides };
}

export function managed(n: number, overrides: Partial<ManagedCampaignRow> = {}): ManagedCampaignRow {
  return { ...summary(n), pendingCount: 0, checkinRate: 0, waitlistedCount: 0, ownerName: '王培训', updatedAt: '2026-02-11T02:00:00.000Z', ...overrides };
}

export function memberRow(n: number, overrides: Partial<CampaignMemberRow> = {}): CampaignMemberRow {
  return {
    memberId: `m${n}`,
    name: `成员${n}`,
    employeeNo: `E00${n}`,
    departmentPath: ['总部', '销售部'],
    status: 'enrolled',
    teamId: null,
    teamName: null,
    waitSeq: null,
    daysDone: n,
    madeUpDays: 0,
    currentStreak: n,
    longestStreak: n,
    lastCheckinDay: '2026-03-06',
    signedUpAt: '2026-02-21T02:00:00.000Z',
    ...overrides,
  };
}

export type ActionHandlers = RoutesOf<'campaign'>;

/** Answers `campaign.<action>` from `routes`; anything else fails the test. */
export const backend = (routes: ActionHandlers): void => route(scoped(['campaign'], routes));
