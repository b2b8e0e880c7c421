import type { Screen } from '../screens';

/**
 * 大赛管理: the contest actions the console calls (contest.admin*, previewResults, voteAbuseReport, …) are the
 * admin's on the server (server/contest/admin.ts), within the admin's scope; the screens ask the same role.
 */
export const screens: readonly Screen[] = [
  { name: 'contests', path: 'contests', title: '大赛管理', roles: ['admin'], component: () => import('../views/contests/list.vue'), menu: { order: 40 } },
  {
    name: 'contest',
    path: 'contests/:contestId/:tab(rounds|judges|entries|votes|results)?',
    title: '大赛详情',
    roles: ['admin'],
    component: () => import('../views/contests/detail.vue'),
  },
];
