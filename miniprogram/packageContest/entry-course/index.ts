/**
 * One course of an entry as submitted (contest.entryCourse), for judges, voters and the entry's members:
 * video, audio (or an article's narration), picture-and-text blocks, or an H5 link to copy. Study time is not
 * reported here: watching an entry is not learning a catalogue course.
 */
import { getEntryCourse, type EntryCourse } from '../../services/contest';
import { toBlockViews, type BlockView } from '../../utils/course-blocks';
import { COURSE_FORMAT_LABELS } from '../../utils/labels';
import { defineLoadedPage } from '../../utils/loaded-page';
import { toast } from '../../utils/ui';

const audios = new WeakMap<object, WechatMiniprogram.InnerAudioContext>();

function releaseAudio(page: object): void {
  audios.get(page)?.destroy();
  audios.delete(page);
}

defineLoadedPage({
  where: 'contest-entry-course',
  data: {
    entryId: '',
    courseId: '',
    title: '',
    meta: '',
    summary: '',
    format: '' as EntryCourse['format'] | '',
    blocks: [] as BlockView[],
    videoUrl: '',
    /** The audio course's media, or an article's narration. */
    audioUrl: '',
    audioPlaying: false,
    h5Url: '',
  },
  readQuery: (query) => ({ entryId: query.entryId ?? '', courseId: query.courseId ?? '' }),
  fetch() {
    return getEntryCourse(this.data.entryId, this.data.courseId);
  },
  show(course: EntryCourse) {
    const content = course.content;
    return {
      title: course.title,
      meta: `${COURSE_FORMAT_LABELS[course.format]} · ${course.durationMinutes} 分钟 · 第 ${course.revision} 版`,
      summary: course.summary,
      format: course.format,
      blocks: toBlockViews(content.blocks),
      videoUrl: course.format === 'video' ? (content.mediaUrl ?? '') : '',
      audioUrl: course.format === 'audio' ? (content.mediaUrl ?? '') : (content.narrationUrl ?? ''),
      h5Url: content.h5Url ?? '',
    };
  },
  methods: {
    onUnload() {
      releaseAudio(this);
    },
    onAudioToggle() {
      let audio = audios.get(this);
      if (!audio) {
        audio = wx.createInnerAudioContext();
        audio.src = this.data.audioUrl;
        audio.onPlay(() => this.setData({ audioPlaying: true }));
        const stopped = () => this.setData({ audioPlaying: false });
        audio.onPause(stopped);
        audio.onStop(stopped);
        audio.onEnded(stopped);
        audio.onError(() => {
          stopped();
          toast('音频加载失败，请稍后重试');
        });
        audios.set(this, audio);
      }
      if (this.data.audioPlaying) audio.pause();
      else audio.play();
    },
    onCopyH5() {
      wx.setClipboardData({ data: this.data.h5Url });
    },
  },
});
