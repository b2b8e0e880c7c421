/**
 * 课程编辑 (trainers): every field of a course – title, summary, cover, category, format, audiences,
 * duration, tags – the article's blocks (heading, paragraph, picture: add, move, delete), the format's media
 * (video, audio, narration, H5 link) uploaded to cloud storage, and the quiz (questions, options, correct
 * answers, pass mark, attempts, required), and take-away files (components/takeaway-files). Saves the draft and submits it for review. A returned revision
 * shows the reviewers' notes; a revision in review is read-only. Pictures (cover, article images) show as
 * previews through their temporary URLs. A published course can be taken down (归档, learners keep their
 * progress) and put back, each after a confirmation.
 */
import type { ContentBlock, CourseStatus } from '../../../typings/domain';
import { archiveCourse, createCourse, getDraft, saveDraft, submitForReview, unarchiveCourse, type Revision } from '../../services/authoring';
import { failureOf } from '../../utils/failure';
import { COURSE_STATUS_LABELS, REVISION_STATUS_LABELS } from '../../utils/labels';
import { indexedOptions } from '../../utils/form';
import { definePage } from '../../utils/page';
import { pictureUrls } from '../../utils/pictures';
import { confirmModal, pickedIndex, toast, type ConfirmOptions } from '../../utils/ui';
import {
  CATEGORY_CHOICES,
  checkedAudiences,
  FORMAT_CHOICES,
  QUESTION_KIND_CHOICES,
  courseFormOf,
  emptyCourseForm,
  fieldsOfForm,
  moved,
  newOption,
  newQuestion,
  removed,
  toggleCorrect,
  withKind,
  type CourseForm,
  type QuestionForm,
} from '../shared/course-form';
import { datasetIndex, type DataEvent, type InputEvent, type PickEvent, type SwitchEvent } from '../../utils/events';
import { chooseAndUploadOne, fileLabel, type MediaKind } from '../../services/media';
import { AUTHORING_LIMITS } from '../../utils/limits';

type LoadStatus = 'loading' | 'ready' | 'error';

interface NoteView {
  key: string;
  reviewer: string;
  score: string;
  notes: string;
}

interface RevisionInfo {
  label: string;
  /** In review: nothing can be changed until the reviewers decide. */
  locked: boolean;
  returned: boolean;
  notes: NoteView[];
  decision: string;
}

function revisionInfo(revision: Revision): RevisionInfo {
  const returned = revision.status === 'returned';
  const threshold = revision.rubric ? `（通过线 ${revision.rubric.threshold}）` : '';
  return {
    label: `第 ${revision.revision} 版 · ${REVISION_STATUS_LABELS[revision.status]}`,
    locked: revision.status === 'in_review',
    returned,
    notes: returned
      ? revision.reviews.map((review) => ({
          key: review.reviewerId,
          reviewer: review.reviewerName,
          score: review.average === null ? '未评分' : `${review.average} 分`,
          notes: review.notes || '（无文字意见）',
        }))
      : [],
    decision: returned && revision.finalScore !== null ? `综合得分 ${revision.finalScore}${threshold}` : '',
  };
}

/** What learners see of the course, and whether it can be taken down or put back (only once published). */
interface ShelfInfo {
  label: string;
  archivable: boolean;
  archived: boolean;
}

function shelfInfo(courseStatus: CourseStatus): ShelfInfo {
  const archived = courseStatus === 'archived';
  return { label: COURSE_STATUS_LABELS[courseStatus], archivable: archived || courseStatus === 'published', archived };
}

/** The confirmation before taking a course down or putting it back. */
const SHELF_CONFIRM: Record<'archive' | 'unarchive', ConfirmOptions> = {
  archive: { title: '下架课程', content: '下架后学员将看不到这门课程，已有的学习记录会保留，之后可重新上架。', confirmText: '下架', danger: true },
  unarchive: { title: '重新上架', content: '重新上架后，适用人群内的学员可以再次看到并学习这门课程。', confirmText: '上架' },
};

/** The cloud fileIDs of the pictures the form shows: the cover and the article's images. */
function pictureIds(form: Pick<CourseForm, 'cover' | 'blocks'>): string[] {
  const ids = form.blocks.flatMap((block) => (block.type === 'image' ? [block.fileID] : []));
  return form.cover ? [form.cover, ...ids] : ids;
}

const NEW_COURSE: RevisionInfo = { label: '新课程 · 未保存', locked: false, returned: false, notes: [], decision: '' };

/** Which media upload each button starts, and the form field it fills. */
const MEDIA_TARGETS: Record<string, { kind: MediaKind; field: 'cover' | 'mediaFileID' | 'narrationFileID' }> = {
  cover: { kind: 'image', field: 'cover' },
  video: { kind: 'video', field: 'mediaFileID' },
  audio: { kind: 'audio', field: 'mediaFileID' },
  narration: { kind: 'audio', field: 'narrationFileID' },
};

type QuestionEvent = DataEvent<{ question?: number; option?: number; offset?: number }>;
type BlockEvent = DataEvent<{ index?: number; offset?: number; type?: string }>;

definePage({
  data: {
    limits: AUTHORING_LIMITS,
    status: 'loading' as LoadStatus,
    message: '',
    courseId: '',
    baseUpdatedAt: '',
    revision: NEW_COURSE,
    shelf: shelfInfo('draft'),
    form: emptyCourseForm(),
    /** The audiences chosen, as components/chips takes them. */
    audienceValues: [] as string[],
    format: FORMAT_CHOICES[0]?.value ?? 'article',
    categoryOptions: indexedOptions(CATEGORY_CHOICES, (choice) => choice.label),
    formatOptions: indexedOptions(FORMAT_CHOICES, (choice) => choice.label),
    kindOptions: indexedOptions(QUESTION_KIND_CHOICES, (choice) => choice.label),
    /** File names of the uploaded media (audio, video), for the author to recognise. */
    files: { mediaFileID: '', narrationFileID: '' },
    /** Picture fileID → displayable URL; a picture missing here shows a placeholder. */
    previews: {} as Record<string, string>,
    uploading: '',
    busy: false,
    error: '',
  },
  methods: {
    onLoad(query?: Record<string, string | undefined>) {
      const courseId = query?.courseId ?? '';
      if (!courseId) {
        this.setData({ status: 'ready' });
        return Promise.resolve();
      }
      this.setData({ courseId });
      return this.load();
    },
    async load() {
      this.setData({ status: 'loading', message: '' });
      try {
        this.show(await getDraft(this.data.courseId));
        this.setData({ status: 'ready' });
      } catch (error) {
        this.setData({ status: 'error', message: failureOf(error, 'editor').message });
      }
    },
    onRetry() {
      return this.load();
    },
    show(revision: Revision) {
      const form = courseFormOf(revision.fields);
      this.setData({
        courseId: revision.courseId,
        baseUpdatedAt: revision.updatedAt,
        revision: revisionInfo(revision),
        shelf: shelfInfo(revision.courseStatus),
        form,
        audienceValues: checkedAudiences(form.audiences),
        format: revision.fields.format,
        files: { mediaFileID: fileLabel(form.mediaFileID), narrationFileID: fileLabel(form.narrationFileID) },
      });
      // Not awaited: the form is usable while the pictures resolve.
      void this.preview(pictureIds(form));
    },
    /** Resolves the pictures not previewed yet; a picture is decoration, so this never fails the page. */
    async preview(fileIDs: string[]) {
      const missing = fileIDs.filter((fileID) => !(fileID in this.data.previews));
      if (missing.length === 0) return;
      const urls = await pictureUrls(missing);
      this.setData({ previews: { ...this.data.previews, ...urls } });
    },
    /** Every text input names the form field it edits in data-path (e.g. form.quiz.questions[0].prompt). */
    onInput(event: InputEvent) {
      const path = (event.currentTarget.dataset as { path?: string }).path;
      if (path?.startsWith('form.')) this.setData({ [path]: event.detail.value, error: '' });
    },
    onSwitch(event: SwitchEvent) {
      const path = (event.currentTarget.dataset as { path?: string }).path;
      if (path?.startsWith('form.')) this.setData({ [path]: event.detail.value });
    },
    onCategoryPick(event: PickEvent) {
      this.setData({ 'form.categoryIndex': pickedIndex(event) });
    },
    onFormatPick(event: PickEvent) {
      const formatIndex = pickedIndex(event);
      this.setData({ 'form.formatIndex': formatIndex, format: FORMAT_CHOICES[formatIndex]?.value ?? 'article' });
    },
    /** components/chips (multiple): every audience chosen. */
    onAudiences(event: WechatMiniprogram.CustomEvent<{ values?: string[] }>) {
      const values = event.detail.values ?? [];
      this.setData({
        'form.audiences': this.data.form.audiences.map((flag) => ({ ...flag, checked: values.includes(flag.value) })),
        audienceValues: values,
      });
    },

    // Content blocks (图文).
    setBlocks(blocks: ContentBlock[]) {
      this.setData({ 'form.blocks': blocks, error: '' });
    },
    onAddBlock(event: BlockEvent) {
      const type = event.currentTarget.dataset.type === 'heading' ? 'heading' : 'paragraph';
      this.setBlocks([...this.data.form.blocks, { type, text: '' }]);
    },
    async onAddImage() {
      const uploaded = await this.upload('image');
      if (!uploaded) return;
      this.setBlocks([...this.data.form.blocks, { type: 'image', fileID: uploaded.fileID }]);
      await this.preview([uploaded.fileID]);
    },
    onMoveBlock(event: BlockEvent) {
      const { index, offset } = event.currentTarget.dataset;
      this.setBlocks(moved(this.data.form.blocks, datasetIndex(index), Number(offset)));
    },
    onRemoveBlock(event: BlockEvent) {
      this.setBlocks(removed(this.data.form.blocks, datasetIndex(event.currentTarget.dataset.index)));
    },

    // Cover and media files.
    async upload(kind: MediaKind) {
      if (this.data.uploading) return null;
      this.setData({ uploading: kind === 'image' ? '正在上传图片…' : '正在上传文件…' });
      try {
        return await chooseAndUploadOne('course-media', kind);
      } catch (error) {
        toast(failureOf(error, 'editor', '上传失败，请稍后重试').message);
        return null;
      } finally {
        this.setData({ uploading: '' });
      }
    },
    async onUploadMedia(event: DataEvent<{ target?: string }>) {
      const target = MEDIA_TARGETS[event.currentTarget.dataset.target ?? ''];
      if (!target) return;
      const uploaded = await this.upload(target.kind);
      if (!uploaded) return;
      this.setData({
        [`form.${target.field}`]: uploaded.fileID,
        ...(target.field === 'cover' ? {} : { [`files.${target.field}`]: uploaded.name }),
        ...(uploaded.seconds ? { 'form.mediaSeconds': String(uploaded.seconds) } : {}),
      });
      if (target.field === 'cover') await this.preview([uploaded.fileID]);
    },
    onClearCover() {
      this.setData({ 'form.cover': '' });
    },
    onFilesChange(event: WechatMiniprogram.CustomEvent<{ files: CourseForm['files'] }>) {
      this.setData({ 'form.files': event.detail.files });
    },

    // Quiz (测验).
    setQuestions(questions: QuestionForm[]) {
      this.setData({ 'form.quiz.questions': questions, error: '' });
    },
    updateQuestion(event: QuestionEvent, change: (question: QuestionForm, option: number) => QuestionForm) {
      const index = datasetIndex(event.currentTarget.dataset.question);
      const question = this.data.form.quiz.questions[index];
      if (!question) return;
      this.setData({ [`form.quiz.questions[${index}]`]: change(question, datasetIndex(event.currentTarget.dataset.option)), error: '' });
    },
    onAddQuestion() {
      const { questions } = this.data.form.quiz;
      this.setQuestions([...questions, newQuestion(questions)]);
    },
    onRemoveQuestion(event: QuestionEvent) {
      this.setQuestions(removed(this.data.form.quiz.questions, datasetIndex(event.currentTarget.dataset.question)));
    },
    onMoveQuestion(event: QuestionEvent) {
      const { question, offset } = event.currentTarget.dataset;
      this.setQuestions(moved(this.data.form.quiz.questions, datasetIndex(question), Number(offset)));
    },
    onKindPick(event: PickEvent) {
      const kindIndex = pickedIndex(event);
      this.updateQuestion(event as unknown as QuestionEvent, (question: QuestionForm) => withKind(question, kindIndex));
    },
    onAddOption(event: QuestionEvent) {
      this.updateQuestion(event, (question: QuestionForm) => ({ ...question, options: [...question.options, newOption(question.options)] }));
    },
    onRemoveOption(event: QuestionEvent) {
      this.updateQuestion(event, (question: QuestionForm, option: number) => ({ ...question, options: removed(question.options, option) }));
    },
    onToggleCorrect(event: QuestionEvent) {
      this.updateQuestion(event, toggleCorrect);
    },

    // Saving and review.
    /** Saves the form; resolves true when the server took it. */
    async save(): Promise<boolean> {
      const checked = fieldsOfForm(this.data.form as CourseForm);
      if (!checked.ok) {
        this.setData({ error: checked.error });
        return false;
      }
      const { courseId, baseUpdatedAt } = this.data;
      try {
        this.show(courseId ? await saveDraft(courseId, checked.fields, baseUpdatedAt) : await createCourse(checked.fields));
        return true;
      } catch (error) {
        const failure = failureOf(error, 'editor', '保存失败，请稍后重试');
        this.setData({ error: failure.code === 'CONFLICT' ? '课程已在别处修改，请返回后重新打开再编辑' : failure.message });
        return false;
      }
    },
    async onSave() {
      if (this.data.busy || this.data.revision.locked) return;
      this.setData({ busy: true, error: '' });
      const saved = await this.save();
      this.setData({ busy: false });
      if (saved) toast('已保存');
    },
    async onSubmit() {
      if (this.data.busy || this.data.revision.locked) return;
      this.setData({ busy: true, error: '' });
      try {
        if (!(await this.save())) return;
        this.show(await submitForReview(this.data.courseId));
        toast('已提交审核');
      } catch (error) {
        this.setData({ error: failureOf(error, 'editor', '提交失败，请稍后重试').message });
      } finally {
        this.setData({ busy: false });
      }
    },

    // Taking the published course down (下架) and putting it back.
    async onToggleShelf() {
      const { courseId, shelf } = this.data;
      if (this.data.busy || !courseId || !shelf.archivable) return;
      const which = shelf.archived ? 'unarchive' : 'archive';
      if (!(await confirmModal(SHELF_CONFIRM[which]))) return;
      this.setData({ busy: true });
      try {
        const course = await (which === 'archive' ? archiveCourse(courseId) : unarchiveCourse(courseId));
        this.setData({ shelf: shelfInfo(course.courseStatus) });
        toast(which === 'archive' ? '课程已下架' : '课程已重新上架');
      } catch (error) {
        toast(failureOf(error, 'editor', '操作失败，请稍后重试').message);
      } finally {
        this.setData({ busy: false });
      }
    },
  },
});
