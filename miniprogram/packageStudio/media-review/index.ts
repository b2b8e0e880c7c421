/**
 * 媒体审核 (reviewers, admins): members' uploads that wait for a person, oldest first: videos (contest pitch
 * videos, course videos), which no WeChat content check takes, and files WeChat did not answer for.
 * Others see an upload only after 通过.
 */
import { pendingReviews, reviewMedia, type PendingReview } from '../../services/media-check';
import type { MediaVerdict } from '../../../typings/functions/media-check';
import { failureOf } from '../../utils/failure';
import { definePagedListPage } from '../../utils/paged-list';
import { toast } from '../../utils/ui';
import { beijingDateTime } from '../../utils/time';

interface ReviewView {
  checkId: string;
  /** How the page shows it: a player for video and audio, a picture otherwise. */
  kind: PendingReview['kind'];
  url: string;
  meta: string;
}

function toReviewView(upload: PendingReview): ReviewView {
  return { checkId: upload.checkId, kind: upload.kind, url: upload.url ?? '', meta: `${upload.uploaderName} · 上传于 ${beijingDateTime(upload.createdAt)}` };
}

definePagedListPage({
  fetchPage(page, pageSize) {
    return pendingReviews(page, pageSize);
  },
  toView: toReviewView,
  data: { busy: false },
  methods: {
    async onVerdict(event: WechatMiniprogram.BaseEvent<{}, { checkId?: string; verdict?: MediaVerdict }>) {
      const { checkId, verdict } = event.currentTarget.dataset;
      if (!checkId || !verdict || this.data.busy) return;
      this.setData({ busy: true });
      try {
        await reviewMedia(checkId, verdict);
        toast(verdict === 'pass' ? '已通过' : '已驳回');
        await this.reload();
      } catch (error) {
        toast(failureOf(error, 'media-review').message);
      } finally {
        this.setData({ busy: false });
      }
    },
  },
});
