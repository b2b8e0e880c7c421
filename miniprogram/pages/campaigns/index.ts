/**
 * 打卡 tab: my campaigns first (those I take part in or wait for, first page of 我的打卡), then every
 * campaign open to me, paginated, each with its phase (报名中 / 进行中 / 已结束), my status and seats. A
 * campaign shown among mine is not repeated below.
 */
import {
  ACTIVE_ENROLLMENT,
  campaignUrl,
  listCampaigns,
  listMyCampaigns,
  toCampaignCard,
  type CampaignCardView,
  type CampaignSummary,
} from '../../services/campaign';
import { definePagedListPage } from '../../utils/paged-list';
import { pictureUrls } from '../../utils/pictures';
import { refreshWith } from '../../utils/page';

/** How many of my campaigns the tab shows before 查看全部. */
const MINE_ON_TAB = 5;

async function withCovers(campaigns: CampaignSummary[]): Promise<CampaignCardView[]> {
  const covers = campaigns.map((campaign) => campaign.cover ?? '').filter((cover) => cover !== '');
  const urls = covers.length > 0 ? await pictureUrls(covers) : {};
  return campaigns.map((campaign) => toCampaignCard(campaign, urls[campaign.cover ?? ''] ?? ''));
}

type CampaignTap = WechatMiniprogram.BaseEvent<{}, { id?: string }>;

definePagedListPage({
  async fetchPage(page, pageSize) {
    const result = await listCampaigns(page, pageSize);
    const mine = new Set(this.data.mine.map((campaign) => campaign.id));
    const shown = result.items.filter((campaign) => !mine.has(campaign.id));
    return { ...result, items: await withCovers(shown) };
  },
  toView: (card: CampaignCardView) => card,
  data: {
    mine: [] as CampaignCardView[],
    moreMine: false,
  },
  methods: {
    async onLoad() {
      await this.loadMine();
      await this.reload();
    },
    onPullDownRefresh() {
      return refreshWith(async () => {
        await this.loadMine();
        await this.reload();
      });
    },
    /** My campaigns are a bonus on this tab: if they fail, the list below still says what went wrong. */
    async loadMine() {
      try {
        const result = await listMyCampaigns(1, MINE_ON_TAB);
        const active = result.items.filter((campaign) => campaign.myStatus !== null && ACTIVE_ENROLLMENT.includes(campaign.myStatus));
        this.setData({ mine: await withCovers(active), moreMine: result.hasMore });
      } catch {
        this.setData({ mine: [], moreMine: false });
      }
    },
    onCampaignTap(event: CampaignTap) {
      const { id } = event.currentTarget.dataset;
      if (id) wx.navigateTo({ url: campaignUrl('detail', { id }) });
    },
    onAllMine() {
      wx.navigateTo({ url: campaignUrl('mine') });
    },
  },
});
