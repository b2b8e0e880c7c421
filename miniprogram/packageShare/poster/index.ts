/**
 * 分享海报: a picture of the shared content (cover, title, who shares it) with a mini-program code whose scene
 * is the poster's share token (share.poster), drawn on a canvas 2d and saved to the album. A colleague who
 * scans it lands on pages/share, which records the open like a link's.
 */
import type { ShareTargetKind } from '../../../typings/functions/share';
import { findCanvas, type SizedCanvas } from '../../utils/canvas';
import { getPoster } from '../../services/share';
import { getMyProfile } from '../../services/user';
import { SHARE_TARGET_LABELS } from '../../utils/labels';
import { defineLoadedPage } from '../../utils/loaded-page';
import { saveDrawingToAlbum } from '../../utils/album';
import { POSTER_HEIGHT, POSTER_WIDTH, drawPoster } from './drawing';

/** What the poster asks of a colleague, by kind of content. */
const INVITATIONS: Record<ShareTargetKind, string> = {
  course: '邀请你一起学习这门课程',
  series: '邀请你一起学习这个系列课',
  campaign: '邀请你一起参加打卡活动',
  contestEntry: '邀请你来看看这个参赛作品',
  contestResults: '邀请你查看大赛结果',
};

const isTargetKind = (value: string): value is ShareTargetKind => Object.prototype.hasOwnProperty.call(SHARE_TARGET_LABELS, value);

/** The canvas each poster page drew on: saving exports it (querying the node again would clear it). */
const drawnCanvases = new WeakMap<object, SizedCanvas>();

defineLoadedPage({
  where: 'poster',
  data: {
    kind: 'course' as ShareTargetKind,
    targetId: '',
    title: '',
    width: POSTER_WIDTH,
    height: POSTER_HEIGHT,
    drawn: false,
    saving: false,
  },
  readQuery(query) {
    const kind = query.kind ?? '';
    return isTargetKind(kind) ? { kind, targetId: query.id ?? '' } : { targetId: '' };
  },
  refuse() {
    return this.data.targetId ? '' : '海报链接不完整';
  },
  fetch() {
    this.setData({ drawn: false });
    return Promise.all([getPoster(this.data.kind, this.data.targetId), getMyProfile()]);
  },
  show: ([poster]) => ({ title: poster.title }),
  async afterShow([poster, profile]) {
    const sharer = profile.bound ? profile.name : '';
    const canvas = await findCanvas(this, '.poster-canvas');
    if (!canvas) {
      this.setData({ status: 'error', message: '当前微信版本无法绘制海报，请升级后重试' });
      return;
    }
    const invitation = sharer ? `${sharer} ${INVITATIONS[this.data.kind]}` : INVITATIONS[this.data.kind];
    const drawn = await drawPoster(canvas, {
      title: poster.title,
      kindLabel: SHARE_TARGET_LABELS[this.data.kind],
      invitation,
      coverUrl: poster.coverUrl,
      codeUrl: poster.codeUrl,
    });
    if (drawn) {
      drawnCanvases.set(this, canvas);
      this.setData({ drawn: true });
    } else this.setData({ status: 'error', message: '小程序码加载失败，请重试' });
  },
  methods: {
    async onSave() {
      const canvas = drawnCanvases.get(this);
      if (!canvas || this.data.saving) return;
      this.setData({ saving: true });
      await saveDrawingToAlbum(canvas, '海报', 'poster');
      this.setData({ saving: false });
    },
  },
});
