import type { Screen } from '../screens';

/** Authors (作者): the annual author awards (年度作者评选); company-wide admins edit, trainers read the results. */
export const screens: readonly Screen[] = [
  {
    name: 'author-awards',
    path: 'author-awards',
    title: '年度作者评选',
    roles: ['admin', 'trainer'],
    component: () => import('../views/authors/awards.vue'),
    menu: { order: 25 },
  },
];
