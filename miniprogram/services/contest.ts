/** 大赛: micro-course contests. */
import type { ActionOutput } from '../../typings/api';
import { pagedAction } from './transport';

export type ContestListPage = ActionOutput<'contest', 'list'>;
export type ContestListItem = ContestListPage['items'][number];

export const listContests = pagedAction('contest', 'list');
