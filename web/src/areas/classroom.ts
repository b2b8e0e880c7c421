import type { Screen } from '../screens';

/** 线下课: the server's classroom actions allow trainers and admins, each within their department scope. */
const MANAGERS = ['trainer', 'admin'] as const;

export const screens: readonly Screen[] = [
  { name: 'classroom', path: 'classroom', title: '线下课', roles: MANAGERS, component: () => import('../views/classroom/list.vue'), menu: { order: 25 } },
  { name: 'classroom-session', path: 'classroom/:id', title: '签到与评估', roles: MANAGERS, component: () => import('../views/classroom/session.vue') },
];
