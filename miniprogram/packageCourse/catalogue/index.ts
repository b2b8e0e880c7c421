/**
 * 课程目录: published courses for the learner, filtered by category, format and series, searched by title or
 * tag, page by page. Opened from the 学习 home (optionally with ?keyword=, ?category= or ?seriesId=).
 */
import type { CourseCategory, CourseFormat } from '../../../typings/domain';
import { toCourseCard } from '../../components/course-card/view';
import { listCourses, listSeries, type CourseFilters, type CourseListItem } from '../../services/course';
import { failureOf } from '../../utils/failure';
import { COURSE_CATEGORY_LABELS, COURSE_FORMAT_LABELS } from '../../utils/labels';
import { definePagedListPage } from '../../utils/paged-list';
import { toast } from '../../utils/ui';

interface Option<V extends string> {
  /** '' for "all". */
  value: V | '';
  label: string;
}

function optionsOf<V extends string>(labels: Record<V, string>, all: string): Option<V>[] {
  return [{ value: '', label: all }, ...(Object.keys(labels) as V[]).map((value) => ({ value, label: labels[value] }))];
}

const CATEGORY_OPTIONS = optionsOf<CourseCategory>(COURSE_CATEGORY_LABELS, '全部分类');
const FORMAT_OPTIONS = optionsOf<CourseFormat>(COURSE_FORMAT_LABELS, '全部形式');
/** The series picker lists at most this many (the server's page maximum). */
const SERIES_PICKER_SIZE = 50;

/** The filters shown; '' for "all". */
interface Filters {
  keyword: string;
  category: CourseCategory | '';
  format: CourseFormat | '';
  seriesId: string;
}

const isCategory = (value: string): value is CourseCategory | '' => CATEGORY_OPTIONS.some((option) => option.value === value);
const isFormat = (value: string): value is CourseFormat | '' => FORMAT_OPTIONS.some((option) => option.value === value);

function filtersOf({ keyword: typed, category, format, seriesId }: Filters): CourseFilters {
  const keyword = typed.trim();
  return {
    ...(keyword ? { keyword } : {}),
    ...(category ? { category } : {}),
    ...(format ? { format } : {}),
    ...(seriesId ? { seriesId } : {}),
  };
}

type InputEvent = WechatMiniprogram.CustomEvent<{ value: string }>;
/** components/picker-field's change: the chosen option's value ('' for all). */
type PickEvent = WechatMiniprogram.CustomEvent<{ value: string }>;

definePagedListPage({
  /** The filters as they are now, so "load more" continues the same search. */
  fetchPage(page, pageSize) {
    return listCourses(page, pageSize, filtersOf(this.data));
  },
  toView: (course: CourseListItem) => toCourseCard(course),
  data: {
    keyword: '',
    categoryOptions: CATEGORY_OPTIONS,
    category: '' as CourseCategory | '',
    formatOptions: FORMAT_OPTIONS,
    format: '' as CourseFormat | '',
    seriesOptions: [{ value: '', label: '全部系列' }] as Option<string>[],
    seriesId: '',
  },
  methods: {
    onLoad(query: Record<string, string | undefined> = {}) {
      const category = query.category !== undefined && isCategory(query.category) ? query.category : '';
      const seriesId = query.seriesId ?? '';
      this.setData({
        keyword: query.keyword ? decodeURIComponent(query.keyword) : '',
        category,
        // The series named in the link is selected before the picker's names arrive.
        ...(seriesId
          ? {
              seriesOptions: [
                { value: '', label: '全部系列' },
                { value: seriesId, label: '当前系列' },
              ],
              seriesId,
            }
          : {}),
      });
      return Promise.all([this.loadSeries(seriesId), this.reload()]).then(() => undefined);
    },
    async loadSeries(selectedId: string) {
      try {
        const page = await listSeries(1, SERIES_PICKER_SIZE);
        const seriesOptions: Option<string>[] = [{ value: '', label: '全部系列' }, ...page.items.map((series) => ({ value: series.id, label: series.title }))];
        const selected = this.data.seriesId || selectedId;
        // A series no longer listed falls back to all series.
        this.setData({ seriesOptions, seriesId: seriesOptions.some((option) => option.value === selected) ? selected : '' });
      } catch (error) {
        toast(failureOf(error, 'catalogue').message);
      }
    },
    onKeywordInput(event: InputEvent) {
      this.setData({ keyword: event.detail.value });
    },
    onSearch() {
      return this.reloadWith({});
    },
    onCategoryChange(event: PickEvent) {
      return isCategory(event.detail.value) ? this.reloadWith({ category: event.detail.value }) : Promise.resolve();
    },
    onFormatChange(event: PickEvent) {
      return isFormat(event.detail.value) ? this.reloadWith({ format: event.detail.value }) : Promise.resolve();
    },
    onSeriesChange(event: PickEvent) {
      return this.reloadWith({ seriesId: event.detail.value });
    },
  },
});
