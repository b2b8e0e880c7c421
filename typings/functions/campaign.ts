/** Function `campaign`: group check-in campaigns (打卡). */
import { contract } from '../contract';
import { campaignEngagementContracts } from './campaign-engagement';
import { Page, pageInput } from './paging';

export interface CampaignSummary {
  id: string;
  title: string;
  summary: string;
  /** Beijing days, YYYY-MM-DD. */
  startDay: string;
  endDay: string;
  /** ISO 8601. */
  publishedAt: string | null;
}

export const campaignContracts = {
  list: contract<Page<CampaignSummary>>()(pageInput),
  ...campaignEngagementContracts,
};
