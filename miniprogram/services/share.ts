/** 分享 (function `share`): share tokens, opens through them, posters, 我的分享 and share leaderboards. */
import type { ActionInput } from '../../typings/api';
import type { PosterResult, ShareBoardKind, ShareCreated, ShareLeaderboardView, ShareOpenResult, ShareTargetKind } from '../../typings/functions/share';
import { call, pagedAction } from './transport';

export type {
  MyShareRow,
  MySharesView,
  PosterResult,
  ShareBoardKind,
  ShareCreated,
  ShareLeaderboardRow,
  ShareLeaderboardView,
  ShareOpenResult,
} from '../../typings/functions/share';
export type ShareCreateInput = ActionInput<'share', 'create'>;

export function createShare(input: ShareCreateInput): Promise<ShareCreated> {
  return call('share', 'create', input);
}

export function openShare(token: string): Promise<ShareOpenResult> {
  return call('share', 'open', { token });
}

export function getPoster(targetKind: ShareTargetKind, targetId: string): Promise<PosterResult> {
  return call('share', 'poster', { targetKind, targetId });
}

export const listMyShares = pagedAction('share', 'mine');

export function getShareLeaderboard(boardKind: ShareBoardKind, boardId: string, page: number, pageSize: number): Promise<ShareLeaderboardView> {
  return call('share', 'leaderboard', { boardKind, boardId, page, pageSize });
}
