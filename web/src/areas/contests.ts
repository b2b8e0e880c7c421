import type { Screen } from '../screens';
import { CONTEST_ORGANISER_ROLES } from '../../../typings/roles';

/**
 * 大赛管理: the contest actions the console calls (contest.admin*, previewResults, voteAbuseReport, the contest
 * exports, …) are the organisers' on the server (trainers and admins, each within their scope,
 * server/contest/access.ts); the screens ask the same roles, and the server refuses a contest out of scope.
 */
export const screens: readonly Screen[] = [
  {
    name: 'contests',
    path: 'contests',
    title: '大赛管理',
    roles: CONTEST_ORGANISER_ROLES,
    component: () => import('../views/contests/list.vue'),
    menu: { order: 40 },
  },
  {
    name: 'contest',
    path: 'contests/:contestId/:tab(rounds|judges|entries|votes|results)?',
    title: '大赛详情',
    roles: CONTEST_ORGANISER_ROLES,
    component: () => import('../views/contests/detail.vue'),
  },
];
