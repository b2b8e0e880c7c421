/**
 * 系列课程: a series' courses in order, each with its progress; in a step-by-step series the courses not yet
 * open are shown with a lock (tapping one says why instead of opening it).
 */
import { toCourseCard, type CourseCardView } from '../../components/course-card/view';
import { getSeries, type SeriesDetail } from '../../services/course';
import { defineLoadedPage } from '../../utils/loaded-page';
import { enterThroughShare, shareData, shareMethods } from '../../utils/share';
import { toast } from '../../utils/ui';

function toCards(series: SeriesDetail): CourseCardView[] {
  return series.courses.map((course) =>
    toCourseCard(course, {
      percent: course.locked ? null : course.percent,
      badge: course.completed ? '已完成' : course.locked ? '未解锁' : '',
      locked: course.locked,
    }),
  );
}

defineLoadedPage({
  where: 'series',
  data: {
    seriesId: '',
    title: '',
    summary: '',
    progress: '',
    stepUnlock: false,
    courses: [] as CourseCardView[],
    ...shareData(),
  },
  fetch() {
    return getSeries(this.data.seriesId);
  },
  show: (series: SeriesDetail) => ({
    title: series.title,
    summary: series.summary,
    progress: `共 ${series.courseCount} 课 · 已完成 ${series.completedCount} 课`,
    stepUnlock: series.stepUnlock,
    courses: toCards(series),
    shareTarget: { kind: 'series' as const, id: series.id, title: series.title, imageUrl: series.coverUrl ?? '' },
  }),
  afterShow(series) {
    wx.setNavigationBarTitle({ title: series.title });
  },
  methods: {
    ...shareMethods,
    async onLoad(query: Record<string, string | undefined> = {}) {
      this.setData({ seriesId: query.id ?? '' });
      // Entered through a share: the open is recorded first; an outsider is sent to 仅限员工 instead.
      if (!(await enterThroughShare(query))) return;
      await this.load();
    },
    onShow() {
      // Back from a course: a completion may have opened the next step.
      if (this.data.status === 'ready') void this.load();
    },
    onLocked() {
      toast('完成上一课后解锁');
    },
  },
});
