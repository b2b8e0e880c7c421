/** 打卡: check-in campaigns. */
import type { ActionOutput } from '../../typings/api';
import { pagedAction } from './transport';

export type CampaignListPage = ActionOutput<'campaign', 'list'>;
export type CampaignListItem = CampaignListPage['items'][number];

export const listCampaigns = pagedAction('campaign', 'list');
