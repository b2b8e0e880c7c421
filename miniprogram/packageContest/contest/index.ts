/**
 * 大赛主页: poster, theme, the timeline of rounds with the current phase highlighted, rules, topics, awards,
 * my entry's state and what I can do now (sign up, edit my entry, browse and vote, judge, see the results),
 * and the team invitations waiting for my answer (组队邀请, with their count).
 */
import { entryUrl, JUDGE_WORKBENCH_URL } from '../../components/contest-card/view';
import { getContest, getMyEntry, type ContestDetail, type ContestEntry } from '../../services/contest';
import { CONTEST_AWARD_KIND_LABELS } from '../../utils/labels';
import { defineLoadedPage } from '../../utils/loaded-page';
import type { DataEvent } from '../../utils/events';
import { currentRoundIndex, timelineOf, type TimelineRow } from '../shared/rounds';
import { entriesUrl, invitationsUrl, resultsUrl, signUpUrl } from '../shared/routes';

interface MyEntryView {
  title: string;
  state: string;
  editable: boolean;
}

interface Actions {
  signUp: boolean;
  notEligible: boolean;
  entries: boolean;
  voting: boolean;
  results: boolean;
  judge: boolean;
}

function myEntryView(entry: ContestEntry): MyEntryView {
  const team = entry.kind === 'team' && entry.teamName ? `（${entry.teamName}）` : '';
  const state = entry.submitted ? `${entry.currentRoundName} · 已提交` : `${entry.currentRoundName} · 未提交作品`;
  return { title: `${entry.title}${team}`, state, editable: entry.editable };
}

function actionsOf(contest: ContestDetail, hasEntry: boolean): Actions {
  const first = contest.rounds[0];
  const current = contest.rounds[currentRoundIndex(contest.rounds)];
  return {
    signUp: !hasEntry && contest.eligible && !contest.finished && (first?.submissionOpen ?? false),
    notEligible: !hasEntry && !contest.eligible,
    entries: contest.rounds.some((round) => round.entryCount > 0),
    voting: current?.votingOpen ?? false,
    results: contest.rounds.some((round) => round.resultsPublished),
    judge: contest.judgeRoundIds.length > 0,
  };
}

defineLoadedPage({
  where: 'contest',
  data: {
    contestId: '',
    title: '',
    theme: '',
    summary: '',
    rules: '',
    posterUrl: '',
    finished: false,
    timeline: [] as TimelineRow[],
    topics: [] as { id: string; title: string; description: string; painPoint: boolean }[],
    awards: [] as { id: string; name: string; kind: string; points: number; winners: number }[],
    myEntry: null as MyEntryView | null,
    myEntryId: '',
    pendingInvitations: 0,
    actions: null as Actions | null,
  },
  readQuery: (query) => ({ contestId: query.id ?? '' }),
  async fetch() {
    const contest = await getContest(this.data.contestId);
    const entry = contest.myEntryId ? await getMyEntry(contest.id) : null;
    return { contest, entry };
  },
  show: ({ contest, entry }: { contest: ContestDetail; entry: ContestEntry | null }) => ({
    title: contest.title,
    theme: contest.theme,
    summary: contest.summary,
    rules: contest.rules,
    posterUrl: contest.posterUrl ?? '',
    finished: contest.finished,
    timeline: timelineOf(contest.rounds),
    topics: contest.topics,
    awards: contest.awards.map((award) => ({
      id: award.id,
      name: award.name,
      kind: CONTEST_AWARD_KIND_LABELS[award.kind],
      points: award.points,
      winners: award.winners,
    })),
    myEntry: entry ? myEntryView(entry) : null,
    myEntryId: entry?.id ?? '',
    pendingInvitations: contest.pendingInvitations,
    actions: actionsOf(contest, entry !== null),
  }),
  afterShow({ contest }) {
    wx.setNavigationBarTitle({ title: contest.title });
  },
  methods: {
    onShow() {
      // Back from sign-up or my entry: show the new state.
      if (this.data.status === 'ready') void this.load();
    },
    onSignUp() {
      wx.navigateTo({ url: signUpUrl(this.data.contestId) });
    },
    onMyEntry() {
      wx.navigateTo({ url: this.data.myEntry?.editable ? signUpUrl(this.data.contestId) : entryUrl(this.data.myEntryId) });
    },
    onInvitations() {
      wx.navigateTo({ url: invitationsUrl(this.data.contestId) });
    },
    onEntries() {
      wx.navigateTo({ url: entriesUrl(this.data.contestId) });
    },
    onResults() {
      wx.navigateTo({ url: resultsUrl(this.data.contestId) });
    },
    onJudge() {
      wx.navigateTo({ url: JUDGE_WORKBENCH_URL });
    },
    onPreviewPoster(_event: DataEvent<{}>) {
      if (this.data.posterUrl) wx.previewImage({ urls: [this.data.posterUrl], current: this.data.posterUrl });
    },
  },
});
