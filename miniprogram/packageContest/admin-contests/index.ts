/** 大赛管理 (admins): every contest of my scope with its status and current phase; create a new one. */
import { toContestCard, withPosterUrls, type ContestCardView, type WithPosters } from '../../components/contest-card/view';
import { adminListContests, type AdminContestItem } from '../../services/contest';
import { CONTEST_STATUS_LABELS } from '../../utils/labels';
import { definePagedListPage } from '../../utils/paged-list';
import { adminContestUrl } from '../shared/routes';

definePagedListPage({
  fetchPage: withPosterUrls(adminListContests),
  toView: ({ contest, posterUrls }: WithPosters<AdminContestItem>): ContestCardView =>
    toContestCard(contest, posterUrls, { note: CONTEST_STATUS_LABELS[contest.status], url: adminContestUrl(contest.id) }),
  reloadOnShow: true,
  methods: {
    onCreate() {
      wx.navigateTo({ url: adminContestUrl() });
    },
  },
});
