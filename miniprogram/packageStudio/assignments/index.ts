/** 必修任务 (trainers): the assignments in my scope, newest first, with their completion; opens one, or a new one. */
import { listAssignments, type Assignment } from '../../services/assignment';
import { definePage } from '../../utils/page';
import { createPagedList, initialListState } from '../../utils/paged-list';
import { assignmentSummary, type AssignmentSummary } from '../shared/assignment-view';
import type { DataEvent } from '../shared/events';
import { assignmentUrl } from '../shared/routes';

const list = createPagedList<Assignment, AssignmentSummary>(assignmentSummary);

definePage({
  data: { ...initialListState<AssignmentSummary>(), shown: false },
  methods: {
    onLoad() {
      return this.reload();
    },
    /** Back from creating or cancelling one: show the list as it is now. */
    onShow() {
      if (this.data.shown) return this.reload();
      this.setData({ shown: true });
      return Promise.resolve();
    },
    async onPullDownRefresh() {
      try {
        await this.reload();
      } finally {
        wx.stopPullDownRefresh();
      }
    },
    onReachBottom() {
      return list.loadMore(this, listAssignments);
    },
    reload() {
      return list.reload(this, listAssignments);
    },
    onLoadMore() {
      return list.loadMore(this, listAssignments);
    },
    onRetry() {
      return this.reload();
    },
    onNew() {
      wx.navigateTo({ url: '/packageStudio/assignment-new/index' });
    },
    onAssignmentTap(event: DataEvent<{ assignmentId?: string }>) {
      const { assignmentId } = event.currentTarget.dataset;
      if (assignmentId) wx.navigateTo({ url: assignmentUrl(assignmentId) });
    },
  },
});
