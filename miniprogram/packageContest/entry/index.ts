/**
 * 作品详情: the entry's courses (opened in the entry's own player), its pitch video, members and topic, the
 * vote count and the 投票 button with the votes I have left today, and clear words when I cannot vote (not in
 * the window, quota used, my own entry). Shareable (utils/share.ts).
 */
import { getEntry, getVotesLeft, type ContestEntry, type VotesLeft } from '../../services/contest';
import { failureOf } from '../../utils/failure';
import { COURSE_FORMAT_LABELS } from '../../utils/labels';
import { defineLoadedPage } from '../../utils/loaded-page';
import { enterThroughShare, shareData, shareMethods } from '../../utils/share';
import { toast } from '../../utils/ui';
import type { DataEvent } from '../../utils/events';
import { secondsLabel } from '../shared/pitch-video';
import { entryCourseUrl } from '../shared/routes';
import { castVote } from '../shared/voting';

/** The vote button's state: enabled with what is left, or why not. */
interface VoteState {
  canVote: boolean;
  /** 今日还可投 2 票 / why voting is not possible now. */
  note: string;
}

function voteState(entry: { isMine: boolean }, left: VotesLeft | null): VoteState {
  if (!left) return { canVote: false, note: '' };
  if (!left.votingOpen) return { canVote: false, note: '当前不在投票时间' };
  const mine = left.entries[0];
  const entryLeft = mine?.left ?? 0;
  if (entryLeft > 0) {
    const quota = left.mode === 'total' && left.totalLeft !== null ? left.totalLeft : entryLeft;
    return { canVote: true, note: left.mode === 'total' ? `今日还可投 ${quota} 票（所有作品共用）` : `今日还可为该作品投 ${quota} 票` };
  }
  if (entry.isMine && (mine?.votedToday ?? 0) === 0 && (left.mode === 'per_entry' || (left.totalLeft ?? 0) > 0)) {
    return { canVote: false, note: '不能给自己的作品投票' };
  }
  if (left.mode === 'total') return { canVote: false, note: '今日票数已用完，明天再来吧' };
  return { canVote: false, note: `今天已为该作品投过 ${mine?.votedToday ?? left.perDay} 票，明天再来吧` };
}

interface VotingPage {
  data: { roundId: string; entryId: string; isMine: boolean };
  setData(patch: { voteLeft: VotesLeft | null; vote: VoteState }): void;
}

/** Votes left is an extra: when it fails, the page shows the entry without the button. */
async function loadVotesLeft(page: VotingPage): Promise<void> {
  try {
    const left = await getVotesLeft(page.data.roundId, [page.data.entryId]);
    page.setData({ voteLeft: left, vote: voteState(page.data, left) });
  } catch (error) {
    failureOf(error, 'contest-entry');
    page.setData({ voteLeft: null, vote: { canVote: false, note: '' } });
  }
}

defineLoadedPage({
  where: 'contest-entry',
  data: {
    ...shareData(),
    entryId: '',
    roundId: '',
    title: '',
    kindLabel: '',
    teamName: '',
    roundName: '',
    topic: '',
    members: [] as { memberId: string; name: string; department: string }[],
    courses: [] as { courseId: string; title: string; format: string }[],
    pitchUrl: '',
    pitchLength: '',
    votes: 0,
    isMine: false,
    voteLeft: null as VotesLeft | null,
    vote: { canVote: false, note: '' } as VoteState,
    voting: false,
    voteError: '',
    /** The request of a vote whose answer never came: the next tap sends it again, so it counts once. */
    pendingRequestId: '',
  },
  fetch() {
    return getEntry(this.data.entryId);
  },
  show: (entry: ContestEntry) => ({
    roundId: entry.currentRoundId,
    title: entry.title,
    kindLabel: entry.kind === 'team' ? '团队作品' : '个人作品',
    teamName: entry.teamName ?? '',
    roundName: entry.currentRoundName,
    topic: entry.topicTitle ?? '',
    members: entry.members.map((member) => ({ memberId: member.memberId, name: member.name, department: member.departmentPath.join(' / ') })),
    courses: entry.courses.map((course) => ({ courseId: course.courseId, title: course.title, format: COURSE_FORMAT_LABELS[course.format] })),
    pitchUrl: entry.pitchVideo?.url ?? '',
    pitchLength: entry.pitchVideo ? secondsLabel(entry.pitchVideo.seconds) : '',
    votes: entry.votes,
    isMine: entry.isMine,
    shareTarget: { kind: 'contestEntry' as const, id: entry.id, title: entry.teamName ? `${entry.title} · ${entry.teamName}` : entry.title },
  }),
  afterShow() {
    return loadVotesLeft(this);
  },
  methods: {
    ...shareMethods,
    async onLoad(query: Record<string, string | undefined> = {}) {
      if (!(await enterThroughShare(query))) return;
      this.setData({ entryId: query.entryId ?? '' });
      return this.load();
    },
    async onVote() {
      if (this.data.voting || !this.data.vote.canVote) return;
      this.setData({ voting: true, voteError: '' });
      const outcome = await castVote(this.data.entryId, this.data.pendingRequestId, 'contest-entry');
      if (outcome.ok) {
        const { result } = outcome;
        const left = this.data.voteLeft;
        const updated: VotesLeft | null = left && {
          ...left,
          totalLeft: result.totalLeft,
          entries: [{ entryId: result.entryId, left: result.entryLeft, votedToday: (left.entries[0]?.votedToday ?? 0) + (result.firstTime ? 1 : 0) }],
        };
        this.setData({ votes: result.votes, voteLeft: updated, vote: voteState(this.data, updated), pendingRequestId: '', voting: false });
        toast(result.firstTime ? '投票成功' : '已投过这一票');
        return;
      }
      this.setData({ voteError: outcome.message, pendingRequestId: outcome.retryId });
      // The quota or the window changed under the page: ask again what is left.
      if (outcome.recheck) await loadVotesLeft(this);
      this.setData({ voting: false });
    },
    onOpenCourse(event: DataEvent<{ id?: string }>) {
      const { id } = event.currentTarget.dataset;
      if (id) wx.navigateTo({ url: entryCourseUrl(this.data.entryId, id) });
    },
  },
});
