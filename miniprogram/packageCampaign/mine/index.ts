/** 我的打卡: every campaign I signed up for (quit ones left out by the backend), newest sign-up first. */
import { campaignUrl, listMyCampaigns, toCampaignCard, type CampaignCardView } from '../../services/campaign';
import { definePagedListPage } from '../../utils/paged-list';

definePagedListPage({
  fetchPage: listMyCampaigns,
  toView: (campaign): CampaignCardView => toCampaignCard(campaign),
  /** Back from a detail page where I quit or signed up. */
  reloadOnShow: true,
  methods: {
    onCampaignTap(event: WechatMiniprogram.BaseEvent<{}, { id?: string }>) {
      const { id } = event.currentTarget.dataset;
      if (id) wx.navigateTo({ url: campaignUrl('detail', { id }) });
    },
  },
});
