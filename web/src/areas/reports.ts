import type { Screen } from '../screens';

/** The same roles as the report function's actions (server/report/actions.ts). */
const ROLES = ['trainer', 'admin'] as const;

export const screens: readonly Screen[] = [
  { name: 'reports', path: 'reports', title: '学习报表', roles: ROLES, component: () => import('../views/reports/index.vue'), menu: { order: 60 } },
  { name: 'report-course', path: 'reports/courses/:courseId', title: '课程报表', roles: ROLES, component: () => import('../views/reports/course.vue') },
];
