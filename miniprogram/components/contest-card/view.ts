/**
 * What a contest card shows (大赛 tab, 我的参赛, 大赛管理), and the routes into the packageContest subpackage:
 * the main package links there only through these.
 */
import type { ContestListItem } from '../../services/contest';
import type { FetchPage } from '../../utils/paged-list';
import { ROUND_PHASE_LABELS } from '../../utils/labels';
import { OPEN_THEME, type TagTheme } from '../../utils/status-themes';
import { pictureUrls } from '../../utils/pictures';
import { routeUrl } from '../../utils/routes';

export interface ContestCardView {
  id: string;
  title: string;
  theme: string;
  posterUrl: string;
  /** 初赛 · 投票中, 已结束… */
  phase: string;
  /** Whether the phase invites action (submission or voting open): shown highlighted. */
  active: boolean;
  phaseTheme: TagTheme;
  /** A short extra line (已报名：作品名, 草稿…), or ''. */
  note: string;
  /** Where a tap goes. */
  url: string;
}

export function contestUrl(contestId: string): string {
  return routeUrl('packageContest/contest', { id: contestId });
}

export function entryUrl(entryId: string): string {
  return routeUrl('packageContest/entry', { entryId });
}

export const MY_CONTESTS_URL = routeUrl('packageContest/my-entries');
export const JUDGE_WORKBENCH_URL = routeUrl('packageContest/workbench');
export const CONTEST_ADMIN_URL = routeUrl('packageContest/admin-contests');
/** Where members make the courses they enter (packageStudio). */
export const STUDIO_COURSES_URL = routeUrl('packageStudio/courses');

export function phaseLabel(contest: Pick<ContestListItem, 'currentRoundName' | 'currentPhase' | 'finished'>): string {
  if (contest.finished) return '已结束';
  if (contest.currentPhase === null) return '筹备中';
  const phase = ROUND_PHASE_LABELS[contest.currentPhase];
  return contest.currentRoundName ? `${contest.currentRoundName} · ${phase}` : phase;
}

export function toContestCard(
  contest: ContestListItem,
  posterUrls: Record<string, string>,
  extra: Partial<Pick<ContestCardView, 'note' | 'url'>> = {},
): ContestCardView {
  const active = !contest.finished && (contest.currentPhase === 'submission' || contest.currentPhase === 'voting');
  return {
    id: contest.id,
    title: contest.title,
    theme: contest.theme,
    posterUrl: contest.poster ? (posterUrls[contest.poster] ?? '') : '',
    phase: phaseLabel(contest),
    active,
    phaseTheme: active ? OPEN_THEME : 'default',
    note: extra.note ?? '',
    url: extra.url ?? contestUrl(contest.id),
  };
}

export interface WithPosters<T> {
  contest: T;
  /** fileID → displayable URL for the page's posters. */
  posterUrls: Record<string, string>;
}

/** Wraps a page of contests with their posters' URLs; a poster is decoration, never an error. */
export function withPosterUrls<T extends Pick<ContestListItem, 'poster'>>(fetchPage: FetchPage<T>): FetchPage<WithPosters<T>> {
  return async (page, pageSize) => {
    const result = await fetchPage(page, pageSize);
    const posterUrls = await pictureUrls(result.items.map((contest) => contest.poster ?? '').filter((fileID) => fileID !== ''));
    return { ...result, items: result.items.map((contest) => ({ contest, posterUrls })) };
  };
}
