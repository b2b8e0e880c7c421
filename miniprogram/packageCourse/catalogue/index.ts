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
import { pickedIndex, toast } from '../../utils/ui';

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

interface Filters {
  keyword: string;
  categoryIndex: number;
  formatIndex: number;
  seriesOptions: Option<string>[];
  seriesIndex: number;
}

function filtersOf(filters: Filters): CourseFilters {
  const keyword = filters.keyword.trim();
  const category = CATEGORY_OPTIONS[filters.categoryIndex]?.value ?? '';
  const format = FORMAT_OPTIONS[filters.formatIndex]?.value ?? '';
  const seriesId = filters.seriesOptions[filters.seriesIndex]?.value ?? '';
  return {
    ...(keyword ? { keyword } : {}),
    ...(category ? { category } : {}),
    ...(format ? { format } : {}),
    ...(seriesId ? { seriesId } : {}),
  };
}

type InputEvent = WechatMiniprogram.CustomEvent<{ value: string }>;
type PickEvent = WechatMiniprogram.CustomEvent<{ value: string | number }>;

definePagedListPage({
  /** The filters as they are now, so "load more" continues the same search. */
  fetchPage(page, pageSize) {
    return listCourses(page, pageSize, filtersOf(this.data));
  },
  toView: (course: CourseListItem) => toCourseCard(course),
  data: {
    keyword: '',
    categoryOptions: CATEGORY_OPTIONS,
    categoryIndex: 0,
    formatOptions: FORMAT_OPTIONS,
    formatIndex: 0,
    seriesOptions: [{ value: '', label: '全部系列' }] as Option<string>[],
    seriesIndex: 0,
  },
  methods: {
    onLoad(query: Record<string, string | undefined> = {}) {
      const categoryIndex = Math.max(
        0,
        CATEGORY_OPTIONS.findIndex((option) => option.value === query.category),
      );
      const seriesId = query.seriesId ?? '';
      this.setData({
        keyword: query.keyword ? decodeURIComponent(query.keyword) : '',
        categoryIndex,
        // The series named in the link is selected before the picker's names arrive.
        ...(seriesId
          ? {
              seriesOptions: [
                { value: '', label: '全部系列' },
                { value: seriesId, label: '当前系列' },
              ],
              seriesIndex: 1,
            }
          : {}),
      });
      return Promise.all([this.loadSeries(seriesId), this.reload()]).then(() => undefined);
    },
    async loadSeries(selectedId: string) {
      try {
        const page = await listSeries(1, SERIES_PICKER_SIZE);
        const seriesOptions: Option<string>[] = [{ value: '', label: '全部系列' }, ...page.items.map((series) => ({ value: series.id, label: series.title }))];
        const selected = this.data.seriesOptions[this.data.seriesIndex]?.value || selectedId;
        this.setData({
          seriesOptions,
          seriesIndex: Math.max(
            0,
            seriesOptions.findIndex((option) => option.value === selected),
          ),
        });
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
      return this.reloadWith({ categoryIndex: pickedIndex(event) });
    },
    onFormatChange(event: PickEvent) {
      return this.reloadWith({ formatIndex: pickedIndex(event) });
    },
    onSeriesChange(event: PickEvent) {
      return this.reloadWith({ seriesIndex: pickedIndex(event) });
    },
  },
});
