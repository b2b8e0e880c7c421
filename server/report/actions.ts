/** Area `report` (学习分析): course, department, trend, heatmap, campaign and contest reports, and exports. */
import { reportContracts } from '../../typings/functions/report';
import { defineAction, defineFunction } from '../core';
import { exportReport, exportShareBoard as exportBoard } from './export';
import { courseDetail, coursesPage, departmentsPage, heatmap as heatmapOf, reportScope, trends as trendsOf } from './read';
import { figuresUpdatedAt } from '../core/rollup-state';
import { campaignSummaries, contestSummaries } from './summaries';
import { contestExportActions } from './contest-export';
import { exportReviewOutcomes } from './review-export';

const ROLES = ['trainer', 'admin'] as const;

export const courses = defineAction({
  ...reportContracts.courses,
  roles: ROLES,
  handler: async ({ db, caller, input }) => {
    const scope = reportScope(caller.member, input.departmentId);
    const [page, updatedAt] = await Promise.all([coursesPage(db, scope, input.sort, input), figuresUpdatedAt(db)]);
    return { ...page, updatedAt };
  },
});

export const course = defineAction({
  ...reportContracts.course,
  roles: ROLES,
  handler: async ({ db, caller, input, now }) => {
    const scope = reportScope(caller.member, input.departmentId);
    const [detail, updatedAt] = await Promise.all([courseDetail(db, scope, input.courseId, input.weeks, now()), figuresUpdatedAt(db)]);
    return { ...detail, updatedAt };
  },
});

export const departments = defineAction({
  ...reportContracts.departments,
  roles: ROLES,
  handler: async ({ db, caller, input }) => {
    const scope = reportScope(caller.member, input.departmentId);
    const [page, updatedAt] = await Promise.all([departmentsPage(db, scope, input), figuresUpdatedAt(db)]);
    return { ...page, updatedAt };
  },
});

export const trends = defineAction({
  ...reportContracts.trends,
  roles: ROLES,
  handler: async ({ db, caller, input, now }) => {
    const scope = reportScope(caller.member, input.departmentId);
    const [weeks, updatedAt] = await Promise.all([trendsOf(db, scope, input.courseId, input.weeks, now()), figuresUpdatedAt(db)]);
    return { weeks, updatedAt };
  },
});

export const heatmap = defineAction({
  ...reportContracts.heatmap,
  roles: ROLES,
  handler: async ({ db, caller, input, now }) => {
    const scope = reportScope(caller.member, input.departmentId);
    const [view, updatedAt] = await Promise.all([heatmapOf(db, scope, input.weeks, now()), figuresUpdatedAt(db)]);
    return { ...view, updatedAt };
  },
});

/** Campaigns and contests within the caller's scope (server/report/summaries.ts). */
export const campaigns = defineAction({
  ...reportContracts.campaigns,
  roles: ROLES,
  handler: async ({ db, caller, input }) => {
    const [page, updatedAt] = await Promise.all([campaignSummaries(db, reportScope(caller.member, undefined), input), figuresUpdatedAt(db)]);
    return { ...page, updatedAt };
  },
});

export const contests = defineAction({
  ...reportContracts.contests,
  roles: ROLES,
  handler: async ({ db, caller, input }) => {
    const [page, updatedAt] = await Promise.all([contestSummaries(db, reportScope(caller.member, undefined), input), figuresUpdatedAt(db)]);
    return { ...page, updatedAt };
  },
});

const exportAction = defineAction({
  ...reportContracts.export,
  roles: ROLES,
  handler: ({ db, cloud, caller, input, now }) => exportReport(db, cloud, reportScope(caller.member, input.departmentId), input, now(), caller.member._id),
});

export const exportShareBoard = defineAction({
  ...reportContracts.exportShareBoard,
  roles: ROLES,
  handler: ({ db, cloud, caller, input, now }) =>
    exportBoard(db, cloud, reportScope(caller.member, undefined), input.boardKind, input.boardId, now(), caller.member._id),
});

export const reportFunction = defineFunction({
  name: 'report',
  actions: {
    courses,
    course,
    departments,
    trends,
    heatmap,
    campaigns,
    contests,
    export: exportAction,
    exportShareBoard,
    ...contestExportActions,
    exportReviewOutcomes,
  },
});
