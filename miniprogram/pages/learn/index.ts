/**
 * 学习 tab, the home: 必修 (required, overdue first and marked), 继续学习, 为你推荐, 系列课程, from one
 * `course.home` call; a search box and 全部课程 lead to the catalogue (packageCourse).
 */
import type { RequiredItem, SeriesSummary } from '../../../typings/functions/course';
import { catalogueUrl, courseUrl, MY_LEARNING_URL, seriesUrl, toCourseCard, type CourseCardView } from '../../components/course-card/view';
import { getHome, type HomeView } from '../../services/course';
import { defineLoadedPage } from '../../utils/loaded-page';
import { DONE_THEME, LATE_THEME, OPEN_THEME, type TagTheme } from '../../utils/status-themes';

interface RequiredView {
  key: string;
  url: string;
  title: string;
  kind: string;
  due: string;
  overdue: boolean;
  completed: boolean;
  /** 已完成 / 已逾期 / 进行中, with its tag colour. */
  state: string;
  stateTheme: TagTheme;
  percent: number;
  /** 已学 40% (a course) or 已完成 40% of the series' courses. */
  progress: string;
}

interface SeriesView {
  id: string;
  url: string;
  title: string;
  summary: string;
  coverUrl: string;
  progress: string;
}

function toRequiredView(item: RequiredItem): RequiredView {
  const overdue = item.overdue && !item.completed;
  const percent = item.completed ? 100 : Math.max(0, Math.min(100, Math.round(item.percent)));
  return {
    key: item.assignmentId,
    url: item.kind === 'course' ? courseUrl(item.targetId) : seriesUrl(item.targetId),
    title: item.title,
    kind: item.kind === 'course' ? '课程' : '系列',
    due: `截止 ${item.dueDay}`,
    overdue,
    completed: item.completed,
    state: item.completed ? '已完成' : overdue ? '已逾期' : '进行中',
    stateTheme: item.completed ? DONE_THEME : overdue ? LATE_THEME : OPEN_THEME,
    percent,
    progress: `${item.kind === 'course' ? '已学' : '已完成'} ${percent}%`,
  };
}

function toSeriesView(series: SeriesSummary): SeriesView {
  return {
    id: series.id,
    url: seriesUrl(series.id),
    title: series.title,
    summary: series.summary,
    coverUrl: series.coverUrl ?? '',
    progress: `已完成 ${series.completedCount}/${series.courseCount} 课${series.stepUnlock ? ' · 逐级解锁' : ''}`,
  };
}

interface HomeSections {
  required: RequiredView[];
  continueLearning: CourseCardView[];
  recommended: CourseCardView[];
  series: SeriesView[];
}

function toSections(home: HomeView): HomeSections {
  return {
    required: home.required.map(toRequiredView),
    continueLearning: home.continueLearning.map((course) => toCourseCard(course, { percent: course.percent })),
    recommended: home.recommended.map((course) => toCourseCard(course)),
    series: home.series.map(toSeriesView),
  };
}

type UrlTap = WechatMiniprogram.BaseEvent<{}, { url?: string }>;
type InputEvent = WechatMiniprogram.CustomEvent<{ value: string }>;

defineLoadedPage<HomeView, HomeSections & { keyword: string }>({
  where: 'learn',
  data: { keyword: '', required: [], continueLearning: [], recommended: [], series: [] },
  fetch: getHome,
  show: toSections,
  isEmpty: (home) => [home.required, home.continueLearning, home.recommended, home.series].every((list) => list.length === 0),
  methods: {
    onKeywordInput(event: InputEvent) {
      this.setData({ keyword: event.detail.value });
    },
    onSearch() {
      wx.navigateTo({ url: catalogueUrl(this.data.keyword) });
    },
    onOpen(event: UrlTap) {
      const { url } = event.currentTarget.dataset;
      if (url) wx.navigateTo({ url });
    },
    onCatalogue() {
      wx.navigateTo({ url: catalogueUrl() });
    },
    onMyLearning() {
      wx.navigateTo({ url: MY_LEARNING_URL });
    },
  },
});
