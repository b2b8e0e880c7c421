/** Area `campaign`: group check-in campaigns. */
import type { CampaignDoc } from '../../typings/domain';
import { campaignContracts, CampaignSummary } from '../../typings/functions/campaign';
import { COLLECTIONS, defineAction, defineFunction } from '../core';
import { isoDate, listPublished } from '../core/published';
import { engagementActions } from './engagement';

function campaignSummary(doc: CampaignDoc): CampaignSummary {
  return {
    id: doc._id,
    title: doc.title,
    summary: doc.summary,
    startDay: doc.startDay,
    endDay: doc.endDay,
    publishedAt: isoDate(doc.publishedAt),
  };
}

export const list = defineAction({
  ...campaignContracts.list,
  roles: ['learner'],
  handler: ({ db, input }) => listPublished(db, COLLECTIONS.campaigns, input, campaignSummary),
});

export const campaignFunction = defineFunction({ name: 'campaign', actions: { list, ...engagementActions } });
