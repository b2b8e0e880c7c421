/** 打卡 tab: check-in campaigns, paginated. */
import { listCampaigns, type CampaignListItem } from '../../services/campaign';
import { definePagedListPage } from '../../utils/paged-list';

definePagedListPage({
  fetchPage: listCampaigns,
  toView: (campaign: CampaignListItem) => ({
    id: campaign.id,
    title: campaign.title,
    summary: campaign.summary,
    meta: `${campaign.startDay} 至 ${campaign.endDay}`,
  }),
});
