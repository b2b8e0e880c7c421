import type { Screen } from '../screens';

/**
 * Points and the gift mall (积分与商城). The server lets only company-wide admins run the mall and set the
 * rules (server/points/actions.ts); a department admin sees the server's message there, and adjusts and
 * reads the ledgers of the members in their scope.
 */
export const screens: readonly Screen[] = [
  { name: 'mall-orders', path: 'mall/orders', title: '兑换订单', roles: ['admin'], component: () => import('../views/mall/orders.vue'), menu: { order: 50 } },
  { name: 'mall-items', path: 'mall/items', title: '商城礼品', roles: ['admin'], component: () => import('../views/mall/items.vue'), menu: { order: 51 } },
  { name: 'points-rules', path: 'points/rules', title: '积分规则', roles: ['admin'], component: () => import('../views/mall/rules.vue'), menu: { order: 52 } },
  {
    name: 'points-ledger',
    path: 'points/ledger',
    title: '积分明细与调整',
    roles: ['admin'],
    component: () => import('../views/mall/ledger.vue'),
    menu: { order: 53 },
  },
];
