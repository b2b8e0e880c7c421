/**
 * 分享栏: 分享给同事 (a share button: WeChat calls the page's onShareAppMessage, see utils/share.ts) and
 * 生成海报 (the poster page for the target). Properties: `kind` (a ShareTargetKind) and `targetId`.
 *
 *   <share-bar kind="course" target-id="{{courseId}}" />
 */
import type { ShareTargetKind } from '../../../typings/functions/share';
import { posterUrl } from '../../utils/share';

Component({
  properties: {
    kind: { type: String, value: '' },
    targetId: { type: String, value: '' },
    /** False where a poster makes no sense (the page still shares to chats). */
    poster: { type: Boolean, value: true },
  },
  methods: {
    onPoster() {
      const kind = this.data.kind as ShareTargetKind | '';
      if (kind === '' || this.data.targetId === '') return;
      wx.navigateTo({ url: posterUrl({ kind, id: this.data.targetId }) });
    },
  },
});
