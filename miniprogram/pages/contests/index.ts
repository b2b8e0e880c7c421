/** 大赛 tab: micro-course contests, paginated. */
import { listContests, type ContestListItem } from '../../services/contest';
import { definePagedListPage } from '../../utils/paged-list';

definePagedListPage({
  fetchPage: listContests,
  toView: (contest: ContestListItem) => ({
    id: contest.id,
    title: contest.title,
    summary: contest.summary,
    meta: contest.theme,
  }),
});
