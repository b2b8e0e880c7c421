/** 分享 (function `share`): share tokens, opens through them, posters, 我的分享 and share leaderboards. */
import type { ActionInput, ActionOutput } from '../../typings/api';
import { call, pagedAction } from './transport';

export type ShareCreated = ActionOutput<'share', 'create'>;
export type ShareCreateInput = ActionInput<'share', 'create'>;
export type ShareOpenResult = ActionOutput<'share', 'open'>;
export type PosterResult = ActionOutput<'share', 'poster'>;
export type MySharesView = ActionOutput<'share', 'mine'>;
export type MyShareRow = MySharesView['items'][number];
export type ShareLeaderboardView = ActionOutput<'share', 'leaderboard'>;
export type ShareLeaderboardRow = ShareLeaderboardView['items'][number];
export type ShareBoardKind = ActionInput<'share', 'leaderboard'>['boardKind'];

export function createShare(input: ShareCreateInput): Promise<ShareCreated> {
  return call('share', 'create', input);
}

export function openShare(token: string): Promise<ShareOpenResult> {
  return call('share', 'open', { token });
}

export function getPoster(targetKind: ShareCreateInput['targetKind'], targetId: string): Promise<PosterResult> {
  return call('share', 'poster', { targetKind, targetId });
}

export const listMyShares = pagedAction('share', 'mine');

export function getShareLeaderboard(boardKind: ShareBoardKind, boardId: string, page: number, pageSize: number): Promise<ShareLeaderboardView> {
  return call('share', 'leaderboard', { boardKind, boardId, page, pageSize });
}
