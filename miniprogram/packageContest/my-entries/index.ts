/**
 * 我的参赛: the contests, each with my part in it (my entry's round and state, or not signed up). The
 * contract has no "my entries" list, so each page of contests asks myEntry for its contests in parallel.
 */
import { entryUrl, posterUrlsOf, toContestCard, type ContestCardView } from '../../components/contest-card/view';
import { getMyEntry, listContests, type ContestEntry, type ContestListItem } from '../../services/contest';
import { definePagedListPage } from '../../utils/paged-list';
import { signUpUrl } from '../shared/routes';

interface Mine {
  contest: ContestListItem;
  entry: ContestEntry | null;
  posterUrls: Record<string, string>;
}

function toCard({ contest, entry, posterUrls }: Mine): ContestCardView {
  if (!entry) return toContestCard(contest, posterUrls, { note: '未报名' });
  const state = entry.submitted ? '已提交' : '未提交作品';
  return toContestCard(contest, posterUrls, {
    note: `我的作品：${entry.title} · ${entry.currentRoundName}${state}`,
    url: entry.editable ? signUpUrl(contest.id) : entryUrl(entry.id),
  });
}

definePagedListPage({
  async fetchPage(page: number, pageSize: number) {
    const result = await listContests(page, pageSize);
    const [posterUrls, entries] = await Promise.all([posterUrlsOf(result.items), Promise.all(result.items.map((contest) => getMyEntry(contest.id)))]);
    return { ...result, items: result.items.map((contest, index): Mine => ({ contest, entry: entries[index] ?? null, posterUrls })) };
  },
  toView: toCard,
  reloadOnShow: true,
});
