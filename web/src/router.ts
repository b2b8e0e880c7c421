/**
 * Routes of the console. Screens load on demand, so the first page's JavaScript holds only the shell.
 * A route names the roles that may open it (`meta.roles`, the same roles the server checks); a typed URL the
 * member's roles do not allow shows 无权限 inside the layout, while the server refuses the calls anyway.
 */
import { createRouter, createWebHistory, type RouteRecordRaw } from 'vue-router';
import type { Role } from '../../typings/roles';
import { onSignedOut, sessionFlag } from './services/transport';
import { SCREENS } from './screens';

declare module 'vue-router' {
  interface RouteMeta {
    /** Any one suffices; absent means every console member. */
    roles?: readonly Role[];
    title?: string;
    public?: boolean;
  }
}

const routes: RouteRecordRaw[] = [
  { path: '/sign-in', name: 'sign-in', component: () => import('./views/sign-in.vue'), meta: { public: true, title: '扫码登录' } },
  {
    path: '/',
    component: () => import('./views/layout.vue'),
    children: SCREENS.map((screen) => ({
      path: screen.path,
      name: screen.name,
      component: screen.component,
      meta: screen.roles ? { title: screen.title, roles: screen.roles } : { title: screen.title },
    })),
  },
  { path: '/:rest(.*)*', redirect: '/' },
];

export const router = createRouter({ history: createWebHistory(import.meta.env.BASE_URL), routes });

router.beforeEach((to) => {
  if (!to.meta.public && !sessionFlag.get()) return { name: 'sign-in', query: to.fullPath !== '/' ? { next: to.fullPath } : {} };
  return true;
});

onSignedOut((error) => {
  void router.replace({ name: 'sign-in', query: { reason: error.message } });
});
