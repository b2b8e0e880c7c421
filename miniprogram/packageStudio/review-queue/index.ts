/**
 * 课程评审 (reviewers): revisions assigned to me that wait for my scores, oldest submission first; a switch
 * also shows the ones I already scored. Opens the review page.
 */
import { reviewQueue, type ReviewQueueEntry } from '../../services/authoring';
import { COURSE_FORMAT_LABELS } from '../../utils/labels';
import { definePagedListPage } from '../../utils/paged-list';
import { doneTheme, type TagTheme } from '../../utils/status-themes';
import type { SwitchEvent } from '../../utils/events';
import { beijingDateTime } from '../../utils/time';
import { routeUrl } from '../../utils/routes';

interface QueueView {
  revisionId: string;
  title: string;
  meta: string;
  scored: boolean;
  stateTheme: TagTheme;
}

function toQueueView(entry: ReviewQueueEntry): QueueView {
  return {
    revisionId: entry.revisionId,
    title: entry.title,
    meta: `${COURSE_FORMAT_LABELS[entry.format]} · 第 ${entry.revision} 版 · ${entry.authorName} · 提交于 ${beijingDateTime(entry.submittedAt)}`,
    scored: entry.scored,
    stateTheme: doneTheme(entry.scored),
  };
}

definePagedListPage({
  fetchPage(page, pageSize) {
    return reviewQueue(page, pageSize, this.data.includeScored);
  },
  toView: toQueueView,
  /** Back from a review: the scored revision leaves the queue. */
  reloadOnShow: true,
  data: { includeScored: false },
  methods: {
    onIncludeScored(event: SwitchEvent) {
      return this.reloadWith({ includeScored: event.detail.value });
    },
    onEntryTap(event: WechatMiniprogram.BaseEvent<{}, { revisionId?: string }>) {
      const { revisionId } = event.currentTarget.dataset;
      if (revisionId) wx.navigateTo({ url: routeUrl('packageStudio/review', { revisionId }) });
    },
  },
});
