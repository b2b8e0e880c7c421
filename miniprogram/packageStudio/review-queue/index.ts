/**
 * 课程评审 (reviewers): revisions assigned to me that wait for my scores, oldest submission first; a switch
 * also shows the ones I already scored. Opens the review page.
 */
import { reviewQueue, type ReviewQueueEntry } from '../../services/authoring';
import { COURSE_FORMAT_LABELS } from '../../utils/labels';
import { definePage } from '../../utils/page';
import { createPagedList, initialListState, type FetchPage } from '../../utils/paged-list';
import { beijingDateTime } from '../../utils/ui';
import type { SwitchEvent } from '../shared/events';

interface QueueView {
  revisionId: string;
  title: string;
  meta: string;
  scored: boolean;
}

function toQueueView(entry: ReviewQueueEntry): QueueView {
  return {
    revisionId: entry.revisionId,
    title: entry.title,
    meta: `${COURSE_FORMAT_LABELS[entry.format]} · 第 ${entry.revision} 版 · ${entry.authorName} · 提交于 ${beijingDateTime(entry.submittedAt)}`,
    scored: entry.scored,
  };
}

const list = createPagedList<ReviewQueueEntry, QueueView>(toQueueView);

const fetchFor =
  (includeScored: boolean): FetchPage<ReviewQueueEntry> =>
  (page, pageSize) =>
    reviewQueue(page, pageSize, includeScored);

definePage({
  data: { ...initialListState<QueueView>(), includeScored: false, shown: false },
  methods: {
    onLoad() {
      return this.reload();
    },
    /** Back from a review: the scored revision leaves the queue. */
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
      return list.loadMore(this, fetchFor(this.data.includeScored));
    },
    reload() {
      return list.reload(this, fetchFor(this.data.includeScored));
    },
    onLoadMore() {
      return list.loadMore(this, fetchFor(this.data.includeScored));
    },
    onRetry() {
      return this.reload();
    },
    onIncludeScored(event: SwitchEvent) {
      this.setData({ includeScored: event.detail.value, items: [] });
      return this.reload();
    },
    onEntryTap(event: WechatMiniprogram.BaseEvent<{}, { revisionId?: string }>) {
      const { revisionId } = event.currentTarget.dataset;
      if (revisionId) wx.navigateTo({ url: `/packageStudio/review/index?revisionId=${encodeURIComponent(revisionId)}` });
    },
  },
});
