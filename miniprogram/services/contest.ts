/** 大赛: micro-course contests. */
import type { ActionOutput } from '../../typings/api';
import { call } from './transport';

export type ContestListPage = ActionOutput<'contest', 'list'>;
export type ContestListItem = ContestListPage['items'][number];

export function listContests(page: number, pageSize: number): Promise<ContestListPage> {
  return call('contest', 'list', { page, pageSize });
}
