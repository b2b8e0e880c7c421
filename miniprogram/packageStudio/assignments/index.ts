/** 必修任务 (trainers): the assignments in my scope, newest first, with their completion; opens one, or a new one. */
import { listAssignments } from '../../services/assignment';
import { definePagedListPage } from '../../utils/paged-list';
import { assignmentSummary } from '../shared/assignment-view';
import type { DataEvent } from '../../utils/events';
import { assignmentUrl } from '../shared/routes';
import { routeUrl } from '../../utils/routes';

definePagedListPage({
  fetchPage: listAssignments,
  toView: assignmentSummary,
  /** Back from creating or cancelling one: show the list as it is now. */
  reloadOnShow: true,
  methods: {
    onNew() {
      wx.navigateTo({ url: routeUrl('packageStudio/assignment-new') });
    },
    onAssignmentTap(event: DataEvent<{ assignmentId?: string }>) {
      const { assignmentId } = event.currentTarget.dataset;
      if (assignmentId) wx.navigateTo({ url: assignmentUrl(assignmentId) });
    },
  },
});
