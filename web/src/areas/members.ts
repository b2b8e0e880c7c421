import type { Screen } from '../screens';

export const screens: readonly Screen[] = [
  { name: 'members', path: 'members', title: '成员管理', roles: ['admin'], component: () => import('../views/members.vue'), menu: { order: 10 } },
  { name: 'member-record', path: 'members/:memberId/record', title: '学习档案', roles: ['admin'], component: () => import('../views/members/record.vue') },
  {
    name: 'invitations',
    path: 'members/invitations',
    title: '邀请码',
    roles: ['admin'],
    component: () => import('../views/members/invitations.vue'),
    menu: { order: 11 },
  },
];
