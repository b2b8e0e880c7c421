/**
 * 评分: one assigned entry — its courses and pitch video, the round's rubric with each dimension's weight and
 * range (a slider per dimension), a comment, save. Scores lock when the judging window closes (the function
 * answers `locked`); the weighted score shown is the one the function computed.
 */
import { getJudgeEntry, saveScores, type JudgeEntry } from '../../services/contest';
import { readText } from '../../utils/form';
import { COURSE_FORMAT_LABELS } from '../../utils/labels';
import { defineLoadedPage } from '../../utils/loaded-page';
import { initialSubmitState, submitOnce } from '../../utils/submit-once';
import { toast } from '../../utils/ui';
import { datasetIndex, type DataEvent, type InputEvent } from '../../utils/events';
import { secondsLabel } from '../shared/pitch-video';
import { entryCourseUrl } from '../shared/routes';
import { CONTEST_LIMITS } from '../../utils/limits';

interface DimensionRow {
  id: string;
  name: string;
  /** 30% of the total weight. */
  weight: string;
  min: number;
  max: number;
  /** null until the judge sets it. */
  score: number | null;
}

function weightShares(rubric: JudgeEntry['rubric']): string[] {
  const total = rubric.reduce((sum, dimension) => sum + dimension.weight, 0);
  return rubric.map((dimension) => (total > 0 ? `${Math.round((dimension.weight / total) * 100)}%` : ''));
}

function scoreView(view: JudgeEntry) {
  const shares = weightShares(view.rubric);
  const entry = view.entry;
  return {
    roundName: view.roundName,
    title: entry.title,
    team: entry.teamName ?? '',
    topic: entry.topicTitle ?? '',
    courses: entry.courses.map((course) => ({ courseId: course.courseId, title: course.title, format: COURSE_FORMAT_LABELS[course.format] })),
    pitchUrl: entry.pitchVideo?.url ?? '',
    pitchLength: entry.pitchVideo ? secondsLabel(entry.pitchVideo.seconds) : '',
    dimensions: view.rubric.map(
      (dimension, index): DimensionRow => ({
        id: dimension.id,
        name: dimension.name,
        weight: shares[index] ?? '',
        min: dimension.min,
        max: dimension.max,
        score: view.scores?.[dimension.id] ?? null,
      }),
    ),
    comment: view.comment,
    weighted: view.weighted !== null ? view.weighted.toFixed(1) : '',
    locked: view.locked,
    lockNote: view.locked ? `评审已于 ${view.judgingEndDay} 截止或尚未开始，评分不可修改` : `请在 ${view.judgingEndDay} 前完成评分`,
    formError: '',
  };
}

defineLoadedPage({
  where: 'contest-score',
  data: {
    limits: CONTEST_LIMITS,
    roundId: '',
    entryId: '',
    roundName: '',
    title: '',
    team: '',
    topic: '',
    courses: [] as { courseId: string; title: string; format: string }[],
    pitchUrl: '',
    pitchLength: '',
    dimensions: [] as DimensionRow[],
    comment: '',
    weighted: '',
    locked: false,
    lockNote: '',
    formError: '',
    ...initialSubmitState(),
  },
  readQuery: (query) => ({ roundId: query.roundId ?? '', entryId: query.entryId ?? '' }),
  fetch() {
    return getJudgeEntry(this.data.roundId, this.data.entryId);
  },
  show: scoreView,
  methods: {
    onScore(event: WechatMiniprogram.CustomEvent<{ value: number }> & DataEvent<{ index?: number }>) {
      const index = datasetIndex(event.currentTarget.dataset.index);
      const row = this.data.dimensions[index];
      if (!row || this.data.locked) return;
      const value = Math.min(row.max, Math.max(row.min, Math.round(Number(event.detail.value))));
      this.setData({ [`dimensions[${index}].score`]: value, formError: '' });
    },
    onComment(event: InputEvent) {
      this.setData({ comment: event.detail.value });
    },
    onOpenCourse(event: DataEvent<{ id?: string }>) {
      const { id } = event.currentTarget.dataset;
      if (id) wx.navigateTo({ url: entryCourseUrl(this.data.entryId, id) });
    },
    async onSave() {
      if (this.data.submitting || this.data.locked) return;
      const missing = this.data.dimensions.filter((row) => row.score === null).map((row) => `「${row.name}」`);
      if (missing.length > 0) {
        this.setData({ formError: `请为${missing.join('、')}打分` });
        return;
      }
      const comment = readText(this.data.comment, '评语', CONTEST_LIMITS.scoreComment, false);
      if (!comment.ok) {
        this.setData({ formError: comment.error });
        return;
      }
      const scores: Record<string, number> = {};
      for (const row of this.data.dimensions) scores[row.id] = row.score as number;
      this.setData({ formError: '' });
      const { roundId, entryId } = this.data;
      const outcome = await submitOnce(this, () => saveScores({ roundId, entryId, scores, comment: comment.value }), {
        where: 'contest-score',
        fallback: '保存失败，请稍后重试',
      });
      if (!outcome) return;
      if (outcome.ok) {
        this.setData(scoreView(outcome.value));
        toast('评分已保存');
        return;
      }
      // CONTEST_PHASE: the judging window closed while the page was open.
      this.setData({ formError: outcome.failure.message, locked: outcome.failure.code === 'CONTEST_PHASE' || this.data.locked });
    },
  },
});
