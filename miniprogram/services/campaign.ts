/** 打卡: check-in campaigns. */
import type { ActionOutput } from '../../typings/api';
import { call } from './transport';

export type CampaignListPage = ActionOutput<'campaign', 'list'>;
export type CampaignListItem = CampaignListPage['items'][number];

export function listCampaigns(page: number, pageSize: number): Promise<CampaignListPage> {
  return call('campaign', 'list', { page, pageSize });
}
