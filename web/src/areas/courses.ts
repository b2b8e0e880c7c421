import type { Screen } from '../screens';

/** Courses (课程): the staff catalogue, the desktop editor, reviews, series, required assignments and discussions. */
export const screens: readonly Screen[] = [
  {
    name: 'courses',
    path: 'courses',
    title: '课程目录',
    roles: ['trainer', 'reviewer', 'admin'],
    component: () => import('../views/courses/catalogue.vue'),
    menu: { order: 20 },
  },
  { name: 'course-new', path: 'courses/new', title: '新建课程', roles: ['trainer'], component: () => import('../views/courses/editor.vue') },
  {
    name: 'course-import',
    path: 'courses/import',
    title: '批量导入课程',
    roles: ['trainer'],
    component: () => import('../views/courses/import.vue'),
  },
  { name: 'course-edit', path: 'courses/:courseId/edit', title: '编辑课程', roles: ['trainer'], component: () => import('../views/courses/editor.vue') },
  {
    name: 'reviews',
    path: 'reviews',
    title: '课程审核',
    roles: ['reviewer'],
    component: () => import('../views/courses/review-queue.vue'),
    menu: { order: 21 },
  },
  { name: 'review', path: 'reviews/:revisionId', title: '审核课程', roles: ['reviewer'], component: () => import('../views/courses/review.vue') },
  { name: 'series', path: 'series', title: '课程系列', roles: ['trainer'], component: () => import('../views/courses/series.vue'), menu: { order: 22 } },
  {
    name: 'assignments',
    path: 'assignments',
    title: '必修任务',
    roles: ['trainer'],
    component: () => import('../views/courses/assignments.vue'),
    menu: { order: 23 },
  },
  {
    name: 'discussions',
    path: 'discussions',
    title: '课程讨论',
    roles: ['trainer', 'admin'],
    component: () => import('../views/courses/discussions.vue'),
    menu: { order: 24 },
  },
];
