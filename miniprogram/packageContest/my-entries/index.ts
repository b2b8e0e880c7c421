/**
 * 我的参赛: the contests, each with my part in it (my entry's round and state, or not signed up). The
 * contract has no "my entries" list, so each page of contests asks myEntry for its contests in parallel.
 * Above them, the team invitations waiting for my answer (组队邀请), counted on the first page.
 */
import { entryUrl, toContestCard, withPosterUrls, type ContestCardView, type WithPosters } from '../../components/contest-card/view';
import { getMyEntry, listContests, listInvitations, type ContestEntry, type ContestListItem } from '../../services/contest';
import { definePagedListPage } from '../../utils/paged-list';
import { invitationsUrl, signUpUrl } from '../shared/routes';

interface Mine extends WithPosters<ContestListItem> {
  entry: ContestEntry | null;
}

const contestsWithPosters = withPosterUrls(listContests);

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
    const [result, invited] = await Promise.all([contestsWithPosters(page, pageSize), page === 1 ? listInvitations(null, 1, 1) : null]);
    if (invited) this.setData({ invitationCount: invited.total });
    const entries = await Promise.all(result.items.map((item) => getMyEntry(item.contest.id)));
    return { ...result, items: result.items.map((item, index): Mine => ({ ...item, entry: entries[index] ?? null })) };
  },
  toView: toCard,
  reloadOnShow: true,
  data: { invitationCount: 0 },
  methods: {
    onInvitations() {
      wx.navigateTo({ url: invitationsUrl() });
    },
  },
});
