/**
 * 系列课 (trainers): the series, and in a sheet the series editor – title, summary, audiences, step-by-step
 * unlocking, and the ordered courses (add from my published courses, move up and down, remove). A series
 * can be assigned as 必修.
 */
import { createSeries, listSeries, updateSeries, type Series } from '../../services/authoring';
import { failureOf } from '../../utils/failure';
import { AUDIENCE_LABELS } from '../../utils/labels';
import { definePagedListPage } from '../../utils/paged-list';
import { toast } from '../../utils/ui';
import type { Audience } from '../../../typings/domain';
import { AUDIENCE_CHOICES, LIMITS, moved, removed } from '../shared/course-form';
import { datasetIndex, type DataEvent, type InputEvent, type SwitchEvent } from '../../utils/events';
import { publishedCoursesPage, type PickItem } from '../shared/pickers';
import { assignmentFormUrl } from '../shared/routes';
import { AUTHORING_LIMITS } from '../../utils/limits';

interface SeriesView {
  seriesId: string;
  title: string;
  meta: string;
  archived: boolean;
}

function toSeriesView(series: Series): SeriesView {
  const audiences = series.audiences.length === 0 ? '所有人' : series.audiences.map((audience) => AUDIENCE_LABELS[audience]).join('、');
  return {
    seriesId: series.seriesId,
    title: series.title,
    meta: `${series.courses.length} 门课程 · ${series.stepUnlock ? '逐级解锁' : '自由学习'} · ${audiences}`,
    archived: series.status === 'archived',
  };
}

interface SeriesForm {
  /** '' for a new series. */
  seriesId: string;
  title: string;
  summary: string;
  cover: string | null;
  stepUnlock: boolean;
  audiences: Audience[];
  courses: PickItem[];
}

function formOf(series: Series | null): SeriesForm {
  return {
    seriesId: series?.seriesId ?? '',
    title: series?.title ?? '',
    summary: series?.summary ?? '',
    cover: series?.cover ?? null,
    stepUnlock: series?.stepUnlock ?? false,
    audiences: [...(series?.audiences ?? [])],
    courses: (series?.courses ?? []).map((course) => ({ id: course.courseId, title: course.title })),
  };
}

type IndexEvent = DataEvent<{ index?: number; offset?: number; seriesId?: string; id?: string }>;

definePagedListPage({
  /** Keeps every series loaded so far by id, so a tap opens it in the editor. */
  async fetchPage(page, pageSize) {
    const result = await listSeries(page, pageSize);
    const loaded: Record<string, Series> = page === 1 ? {} : { ...this.data.loaded };
    for (const series of result.items) loaded[series.seriesId] = series;
    this.setData({ loaded });
    return result;
  },
  toView: toSeriesView,
  data: {
    limits: AUTHORING_LIMITS,
    audienceOptions: AUDIENCE_CHOICES,
    /** The series as loaded, to open them in the editor. */
    loaded: {} as Record<string, Series>,
    form: null as SeriesForm | null,
    choices: [] as PickItem[],
    choicesPage: 0,
    choicesMore: false,
    choosing: false,
    busy: false,
    error: '',
  },
  methods: {
    onNew() {
      this.setData({ form: formOf(null), error: '', choosing: false });
    },
    onSeriesTap(event: IndexEvent) {
      const series = this.data.loaded[event.currentTarget.dataset.seriesId ?? ''];
      if (series) this.setData({ form: formOf(series), error: '', choosing: false });
    },
    onAssign(event: IndexEvent) {
      const series = this.data.loaded[event.currentTarget.dataset.seriesId ?? ''];
      if (series) wx.navigateTo({ url: assignmentFormUrl('series', series.seriesId, series.title) });
    },
    onClose() {
      this.setData({ form: null, choosing: false });
    },
    onInput(event: InputEvent) {
      const path = (event.currentTarget.dataset as { path?: string }).path;
      if (path === 'form.title' || path === 'form.summary') this.setData({ [path]: event.detail.value, error: '' });
    },
    onStepUnlock(event: SwitchEvent) {
      this.setData({ 'form.stepUnlock': event.detail.value });
    },
    /** components/chips (multiple): every audience chosen. */
    onAudiences(event: WechatMiniprogram.CustomEvent<{ values?: Audience[] }>) {
      if (this.data.form) this.setData({ 'form.audiences': event.detail.values ?? [] });
    },
    onMoveCourse(event: IndexEvent) {
      const { index, offset } = event.currentTarget.dataset;
      if (this.data.form) this.setData({ 'form.courses': moved(this.data.form.courses, datasetIndex(index), Number(offset)) });
    },
    onRemoveCourse(event: IndexEvent) {
      if (this.data.form) this.setData({ 'form.courses': removed(this.data.form.courses, datasetIndex(event.currentTarget.dataset.index)) });
    },
    async loadChoices(page: number) {
      try {
        const result = await publishedCoursesPage(page);
        this.setData({ choices: page === 1 ? result.items : this.data.choices.concat(result.items), choicesPage: page, choicesMore: result.hasMore });
      } catch (error) {
        toast(failureOf(error, 'series').message);
      }
    },
    onChooseCourses() {
      this.setData({ choosing: true });
      return this.loadChoices(1);
    },
    onMoreChoices() {
      return this.loadChoices(this.data.choicesPage + 1);
    },
    onPickCourse(event: IndexEvent) {
      const { form } = this.data;
      const choice = this.data.choices.find((item) => item.id === event.currentTarget.dataset.id);
      if (!form || !choice) return;
      if (form.courses.some((course) => course.id === choice.id)) {
        toast('该课程已在系列中');
        return;
      }
      this.setData({ 'form.courses': [...form.courses, choice], choosing: false, error: '' });
    },
    async onSave() {
      const { form, busy } = this.data;
      if (!form || busy) return;
      const title = form.title.trim();
      let error = '';
      if (title === '') error = '请填写系列名称';
      else if (title.length > LIMITS.title) error = `名称最多 ${LIMITS.title} 个字`;
      else if (form.summary.trim().length > LIMITS.summary) error = `简介最多 ${LIMITS.summary} 个字`;
      else if (form.courses.length === 0) error = '系列至少包含一门课程';
      else if (form.courses.length > LIMITS.seriesCourses) error = `系列最多 ${LIMITS.seriesCourses} 门课程`;
      if (error) {
        this.setData({ error });
        return;
      }
      const fields = {
        title,
        summary: form.summary.trim(),
        cover: form.cover,
        courseIds: form.courses.map((course) => course.id),
        stepUnlock: form.stepUnlock,
        audiences: form.audiences,
      };
      this.setData({ busy: true, error: '' });
      try {
        if (form.seriesId) await updateSeries({ seriesId: form.seriesId, ...fields });
        else await createSeries(fields);
        this.setData({ busy: false, form: null });
        toast('已保存');
        await this.reload();
      } catch (failure) {
        this.setData({ busy: false, error: failureOf(failure, 'series', '保存失败，请稍后重试').message });
      }
    },
  },
});
