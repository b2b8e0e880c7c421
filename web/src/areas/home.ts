import type { Screen } from '../screens';

export const screens: readonly Screen[] = [{ name: 'home', path: '', title: '首页', component: () => import('../views/home.vue'), menu: { order: 0 } }];
