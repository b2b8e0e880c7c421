/** 大赛管理 (admins): every contest of my scope with its status and current phase; create a new one. */
import { posterUrlsOf, toContestCard, type ContestCardView } from '../../components/contest-card/view';
import { adminListContests, type AdminContestItem } from '../../services/contest';
import { CONTEST_STATUS_LABELS } from '../../utils/labels';
import { definePagedListPage } from '../../utils/paged-list';
import { adminContestUrl } from '../shared/routes';

type WithPosters = { contest: AdminContestItem; posterUrls: Record<string, string> };

definePagedListPage({
  async fetchPage(page: number, pageSize: number) {
    const result = await adminListContests(page, pageSize);
    const posterUrls = await posterUrlsOf(result.items);
    return { ...result, items: result.items.map((contest): WithPosters => ({ contest, posterUrls })) };
  },
  toView: ({ contest, posterUrls }: WithPosters): ContestCardView =>
    toContestCard(contest, posterUrls, { note: CONTEST_STATUS_LABELS[contest.status], url: adminContestUrl(contest.id) }),
  reloadOnShow: true,
  methods: {
    onCreate() {
      wx.navigateTo({ url: adminContestUrl() });
    },
  },
});
