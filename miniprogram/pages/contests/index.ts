/** 大赛 tab: published contests, newest first, each with its poster and the current round's phase. */
import { toContestCard, withPosterUrls, type ContestCardView, type WithPosters } from '../../components/contest-card/view';
import { listContests, type ContestListItem } from '../../services/contest';
import { definePagedListPage } from '../../utils/paged-list';

definePagedListPage({
  fetchPage: withPosterUrls(listContests),
  toView: ({ contest, posterUrls }: WithPosters<ContestListItem>): ContestCardView => toContestCard(contest, posterUrls),
  reloadOnShow: true,
});
