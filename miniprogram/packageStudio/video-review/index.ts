/**
 * 视频审核 (reviewers, admins): members' uploaded videos (contest pitch videos, course videos) wait here,
 * oldest first, because no WeChat content check takes video; others see a video only after 通过.
 */
import { pendingVideos, reviewVideo, type PendingVideo } from '../../services/media-check';
import { failureOf } from '../../utils/failure';
import { definePagedListPage } from '../../utils/paged-list';
import { beijingDateTime, toast } from '../../utils/ui';

interface VideoView {
  checkId: string;
  url: string;
  meta: string;
}

function toVideoView(video: PendingVideo): VideoView {
  return { checkId: video.checkId, url: video.url ?? '', meta: `${video.uploaderName} · 上传于 ${beijingDateTime(video.createdAt)}` };
}

definePagedListPage({
  fetchPage(page, pageSize) {
    return pendingVideos(page, pageSize);
  },
  toView: toVideoView,
  data: { busy: false },
  methods: {
    async onVerdict(event: WechatMiniprogram.BaseEvent<{}, { checkId?: string; verdict?: 'pass' | 'risky' }>) {
      const { checkId, verdict } = event.currentTarget.dataset;
      if (!checkId || !verdict || this.data.busy) return;
      this.setData({ busy: true });
      try {
        await reviewVideo(checkId, verdict);
        toast(verdict === 'pass' ? '已通过' : '已驳回');
        await this.reload();
      } catch (error) {
        toast(failureOf(error, 'video-review').message);
      } finally {
        this.setData({ busy: false });
      }
    },
  },
});
