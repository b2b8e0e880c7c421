/**
 * 系列课程: a series' courses in order, each with its progress; in a step-by-step series the courses not yet
 * open are shown with a lock (tapping one says why instead of opening it).
 */
import { toCourseCard, type CourseCardView } from '../../components/course-card/view';
import { leaveForBinding } from '../../services/gate';
import { getSeries, type SeriesDetail } from '../../services/course';
import { failedLoad } from '../../utils/failure';
import { definePage } from '../../utils/page';
import type { ListStatus } from '../../utils/paged-list';
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

definePage({
  data: {
    status: 'loading' as ListStatus,
    message: '',
    seriesId: '',
    title: '',
    summary: '',
    progress: '',
    stepUnlock: false,
    courses: [] as CourseCardView[],
    ...shareData(),
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
    async load() {
      if (this.data.status !== 'ready') this.setData({ status: 'loading', message: '' });
      try {
        const series = await getSeries(this.data.seriesId);
        wx.setNavigationBarTitle({ title: series.title });
        this.setData({
          status: 'ready',
          title: series.title,
          summary: series.summary,
          progress: `共 ${series.courseCount} 课 · 已完成 ${series.completedCount} 课`,
          stepUnlock: series.stepUnlock,
          courses: toCards(series),
          shareTarget: { kind: 'series', id: series.id, title: series.title, imageUrl: series.coverUrl ?? '' },
        });
      } catch (error) {
        this.setData(failedLoad(error, 'series'));
      }
    },
    onLocked() {
      toast('完成上一课后解锁');
    },
    onRetry() {
      return this.load();
    },
    onBind() {
      leaveForBinding('not-member');
    },
  },
});
