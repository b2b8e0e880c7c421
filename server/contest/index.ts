/** Area `contest`: micro-course competitions. */
import type { ContestDoc } from '../../typings/domain';
import { contestContracts, ContestSummary } from '../../typings/functions/contest';
import { COLLECTIONS, defineAction, defineFunction } from '../core';
import { isoDate, listPublished } from '../core/published';
import { votingActions } from './voting';

function contestSummary(doc: ContestDoc): ContestSummary {
  return {
    id: doc._id,
    title: doc.title,
    theme: doc.theme,
    summary: doc.summary,
    publishedAt: isoDate(doc.publishedAt),
  };
}

export const list = defineAction({
  ...contestContracts.list,
  roles: ['learner'],
  handler: ({ db, input }) => listPublished(db, COLLECTIONS.contests, input, contestSummary),
});

export const contestFunction = defineFunction({ name: 'contest', actions: { list, ...votingActions } });
