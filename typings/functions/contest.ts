/** Function `contest`: micro-course competitions (大赛). */
import { contract } from '../contract';
import { contestVotingContracts } from './contest-voting';
import { Page, pageInput } from './paging';

export interface ContestSummary {
  id: string;
  title: string;
  theme: string;
  summary: string;
  /** ISO 8601. */
  publishedAt: string | null;
}

export const contestContracts = {
  list: contract<Page<ContestSummary>>()(pageInput),
  ...contestVotingContracts,
};
