import type { Screen } from '../screens';

/**
 * 评审工作台: a judge scores the contest entries assigned to them (contest.judgeRounds, judgeAssignments,
 * judgeEntry, saveScores: the judge's actions on the server, server/contest/judging.ts). Only the judge role
 * opens them; the server checks each assignment is the caller's.
 */
export const screens: readonly Screen[] = [
  { name: 'judging', path: 'judging', title: '评审工作台', roles: ['judge'], component: () => import('../views/judging/rounds.vue'), menu: { order: 45 } },
  { name: 'judging-desk', path: 'judging/:roundId/:entryId?', title: '评分', roles: ['judge'], component: () => import('../views/judging/desk.vue') },
];
