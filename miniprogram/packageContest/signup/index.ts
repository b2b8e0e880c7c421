/**
 * 报名 and 我的作品: a member signs up alone or as a team (team name, teammates by 工号 and name, who are
 * invited and join once they confirm), with a title and a topic; then, while the current round's submission
 * window is open, edits the entry: courses chosen from the courses they made in the studio, in the round's
 * formats, and the 1–2 minute pitch video. The team itself (invitations, withdrawing, leaving) is its own
 * job: components/team-card.
 */
import { getContest, getMyEntry, signUp, submitEntry, type ContestDetail, type ContestEntry, type ContestRound } from '../../services/contest';
import type { CourseFormat, EntryKind } from '../../../typings/domain';
import { leaveForBinding } from '../../services/gate';
import { failureOf } from '../../utils/failure';
import { readText } from '../../utils/form';
import { COURSE_FORMAT_LABELS } from '../../utils/labels';
import { doneTheme } from '../../utils/status-themes';
import { defineLoadedPage } from '../../utils/loaded-page';
import { initialSubmitState, renewRequest, submitOnce, untilAccepted } from '../../utils/submit-once';
import { toast } from '../../utils/ui';
import { typeInto } from '../shared/load';
import type { DataEvent, InputEvent, TabsEvent } from '../../utils/events';
import { choosePitchVideo, secondsLabel, uploadPitchVideo } from '../shared/pitch-video';
import { readTeammates, type TeammateRow } from '../shared/team';
import type { ChosenCourse } from '../components/entry-courses/index';
import { CONTEST_LIMITS } from '../../utils/limits';

/** typings/functions/contest.ts bounds. */
const MAX_TEAM_MEMBERS = CONTEST_LIMITS.teamMembers;
const TITLE_MAX = 40;
const TEAM_NAME_MAX = 20;

interface PitchView {
  fileID: string;
  seconds: number;
  label: string;
  url: string;
  /** The content check's state for a saved video: reviewers pass videos before others see them. */
  review?: string;
}

const PITCH_REVIEW_NOTES = { pending: '审核中，审核通过后其他人可见', rejected: '未通过审核，请重新选择视频' } as const;

/** components/picker-field options; '' is no topic. */
function topicOptions(contest: ContestDetail): { value: string; label: string }[] {
  return [
    { value: '', label: '不选选题' },
    ...contest.topics.map((topic) => ({ value: topic.id, label: topic.painPoint ? `${topic.title}（业务痛点）` : topic.title })),
  ];
}

function formatsHint(round: ContestRound | undefined): string {
  if (!round || round.formats.length === 0) return '本轮不限课程形式';
  return `本轮要求课程形式：${round.formats.map((format) => COURSE_FORMAT_LABELS[format]).join('、')}`;
}

function entryFields(entry: ContestEntry, rounds: readonly ContestRound[]) {
  const round = rounds.find((candidate) => candidate.id === entry.currentRoundId);
  return {
    mode: 'entry' as const,
    entryId: entry.id,
    editable: entry.editable,
    kind: entry.kind,
    teamName: entry.teamName ?? '',
    title: entry.title,
    topicId: entry.topicId ?? '',
    members: entry.members.map((member) => ({ memberId: member.memberId, name: member.name, department: member.departmentPath.join(' / ') })),
    invitations: entry.invitations,
    isOwner: entry.isOwner,
    teamOpen: entry.teamOpen,
    teammates: [] as TeammateRow[],
    roundName: entry.currentRoundName,
    submitted: entry.submitted,
    submittedTheme: doneTheme(entry.submitted),
    formatsHint: formatsHint(round),
    roundFormats: round?.formats ?? [],
    pitchRequired: round?.pitchVideoRequired ?? false,
    courses: entry.courses.map((course) => ({ courseId: course.courseId, title: course.title, format: COURSE_FORMAT_LABELS[course.format] })),
    pitch: entry.pitchVideo
      ? {
          fileID: entry.pitchVideo.fileID,
          seconds: entry.pitchVideo.seconds,
          label: secondsLabel(entry.pitchVideo.seconds),
          url: entry.pitchVideo.url ?? '',
          review: entry.pitchVideo.review ? PITCH_REVIEW_NOTES[entry.pitchVideo.review] : '',
        }
      : null,
    errors: {},
    formError: '',
  };
}

defineLoadedPage({
  where: 'contest-signup',
  readQuery: (query) => ({ contestId: query.contestId ?? '' }),
  fetch() {
    return Promise.all([getContest(this.data.contestId), getMyEntry(this.data.contestId)]);
  },
  show([contest, entry]) {
    const shown = { contestTitle: contest.title, topicOptions: topicOptions(contest), rounds: contest.rounds };
    return entry ? { ...shown, ...entryFields(entry, contest.rounds) } : { ...shown, mode: 'signup' as const, maxTeammates: MAX_TEAM_MEMBERS - 1 };
  },
  data: {
    limits: CONTEST_LIMITS,
    contestId: '',
    contestTitle: '',
    rounds: [] as ContestRound[],
    /** The entry's current round's formats (empty = any). */
    roundFormats: [] as CourseFormat[],
    topicOptions: [] as { value: string; label: string }[],
    topicId: '',
    /** 'signup' before an entry exists, then 'entry'. */
    mode: 'signup' as 'signup' | 'entry',
    // Sign-up form.
    kind: 'individual' as EntryKind,
    kinds: [
      { value: 'individual', label: '个人参赛' },
      { value: 'team', label: '团队参赛' },
    ],
    teamName: '',
    /** Teammates to invite at sign-up (工号 and name): components/teammate-rows. */
    teammates: [] as TeammateRow[],
    maxTeammates: MAX_TEAM_MEMBERS - 1,
    title: '',
    errors: {} as Record<string, string>,
    formError: '',
    /** A pitch video being uploaded. */
    uploading: false,
    ...initialSubmitState(),
    // The entry.
    entryId: '',
    editable: false,
    members: [] as { memberId: string; name: string; department: string }[],
    /** Pending invitations (the team sees them), and what the caller may do to the team now. */
    invitations: [] as { invitationId: string; name: string }[],
    isOwner: false,
    teamOpen: false,
    roundName: '',
    submitted: false,
    submittedTheme: doneTheme(false),
    formatsHint: '',
    pitchRequired: false,
    courses: [] as ChosenCourse[],
    pitch: null as PitchView | null,
  },
  methods: {
    showEntry(entry: ContestEntry) {
      this.setData(entryFields(entry, this.data.rounds));
    },
    onBind() {
      leaveForBinding('not-member');
    },
    /** The t-tabs row: 个人参赛 or 团队参赛. */
    onKind(event: TabsEvent<EntryKind>) {
      const kind = event.detail.value;
      if (kind !== 'individual' && kind !== 'team') return;
      this.setData({ kind, errors: {}, formError: '' });
      renewRequest(this);
    },
    onField(event: InputEvent & DataEvent<{ field?: 'title' | 'teamName' }>) {
      typeInto(this, event);
    },
    onTopic(event: InputEvent) {
      this.setData({ topicId: event.detail.value });
      renewRequest(this);
    },
    onTeammates(event: WechatMiniprogram.CustomEvent<{ rows: TeammateRow[] }>) {
      this.setData({ teammates: event.detail.rows, 'errors.teammates': '' });
      renewRequest(this);
    },
    /** Title, team name and topic as typed (both modes), or null after marking what is wrong. */
    readBasics(): { title: string; teamName: string | null; topicId: string | null } | null {
      const errors: Record<string, string> = {};
      const title = readText(this.data.title, '作品名称', TITLE_MAX, true);
      if (!title.ok) errors.title = title.error;
      const team = this.data.kind === 'team';
      const teamName = readText(this.data.teamName, '队名', TEAM_NAME_MAX, team);
      if (!teamName.ok) errors.teamName = teamName.error;
      this.setData({ errors });
      if (!title.ok || !teamName.ok) return null;
      const topicId = this.data.topicId;
      return { title: title.value, teamName: team ? teamName.value : null, topicId: topicId === '' ? null : topicId };
    },
    async onSignUp() {
      if (this.data.submitting) return;
      const basics = this.readBasics();
      const team = this.data.kind === 'team';
      const teammates = team ? readTeammates(this.data.teammates) : { ok: true as const, value: [] };
      if (!teammates.ok) {
        this.setData({ 'errors.teammates': teammates.error });
        return;
      }
      if (team && teammates.value.length === 0) {
        this.setData({ 'errors.teammates': '团队报名请至少邀请一位队友' });
        return;
      }
      if (!basics) return;
      this.setData({ formError: '' });
      const send = (requestId: string) => signUp({ contestId: this.data.contestId, kind: this.data.kind, teammates: teammates.value, requestId, ...basics });
      // A sign-up keeps its request id until accepted: tapping again after any failure cannot sign up twice.
      const outcome = await submitOnce(this, send, { where: 'contest-signup', fallback: '报名失败，请稍后重试', isFinal: untilAccepted });
      if (!outcome) return;
      if (!outcome.ok) {
        // One answer for any teammate who cannot be invited: the function never says which one, or why.
        this.setData({ formError: outcome.failure.message });
        return;
      }
      toast(team ? '报名成功，已向队友发出邀请' : '报名成功');
      this.showEntry(outcome.value);
    },
    /** components/team-card changed the team: the entry as it is now. */
    onTeamChange(event: WechatMiniprogram.CustomEvent<{ entry: ContestEntry }>) {
      this.showEntry(event.detail.entry);
    },
    /** components/team-card: the caller left the team, so no longer has an entry. */
    onTeamLeft() {
      return this.load();
    },
    /** components/entry-courses: the courses chosen, in order. */
    onCourses(event: WechatMiniprogram.CustomEvent<{ courses: ChosenCourse[] }>) {
      this.setData({ courses: event.detail.courses, 'errors.courses': '' });
    },
    async onChooseVideo() {
      if (this.data.uploading || this.data.submitting) return;
      const choice = await choosePitchVideo();
      if (!choice) return;
      if (!choice.ok) {
        this.setData({ 'errors.pitch': choice.error });
        return;
      }
      this.setData({ uploading: true, 'errors.pitch': '' });
      try {
        const fileID = await uploadPitchVideo(choice.video);
        this.setData({ pitch: { fileID, seconds: choice.video.seconds, label: secondsLabel(choice.video.seconds), url: choice.video.path } });
      } catch (error) {
        this.setData({ 'errors.pitch': failureOf(error, 'contest-signup', '视频上传失败，请稍后重试').message });
      } finally {
        this.setData({ uploading: false });
      }
    },
    onRemoveVideo() {
      this.setData({ pitch: null });
    },
    async onSubmit() {
      if (this.data.submitting || this.data.uploading || !this.data.editable) return;
      const basics = this.readBasics();
      if (this.data.courses.length === 0) this.setData({ 'errors.courses': '请至少选择一门参赛课程' });
      if (this.data.pitchRequired && !this.data.pitch) this.setData({ 'errors.pitch': '本轮需要上传 1–2 分钟的路演视频' });
      if (!basics || this.data.courses.length === 0 || (this.data.pitchRequired && !this.data.pitch)) return;
      const pitch = this.data.pitch;
      this.setData({ formError: '' });
      const send = () =>
        submitEntry({
          entryId: this.data.entryId,
          ...basics,
          courseIds: this.data.courses.map((course) => course.courseId),
          pitchVideo: pitch ? { fileID: pitch.fileID, seconds: pitch.seconds } : null,
        });
      const outcome = await submitOnce(this, send, { where: 'contest-signup', fallback: '提交失败，请稍后重试' });
      if (!outcome) return;
      if (!outcome.ok) {
        this.setData({ formError: outcome.failure.message });
        return;
      }
      toast('作品已提交');
      this.showEntry(outcome.value);
    },
  },
});
