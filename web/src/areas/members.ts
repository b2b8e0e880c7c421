import type { Screen } from '../screens';

export const screens: readonly Screen[] = [
  { name: 'members', path: 'members', title: '成员管理', roles: ['admin'], component: () => import('../views/members.vue'), menu: { order: 10 } },
];
