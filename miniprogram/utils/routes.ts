/**
 * Every page of the app with the query names it reads: the one table navigation goes through, checked
 * against app.json and against what each page's onLoad reads (test/miniprogram/utils/routes.test.ts). A
 * route's name is its folder; the page is `<name>/index`.
 */
export const ROUTES = {
  'pages/learn': [],
  'pages/campaigns': [],
  'pages/contests': [],
  'pages/me': [],
  'pages/bind': ['reason'],
  /** A share link (`token`) or a mini-program code (`scene`). */
  'pages/share': ['token', 'scene'],
  'packageClassroom/list': [],
  'packageClassroom/session': ['id'],
  /** A scanned attendance code (`scene`). */
  'packageClassroom/attend': ['scene'],
  'packageClassroom/manage': [],
  'packageClassroom/editor': ['id'],
  'packageClassroom/code': ['id'],
  'packageClassroom/report': ['id'],
  'packageReport/overview': [],
  'packageReport/course': ['id', 'departmentId'],
  'packageReport/departments': [],
  'packageReport/activity': [],
  'packageReport/summaries': [],
  'packageShare/poster': ['kind', 'id'],
  'packageShare/mine': [],
  'packageShare/leaderboard': ['boardKind', 'boardId'],
  'packageCampaign/detail': ['id', 'inviteToken'],
  'packageCampaign/checkin': ['id', 'day'],
  'packageCampaign/calendar': ['id'],
  'packageCampaign/feed': ['id', 'filter'],
  'packageCampaign/leaderboard': ['id', 'tab'],
  'packageCampaign/certificate': ['id'],
  'packageCampaign/mine': [],
  'packageCampaignAdmin/campaigns': [],
  'packageCampaignAdmin/editor': ['id'],
  'packageCampaignAdmin/members': ['id', 'status'],
  'packageCampaignAdmin/dashboard': ['id'],
  'packageContest/contest': ['id'],
  'packageContest/signup': ['contestId'],
  'packageContest/entries': ['contestId', 'roundId'],
  'packageContest/entry': ['entryId'],
  'packageContest/entry-course': ['entryId', 'courseId'],
  'packageContest/workbench': [],
  'packageContest/judge-round': ['roundId'],
  'packageContest/score': ['roundId', 'entryId'],
  'packageContest/results': ['contestId'],
  'packageContest/my-entries': [],
  'packageContest/invitations': ['contestId'],
  'packageContest/admin-contests': [],
  'packageContest/admin-contest': ['contestId'],
  'packageContest/admin-round': ['contestId', 'roundId'],
  'packageContest/admin-judges': ['contestId', 'roundId'],
  'packageContest/admin-results': ['contestId', 'roundId'],
  'packageContest/admin-abuse': ['roundId'],
  'packageAdmin/members': [],
  'packageAdmin/invitations': [],
  'packageAdmin/roster': [],
  'packageAdmin/mall-orders': [],
  'packageAdmin/mall-items': [],
  /** An item to edit (absent: a new item). */
  'packageAdmin/mall-item': ['id'],
  'packageAdmin/points-rules': [],
  'packageAdmin/points-adjust': [],
  'packageAdmin/review-settings': [],
  'packageAdmin/bind-log': [],
  'packageAdmin/audit-log': [],
  'packageAdmin/author-levels': [],
  'packageAdmin/learner-levels': [],
  'packagePoints/points': [],
  'packagePoints/mall': [],
  'packagePoints/item': ['id'],
  'packagePoints/orders': [],
  'packagePoints/leaderboard': [],
  'packagePoints/level': [],
  'packageCourse/catalogue': ['keyword', 'category', 'seriesId'],
  'packageCourse/course': ['id'],
  'packageCourse/h5': ['id'],
  'packageCourse/quiz': ['id'],
  'packageCourse/series': ['id'],
  'packageCourse/my': [],
  'packageCourse/discussion': ['courseId'],
  'packageCourse/question': ['id'],
  'packageStudio/courses': [],
  'packageStudio/editor': ['courseId'],
  'packageStudio/review-queue': [],
  'packageStudio/review': ['revisionId'],
  'packageStudio/media-review': [],
  'packageStudio/series': [],
  'packageStudio/assignments': [],
  'packageStudio/assignment-new': ['kind', 'id', 'title'],
  'packageStudio/assignment': ['assignmentId'],
  'packageStudio/creations': [],
  /** A published year (absent: the newest). */
  'packageStudio/author-awards': ['year'],
  'packageNotice/inbox': [],
  'packageNotice/settings': [],
  'packageNotice/certificate': ['code'],
  'packageNotice/certificates': [],
  /** Opened by the web console's mini-program code (`scene`) or a link (`loginId`). */
  'packageConsole/confirm': ['scene', 'loginId'],
  'packageConsole/devices': [],
} as const satisfies Record<string, readonly string[]>;

export type RouteName = keyof typeof ROUTES;
export type RouteQuery<N extends RouteName> = { [K in (typeof ROUTES)[N][number]]?: string | undefined };

/** The page's route as `getCurrentPages()` reports it (no leading slash). */
export const routePath = (name: RouteName): string => `${name}/index`;

/** A page's URL with its query (undefined and '' values are left out, values encoded). */
export function routeUrl<N extends RouteName>(name: N, query: RouteQuery<N> = {}): string {
  const search = Object.entries(query as Record<string, string | undefined>)
    .filter((pair): pair is [string, string] => pair[1] !== undefined && pair[1] !== '')
    .map(([key, value]) => `${key}=${encodeURIComponent(value)}`)
    .join('&');
  return search ? `/${routePath(name)}?${search}` : `/${routePath(name)}`;
}
