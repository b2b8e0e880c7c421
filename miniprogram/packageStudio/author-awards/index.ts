/**
 * 年度作者奖: the winners of the published annual author awards, one year at a time (the newest first; the
 * other published years as tabs). Each award opens its certificate. Reached from 我的创作 and from the
 * 年度作者奖 notification; the server decides what is published (authoring.authorAwardWinners).
 */
import { authorAwardWinners, type AuthorAwardWinners } from '../../services/authoring';
import { failedLoad } from '../../utils/failure';
import { definePage } from '../../utils/page';
import type { TabsEvent } from '../../utils/events';
import type { ListStatus } from '../../utils/paged-list';
import { routeUrl } from '../../utils/routes';
import { beijingDateTime } from '../../utils/time';

function toView(data: AuthorAwardWinners) {
  return {
    year: data.year,
    publishedAt: data.publishedAt ? `${beijingDateTime(data.publishedAt).slice(0, 10)} 公布` : '',
    years: data.publishedYears.map((year) => ({ year, label: `${year} 年度` })),
    awards: data.awards.map((award) => ({
      key: award.awardId,
      title: award.title,
      winner: award.memberName,
      department: award.departmentPath.join(' / '),
      basis: award.basis,
      points: award.points > 0 ? `+${award.points} 积分` : '',
      code: award.certificateCode ?? '',
    })),
  };
}

type View = ReturnType<typeof toView>;

definePage({
  data: {
    status: 'loading' as ListStatus,
    message: '',
    view: null as View | null,
    /** The year asked for (null: the newest published). */
    year: null as number | null,
  },
  methods: {
    onLoad(options: Record<string, string | undefined> = {}) {
      const year = Number(options.year);
      return this.load(Number.isInteger(year) && year > 0 ? year : null);
    },
    onPullDownRefresh() {
      return this.load(this.data.year).then(() => wx.stopPullDownRefresh());
    },
    onRetry() {
      return this.load(this.data.year);
    },
    async load(year: number | null) {
      this.setData({ status: 'loading', message: '', year });
      try {
        const data = await authorAwardWinners(year);
        const view = toView(data);
        this.setData({ status: data.status === 'published' && view.awards.length > 0 ? 'ready' : 'empty', view });
      } catch (error) {
        this.setData(failedLoad(error, 'author-awards'));
      }
    },
    /** The t-tabs row of published years. */
    onPickYear(event: TabsEvent<number>) {
      const year = Number(event.detail.value);
      if (Number.isInteger(year) && year !== this.data.view?.year) void this.load(year);
    },
    onOpenAward(event: WechatMiniprogram.TouchEvent) {
      const code = String(event.currentTarget.dataset.code ?? '');
      if (code) wx.navigateTo({ url: routeUrl('packageNotice/certificate', { code }) });
    },
  },
});
