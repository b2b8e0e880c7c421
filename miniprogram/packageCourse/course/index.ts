/**
 * Course page: what the course is, its player (one per format: video, audio, article with pictures and its
 * narration, plain text; H5 opens its own web-view page), resuming from the saved position, progress reported
 * by the study reporter, the quiz entry, the take-away files (课后资料) members open in WeChat's document viewer,
 * the series it belongs to, and ratings with comments.
 */
import type { CourseFormat } from '../../../typings/domain';
import type { MyProgress } from '../../../typings/functions/course';
import { courseUrl, seriesUrl, studyTimeLabel } from '../../components/course-card/view';
import { leaveForBinding } from '../../services/gate';
import { getCourse, getCourseFileUrl, type CourseDetail } from '../../services/course';
import type { StudyReportResult } from '../../services/learning';
import { toBlockViews, type BlockView } from '../../utils/course-blocks';
import { failedLoad } from '../../utils/failure';
import { COURSE_CATEGORY_LABELS, COURSE_FORMAT_LABELS } from '../../utils/labels';
import { definePage } from '../../utils/page';
import type { ListStatus } from '../../utils/paged-list';
import { enterThroughShare, shareData, shareMethods } from '../../utils/share';
import { openTakeawayFile } from '../../utils/takeaway';
import { toast } from '../../utils/ui';
import { StudyReporter, type StudyMode } from '../utils/study-reporter';
import { routeUrl } from '../../utils/routes';

type PlayerKind = 'video' | 'audio' | 'reader' | 'h5';

const PLAYER_OF: Record<CourseFormat, PlayerKind> = {
  video: 'video',
  audio: 'audio',
  article: 'reader',
  narrated_article: 'reader',
  text: 'reader',
  h5: 'h5',
};

/** A course finished to within this many seconds starts again from the beginning. */
const RESTART_MARGIN_SECONDS = 5;

interface ProgressView {
  percent: number;
  studyTime: string;
  completed: boolean;
  quizBest: string;
}

function toProgressView(progress: MyProgress | null): ProgressView {
  return {
    percent: progress?.percent ?? 0,
    studyTime: studyTimeLabel(progress?.studySeconds ?? 0),
    completed: progress?.completed ?? false,
    quizBest: progress?.quizBestScore !== null && progress?.quizBestScore !== undefined ? `最好成绩 ${progress.quizBestScore} 分` : '',
  };
}

/** Where the player starts: the saved position, unless the media was played to its end. */
function resumePosition(detail: CourseDetail): number {
  const position = detail.progress?.position ?? 0;
  const length = detail.content?.mediaSeconds ?? null;
  if (PLAYER_OF[detail.format] === 'reader') return Math.min(100, position);
  return length !== null && position >= length - RESTART_MARGIN_SECONDS ? 0 : position;
}

function timeLabel(seconds: number): string {
  const whole = Math.max(0, Math.floor(seconds));
  return `${Math.floor(whole / 60)}:${String(whole % 60).padStart(2, '0')}`;
}

/** What the page keeps outside `data`: the reporter, the audio context and the live position. */
interface Player {
  reporter: StudyReporter | null;
  audio: WechatMiniprogram.InnerAudioContext | null;
  /** Media seconds, or reading percent. */
  position: number;
  blockCount: number;
}

const players = new WeakMap<object, Player>();

function playerOf(page: object): Player {
  let player = players.get(page);
  if (!player) {
    player = { reporter: null, audio: null, position: 0, blockCount: 0 };
    players.set(page, player);
  }
  return player;
}

function releasePlayer(page: object): void {
  const player = players.get(page);
  if (!player) return;
  player.reporter?.close();
  player.audio?.destroy();
  players.delete(page);
}

type VideoTime = WechatMiniprogram.CustomEvent<{ currentTime: number; duration: number }>;
type IndexTap = WechatMiniprogram.BaseEvent<{}, { index?: number }>;
type UrlTap = WechatMiniprogram.BaseEvent<{}, { url?: string }>;

definePage({
  data: {
    status: 'loading' as ListStatus,
    message: '',
    courseId: '',
    title: '',
    meta: '',
    summary: '',
    tags: [] as string[],
    completionRule: '',
    player: 'reader' as PlayerKind,
    locked: false,
    lockedReason: '',
    blocks: [] as BlockView[],
    mediaUrl: '',
    narrationUrl: '',
    resumeAt: 0,
    audioPlaying: false,
    audioTime: '0:00',
    audioLength: '',
    readPercent: 0,
    progress: toProgressView(null),
    quiz: null as null | { questions: number; passMark: number; attemptsLeft: string; required: boolean; canStart: boolean },
    series: [] as { seriesId: string; url: string; label: string; nextUrl: string }[],
    files: [] as CourseDetail['files'],
    myRating: null as CourseDetail['myRating'],
    ...shareData(),
  },
  methods: {
    ...shareMethods,
    async onLoad(query: Record<string, string | undefined> = {}) {
      this.setData({ courseId: query.id ?? '' });
      // Entered through a share: the open is recorded first; an outsider is sent to 仅限员工 instead.
      if (!(await enterThroughShare(query))) return;
      await this.load();
    },
    onShow() {
      playerOf(this).reporter?.pageShow();
    },
    onHide() {
      playerOf(this).reporter?.pageHide();
    },
    onUnload() {
      releasePlayer(this);
    },
    async load() {
      releasePlayer(this);
      this.setData({ status: 'loading', message: '' });
      try {
        this.show(await getCourse(this.data.courseId));
      } catch (error) {
        this.setData(failedLoad(error, 'course'));
      }
    },
    show(detail: CourseDetail) {
      const player = PLAYER_OF[detail.format];
      const resumeAt = resumePosition(detail);
      const content = detail.content;
      this.setData({
        status: 'ready',
        title: detail.title,
        meta: `${COURSE_FORMAT_LABELS[detail.format]} · ${detail.durationMinutes} 分钟 · ${COURSE_CATEGORY_LABELS[detail.category]}`,
        summary: detail.summary,
        tags: detail.tags,
        completionRule: detail.completionRule,
        player,
        locked: detail.locked || content === null,
        lockedReason: detail.lockedReason ?? '完成前面的课程后解锁',
        blocks: content ? toBlockViews(content.blocks) : [],
        mediaUrl: content?.mediaUrl ?? '',
        narrationUrl: content?.narrationUrl ?? '',
        resumeAt,
        readPercent: player === 'reader' ? resumeAt : 0,
        audioLength: content?.mediaSeconds ? timeLabel(content.mediaSeconds) : '',
        audioTime: timeLabel(player === 'audio' ? resumeAt : 0),
        progress: toProgressView(detail.progress),
        quiz: detail.quiz && {
          questions: detail.quiz.questionCount,
          passMark: detail.quiz.passMark,
          attemptsLeft: detail.quiz.attemptsLeft === null ? '不限次数' : `剩余 ${detail.quiz.attemptsLeft} 次`,
          required: detail.quiz.requiredForCompletion,
          canStart: !detail.locked && (detail.quiz.attemptsLeft === null || detail.quiz.attemptsLeft > 0),
        },
        files: detail.files,
        series: detail.series.map((position) => ({
          seriesId: position.seriesId,
          url: seriesUrl(position.seriesId),
          label: `${position.title} · 第 ${position.index + 1}/${position.count} 课`,
          nextUrl: position.nextCourseId ? courseUrl(position.nextCourseId) : '',
        })),
        myRating: detail.myRating,
        shareTarget: { kind: 'course', id: detail.id, title: detail.title, imageUrl: detail.coverUrl ?? '' },
      });
      if (!detail.locked && content !== null && player !== 'h5') this.startPlayer(detail, resumeAt);
    },
    startPlayer(detail: CourseDetail, resumeAt: number) {
      const player = playerOf(this);
      const kind = PLAYER_OF[detail.format];
      const mode: StudyMode = kind === 'reader' ? 'reading' : 'media';
      player.position = resumeAt;
      player.blockCount = detail.content?.blocks.length ?? 0;
      player.reporter = new StudyReporter({
        courseId: detail.id,
        mode,
        position: () => player.position,
        onResult: (result) => this.onReported(result),
      });
      if (kind === 'audio' && this.data.mediaUrl) this.openAudio(this.data.mediaUrl, resumeAt, true);
      if (kind === 'reader' && this.data.narrationUrl) this.openAudio(this.data.narrationUrl, 0, false);
      if (kind === 'reader') this.observeBlocks();
      if (kind === 'reader' && resumeAt > 0 && player.blockCount > 0) {
        // Back to the block the learner had reached.
        const block = Math.min(player.blockCount - 1, Math.floor((resumeAt / 100) * player.blockCount));
        wx.pageScrollTo({ selector: `#block-${block}`, duration: 0 });
      }
    },
    /** Audio player (audio courses, reporting) or narration of an article (not reporting: reading is). */
    openAudio(src: string, startTime: number, reports: boolean) {
      const player = playerOf(this);
      const audio = wx.createInnerAudioContext();
      audio.src = src;
      audio.startTime = startTime;
      player.audio = audio;
      audio.onPlay(() => {
        this.setData({ audioPlaying: true });
        if (reports) player.reporter?.play();
      });
      const stopped = () => {
        this.setData({ audioPlaying: false });
        if (reports) player.reporter?.pause();
      };
      audio.onPause(stopped);
      audio.onStop(stopped);
      audio.onEnded(stopped);
      audio.onTimeUpdate(() => {
        if (reports) player.position = audio.currentTime;
        const label = timeLabel(audio.currentTime);
        if (label !== this.data.audioTime) this.setData({ audioTime: label });
      });
      audio.onSeeked(() => {
        if (reports) player.reporter?.moved();
      });
      audio.onError(() => {
        stopped();
        toast('音频加载失败，请稍后重试');
      });
    },
    onAudioToggle() {
      const audio = playerOf(this).audio;
      if (!audio) return;
      if (this.data.audioPlaying) audio.pause();
      else audio.play();
    },
    onVideoPlay() {
      playerOf(this).reporter?.play();
    },
    onVideoPause() {
      playerOf(this).reporter?.pause();
    },
    onVideoTime(event: VideoTime) {
      playerOf(this).position = event.detail.currentTime;
    },
    onVideoSeeked() {
      playerOf(this).reporter?.moved();
    },
    /** The reader reached block `index` (seen on screen, or 读完了 at the end). */
    markRead(index: number) {
      const player = playerOf(this);
      if (player.blockCount === 0) return;
      const percent = Math.min(100, Math.round(((index + 1) / player.blockCount) * 100));
      if (percent <= player.position) return;
      player.position = percent;
      this.setData({ readPercent: percent });
      player.reporter?.moved();
    },
    /** Blocks scrolled into view count as read. */
    observeBlocks() {
      this.createIntersectionObserver({ observeAll: true })
        .relativeToViewport({ bottom: 0 })
        .observe('.block', (result) => {
          const index = Number((result.dataset as { index?: unknown }).index);
          if (result.intersectionRatio > 0 && Number.isInteger(index)) this.markRead(index);
        });
    },
    /** A take-away file: its URL from the server (members of the course's audience only), then WeChat's viewer. */
    onOpenFile(event: WechatMiniprogram.CustomEvent<{ index: number }>) {
      const { index } = event.detail;
      return openTakeawayFile(() => getCourseFileUrl(this.data.courseId, index));
    },
    onFinishReading() {
      this.markRead(playerOf(this).blockCount - 1);
    },
    onReported(result: StudyReportResult) {
      this.setData({ progress: toProgressView(result.progress) });
      if (result.justCompleted) toast('恭喜，已完成本课程');
    },
    onOpenH5() {
      wx.navigateTo({ url: routeUrl('packageCourse/h5', { id: this.data.courseId }) });
    },
    onStartQuiz() {
      wx.navigateTo({ url: routeUrl('packageCourse/quiz', { id: this.data.courseId }) });
    },
    onOpen(event: UrlTap) {
      const { url } = event.currentTarget.dataset;
      if (url) wx.navigateTo({ url });
    },
    onPreviewImage(event: IndexTap) {
      const index = Number(event.currentTarget.dataset.index);
      const urls = this.data.blocks.filter((block) => block.type === 'image').map((block) => block.url);
      const current = this.data.blocks[index]?.url;
      if (current) wx.previewImage({ urls, current });
    },
    onRetry() {
      return this.load();
    },
    onBind() {
      leaveForBinding('not-member');
    },
  },
});
