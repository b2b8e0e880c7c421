/**
 * 分享栏: 分享给同事 (a share button: WeChat calls the page's onShareAppMessage, see utils/share.ts),
 * 生成海报 (the poster page for the target) and, for campaigns and contests, 分享排行 (their share
 * leaderboard). Properties: `kind` (a ShareTargetKind), `targetId`, and for a contest entry or results the
 * contest's id as `contestId` (a campaign's board is the campaign itself).
 *
 *   <share-bar kind="course" target-id="{{courseId}}" />
 *   <share-bar kind="contestEntry" target-id="{{entryId}}" contest-id="{{contestId}}" />
 */
import type { ShareTargetKind } from '../../../typings/functions/share';
import { posterUrl, shareLeaderboardUrl } from '../../utils/share';

/** The share leaderboard a target's shares count on, or '' (courses and series have none). */
function boardUrlOf(kind: string, targetId: string, contestId: string): string {
  if (kind === 'campaign' && targetId) return shareLeaderboardUrl('campaign', targetId);
  if ((kind === 'contestEntry' || kind === 'contestResults') && contestId) return shareLeaderboardUrl('contest', contestId);
  return '';
}

Component({
  properties: {
    kind: { type: String, value: '' },
    targetId: { type: String, value: '' },
    contestId: { type: String, value: '' },
    /** False where a poster makes no sense (the page still shares to chats). */
    poster: { type: Boolean, value: true },
  },
  data: {
    boardUrl: '',
  },
  observers: {
    'kind, targetId, contestId': function (kind: string, targetId: string, contestId: string) {
      this.setData({ boardUrl: boardUrlOf(kind, targetId, contestId) });
    },
  },
  methods: {
    onPoster() {
      const kind = this.data.kind as ShareTargetKind | '';
      if (kind === '' || this.data.targetId === '') return;
      wx.navigateTo({ url: posterUrl({ kind, id: this.data.targetId }) });
    },
    onBoard() {
      if (this.data.boardUrl) wx.navigateTo({ url: this.data.boardUrl });
    },
  },
});
