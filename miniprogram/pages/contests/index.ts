/** 大赛 tab: published contests, newest first, each with its poster and the current round's phase. */
import { posterUrlsOf, toContestCard, type ContestCardView } from '../../components/contest-card/view';
import { listContests, type ContestListItem } from '../../services/contest';
import { definePagedListPage } from '../../utils/paged-list';

type WithPosters = { contest: ContestListItem; posterUrls: Record<string, string> };

definePagedListPage({
  async fetchPage(page: number, pageSize: number) {
    const result = await listContests(page, pageSize);
    const posterUrls = await posterUrlsOf(result.items);
    return { ...result, items: result.items.map((contest): WithPosters => ({ contest, posterUrls })) };
  },
  toView: ({ contest, posterUrls }: WithPosters): ContestCardView => toContestCard(contest, posterUrls),
  reloadOnShow: true,
});
