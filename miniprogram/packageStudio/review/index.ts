/**
 * 评审课程 (reviewers): the whole revision – fields, article, media, quiz with its answers – and the rubric:
 * a score per dimension on the configured scale, notes for the author, submit. The last reviewer's score
 * decides: published, or returned to the author with everyone's notes. Review is blind: the server withholds
 * the other reviewers' scores and notes until this reviewer has submitted (`sealed`), shown as 提交后可见.
 */
import { getReview, getReviewFileUrl, scoreReview, type Revision } from '../../services/authoring';
import { failureOf } from '../../utils/failure';
import { AUDIENCE_LABELS, COURSE_CATEGORY_LABELS, COURSE_FORMAT_LABELS, REVISION_STATUS_LABELS } from '../../utils/labels';
import { defineLoadedPage } from '../../utils/loaded-page';
import { openTakeawayFile } from '../../utils/takeaway';
import { toast } from '../../utils/ui';
import { LIMITS, QUESTION_KIND_CHOICES, wholeNumber } from '../shared/course-form';
import type { InputEvent } from '../../utils/events';
import type { TakeawayFileListing } from '../../../typings/takeaway-files';
import { fileLabel } from '../../services/media';
import { AUTHORING_LIMITS } from '../../utils/limits';

interface DimensionView {
  id: string;
  name: string;
  weight: number;
  score: string;
}

interface CourseView {
  title: string;
  meta: string;
  audiences: string;
  summary: string;
  tags: string;
  media: string;
  /** Take-away files (课后资料), opened through authoring.reviewFileUrl. */
  files: TakeawayFileListing[];
  blocks: { key: string; kind: string; text: string }[];
  questions: { key: string; title: string; options: { key: string; text: string; correct: boolean }[]; explanation: string }[];
  quizRules: string;
}

function courseView(revision: Revision): CourseView {
  const { fields } = revision;
  const { content, quiz } = fields;
  const media = [content.mediaFileID, content.narrationFileID].filter((id): id is string => Boolean(id)).map(fileLabel);
  if (content.h5Url) media.push(content.h5Url);
  return {
    title: fields.title,
    meta: `${COURSE_CATEGORY_LABELS[fields.category]} · ${COURSE_FORMAT_LABELS[fields.format]} · ${fields.durationMinutes} 分钟 · ${revision.authorName}`,
    audiences: fields.audiences.length === 0 ? '所有人' : fields.audiences.map((audience) => AUDIENCE_LABELS[audience]).join('、'),
    summary: fields.summary,
    tags: fields.tags.join('、'),
    media: media.join('，'),
    files: (fields.files ?? []).map(({ name, fileType, size }) => ({ name, fileType, size })),
    blocks: content.blocks.map((block, index) => ({
      key: `${index}`,
      kind: block.type,
      text: block.type === 'image' ? `[图片] ${fileLabel(block.fileID)}${block.caption ? ` ${block.caption}` : ''}` : block.text,
    })),
    questions: (quiz?.questions ?? []).map((question, index) => ({
      key: question.id,
      title: `${index + 1}. [${QUESTION_KIND_CHOICES.find((choice) => choice.value === question.kind)?.label ?? ''}] ${question.prompt}`,
      options: question.options.map((option) => ({ key: option.id, text: option.text, correct: question.answer.includes(option.id) })),
      explanation: question.explanation ?? '',
    })),
    quizRules: quiz
      ? `及格 ${quiz.passMark}% · ${quiz.attemptLimit === 0 ? '不限次数' : `最多 ${quiz.attemptLimit} 次`}${quiz.requiredForCompletion ? ' · 通过才算完成' : ''}`
      : '',
  };
}

interface ReviewRow {
  key: string;
  reviewer: string;
  score: string;
  notes: string;
  sealed: boolean;
}

function reviewRows(revision: Revision): ReviewRow[] {
  return revision.reviews.map((review) => ({
    key: review.reviewerId,
    reviewer: review.reviewerName,
    score: review.sealed ? '提交后可见' : review.average === null ? '未评分' : `${review.average} 分`,
    notes: review.sealed ? '' : review.notes,
    sealed: review.sealed,
  }));
}

function scaleRange(revision: Revision): { min: number; max: number } {
  return revision.rubric?.scale === '0-100' ? { min: 0, max: 100 } : { min: 1, max: 5 };
}

defineLoadedPage({
  where: 'review',
  readQuery: (query) => ({ revisionId: query.revisionId ?? '' }),
  fetch() {
    return getReview(this.data.revisionId);
  },
  show: (revision: Revision) => ({
    course: courseView(revision),
    reviews: reviewRows(revision),
    dimensions: (revision.rubric?.dimensions ?? []).map((dimension) => ({ ...dimension, score: '' })),
    scale: scaleRange(revision),
    threshold: revision.rubric?.threshold ?? 0,
    open: revision.status === 'in_review',
    outcome: revision.status === 'in_review' ? '' : `本版本${REVISION_STATUS_LABELS[revision.status]}`,
  }),
  data: {
    limits: AUTHORING_LIMITS,
    revisionId: '',
    course: null as CourseView | null,
    dimensions: [] as DimensionView[],
    scale: { min: 1, max: 5 },
    threshold: 0,
    notes: '',
    reviews: [] as ReviewRow[],
    /** Scoring is open while the revision is in review. */
    open: false,
    outcome: '',
    busy: false,
    error: '',
  },
  methods: {
    /** A take-away file of the revision: its URL from the server (this revision's reviewers only), then WeChat's viewer. */
    onOpenFile(event: WechatMiniprogram.CustomEvent<{ index: number }>) {
      return openTakeawayFile(() => getReviewFileUrl(this.data.revisionId, event.detail.index));
    },
    onScoreInput(event: InputEvent) {
      const index = this.data.dimensions.findIndex((dimension) => dimension.id === (event.currentTarget.dataset as { id?: string }).id);
      if (index >= 0) this.setData({ [`dimensions[${index}].score`]: event.detail.value, error: '' });
    },
    onNotesInput(event: InputEvent) {
      this.setData({ notes: event.detail.value, error: '' });
    },
    async onSubmit() {
      const { dimensions, scale, busy, open } = this.data;
      if (busy || !open) return;
      const scores: Record<string, number> = {};
      for (const dimension of dimensions) {
        const score = wholeNumber(dimension.score, scale.min, scale.max);
        if (score === null) {
          this.setData({ error: `请为「${dimension.name}」打 ${scale.min} 到 ${scale.max} 的整数分` });
          return;
        }
        scores[dimension.id] = score;
      }
      const notes = this.data.notes.trim();
      if (notes.length > LIMITS.notes) {
        this.setData({ error: `评审意见最多 ${LIMITS.notes} 字` });
        return;
      }
      this.setData({ busy: true, error: '' });
      try {
        const revision = await scoreReview({ revisionId: this.data.revisionId, scores, notes });
        const outcome =
          revision.status === 'published'
            ? `评审完成：综合得分 ${revision.finalScore ?? ''}，课程已发布`
            : revision.status === 'returned'
              ? `评审完成：综合得分 ${revision.finalScore ?? ''}，未达通过线，已退回作者`
              : '已提交评分，等待其他评审员';
        this.setData({ open: false, outcome, reviews: reviewRows(revision) });
        toast('评分已提交');
      } catch (error) {
        this.setData({ error: failureOf(error, 'review', '提交失败，请稍后重试').message });
      } finally {
        this.setData({ busy: false });
      }
    },
  },
});
