/** 视频审核: uploaded videos no WeChat API can check, judged by reviewers (function `mediaCheck`). */
import type { ActionOutput } from '../../typings/api';
import { call } from './transport';

export type PendingVideoPage = ActionOutput<'mediaCheck', 'pendingVideos'>;
export type PendingVideo = PendingVideoPage['items'][number];

export function pendingVideos(page: number, pageSize: number): Promise<PendingVideoPage> {
  return call('mediaCheck', 'pendingVideos', { page, pageSize });
}

export function reviewVideo(checkId: string, verdict: 'pass' | 'risky'): Promise<{ changed: boolean }> {
  return call('mediaCheck', 'review', { checkId, verdict });
}
