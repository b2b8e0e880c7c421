import type { Screen } from '../screens';

/** 打卡活动: the server's campaign actions allow trainers and admins, each within their department scope. */
const MANAGERS = ['trainer', 'admin'] as const;

export const screens: readonly Screen[] = [
  { name: 'campaigns', path: 'campaigns', title: '打卡活动', roles: MANAGERS, component: () => import('../views/campaigns/list.vue'), menu: { order: 30 } },
  { name: 'campaign-new', path: 'campaigns/new', title: '新建打卡活动', roles: MANAGERS, component: () => import('../views/campaigns/editor.vue') },
  { name: 'campaign-edit', path: 'campaigns/:id', title: '活动设置', roles: MANAGERS, component: () => import('../views/campaigns/editor.vue') },
  { name: 'campaign-signups', path: 'campaigns/:id/signups', title: '报名审核', roles: MANAGERS, component: () => import('../views/campaigns/signups.vue') },
  { name: 'campaign-teams', path: 'campaigns/:id/teams', title: '分组', roles: MANAGERS, component: () => import('../views/campaigns/teams.vue') },
  {
    name: 'campaign-dashboard',
    path: 'campaigns/:id/dashboard',
    title: '数据看板',
    roles: MANAGERS,
    component: () => import('../views/campaigns/dashboard.vue'),
  },
  { name: 'campaign-feed', path: 'campaigns/:id/feed', title: '打卡动态', roles: MANAGERS, component: () => import('../views/campaigns/feed.vue') },
];
